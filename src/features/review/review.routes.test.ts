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
