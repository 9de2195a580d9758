import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { messages } from './messages.tables.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { messageCode } from './messages.service.js';
import { seedDemoKnowledge } from '../knowledge/knowledge.seed.js';

const message = (over: Record<string, unknown> = {}) => ({
  category: 'complain',
  subject: '客户经理多次未按约定时间送货',
  content: '近一个月送货时间不固定，两次到晚上九点才送到。联系人王秀英，电话13905710001。',
  name: '王秀英',
  phone: '139 0571 0001',
  email: '',
  publishConsent: true,
  ...over,
});

/** Sets the test clock to 10:00 Beijing time on `day`. */
const at = (env: TestEnv, day: string) => env.clock.set(new Date(`${day}T02:00:00Z`));

describe.skipIf(pgUnavailable())('互动交流 end to end through the API', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['message_officer', 'reviewer', 'supervisor', 'service_staff', 'sys_admin']);
  });
  afterAll(() => env.close());

  const submit = (body: Record<string, unknown>) => env.app.inject({ method: 'POST', url: '/api/v1/public/messages', payload: body });
  const act = async (username: string, id: string, action: string, data: Record<string, unknown> = {}) => {
    const a = await signedIn(env.app, username);
    return a.post(`/api/v1/messages/${id}/actions`, { action, data });
  };

  it('takes a message once per idempotency key, seals the writer, and rejects bad input in Chinese without recording anything', async () => {
    at(env, '2026-03-02');
    const key = crypto.randomUUID();
    const first = await submit({ ...message(), orgCode: w.zj.code, idempotencyKey: key });
    expect(first.statusCode).toBe(201);
    const { receiptNo, trackingCode } = first.json();
    expect(receiptNo).toBe(`LY2026-${w.zj.code}-00001`);
    expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const again = await submit({ ...message(), orgCode: w.zj.code, idempotencyKey: key });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ receiptNo, duplicate: true });

    const [row] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, receiptNo));
    expect(row.writerSealed).not.toContain('13905710001');
    expect(row.writerSealed).not.toContain('王秀英');
    // The audit trail has the receipt number, never the writer's details.
    const audits = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.objectId, row.id));
    expect(JSON.stringify(audits)).not.toContain('13905710001');

    const before = (await env.ctx.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0].n;
    const bad = await submit({ ...message({ subject: '短', phone: 'abc', category: 'x' }), orgCode: w.zj.code, idempotencyKey: crypto.randomUUID() });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/标题|类别|电话/);
    expect(bad.body).not.toMatch(/at .*\.ts/);
    expect((await env.ctx.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0].n).toBe(before);
  });

  it('registers a 12313 call or an anonymous letter entered by staff, with a number and code to give the caller', async () => {
    at(env, '2026-03-02');
    const officer = await signedIn(env.app, 'zj.message_officer');
    const body = { channel: 'PHONE_12313', category: 'report', subject: '来电举报某店销售假烟', content: '来电人反映城东某便利店低价销售中华烟，疑似假烟。', name: '匿名', phone: '', idempotencyKey: crypto.randomUUID() };
    const r = await officer.post(`/api/v1/orgs/${w.zj.id}/messages`, body);
    expect(r.statusCode).toBe(201);
    expect(r.json().trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect((await officer.post(`/api/v1/orgs/${w.zj.id}/messages`, body)).json().duplicate).toBe(true);
    const view = (await officer.get(`/api/v1/messages/${r.json().id}`)).json();
    expect(view).toMatchObject({ channel: 'PHONE_12313', status: 'received', deadlines: { acceptBy: '2026-03-02' } });
    // Only the bureau's 留言办理人 registers; the portal channel cannot be claimed by staff.
    expect((await (await signedIn(env.app, 'zj.reviewer')).post(`/api/v1/orgs/${w.zj.id}/messages`, { ...body, idempotencyKey: crypto.randomUUID() })).statusCode).toBe(403);
    expect((await officer.post(`/api/v1/orgs/${w.zj.id}/messages`, { ...body, channel: 'ONLINE', idempotencyKey: crypto.randomUUID() })).statusCode).toBe(400);
  });

  it('runs the closed loop: accept, transfer to a subordinate bureau with its deadline, reply, review, send, rate, publish without personal data', async () => {
    at(env, '2026-03-02');
    const created = (await submit({ ...message(), orgCode: w.zj.code, idempotencyKey: crypto.randomUUID() })).json();
    const [row] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, created.receiptNo));
    const id = row.id;

    // 受理 the same working day; a complaint is answered within 15 working days (2026-03-23).
    let r = await act('zj.message_officer', id, 'accept');
    expect(r.statusCode).toBe(200);
    expect(r.json().deadlines).toMatchObject({ receivedOn: '2026-03-02', acceptBy: '2026-03-02', acceptedOn: '2026-03-02', answerBy: '2026-03-23', transferBy: '2026-03-03' });

    // Only downward: a sister bureau is refused.
    r = await act('zj.message_officer', id, 'transfer', { toOrgId: w.gd.id });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('下级机构');
    // A transfer deadline later than the answer deadline is refused.
    r = await act('zj.message_officer', id, 'transfer', { toOrgId: w.hz.id, due: '2026-03-30' });
    expect(r.statusCode).toBe(400);
    r = await act('zj.message_officer', id, 'transfer', { toOrgId: w.hz.id, due: '2026-03-16', note: '请核实后直接答复' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ orgName: '测试杭州市局', handOffs: [{ action: 'transfer', fromOrgName: '测试浙江省局', toOrgName: '测试杭州市局', due: '2026-03-16' }] });

    // The provincial officer no longer handles it (403), the city officer does; the city bureau cannot see other bureaus' messages.
    expect((await act('zj.message_officer', id, 'draft_reply', { body: '已转杭州市局办理并答复您。' })).statusCode).toBe(403);
    expect((await (await signedIn(env.app, 'gd.message_officer')).get(`/api/v1/messages/${id}`)).statusCode).toBe(404);

    at(env, '2026-03-05');
    r = await act('hz.message_officer', id, 'draft_reply', { body: '您好！经核实，已恢复原送货时段，并要求客户经理提前电话告知。' });
    expect(r.json().status).toBe('reviewing');
    // The officer cannot approve their own reply; the reviewer can.
    expect((await act('hz.message_officer', id, 'approve_reply')).statusCode).toBe(403);
    r = await act('hz.reviewer', id, 'approve_reply', { comment: '同意' });
    expect(r.json().status).toBe('approved');
    r = await act('hz.message_officer', id, 'send_reply');
    expect(r.json()).toMatchObject({ status: 'answered', answeredOn: '2026-03-05' });
    expect(r.json().deadlines.followUpBy).toBe('2026-03-10');

    // The writer follows it with number and code (a wrong code reads as unknown), and rates it once.
    const code = messageCode(env.ctx, id);
    const wrong = await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { receiptNo: created.receiptNo, code: 'ZZZZZZZZ' } });
    expect(wrong.statusCode).toBe(404);
    const tracked = await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { receiptNo: created.receiptNo, code: code.toLowerCase() } });
    expect(tracked.json()).toMatchObject({ statusLabel: '已答复', canRate: true, reply: { orgName: '测试杭州市局' } });
    expect(tracked.json().events.map((e: { label: string }) => e.label)).toEqual(['提交留言', '受理', '转办', '发送答复']);
    const rated = await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/rate', payload: { receiptNo: created.receiptNo, code, rating: 'satisfied', comment: '处理及时' } });
    expect(rated.json()).toMatchObject({ ratingLabel: '满意', canRate: false });
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/rate', payload: { receiptNo: created.receiptNo, code, rating: 'unsatisfied' } })).statusCode).toBe(422);

    // Publication: the preview has the personal data masked; text that still has it is refused.
    const zj = await signedIn(env.app, 'zj.message_officer');
    const preview = (await zj.get(`/api/v1/messages/${id}/publish-preview`)).json();
    expect(preview.content).not.toContain('13905710001');
    expect(preview.content).toContain('王某某');
    const leaky = await zj.post(`/api/v1/messages/${id}/publish`, { ...preview, content: '联系人王秀英，电话13905710001。' });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().detail).toContain('个人信息');
    // The writer's own name is refused even where the detector would not see a name.
    const named = await zj.post(`/api/v1/messages/${id}/publish`, { ...preview, content: '送货晚的事，王秀英反映过两次。' });
    expect(named.statusCode).toBe(400);
    expect(named.json().detail).not.toContain('王秀英');
    const pub = await zj.post(`/api/v1/messages/${id}/publish`, preview);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().published).toBe(true);
    const page = await env.app.inject({ method: 'GET', url: `/org/${w.zj.slug}/hdjl/` });
    expect(page.body).toContain('客户经理多次未按约定时间送货');
    expect(page.body).not.toContain('13905710001');
  });

  it('declines with a referral the writer sees, and merges a duplicate so that one reply answers both writers', async () => {
    at(env, '2026-03-02');
    const declined = (await submit({ ...message({ category: 'report', subject: '举报小区门口水果店卖假烟', content: '小区门口水果店卖的香烟价格明显偏低，怀疑是假烟。' }), orgCode: w.gd.code, idempotencyKey: crypto.randomUUID() })).json();
    const [d] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, declined.receiptNo));
    expect((await act('gd.message_officer', d.id, 'decline', { reason: '涉烟违法线索请拨打12313举报', referral: '12313' })).json().status).toBe('declined');
    const t = (await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { receiptNo: declined.receiptNo, code: messageCode(env.ctx, d.id) } })).json();
    expect(t.events[1].detail).toContain('12313');

    const first = (await submit({ ...message({ category: 'suggest', subject: '建议办事大厅周末也能办理许可证', content: '很多零售户平时要看店，建议办事大厅周末也能办理许可证业务。', phone: '13700000001' }), orgCode: w.gd.code, idempotencyKey: crypto.randomUUID() })).json();
    const second = (await submit({ ...message({ category: 'suggest', subject: '建议办事大厅周末也能办理许可证业务', content: '很多零售户平时要看店，建议办事大厅周末能办理许可证业务。', name: '赵六', phone: '13700000002' }), orgCode: w.gd.code, idempotencyKey: crypto.randomUUID() })).json();
    const [a] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, first.receiptNo));
    const [b] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, second.receiptNo));
    const officer = await signedIn(env.app, 'gd.message_officer');
    const view = (await officer.get(`/api/v1/messages/${b.id}`)).json();
    expect(view.duplicates).toContainEqual(expect.objectContaining({ id: a.id, reason: 'similar' }));
    expect((await act('gd.message_officer', b.id, 'merge', { intoId: b.id })).statusCode).toBe(400);
    expect((await act('gd.message_officer', b.id, 'merge', { intoId: a.id })).json().status).toBe('merged');
    await act('gd.message_officer', a.id, 'accept');
    await act('gd.message_officer', a.id, 'draft_reply', { body: '感谢您的建议，本局已推行周六上午延时服务。' });
    await act('gd.reviewer', a.id, 'approve_reply');
    await act('gd.message_officer', a.id, 'send_reply');
    const tb = (await env.app.inject({ method: 'POST', url: '/api/v1/public/messages/track', payload: { receiptNo: second.receiptNo, code: messageCode(env.ctx, b.id) } })).json();
    expect(tb).toMatchObject({ statusLabel: '已答复', reply: { body: '感谢您的建议，本局已推行周六上午延时服务。' } });
  });

  it('allows one extension only, within the configured maximum, and uses each organisation’s own deadlines', async () => {
    at(env, '2026-03-02');
    const admin = await signedIn(env.app, 'gd.sys_admin');
    const put = await admin.put(`/api/v1/orgs/${w.gd.id}/message-settings`, { acceptDays: 0, transferDays: 1, answerDays: { consult: 3, suggest: 10, complain: 10, report: 10 }, extensionMaxDays: 5, followUpDays: 3, vetoWarnDays: 15 });
    expect(put.json()).toMatchObject({ isDefault: false, answerDays: { consult: 3 } });
    const c = (await submit({ ...message({ category: 'consult', subject: '烟证延续需要什么材料', content: '我的许可证明年到期，延续需要什么材料？' }), orgCode: w.gd.code, idempotencyKey: crypto.randomUUID() })).json();
    const [m] = await env.ctx.db.select().from(messages).where(eq(messages.receiptNo, c.receiptNo));
    expect((await act('gd.message_officer', m.id, 'accept')).json().deadlines.answerBy).toBe('2026-03-05');
    expect((await act('gd.reviewer', m.id, 'extend', { days: 6, reason: '需要实地核实' })).statusCode).toBe(422);
    expect((await act('gd.reviewer', m.id, 'extend', { days: 5, reason: '需要实地核实' })).json().deadlines.answerBy).toBe('2026-03-12');
    expect((await act('gd.reviewer', m.id, 'extend', { days: 1, reason: '再延一天' })).statusCode).toBe(422);
    // A later change of settings does not move a running deadline.
    await admin.put(`/api/v1/orgs/${w.gd.id}/message-settings`, { acceptDays: 0, transferDays: 1, answerDays: { consult: 5, suggest: 15, complain: 15, report: 15 }, extensionMaxDays: 15, followUpDays: 3, vetoWarnDays: 15 });
    expect((await (await signedIn(env.app, 'gd.message_officer')).get(`/api/v1/messages/${m.id}`)).json().deadlines.answerBy).toBe('2026-03-12');
  });

  it('warns when a message nears the 3-month line, and the statistics count on-time replies, working days and ratings', async () => {
    at(env, '2025-12-10');
    const old = (await submit({ ...message({ subject: '一件久未答复的投诉留言', content: '反映的问题一直没有得到答复，请尽快处理。', phone: '13600000009' }), orgCode: w.root.code, idempotencyKey: crypto.randomUUID() })).json();
    at(env, '2026-03-02');
    const officer = await signedIn(env.app, 'root.message_officer');
    const veto = (await officer.get('/api/v1/messages?status=veto')).json();
    expect(veto.items).toContainEqual(expect.objectContaining({ receiptNo: old.receiptNo, vetoOn: '2026-03-10', vetoWarning: 'approaching' }));
    expect((await officer.get('/api/v1/messages/reminders')).json().veto).toBeGreaterThanOrEqual(1);

    const hz = await signedIn(env.app, 'zj.message_officer');
    const stats = (await hz.get('/api/v1/messages/stats?from=2026-01-01&to=2026-12-31')).json();
    const city = stats.rows.find((r: { orgName: string; departmentName: string | null }) => r.orgName === '测试杭州市局' && r.departmentName === null);
    expect(city, JSON.stringify(stats.rows)).toMatchObject({ answered: 1, onTime: 1, medianDays: 3, p90Days: 3, satisfied: 1 });
    const xlsx = await hz.get('/api/v1/messages/stats.xlsx?from=2026-01-01&to=2026-12-31');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('promotes a reply into the knowledge base, and every channel finds the edit at once', async () => {
    at(env, '2026-03-02');
    await seedDemoKnowledge(env.ctx, w.root.id);
    const publicSearch = (q: string) => env.app.inject({ method: 'GET', url: `/api/v1/public/knowledge/search?q=${encodeURIComponent(q)}` });
    const hit = (await publicSearch('烟证丢了怎么办')).json().items[0];
    expect(hit.question).toBe('烟草专卖零售许可证遗失了怎么补办？');
    expect(hit.matchedTerms.length).toBeGreaterThan(0);

    const [answered] = await env.ctx.db.select().from(messages).where(and(eq(messages.status, 'answered'), eq(messages.orgId, w.gd.id))).limit(1);
    const officer = await signedIn(env.app, 'gd.message_officer');
    const created = await officer.post('/api/v1/knowledge', {
      question: '办事大厅周末可以办理烟草专卖零售许可证吗？',
      phrasings: ['周六能去大厅办烟证吗'],
      answer: '可以。本局已推行周六上午延时服务。\n\n- 也可以网上办理\n- 许可证可邮寄送达',
      reviewBy: '2026-09-01',
      sourceMessageId: answered.id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().answerHtml).toBe('<p>可以。本局已推行周六上午延时服务。</p><ul><li>也可以网上办理</li><li>许可证可邮寄送达</li></ul>');
    const found = (await publicSearch('周末大厅能办烟草证吗')).json().items[0];
    expect(found.id).toBe(created.json().id);

    // The hall console (服务人员) searches the same base; an edit shows on the portal page at once.
    const hall = await signedIn(env.app, 'gd.service_staff');
    expect((await hall.get(`/api/v1/knowledge?q=${encodeURIComponent('周末大厅能办烟草证吗')}`)).json().items[0].id).toBe(created.json().id);
    const zsk = `/org/${w.gd.slug}/hdjl/zsk/${created.json().id}`;
    expect((await env.app.inject({ method: 'GET', url: zsk })).body).toContain('周六上午延时服务');
    await officer.put(`/api/v1/knowledge/${created.json().id}`, { question: '办事大厅周末可以办理烟草专卖零售许可证吗？', answer: '可以。本局已推行周六全天延时服务。', reviewBy: '2026-09-01' });
    expect((await env.app.inject({ method: 'GET', url: zsk })).body).toContain('周六全天延时服务');
    // A script in an answer is shown as text, never run.
    const xss = await officer.post('/api/v1/knowledge', { question: '测试脚本问答是否转义', answer: '<script>alert(1)</script>', reviewBy: '2026-09-01' });
    expect(xss.json().answerHtml).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    // Another organisation's staff cannot edit the entry.
    expect((await (await signedIn(env.app, 'zj.message_officer')).put(`/api/v1/knowledge/${created.json().id}`, { question: '改一下这个问题', answer: '改一下这个答案', reviewBy: '2026-09-01' })).statusCode).toBe(404);
  });
});
