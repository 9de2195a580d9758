import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';

describe.skipIf(pgUnavailable())('organisations API', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  const as = (username: string) => signedIn(env.app, username);
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['sys_admin', 'sec_admin', 'audit_admin', 'editor', 'supervisor']);
  });
  afterAll(() => env.close());

  it('shows each role the organisations it may see', async () => {
    const names = async (u: string) => ((await (await as(u)).get('/api/v1/orgs')).json().items as { slug: string }[]).map((o) => o.slug).sort();
    expect(await names('root.sys_admin')).toEqual(['gd', 'hz', 'root', 'zj']);
    expect(await names('zj.sys_admin')).toEqual(['hz', 'zj']);
    expect(await names('zj.supervisor')).toEqual(['hz', 'zj']);
    expect(await names('zj.editor')).toEqual(['zj']);
    expect(await names('hz.sys_admin')).toEqual(['hz']);
  });

  it('answers 404, not 403, for an organisation outside the actor’s reach', async () => {
    const zjAdmin = await as('zj.sys_admin');
    expect((await zjAdmin.get(`/api/v1/orgs/${w.gd.id}`)).statusCode).toBe(404);
    expect((await zjAdmin.get(`/api/v1/orgs/${w.root.id}`)).statusCode).toBe(404);
    expect((await zjAdmin.get(`/api/v1/orgs/${w.gd.id}/departments`)).statusCode).toBe(404);
    expect((await zjAdmin.patch(`/api/v1/orgs/${w.gd.id}`, { name: '被改名的广东' })).statusCode).toBe(404);
    const editor = await as('zj.editor');
    expect((await editor.get(`/api/v1/orgs/${w.hz.id}`)).statusCode).toBe(404);
    expect((await editor.get(`/api/v1/orgs/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await editor.get(`/api/v1/orgs/not-a-uuid`)).statusCode).toBe(400);
  });

  it('lets a system administrator open a subordinate organisation (201), audited, with a second factor required', async () => {
    const a = await as('zj.sys_admin');
    const res = await a.post('/api/v1/orgs', { parentId: w.zj.id, code: '12345678-9', slug: 'ningbo', name: '宁波市烟草专卖局', shortName: '宁波市局', kind: 'municipal', siteIdCode: '3302000001' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '12345678-9', parentId: w.zj.id, requireMfa: true, sponsor: '宁波市烟草专卖局', siteIdCodeWarning: null });
    const events = await env.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, res.json().id));
    expect(events.map((e) => e.action)).toEqual(['organisation.create']);
    expect(events[0].actorId).not.toBeNull();
    const dup = await a.post('/api/v1/orgs', { parentId: w.zj.id, code: '12345678-9', slug: 'ningbo2', name: '重复', shortName: '重复', kind: 'municipal' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('已被');
  });

  it('refuses bad input with Chinese field errors and changes nothing (400)', async () => {
    const a = await as('root.sys_admin');
    const res = await a.post('/api/v1/orgs', { parentId: w.root.id, code: 'bad', slug: 'Bad Slug', name: 'x', shortName: '', kind: 'galaxy' });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.slug', 'body.name', 'body.shortName', 'body.kind']));
    expect(res.json().errors.find((e: { field: string }) => e.field === 'body.code').message).toContain('机构代码');
    expect(((await a.get('/api/v1/orgs')).json().items as unknown[]).length).toBe(5);
  });

  it('keeps organisation management from the security administrator and editors (403), the policy from the system administrator', async () => {
    expect((await (await as('zj.sec_admin')).patch(`/api/v1/orgs/${w.zj.id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await (await as('zj.editor')).post('/api/v1/orgs', { parentId: w.zj.id, code: '87654321-0', slug: 'x-editor', name: '编辑建的局', shortName: '编辑局', kind: 'municipal' })).statusCode).toBe(403);
    expect((await (await as('zj.sys_admin')).put(`/api/v1/orgs/${w.zj.id}/security-policy`, { requireMfa: true })).statusCode).toBe(403);
    const sec = await as('zj.sec_admin');
    const res = await sec.put(`/api/v1/orgs/${w.hz.id}/security-policy`, { requireMfa: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().requireMfa).toBe(true);
  });

  it('warns, but saves, a 网站标识码 of an unusual format (UNCONFIRMED rule)', async () => {
    const res = await (await as('zj.sys_admin')).patch(`/api/v1/orgs/${w.zj.id}`, { siteIdCode: 'ZJ-001' });
    expect(res.statusCode).toBe(200);
    expect(res.json().siteIdCode).toBe('ZJ-001');
    expect(res.json().siteIdCodeWarning).toContain('尚无正式规定');
  });

  it('manages departments: create 201, duplicate 409, edit 200, other organisation 404', async () => {
    const a = await as('zj.sys_admin');
    const created = await a.post(`/api/v1/orgs/${w.zj.id}/departments`, { name: '专卖监督管理处', duties: '负责专卖许可。' });
    expect(created.statusCode).toBe(201);
    expect((await a.post(`/api/v1/orgs/${w.zj.id}/departments`, { name: '专卖监督管理处' })).statusCode).toBe(409);
    const edited = await a.patch(`/api/v1/orgs/${w.zj.id}/departments/${created.json().id}`, { duties: '负责烟草专卖零售许可。' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().duties).toBe('负责烟草专卖零售许可。');
    expect((await a.patch(`/api/v1/orgs/${w.gd.id}/departments/${created.json().id}`, { duties: 'x' })).statusCode).toBe(404);
    expect((await a.patch(`/api/v1/orgs/${w.hz.id}/departments/${created.json().id}`, { duties: 'x' })).statusCode).toBe(404);
  });

  it('exports the visible organisations to Excel', async () => {
    const res = await (await as('zj.sys_admin')).get('/api/v1/orgs/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const names = wb.worksheets[0].getColumn(1).values.filter(Boolean);
    expect(names).toContain('测试浙江省局');
    expect(names).not.toContain('测试广东省局');
  });

  it('needs a session (401)', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/orgs' })).statusCode).toBe(401);
  });
});
