import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/errors.js';
import { loadSession, type LoadedSession } from '../auth/auth.service.js';
import { safeEqualText } from '../crypto/sm.js';
import type { Ctx } from '../context.js';

/**
 * Who may call a route, declared on every API route as `config: { access }` (SECURITY ACC-01):
 * - `public`: anyone;
 * - `signed-in`: a session at any sign-in stage (second factor, forced password change, enrolment);
 * - `staff`: a session that completed every stage. Fine-grained permissions are the services' job.
 */
export type Access = 'public' | 'signed-in' | 'staff';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: Ctx;
    auth: LoadedSession | null;
  }
}

export const COOKIE = 'gk_session';
export const SECURE_COOKIE = '__Host-gk_session';

/** Over https the cookie is `__Host-` prefixed and Secure; SameSite=Lax and HttpOnly always (SECURITY SESS-03). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = req.protocol === 'https';
  reply.setCookie(secure ? SECURE_COOKIE : COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  const secure = req.protocol === 'https';
  reply.clearCookie(secure ? SECURE_COOKIE : COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export const sessionToken = (req: FastifyRequest): string | undefined => req.cookies[SECURE_COOKIE] ?? req.cookies[COOKIE];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHook(app: FastifyInstance): void {
  app.decorateRequest('auth', null);

  // Deny by default: an API route without a declared access level stops the app at boot.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access && !String(route.url).includes('openapi'))
      throw new Error(`route ${route.method} ${route.url} declares no access level`);
  });

  // Before validation: an anonymous caller learns nothing about a route's schema (401 first).
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const token = sessionToken(req);
    req.auth = token ? await loadSession(req.ctx, token) : null;
    if (req.auth) req.ctx = { ...req.ctx, actor: req.auth.actor };
    if (access === 'public') return;
    if (!req.auth) throw new DomainError('UNAUTHENTICATED', token ? '登录已超时，请重新登录。' : '请先登录。');
    if (access === 'staff' && req.auth.session.stage !== 'full')
      throw new DomainError('MFA_REQUIRED', '请先完成登录验证步骤。');
    // Synchroniser token: every state-changing request made with the session cookie carries the
    // session's CSRF token in a header, which a cross-site form cannot set (SECURITY SESS-03).
    if (!SAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      const ok = typeof sent === 'string' && safeEqualText(sent, req.auth.session.csrfToken);
      if (!ok) throw new DomainError('CSRF', '页面已过期或请求来源不可信，请刷新页面后重试。');
    }
  });
}
