import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { disclosureRequests } from './requests.tables.js';
import { letterDocx } from '../../platform/documents/letter.js';
import { trackingCode } from './requests.service.js';

const application = (over: Record<string, unknown> = {}) => ({
  applicantType: 'NATURAL_PERSON',
  name: '李建国',
  idType: 'ID_CARD',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: 'li@example.cn',
  address: '浙江省杭州市西湖区某路1号',
  infoDescription: '2025年度烟草专卖零售许可证核发数量',
  provisionForm: 'ELECTRONIC',
  delivery: 'EMAIL',
  ...over,
});

/** Sets the test clock to 10:00 Beijing time on `day`. */
const at = (env: TestEnv, day: string) => env.clock.set(new Date(`${day}T02:00:00Z`));

describe.skipIf(pgUnavailable())('依申请公开 end to end through the API', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['disclosure_officer', 'reviewer', 'supervisor', 'editor']);
  });
  afterAll(() => env.close());

  const trackingCodeOf = (id: string) => trackingCode(env.ctx, id);
  const submit = (body: Record<string, unknown>) => env.app.inject({ method: 'POST', url: '/api/v1/public/requests', payload: body });

  it('takes an online application once per idempotency key, keeps personal data sealed, and tracks it by number and code', async () => {
    at(env, '2026-03-01');
    const key = crypto.randomUUID();
    const first = await submit({ ...application(), orgCode: w.zj.code, idempotencyKey: key });
    expect(first.statusCode).toBe(201);
    const { receiptNo, trackingCode, status } = first.json();
    expect(receiptNo).toBe(`2026-${w.zj.code}-00001`);
    expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(status).toBe('awaiting_confirmation');
    const again = await submit({ ...application(), orgCode: w.zj.code, idempotencyKey: key });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ receiptNo, trackingCode, duplicate: true });
    const rows = await env.ctx.db.select().from(disclosureRequests);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain('11010519491231002X');
    expect(JSON.stringify(rows[0])).not.toContain('李建国');

    const tracked = await env.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { receiptNo, code: trackingCode.toLowerCase() } });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ status: 'awaiting_confirmation', statusLabel: '待确认', due: null });
    const wrong = await env.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { receiptNo, code: 'AAAAAAAA' } });
    const unknown = await env.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { receiptNo: '2026-XXXX-00009', code: trackingCode } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('refuses a bad identity number with a Chinese message and records nothing', async () => {
    const bad = await submit({ ...application({ idNumber: '110105194912310021' }), orgCode: w.zj.code, idempotencyKey: crypto.randomUUID() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message).join()).toContain('居民身份证号码无效');
    expect((await env.ctx.db.select().from(disclosureRequests)).length).toBe(1);
  });

  it('walks confirmation, consultation, extension, reply, review and delivery, with the deadline right at each step', async () => {
    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const list = await officer.get('/api/v1/requests?status=open');
    expect(list.statusCode).toBe(200);
    const id = list.json().items[0].id;
    expect(list.json().items[0]).toMatchObject({ applicantName: '李建国', status: 'awaiting_confirmation', dueOn: null });

    at(env, '2026-03-02');
    // The test clock jumps days ahead, past any session's lifetime: each step signs in afresh.
    const act = async (who: 'officer' | 'reviewer', action: string, data: Record<string, unknown> = {}) =>
      (await signedIn(env.app, `zj.${who === 'officer' ? 'disclosure_officer' : 'reviewer'}`)).post(`/api/v1/requests/${id}/actions`, { action, data });
    expect((await act('officer', 'deliver', { method: 'EMAIL', deliveredOn: '2026-03-02' })).statusCode).toBe(409);
    const confirmed = await act('officer', 'confirm', { confirmedOn: '2026-03-02', method: '电话' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().clock).toMatchObject({ receivedOn: '2026-03-02', due: '2026-03-30', daysLeft: 20, correctionIssueBy: '2026-03-11' });

    at(env, '2026-03-10');
    expect((await act('officer', 'assign', { departmentId: null, officerId: null })).statusCode).toBe(200);
    expect((await act('officer', 'start_consultation', { kind: 'third_party', party: '某卷烟零售户' })).json().status).toBe('consulting');
    at(env, '2026-03-17');
    const ended = await act('officer', 'end_consultation', { result: 'no_reply' });
    expect(ended.json().clock).toMatchObject({ due: '2026-04-07', pausedDays: 5 });

    at(env, '2026-03-20');
    const noHead = await act('officer', 'extend', { days: 21, approvedBy: '王处长', reason: '需调取档案' });
    expect(noHead.statusCode).toBe(400);
    const ext = await act('officer', 'extend', { days: 10, approvedBy: '王处长', reason: '需调取档案' });
    expect(ext.json().clock).toMatchObject({ due: '2026-04-21', extensionDays: 10 });
    expect(ext.json().letters.map((l: { kind: string }) => l.kind)).toEqual(['receipt', 'consultation', 'extension']);
    expect((await act('officer', 'extend', { days: 11, approvedBy: '王处长', reason: '再延' })).statusCode).toBe(422);

    // A reviewer cannot draft; an officer cannot approve.
    expect((await act('reviewer', 'draft_reply', { outcome: 'DISCLOSE', documents: 'x' })).statusCode).toBe(403);
    expect((await act('officer', 'draft_reply', { outcome: 'WITHHOLD', reasons: [] })).statusCode).toBe(400);
    // The disclosed document goes with the reply: a real Word file is taken, a renamed program is not.
    const officerAgent = await signedIn(env.app, 'zj.disclosure_officer');
    const docx = await letterDocx({ title: '2025年度许可证核发情况统计表', paragraphs: ['核发 1234 件。'], issuer: '测试浙江省局', date: '2026年3月20日' });
    const added = await officerAgent.post(`/api/v1/requests/${id}/files`, { fileName: '统计表.docx', contentBase64: docx.toString('base64') });
    expect(added.statusCode).toBe(201);
    const fake = await officerAgent.post(`/api/v1/requests/${id}/files`, { fileName: '统计表.docx', contentBase64: Buffer.from('MZ\x90\x00program').toString('base64') });
    expect(fake.statusCode).toBe(400);
    const drafted = await act('officer', 'draft_reply', { outcome: 'PARTIAL', reasons: ['THIRD_PARTY_RIGHTS'], body: '其中涉及零售户个人信息的部分不予公开。', documents: '2025年度许可证核发情况统计表（已删除个人信息）' });
    expect(drafted.json()).toMatchObject({ status: 'drafting', reply: { outcome: 'PARTIAL' } });
    await act('officer', 'submit_reply');
    expect((await act('officer', 'approve_reply')).statusCode).toBe(403);
    expect((await act('reviewer', 'return_reply', { comment: '请写明依据' })).json().reply.returnedNote).toBe('请写明依据');
    await act('officer', 'submit_reply');
    const approved = await act('reviewer', 'approve_reply', { comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'approved', letterNo: `${w.zj.shortName}公开答〔2026〕1号` });

    // Before delivery the applicant cannot see the reply letter.
    const tracking = (await (await signedIn(env.app, 'zj.disclosure_officer')).post('/api/v1/orgs/' + w.zj.id + '/requests', { ...application(), channel: 'IN_PERSON', arrivedOn: '2026-03-20', idempotencyKey: crypto.randomUUID() })).json();
    expect(tracking.status).toBe('registered');
    expect((await (await signedIn(env.app, 'zj.disclosure_officer')).post(`/api/v1/requests/${id}/files`, { fileName: 'x.docx', contentBase64: docx.toString('base64') })).statusCode).toBe(409);
    const delivered = await act('officer', 'deliver', { method: 'EMAIL', deliveredOn: '2026-03-20', proof: '邮件回执' });
    expect(delivered.json()).toMatchObject({ status: 'replied', concludedOn: '2026-03-20', outcome: 'PARTIAL' });
    const applicantView = await env.app.inject({ method: 'POST', url: '/ysqgk/track', payload: { receiptNo: list.json().items[0].receiptNo, code: trackingCodeOf(id) } });
    expect(applicantView.body).toContain('统计表.docx');
    const fileId = applicantView.body.match(/name="fileId" value="([^"]+)"/)![1];
    const got = await env.app.inject({ method: 'POST', url: '/ysqgk/file', payload: { receiptNo: list.json().items[0].receiptNo, code: trackingCodeOf(id), fileId } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(docx)).toBe(true);

    const fresh = await signedIn(env.app, 'zj.disclosure_officer');
    const letter = await fresh.get(`/api/v1/requests/${id}/letters/reply?format=docx`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await fresh.get(`/api/v1/requests/${id}/letters/reply?format=pdf`);
    if (pdf.statusCode === 200) expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(pdf.json().detail).toContain('中文字体');

    const audit = await env.ctx.db.execute(sql`select action from audit_events where object_id = ${id} order by seq`);
    const actions = ((audit as { rows?: { action: string }[] }).rows ?? (audit as unknown as { action: string }[])).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['request.create', 'request.confirm', 'request.extend', 'request.approve_reply', 'request.deliver', 'request.letter']));
  });

  it('hides one organisation’s cases from another, and shows a subordinate’s to the supervisor above', async () => {
    const zjCase = (await env.ctx.db.select().from(disclosureRequests))[0];
    const gdOfficer = await signedIn(env.app, 'gd.disclosure_officer');
    expect((await gdOfficer.get(`/api/v1/requests/${zjCase.id}`)).statusCode).toBe(404);
    expect((await gdOfficer.post(`/api/v1/requests/${zjCase.id}/actions`, { action: 'note', data: { text: 'x' } })).statusCode).toBe(404);
    const rootSupervisor = await signedIn(env.app, 'root.supervisor');
    expect((await rootSupervisor.get(`/api/v1/requests/${zjCase.id}`)).statusCode).toBe(200);
    expect((await rootSupervisor.get(`/api/v1/requests?orgId=${w.zj.id}&status=all`)).json().total).toBe(2);
    // The supervisor may read the case but not act on it: 403, not 404.
    expect((await rootSupervisor.post(`/api/v1/requests/${zjCase.id}/actions`, { action: 'note', data: { text: 'x' } })).statusCode).toBe(403);
  });

  it('asks for 补正 once, restarts the clock from the corrected application, and deems it abandoned after the period', async () => {
    at(env, '2026-04-01');
    let officer = await signedIn(env.app, 'zj.disclosure_officer');
    const created = await officer.post(`/api/v1/orgs/${w.zj.id}/requests`, { ...application({ name: '某律师事务所', applicantType: 'LEGAL_SERVICE', idType: 'CREDIT_CODE', idNumber: '91330100MA2XXXXX0X' }), channel: 'POST_SIGNED', arrivedOn: '2026-04-01', idempotencyKey: crypto.randomUUID() });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const act = (action: string, data: Record<string, unknown> = {}) => officer.post(`/api/v1/requests/${id}/actions`, { action, data });
    const asked = await act('request_correction', { items: ['请写明所需文件的名称或文号', '请说明获取信息的时间范围'], correctionDueBy: '2026-04-15' });
    expect(asked.json()).toMatchObject({ status: 'correction', clock: { due: null, correctionDueBy: '2026-04-15' } });
    expect((await act('abandon', { reason: 'no_correction' })).statusCode).toBe(422);
    at(env, '2026-04-16');
    officer = await signedIn(env.app, 'zj.disclosure_officer');
    const gone = await act('abandon', { reason: 'no_correction' });
    expect(gone.json()).toMatchObject({ status: 'abandoned', outcome: 'ABANDONED_NO_CORRECTION', concludedOn: '2026-04-16' });
    expect((await officer.get(`/api/v1/requests/${id}/letters/correction`)).statusCode).toBe(200);
  });

  it('charges a fee only past the free tier, pauses the clock while it is unpaid, and records 复议 linked to a case', async () => {
    at(env, '2026-05-06');
    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await officer.post(`/api/v1/orgs/${w.zj.id}/requests`, { ...application({ idNumber: '440524198001010013', name: '王某' }), channel: 'IN_PERSON', arrivedOn: '2026-05-06', idempotencyKey: crypto.randomUUID() });
      ids.push(r.json().id);
    }
    const act = (id: string, action: string, data: Record<string, unknown> = {}) => officer.post(`/api/v1/requests/${id}/actions`, { action, data });
    await act(ids[0], 'assign', {});
    expect((await act(ids[0], 'fee_notice', { method: 'per_application' })).json().detail).toContain('10 件以内不收费');
    await act(ids[10], 'assign', {});
    const fee = await act(ids[10], 'fee_notice', { method: 'per_application' });
    expect(fee.json()).toMatchObject({ status: 'fee_pending', feeQuote: { nthThisMonth: 11, perApplication: 100 }, clock: { paused: 'fee' } });
    const feeEvent = fee.json().events.find((e: { action: string }) => e.action === 'fee_notice');
    expect(feeEvent.data).toMatchObject({ amount: 100, nth: 11 });
    await act(ids[10], 'fee_paid', { paidOn: '2026-05-06', voucherNo: 'ZJ2026-0001' });
    // One method, one notice per application (109号 Art 3).
    expect((await act(ids[10], 'fee_notice', { method: 'per_volume', pages: 120 })).statusCode).toBe(422);

    const appeal = await officer.post(`/api/v1/requests/${ids[0]}/appeals`, { kind: 'reconsideration', filedOn: '2026-05-06', body: '国家烟草专卖局' });
    expect(appeal.statusCode).toBe(201);
    const bad = await officer.put(`/api/v1/requests/${ids[0]}/appeals/${appeal.json().id}`, { kind: 'reconsideration', filedOn: '2026-05-06', body: '国家烟草专卖局', result: 'maintained' });
    expect(bad.statusCode).toBe(400);
    const done = await officer.put(`/api/v1/requests/${ids[0]}/appeals/${appeal.json().id}`, { kind: 'reconsideration', filedOn: '2026-05-06', body: '国家烟草专卖局', result: 'maintained', concludedOn: '2026-05-06' });
    expect(done.json()).toMatchObject({ result: 'maintained', concludedOn: '2026-05-06' });
  });

  it('reminds officers of cases near their deadline and exports the list to Excel', async () => {
    at(env, '2026-05-29');
    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const rem = await officer.get('/api/v1/requests/reminders');
    expect(rem.statusCode).toBe(200);
    expect(rem.json().thresholds).toEqual([5, 2]);
    expect(rem.json().items.length).toBeGreaterThan(0);
    for (const it of rem.json().items) expect(it.daysLeft).toBeLessThanOrEqual(5);
    const xlsx = await officer.get('/api/v1/requests/export.xlsx?status=all');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
