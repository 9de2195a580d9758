import createClient, { type Middleware } from 'openapi-fetch';
import type { FormInstance } from 'antd';
import type { paths } from './schema';

export interface Problem {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

/** An API refusal, carrying the server's Chinese `detail` and field errors. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string) => (csrfToken = t);

const csrf: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD'].includes(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    // The session ended (idle timeout, sign-out elsewhere, roles changed): send the user to sign in.
    if (response.status === 401 && !response.url.includes('/auth/')) window.dispatchEvent(new Event('gk:signed-out'));
    return response;
  },
};

/** The typed API client; types come from the committed OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** Awaits an openapi-fetch call and returns its data, or throws ApiError with the problem body. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await p;
  if (!r.response.ok) {
    const e = (r.error ?? {}) as Partial<Problem>;
    throw new ApiError({ status: r.response.status, code: e.code ?? 'ERROR', detail: e.detail ?? `请求失败（${r.response.status}）`, requestId: e.requestId, errors: e.errors });
  }
  return r.data as T;
}

/** Puts field errors from the server beside the form's fields; returns the general message. */
export function applyProblem(form: FormInstance | undefined, err: unknown): string {
  if (!(err instanceof ApiError)) return '网络异常，请稍后再试。';
  if (form && err.problem.errors?.length) {
    form.setFields(err.problem.errors.map((fe) => ({ name: fe.field.replace(/^body\./, '').split('.'), errors: [fe.message] })));
  }
  return err.problem.detail;
}
