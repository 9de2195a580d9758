import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';

describe.skipIf(pgUnavailable())('POST /api/v1/review/pii', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, ['reviewer']);
  });
  afterAll(() => env.close());

  it('returns the spans and the masked text for staff', async () => {
    const a = await signedIn(env.app, 'zj.reviewer');
    const text = '当事人：李建国，身份证号码：11010519491231002X，联系电话：13800138000。执法人员：王强。';
    const res = await a.post('/api/v1/review/pii', { text, profile: 'penalty_decision_v1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.spans.map((s: { type: string; text: string }) => `${s.type}:${s.text}`)).toEqual(['PERSON_NAME:李建国', 'ID_CARD:11010519491231002X', 'PHONE_MOBILE:13800138000']);
    expect(body.spans[0]).toMatchObject({ start: 4, end: 7 });
    expect(body.masked).toBe('当事人：李某某，身份证号码：[已删除]，联系电话：[已删除]。执法人员：王强。');
    expect(body.profile.key).toBe('penalty_decision_v1');
    const profiles = await a.get('/api/v1/review/pii/profiles');
    expect(profiles.json().items.map((p: { key: string }) => p.key)).toEqual(['default', 'penalty_decision_v1']);
  });

  it('refuses an unknown profile (400), anonymous callers (401) and oversize text (400)', async () => {
    const a = await signedIn(env.app, 'zj.reviewer');
    expect((await a.post('/api/v1/review/pii', { text: 'x', profile: 'nope' })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/review/pii', payload: { text: 'x' } })).statusCode).toBe(401);
    const big = await a.post('/api/v1/review/pii', { text: '字'.repeat(200_001) });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].message).toContain('20 万字');
  });
});

describe.skipIf(pgUnavailable())('公开审查 checks and the 错敏词 dictionary', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['reviewer', 'editor']);
  });
  afterAll(() => env.close());

  it('checks a text with the dictionaries of the organisation and those above it, and marks blocking findings', async () => {
    const rootReviewer = await signedIn(env.app, 'root.reviewer');
    const created = await rootReviewer.post(`/api/v1/orgs/${w.root.id}/wording`, { term: '烟草专卖总局', kind: 'serious', suggestion: '国家烟草专卖局', note: '机构名称错误' });
    expect(created.statusCode).toBe(201);
    expect((await rootReviewer.post(`/api/v1/orgs/${w.root.id}/wording`, { term: '烟草专卖总局', kind: 'serious' })).statusCode).toBe(409);
    const zjReviewer = await signedIn(env.app, 'zj.reviewer');
    expect((await zjReviewer.post(`/api/v1/orgs/${w.zj.id}/wording`, { term: '专卖科', kind: 'outdated', suggestion: '专卖监督管理处' })).statusCode).toBe(201);

    const res = await zjReviewer.post('/api/v1/review/check', { text: '机密★5年\n根据烟草专卖总局和国家工商总局的要求，请到专卖科办理。申请人：张伟，手机13800138000。' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.blocking).toBe(true);
    expect(body.findings.map((f: { text: string; suggestion: string }) => `${f.text}→${f.suggestion}`)).toEqual(['机密★5年→', '烟草专卖总局→国家烟草专卖局', '国家工商总局→国家市场监督管理总局', '专卖科→专卖监督管理处']);
    expect(body.masked).toContain('张某');

    // 广东 does not see 浙江's own entries, but does see the 国家局 ones.
    const gd = (await (await signedIn(env.app, 'gd.reviewer')).post('/api/v1/review/check', { text: '烟草专卖总局、专卖科' })).json();
    expect(gd.findings.map((f: { text: string }) => f.text)).toEqual(['烟草专卖总局']);
    expect(gd.blocking).toBe(false);
  });

  it('keeps the dictionary to reviewers and administrators of the organisation (403), others’ out of reach (404), edits audited', async () => {
    expect((await (await signedIn(env.app, 'zj.editor')).post(`/api/v1/orgs/${w.zj.id}/wording`, { term: '某某词', kind: 'typo' })).statusCode).toBe(403);
    expect((await (await signedIn(env.app, 'gd.reviewer')).get(`/api/v1/orgs/${w.zj.id}/wording`)).statusCode).toBe(404);
    const zj = await signedIn(env.app, 'zj.reviewer');
    const list = (await zj.get(`/api/v1/orgs/${w.zj.id}/wording`)).json().items;
    const off = await zj.patch(`/api/v1/orgs/${w.zj.id}/wording/${list[0].id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await zj.post('/api/v1/review/check', { text: '请到专卖科办理' })).json().findings).toEqual([]);
    expect((await zj.patch(`/api/v1/orgs/${w.gd.id}/wording/${list[0].id}`, { active: true })).statusCode).toBe(404);
    const audits = (await env.database.query<{ action: string }>("select action from audit_events where object_type = 'wording' order by seq")).map((r) => r.action);
    expect(audits).toEqual(['wording.create', 'wording.create', 'wording.update']);
  });
});
