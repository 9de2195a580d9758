import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldError } from './errors.js';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
};

const TITLE: Record<number, string> = {
  400: '请求有误',
  401: '未登录',
  403: '无权操作',
  404: '未找到',
  405: '方法不允许',
  409: '状态冲突',
  410: '已撤回',
  413: '内容过大',
  415: '不支持的内容类型',
  422: '无法处理',
  423: '账号已锁定',
  429: '请求过于频繁',
  500: '服务器内部错误',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: FieldError[];
}

export function problem(status: number, code: string, detail: string, requestId: string, errors?: FieldError[]): Problem {
  return { type: 'about:blank', title: TITLE[status] ?? '错误', status, code, detail, requestId, ...(errors ? { errors } : {}) };
}

/** Maps any thrown error to a status and an RFC 9457 body with a Chinese detail. */
export function toProblem(err: unknown, requestId: string): Problem {
  if (err instanceof DomainError) return problem(STATUS[err.code], err.code, err.detail, requestId, err.fields);
  const e = err as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields = e.validation.map((v) => ({
      field: [e.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? '格式不正确',
    }));
    return problem(400, 'VALIDATION', '提交的内容不符合要求，请按提示修改。', requestId, fields);
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (isResponseSerializationError(e) || status >= 500) return problem(500, 'INTERNAL', '服务器处理出错，请稍后再试。如问题持续，请联系管理员并提供请求编号。', requestId);
  // Fastify's own client errors: bad JSON, body too large, wrong media type, rate limit.
  const byStatus: Record<number, [string, string]> = {
    400: ['VALIDATION', '请求格式不正确。'],
    404: ['NOT_FOUND', '您访问的地址不存在。'],
    405: ['METHOD_NOT_ALLOWED', '不支持该请求方法。'],
    413: ['PAYLOAD_TOO_LARGE', '提交的内容超过了大小限制。'],
    415: ['UNSUPPORTED_MEDIA_TYPE', '不支持该内容类型，请以 JSON 或表单提交。'],
    429: ['RATE_LIMITED', '操作过于频繁，请稍后再试。'],
  };
  const [code, detail] = byStatus[status] ?? ['BAD_REQUEST', '请求无法处理。'];
  return problem(status, code, detail, requestId);
}

/**
 * One error handler for the whole app. HTML requests (the portal) are answered by the portal's
 * error page renderer, registered through `setHtmlErrorRenderer`; everything else gets
 * `application/problem+json`. No stack trace or internal message ever reaches a client.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  renderHtml?: (req: FastifyRequest, reply: FastifyReply, p: Problem) => unknown,
): void {
  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req.id);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: p.code, status: p.status }, 'request refused');
    const retryAfter = (err as { headers?: Record<string, string> })?.headers?.['retry-after'];
    if (retryAfter) reply.header('retry-after', retryAfter);
    if (renderHtml && wantsHtml(req)) return renderHtml(req, reply, p);
    return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);
  });
  app.setNotFoundHandler((req, reply) => {
    const p = problem(404, 'NOT_FOUND', '您访问的地址不存在。', req.id);
    if (renderHtml && wantsHtml(req)) return renderHtml(req, reply, p);
    return reply.code(404).type('application/problem+json; charset=utf-8').send(p);
  });
}

/** The portal and everything outside the JSON API answer errors as pages; the API as problem JSON. */
const wantsHtml = (req: FastifyRequest) => !req.url.startsWith('/api/');
