/**
 * Typed domain errors. Domain and service code throws these; it never names an HTTP status.
 * `platform/errors/error-handler.ts` maps each code to a status in one place, so the same
 * refusal reads the same whether it came from a route, a job or the CLI.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'MFA_REQUIRED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'UNPROCESSABLE'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'GONE';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A sentence in Chinese that the person in front of the screen can act on. */
    readonly detail: string,
    readonly fields?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what = '记录') => new DomainError('NOT_FOUND', `${what}不存在或您无权查看。`);
export const forbidden = (detail = '您没有执行此操作的权限。') => new DomainError('FORBIDDEN', detail);
export const conflict = (detail: string) => new DomainError('CONFLICT', detail);
export const invalid = (detail: string, fields?: FieldError[]) => new DomainError('VALIDATION', detail, fields);
export const unprocessable = (detail: string, fields?: FieldError[]) => new DomainError('UNPROCESSABLE', detail, fields);
export const unauthenticated = (detail = '请先登录。') => new DomainError('UNAUTHENTICATED', detail);

/** A rule's verdict: callers show `reason` beside a disabled button, services throw it. */
export type Verdict = { ok: true } | { ok: false; reason: string };
export const allow: Verdict = { ok: true };
export const refuse = (reason: string): Verdict => ({ ok: false, reason });
