import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Agent, pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';

describe.skipIf(pgUnavailable())('audit API', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  const as = (username: string) => signedIn(env.app, username);
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['sys_admin', 'sec_admin', 'audit_admin', 'editor']);
    await new Agent(env.app).signIn('no-such-user', 'whatever-123');
    await (await as('zj.sys_admin')).post(`/api/v1/orgs/${w.zj.id}/users`, { username: 'wang.fang', displayName: '王芳', roles: ['editor'] });
    await (await as('gd.sys_admin')).post(`/api/v1/orgs/${w.gd.id}/users`, { username: 'chen.jing', displayName: '陈静', roles: ['editor'] });
  });
  afterAll(() => env.close());

  it('shows the audit administrator its organisation’s events and those below, newest first', async () => {
    const res = await (await as('zj.audit_admin')).get('/api/v1/audit?action=user.create');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { orgId: string; summary: { username: string }; actorName: string; requestId: string; ip: string; at: string }[];
    expect(items.map((i) => i.summary.username)).toEqual(['wang.fang']);
    expect(items[0]).toMatchObject({ orgId: w.zj.id, actorName: expect.stringContaining('zj.sys_admin') });
    expect(items[0].requestId).not.toBe('');
    expect(items[0].ip).not.toBe('');
    const root = await (await as('root.audit_admin')).get('/api/v1/audit?action=user.create');
    expect((root.json().items as { summary: { username: string } }[]).map((i) => i.summary.username).sort()).toEqual(['chen.jing', 'wang.fang']);
  });

  it('gives failed sign-ins of unknown names to the top organisation only', async () => {
    const top = (await (await as('root.audit_admin')).get('/api/v1/audit?action=auth.login&outcome=failure')).json();
    expect(top.total).toBeGreaterThanOrEqual(1);
    const zj = (await (await as('zj.audit_admin')).get('/api/v1/audit?action=auth.login&outcome=failure')).json();
    expect(zj.total).toBe(0);
  });

  it('refuses the system and security administrators (403), and records the refusal', async () => {
    expect((await (await as('zj.sys_admin')).get('/api/v1/audit')).statusCode).toBe(403);
    expect((await (await as('zj.sec_admin')).get('/api/v1/audit')).statusCode).toBe(403);
    expect((await (await as('zj.sys_admin')).get('/api/v1/audit/export.xlsx')).statusCode).toBe(403);
    const denied = (await (await as('root.audit_admin')).get('/api/v1/audit?action=access.denied')).json();
    expect(denied.total).toBeGreaterThanOrEqual(2);
  });

  it('filters by actor, action prefix, date and outcome; rejects bad filters (400)', async () => {
    const a = await as('root.audit_admin');
    const byActor = (await a.get(`/api/v1/audit?actor=${encodeURIComponent('gd.sys')}`)).json();
    expect(byActor.items.every((i: { actorName: string }) => i.actorName.includes('gd.sys'))).toBe(true);
    expect(byActor.total).toBeGreaterThan(0);
    const prefix = (await a.get('/api/v1/audit?action=auth.')).json();
    expect(prefix.items.every((i: { action: string }) => i.action.startsWith('auth.'))).toBe(true);
    expect((await a.get('/api/v1/audit?from=2026-03-03&to=2026-03-03')).json().total).toBe(0);
    expect((await a.get('/api/v1/audit?from=2026-03-02&to=2026-03-02')).json().total).toBeGreaterThan(0);
    expect((await a.get('/api/v1/audit?actor=%25')).json().total).toBe(0); // LIKE wildcards are escaped
    expect((await a.get('/api/v1/audit?from=yesterday')).statusCode).toBe(400);
    expect((await a.get('/api/v1/audit?pageSize=5000')).statusCode).toBe(400);
  });

  it('exports the filtered events to an Excel file with a header row, and audits the export', async () => {
    const a = await as('root.audit_admin');
    const res = await a.get('/api/v1/audit/export.xlsx?action=user.create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计记录'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('审计记录')!;
    expect(ws.getRow(2).getCell(1).value).toBe('序号');
    expect(ws.getRow(2).getCell(5).value).toBe('操作');
    const ops = ws.getColumn(5).values.slice(3);
    expect(ops).toEqual(['新建用户', '新建用户']);
    expect((await a.get('/api/v1/audit?action=audit.export')).json().total).toBe(1);
  });

  it('verifies the chain on request', async () => {
    const res = await (await as('root.audit_admin')).post('/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
    expect(res.json().checked).toBeGreaterThan(10);
    expect((await (await as('root.sys_admin')).post('/api/v1/audit/verify')).statusCode).toBe(403);
  });
});
