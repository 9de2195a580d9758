import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Agent, pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn, PASSWORD, userId } from '../../../test/factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { users } from '../../platform/auth/auth.tables.js';

describe.skipIf(pgUnavailable())('staff API', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  const as = (username: string) => signedIn(env.app, username);
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['sys_admin', 'sec_admin', 'audit_admin', 'editor', 'supervisor']);
  });
  afterAll(() => env.close());

  it('creates a user with a role and a one-time password that must be changed at first sign-in', async () => {
    const admin = await as('zj.sys_admin');
    const res = await admin.post(`/api/v1/orgs/${w.zj.id}/users`, { username: 'Li.Ming', displayName: '李明', roles: ['editor', 'reviewer'] });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username: 'li.ming', roles: ['editor', 'reviewer'], mustChangePassword: true });
    expect(initialPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const [row] = await env.database.db.select().from(users).where(eq(users.username, 'li.ming'));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(initialPassword);
    const first = await new Agent(env.app).signIn('li.ming', initialPassword);
    expect(first.json().stage).toBe('change_password');
    const [ev] = await env.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, user.id));
    expect(ev).toMatchObject({ action: 'user.create', orgId: w.zj.id });
    expect(JSON.stringify(ev.summary)).not.toContain(initialPassword);
    expect((await admin.post(`/api/v1/orgs/${w.zj.id}/users`, { username: 'li.ming', displayName: '李明二', roles: ['editor'] })).statusCode).toBe(409);
  });

  it('lists only members of the organisation, and hides other organisations (404)', async () => {
    const admin = await as('zj.sys_admin');
    const list = await admin.get(`/api/v1/orgs/${w.zj.id}/users`);
    expect(list.statusCode).toBe(200);
    const names = (list.json().items as { username: string }[]).map((u) => u.username);
    expect(names).toContain('zj.editor');
    expect(names).not.toContain('gd.editor');
    expect((await admin.get(`/api/v1/orgs/${w.gd.id}/users`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/orgs/${w.hz.id}/users`)).statusCode).toBe(200); // a subordinate
    const gdEditor = await userId(env.ctx, 'gd.editor');
    expect((await admin.patch(`/api/v1/orgs/${w.zj.id}/users/${gdEditor}`, { displayName: '某某' })).statusCode).toBe(404);
    expect((await (await as('zj.editor')).get(`/api/v1/orgs/${w.zj.id}/users`)).statusCode).toBe(403);
  });

  it('keeps administrator roles for the security administrator (403 for the system administrator)', async () => {
    const target = await userId(env.ctx, 'zj.editor');
    const sys = await as('zj.sys_admin');
    const res = await sys.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['editor', 'audit_admin'] });
    expect(res.statusCode).toBe(403);
    const sec = await as('zj.sec_admin');
    // Keeping a role is no change: the security administrator may add an administrator role beside it…
    expect((await sec.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['editor', 'audit_admin'] })).statusCode).toBe(200);
    // …but not touch a business role, and the system administrator may not remove the administrator role.
    expect((await sec.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['audit_admin', 'reviewer'] })).statusCode).toBe(403);
    expect((await sys.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['editor'] })).statusCode).toBe(403);
    expect((await sec.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['editor'] })).statusCode).toBe(200);
    const ok = await sys.put(`/api/v1/orgs/${w.zj.id}/users/${target}/roles`, { roles: ['editor', 'reviewer'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['editor', 'reviewer']);
  });

  it('never lets one account hold two of the three administrator duties (409)', async () => {
    const sec = await as('zj.sec_admin');
    const sysAdmin = await userId(env.ctx, 'zj.sys_admin');
    const res = await sec.put(`/api/v1/orgs/${w.zj.id}/users/${sysAdmin}/roles`, { roles: ['sys_admin', 'audit_admin'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('三员分立');
    const rootSec = await as('root.sec_admin');
    const hzSys = await userId(env.ctx, 'hz.sys_admin');
    expect((await rootSec.post(`/api/v1/orgs/${w.root.id}/members`, { username: 'hz.sys_admin', roles: ['audit_admin'] })).statusCode).toBe(409);
    expect(hzSys).toBeDefined();
  });

  it('refuses to change one’s own roles or disable oneself (403)', async () => {
    const sys = await as('zj.sys_admin');
    const me = await userId(env.ctx, 'zj.sys_admin');
    expect((await sys.put(`/api/v1/orgs/${w.zj.id}/users/${me}/roles`, { roles: ['sys_admin', 'editor'] })).statusCode).toBe(403);
    expect((await sys.patch(`/api/v1/orgs/${w.zj.id}/users/${me}`, { active: false })).statusCode).toBe(403);
  });

  it('adds an existing user to a second organisation, who can then switch to it', async () => {
    const sys = await as('zj.sys_admin');
    const res = await sys.post(`/api/v1/orgs/${w.hz.id}/members`, { username: 'zj.supervisor', roles: ['editor'] });
    expect(res.statusCode).toBe(201);
    expect((await sys.post(`/api/v1/orgs/${w.hz.id}/members`, { username: 'zj.supervisor', roles: ['editor'] })).statusCode).toBe(409);
    expect((await sys.post(`/api/v1/orgs/${w.hz.id}/members`, { username: 'no.such.user', roles: ['editor'] })).statusCode).toBe(404);
    const sup = await as('zj.supervisor');
    const session = (await sup.get('/api/v1/auth/session')).json();
    expect(session.organisations.map((o: { id: string }) => o.id).sort()).toEqual([w.zj.id, w.hz.id].sort());
    const switched = await sup.post('/api/v1/auth/switch-org', { orgId: w.hz.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ currentOrgId: w.hz.id, roles: ['editor'] });
  });

  it('ends a disabled user’s sessions at once (SECURITY SESS-01)', async () => {
    const victim = await as('gd.editor');
    expect((await victim.get('/api/v1/auth/session')).statusCode).toBe(200);
    const sys = await as('gd.sys_admin');
    const id = await userId(env.ctx, 'gd.editor');
    expect((await sys.patch(`/api/v1/orgs/${w.gd.id}/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await victim.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await new Agent(env.app).signIn('gd.editor', PASSWORD)).statusCode).toBe(401);
  });

  it('resets a password (one-time, sessions ended) and lets the security administrator unlock and reset the second factor', async () => {
    const id = await userId(env.ctx, 'gd.supervisor');
    for (let i = 0; i < 5; i++) await new Agent(env.app).signIn('gd.supervisor', `wrong-${i}-password`);
    expect((await new Agent(env.app).signIn('gd.supervisor', PASSWORD)).statusCode).toBe(423);
    const sys = await as('gd.sys_admin');
    expect((await sys.post(`/api/v1/orgs/${w.gd.id}/users/${id}/unlock`)).statusCode).toBe(403);
    const sec = await as('gd.sec_admin');
    const unlocked = await sec.post(`/api/v1/orgs/${w.gd.id}/users/${id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    const reset = await sys.post(`/api/v1/orgs/${w.gd.id}/users/${id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await new Agent(env.app).signIn('gd.supervisor', PASSWORD)).statusCode).toBe(401);
    expect((await new Agent(env.app).signIn('gd.supervisor', reset.json().initialPassword)).json().stage).toBe('change_password');
    expect((await sec.post(`/api/v1/orgs/${w.gd.id}/users/${id}/reset-mfa`)).statusCode).toBe(200);
    expect((await sec.post(`/api/v1/orgs/${w.gd.id}/users/${id}/end-sessions`)).statusCode).toBe(200);
  });

  it('lists the ten roles', async () => {
    const res = await (await as('zj.editor')).get('/api/v1/roles');
    expect(res.json().items.map((r: { label: string }) => r.label)).toEqual(['系统管理员', '安全管理员', '审计管理员', '信息发布员', '审核员', '依申请公开承办人', '留言办理人', '办事服务人员', '舆情分析员', '督查考核员']);
  });

  it('exports the staff of an organisation to Excel (and 404 for another’s)', async () => {
    const sys = await as('zj.sys_admin');
    const res = await sys.get(`/api/v1/orgs/${w.zj.id}/users/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect((await sys.get(`/api/v1/orgs/${w.gd.id}/users/export.xlsx`)).statusCode).toBe(404);
  });
});
