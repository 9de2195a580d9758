import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, testApp, type TestEnv } from '../test/harness.js';
import { openApiDocument } from '../test/openapi-doc.js';

describe.skipIf(pgUnavailable())('the application', () => {
  let env: TestEnv;
  const routes: { method: string; url: string; access?: string }[] = [];
  beforeAll(async () => {
    env = await testApp();
  });
  afterAll(() => env.close());

  it('declares an access level on every API route, and answers 401 to anonymous calls of every staff route (SECURITY ACC-01)', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [p, methods] of Object.entries(doc.paths)) for (const m of Object.keys(methods)) routes.push({ method: m.toUpperCase(), url: p });
    expect(routes.length).toBeGreaterThan(20);
    const publicRoutes = new Set(['POST /api/v1/auth/login']);
    for (const r of routes) {
      if (publicRoutes.has(`${r.method} ${r.url}`) || r.url.startsWith('/api/v1/public/')) continue;
      const url = r.url.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await env.app.inject({ method: r.method as never, url, ...(r.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses to boot a route without an access level', async () => {
    await expect(
      testApp({ database: env.database, beforeReady: (app) => app.register(async (api) => void api.get('/undeclared', async () => 'x'), { prefix: '/api/v1' }) }),
    ).rejects.toThrow(/declares no access level/);
  });

  it('commits the OpenAPI document that the app serves (API changes show in review)', async () => {
    const committed = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(await openApiDocument())));
  });

  it('reports liveness, readiness and Prometheus metrics', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await env.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const m = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(m.body).toContain('gongkai_http_requests_total{method="GET",route="/readyz",status="200"}');
    expect(m.body).toContain('gongkai_http_request_duration_seconds_bucket');
    expect((await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(404);
  });

  it('never sends a stack trace: an unexpected error is a generic 500 problem with the request id', async () => {
    const probe = await testApp({
      database: env.database,
      beforeReady: (app) =>
        app.get('/api/v1/boom', { config: { access: 'public' } }, async () => {
          throw new Error('secret internal detail at /srv/app/db.ts:42');
        }),
    });
    const res = await probe.app.inject({ method: 'GET', url: '/api/v1/boom', headers: { 'x-request-id': 'trace-me-12345' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL', requestId: 'trace-me-12345' });
    expect(res.body).not.toMatch(/secret internal|\.ts:|at \w+ \(/);
    expect(res.headers['x-request-id']).toBe('trace-me-12345');
    await probe.app.close();
  });

  it('answers API 404 and oversize bodies with problem JSON (404, 413)', async () => {
    const nf = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().code).toBe('NOT_FOUND');
    const big = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) } });
    expect(big.statusCode).toBe(413);
  });
});
