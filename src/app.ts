import './platform/config/zod-locale.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './platform/config/config.js';
import type { Database } from './platform/db/database.js';
import type { KeyRing } from './platform/crypto/keys.js';
import { systemClock, type Clock } from './platform/clock/clock.js';
import { loggerOptions } from './platform/log/logger.js';
import { registerErrorHandler } from './platform/errors/error-handler.js';
import { registerAuthHook } from './platform/http/auth-hook.js';
import { registerMetrics } from './platform/http/metrics.js';
import { connectSharedState } from './platform/http/shared-state.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { organisationRoutes } from './features/organisations/organisations.routes.js';
import { staffRoutes } from './features/staff/staff.routes.js';
import { calendarRoutes } from './features/calendar/calendar.routes.js';
import { reviewRoutes } from './features/review/review.routes.js';
import { requestRoutes } from './features/requests/requests.routes.js';
import { messageRoutes } from './features/messages/messages.routes.js';
import { knowledgeRoutes } from './features/knowledge/knowledge.routes.js';
import { catalogRoutes } from './features/catalog/catalog.routes.js';
import { reportRoutes } from './features/reports/reports.routes.js';
import './features/catalog/catalog.gates.js';
import { portalPlugin, renderPortalError } from './features/portal/portal.routes.js';

export interface AppDeps {
  config: Config;
  database: Database;
  keys: KeyRing;
  clock?: Clock;
  /** Logger settings; tests pass `false`. */
  logger?: boolean | object;
}

declare module 'fastify' {
  interface FastifyInstance {
    gongkai: { config: Config; database: Database; keys: KeyRing; clock: Clock };
  }
}

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ADMIN_DIST = path.join(ROOT, 'dist', 'admin');
export const PUBLIC_DIR = path.join(ROOT, 'public');

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function trustProxy(setting: string): string[] | false {
  const list = setting.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : false;
}

/** Builds the whole application without listening, so tests can `inject` into it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, keys } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: deps.logger === undefined ? loggerOptions(config) : (deps.logger as boolean),
    trustProxy: trustProxy(config.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('gongkai', { config, database, keys, clock });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every request gets its service context; the auth hook adds the actor.
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    req.ctx = { db: database.db, actor: null, log: req.log, clock, requestId: req.id, ip: req.ip, keys, config };
  });

  await app.register(cookie);
  // The Content-Security-Policy is one fixed string, set here: helmet would rebuild it on every
  // request, which cost about a tenth of a cached page's time (bench/portal).
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // antd writes its styles at run time into <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    "form-action 'self'",
  ].join(';');
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('content-security-policy', csp);
  });
  await app.register(helmet, {
    contentSecurityPolicy: false,
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  // With several processes the counters live in Redis; if Redis fails, limiting is skipped (the
  // account lockout, kept in the database, still holds) rather than refusing every sign-in.
  const shared = config.REDIS_URL ? await connectSharedState(config.REDIS_URL, config.REDIS_PREFIX, app.log) : null;
  if (shared) app.addHook('onClose', async () => shared.close());
  await app.register(rateLimit, {
    global: false,
    ...(shared ? { redis: shared.redis, nameSpace: `${config.REDIS_PREFIX}rl:`, skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) } }),
  });

  registerErrorHandler(app, renderPortalError);
  registerAuthHook(app);
  const metrics = registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Gongkai 政务公开平台 API', version: '1', description: '工作人员控制台与公开接口。写操作须携带 X-CSRF-Token 请求头；错误以 application/problem+json 返回。' },
      servers: [{ url: '/' }],
    },
    // The document describes the JSON API only; portal pages and the console are not part of it.
    transform: (args) => (args.url.startsWith('/api/v1') ? jsonSchemaTransform(args) : { schema: { ...args.schema, hide: true }, url: args.url }),
  });
  if (config.API_DOCS) await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(
    async (api) => {
      // The API reads JSON only: a cross-site HTML form (urlencoded, multipart or text/plain) gets
      // 415 before any handler runs, which also protects the sign-in route from login CSRF.
      api.removeContentTypeParser(['text/plain']);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      // Platform, then features: one explicit line each (STYLE.md §1).
      await api.register(authRoutes);
      await api.register(auditRoutes);
      await api.register(organisationRoutes);
      await api.register(staffRoutes);
      await api.register(calendarRoutes);
      await api.register(reviewRoutes);
      await api.register(requestRoutes);
      await api.register(messageRoutes);
      await api.register(knowledgeRoutes);
      await api.register(catalogRoutes);
      await api.register(reportRoutes);
    },
    { prefix: '/api/v1' },
  );

  // Operations (no access level: outside /api/v1, not behind sessions).
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.query('select 1');
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.kind });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    // Metrics are for the operator's scraper on this machine or the private network behind the proxy.
    if (!isInternal(req.ip)) return reply.code(404).type('text/plain').send('Not Found');
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });

  // The staff console: a built single-page app under /admin, every deep link answered by its index.
  if (fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: ADMIN_DIST, prefix: '/admin/', decorateReply: true, index: ['index.html'], wildcard: false });
    const index = fs.readFileSync(path.join(ADMIN_DIST, 'index.html'));
    const sendIndex = (_: unknown, reply: import('fastify').FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(index);
    app.get('/admin', sendIndex);
    app.get('/admin/*', sendIndex);
  } else {
    app.get('/admin', async (_req, reply) => reply.code(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请运行 npm run build。'));
  }

  await app.register(portalPlugin);
  return app;
}

function isInternal(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
}
