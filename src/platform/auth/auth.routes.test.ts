import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { Agent, pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildOrg, buildUser, PASSWORD } from '../../../test/factories.js';
import { auditEvents } from '../audit/audit.tables.js';
import { roleGrants, sessions, users } from './auth.tables.js';
import { totpCode } from './totp.js';
import { organisations } from '../../features/organisations/organisations.tables.js';

describe.skipIf(pgUnavailable())('sign-in and sessions', () => {
  let env: TestEnv;
  let orgId: string;
  let mfaOrgId: string;
  beforeAll(async () => {
    env = await testApp();
    orgId = (await buildOrg(env.ctx, { name: '测试局', slug: 'auth' })).id;
    mfaOrgId = (await buildOrg(env.ctx, { name: '强制双因素局', parentId: orgId, slug: 'mfa', requireMfa: true })).id;
    for (const u of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) await buildUser(env.ctx, u, [[orgId, 'editor']]);
    await buildUser(env.ctx, 'mallory', [[mfaOrgId, 'editor']]);
    await buildUser(env.ctx, 'newbie', [[orgId, 'editor']], { mustChangePassword: true });
    await buildUser(env.ctx, 'nobody', []);
  });
  afterAll(() => env.close());
  beforeEach(() => env.clock.set(new Date('2026-03-02T02:00:00Z')));

  const auditCount = async (action: string, outcome?: string) =>
    (await env.database.db.select().from(auditEvents).where(outcome ? sql`${auditEvents.action} = ${action} and ${auditEvents.outcome} = ${outcome}` : eq(auditEvents.action, action))).length;

  it('signs in with the right password: 200, HttpOnly SameSite=Lax cookie, CSRF token, audit entry', async () => {
    const a = new Agent(env.app);
    const res = await a.signIn('alice', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'full', user: { username: 'alice' }, currentOrgId: orgId, roles: ['editor'] });
    const c = res.cookies.find((k) => k.name === 'gk_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.secure).toBeFalsy();
    expect(c.value.length).toBeGreaterThanOrEqual(43); // 256 bits
    expect((await a.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect(await auditCount('auth.login', 'success')).toBeGreaterThan(0);
  });

  it('stores only a hash of the session token', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    const token = a.cookie.split('=')[1];
    const rows = await env.database.db.select().from(sessions);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });

  it('answers unknown user, wrong password and disabled account alike (401, same detail)', async () => {
    await env.database.db.update(users).set({ active: false }).where(eq(users.username, 'frank'));
    const bodies = [];
    for (const [u, p] of [['ghost', PASSWORD], ['bob', 'Wrong-password-1'], ['frank', PASSWORD]]) {
      const res = await new Agent(env.app).signIn(u, p);
      expect(res.statusCode).toBe(401);
      bodies.push(res.json().detail);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(await auditCount('auth.login', 'failure')).toBeGreaterThanOrEqual(3);
  });

  it('locks the account after five wrong passwords, refuses the right one during the lock, lifts it after 15 minutes (SECURITY AUTH-02)', async () => {
    for (let i = 0; i < 5; i++) expect((await new Agent(env.app).signIn('carol', `Wrong-password-${i}`)).statusCode).toBe(401);
    const locked = await new Agent(env.app).signIn('carol', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(locked.json().detail).toContain('临时锁定');
    expect(await auditCount('auth.lockout')).toBe(1);
    env.clock.advanceMinutes(14);
    expect((await new Agent(env.app).signIn('carol', PASSWORD)).statusCode).toBe(423);
    env.clock.advanceMinutes(2);
    expect((await new Agent(env.app).signIn('carol', PASSWORD)).statusCode).toBe(200);
  });

  it('validates the body (400 with field errors in Chinese) and takes only JSON (415)', async () => {
    const res = await new Agent(env.app).post('/api/v1/auth/login', { username: 'alice' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('body.password');
    expect(res.json().errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
    const form = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=alice' });
    expect(form.statusCode).toBe(415);
    const urlencoded = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=alice&password=${PASSWORD}` });
    expect(urlencoded.statusCode).toBe(415); // a cross-site form cannot sign anyone in (login CSRF)
  });

  it('refuses an account with no roles (403)', async () => {
    expect((await new Agent(env.app).signIn('nobody', PASSWORD)).statusCode).toBe(403);
  });

  it('needs the CSRF header on writes made with the cookie (403), and accepts it', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    const csrf = a.csrf;
    a.csrf = '';
    const res = await a.post('/api/v1/auth/switch-org', { orgId });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    a.csrf = 'x'.repeat(43);
    expect((await a.post('/api/v1/auth/switch-org', { orgId })).statusCode).toBe(403);
    a.csrf = csrf;
    expect((await a.post('/api/v1/auth/switch-org', { orgId })).statusCode).toBe(200);
  });

  it('ends the session on sign-out: the old cookie is refused afterwards (SECURITY SESS-01)', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    const old = a.cookie;
    const out = await a.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    expect(out.headers['clear-site-data']).toContain('storage');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: old } });
    expect(res.statusCode).toBe(401);
  });

  it('ends an idle session after 30 minutes and a busy one after 12 hours (SECURITY SESS-02)', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    env.clock.advanceMinutes(29);
    expect((await a.get('/api/v1/auth/session')).statusCode).toBe(200);
    env.clock.advanceMinutes(31);
    const res = await a.get('/api/v1/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('超时');

    const b = new Agent(env.app);
    await b.signIn('alice', PASSWORD);
    for (let i = 0; i < 25; i++) {
      env.clock.advanceMinutes(29);
      const r = await b.get('/api/v1/auth/session');
      if (r.statusCode !== 200) {
        expect(i * 29).toBeGreaterThanOrEqual(12 * 60 - 29);
        return;
      }
    }
    throw new Error('session outlived its absolute limit');
  });

  it('does not accept a cookie from before sign-in afterwards (fixation)', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    const first = a.cookie;
    await a.signIn('alice', PASSWORD);
    expect(a.cookie).not.toBe(first);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: first } })).statusCode).toBe(401);
  });

  it('enrols TOTP (QR code), then asks for a code at sign-in, each code once (SECURITY AUTH-01)', async () => {
    const a = new Agent(env.app);
    await a.signIn('dave', PASSWORD);
    expect((await a.post('/api/v1/auth/totp/setup', {})).statusCode).toBe(422); // re-auth needed in a full session
    const setup = await a.post('/api/v1/auth/totp/setup', { password: PASSWORD });
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png/);
    const [row] = await env.database.db.select().from(users).where(eq(users.username, 'dave'));
    expect(row.totpPending).not.toContain(secret); // sealed with SM4
    expect((await a.post('/api/v1/auth/totp/confirm', { code: '000000' })).statusCode).toBe(422);
    const confirmed = await a.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, env.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user.totpEnrolled).toBe(true);

    env.clock.advanceMinutes(1);
    const b = new Agent(env.app);
    expect((await b.signIn('dave', PASSWORD)).json().stage).toBe('mfa');
    expect((await b.get('/api/v1/orgs')).statusCode).toBe(401); // password alone reaches no staff route
    const before = b.cookie;
    const code = totpCode(secret, env.clock.now());
    const ok = await b.post('/api/v1/auth/mfa', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('full');
    expect(b.cookie).not.toBe(before); // a new token after the privilege change
    expect((await b.get('/api/v1/orgs')).statusCode).toBe(200);

    const c = new Agent(env.app);
    await c.signIn('dave', PASSWORD);
    const replay = await c.post('/api/v1/auth/mfa', { code });
    expect(replay.statusCode).toBe(401);
  });

  it('makes a user with a one-time password change it before anything else', async () => {
    const a = new Agent(env.app);
    expect((await a.signIn('newbie', PASSWORD)).json().stage).toBe('change_password');
    expect((await a.get('/api/v1/orgs')).statusCode).toBe(401);
    const weak = await a.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'password123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('newPassword');
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'A-much-better-one-2026' })).statusCode).toBe(422);
    const done = await a.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'A-much-better-one-2026' });
    expect(done.statusCode).toBe(200);
    expect(done.json().stage).toBe('full');
    expect((await new Agent(env.app).signIn('newbie', 'A-much-better-one-2026')).statusCode).toBe(200);
  });

  it('makes staff of an organisation that requires a second factor enrol before anything else', async () => {
    const a = new Agent(env.app);
    expect((await a.signIn('mallory', PASSWORD)).json().stage).toBe('enrol');
    expect((await a.get('/api/v1/orgs')).statusCode).toBe(401);
    const { secret } = (await a.post('/api/v1/auth/totp/setup', {})).json();
    const res = await a.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, env.clock.now()) });
    expect(res.json().stage).toBe('full');
    expect((await a.get('/api/v1/orgs')).statusCode).toBe(200);
  });

  it('ignores a role grant edited in the database (SECURITY ACC-06)', async () => {
    const [erin] = await env.database.db.select().from(users).where(eq(users.username, 'erin'));
    await env.database.db.update(roleGrants).set({ role: 'sys_admin' }).where(eq(roleGrants.userId, erin.id));
    const res = await new Agent(env.app).signIn('erin', PASSWORD);
    expect(res.statusCode).toBe(403); // the forged grant does not verify, so erin holds no role
  });

  it('marks the cookie Secure and __Host- when the request came over https through a trusted proxy', async () => {
    const proxied = await testApp({ config: { TRUST_PROXY: '127.0.0.1' } });
    try {
      await buildUser(proxied.ctx, 'sam', [[(await buildOrg(proxied.ctx, { name: '代理局', slug: 'proxy' })).id, 'editor']]);
      const res = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'sam', password: PASSWORD } });
      const c = res.cookies.find((k) => k.name === '__Host-gk_session')!;
      expect(c.secure).toBe(true);
      expect(c.path).toBe('/');
    } finally {
      await proxied.close();
    }
  });

  it('lets a user switch only to an organisation where they hold a role (404 otherwise)', async () => {
    const a = new Agent(env.app);
    await a.signIn('alice', PASSWORD);
    expect((await a.post('/api/v1/auth/switch-org', { orgId: mfaOrgId })).statusCode).toBe(404);
    expect((await a.post('/api/v1/auth/switch-org', { orgId: 'not-a-uuid' })).statusCode).toBe(400);
    const [org] = await env.database.db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toBeDefined();
  });

  it('rate-limits sign-in per client (429 with Retry-After)', async () => {
    const limited = await testApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await new Agent(limited.app).signIn('ghost', 'whatever-1234')).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
      const res = await new Agent(limited.app).signIn('ghost', 'whatever-1234');
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json().detail).toContain('频繁');
    } finally {
      await limited.close();
    }
  });
});
