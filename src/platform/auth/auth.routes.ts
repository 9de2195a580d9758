import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, okSchema } from '../http/schemas.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/auth-hook.js';
import { PASSWORD_MAX } from './auth.rules.js';
import { ROLE_KEYS, type Role } from './access.rules.js';
import * as auth from './auth.service.js';
import { loadSession } from './auth.service.js';
import { organisationNames } from '../../features/organisations/organisations.service.js';
import type { FastifyRequest } from 'fastify';

const tags = ['登录与会话'];

const sessionOut = z.object({
  stage: z.enum(['mfa', 'change_password', 'enrol', 'full']).describe('mfa：需输入动态验证码；change_password：须修改初始密码；enrol：须绑定验证器；full：已登录'),
  csrfToken: z.string().describe('写操作须在 X-CSRF-Token 请求头中携带'),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), totpEnrolled: z.boolean() }),
  currentOrgId: z.string().nullable(),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.enum(ROLE_KEYS as [Role, ...Role[]])) })),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  expiresAt: z.string(),
});

const password = z.string().min(1, '请输入密码').max(PASSWORD_MAX * 4, '密码过长');
const code = z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字动态验证码');

/** Reloads the session after a change (a new token may have been issued) and presents it. */
async function view(req: FastifyRequest, token?: string) {
  const loaded = token ? await loadSession(req.ctx, token) : req.auth;
  if (!loaded) throw new Error('session vanished');
  return auth.sessionView(loaded, await organisationNames(req.ctx, loaded.grants.map((g) => g.orgId)));
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/auth/login', {
    config: { access: 'public', rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '用户名密码登录',
      body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password }),
      response: { 200: sessionOut, ...errorResponses(400, 401, 403, 415, 423, 429) },
    },
    handler: async (req, reply) => {
      if (req.auth) await auth.logout(req.ctx, req.auth); // a session from before sign-in is never reused
      const { token } = await auth.login(req.ctx, { ...req.body, userAgent: req.headers['user-agent'] ?? '' });
      setSessionCookie(req, reply, token);
      return view(req, token);
    },
  });

  app.get('/auth/session', {
    config: { access: 'signed-in' },
    schema: { tags, summary: '当前会话', response: { 200: sessionOut, ...errorResponses(401) } },
    handler: async (req) => view(req),
  });

  app.post('/auth/mfa', {
    config: { access: 'signed-in', rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { tags, summary: '输入动态验证码', body: z.object({ code }), response: { 200: sessionOut, ...errorResponses(400, 401, 403, 409, 423, 429) } },
    handler: async (req, reply) => {
      const { token } = await auth.verifySecondFactor(req.ctx, req.auth!, req.body.code);
      setSessionCookie(req, reply, token);
      return view(req, token);
    },
  });

  app.post('/auth/totp/setup', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: '生成验证器绑定二维码',
      body: z.object({ password: z.string().max(PASSWORD_MAX * 4).optional().describe('已登录状态下重新绑定时须输入当前密码') }),
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() }), ...errorResponses(400, 401, 403, 409, 422) },
    },
    handler: async (req) => auth.beginTotpEnrolment(req.ctx, req.auth!, req.body.password),
  });

  app.post('/auth/totp/confirm', {
    config: { access: 'signed-in' },
    schema: { tags, summary: '确认绑定验证器', body: z.object({ code }), response: { 200: sessionOut, ...errorResponses(400, 401, 403, 409, 422) } },
    handler: async (req, reply) => {
      const { token } = await auth.confirmTotpEnrolment(req.ctx, req.auth!, req.body.code);
      if (token) setSessionCookie(req, reply, token);
      return view(req, token || sessionToken(req));
    },
  });

  app.post('/auth/password', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: '修改本人密码（其他会话将被结束）',
      body: z.object({ currentPassword: password, newPassword: password }),
      response: { 200: sessionOut, ...errorResponses(400, 401, 403, 409, 422) },
    },
    handler: async (req, reply) => {
      const { token } = await auth.changeOwnPassword(req.ctx, req.auth!, req.body);
      setSessionCookie(req, reply, token);
      return view(req, token);
    },
  });

  app.post('/auth/switch-org', {
    config: { access: 'staff' },
    schema: { tags, summary: '切换当前机构', body: z.object({ orgId: z.string().uuid('机构编号无效') }), response: { 200: sessionOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => {
      await auth.switchOrganisation(req.ctx, req.auth!, req.body.orgId);
      return view(req, sessionToken(req));
    },
  });

  app.post('/auth/logout', {
    config: { access: 'signed-in' },
    schema: { tags, summary: '退出登录', response: { 200: okSchema, ...errorResponses(401, 403) } },
    handler: async (req, reply) => {
      await auth.logout(req.ctx, req.auth!);
      clearSessionCookie(req, reply);
      reply.header('clear-site-data', '"cache", "storage"');
      return { ok: true as const };
    },
  });
};
