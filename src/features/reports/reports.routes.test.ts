import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildOrg, buildWorld, signedIn } from '../../../test/factories.js';
import { disclosureAppeals, disclosureRequests } from '../requests/requests.tables.js';
import { APPLICANT_TYPES, OUTCOMES, WITHHOLD_REASONS, type ApplicantType, type Outcome } from '../requests/requests.rules.js';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, RESULT_ROWS, WITHHELD_ROWS } from './reports.data.js';
import type { Ctx } from '../../platform/context.js';
import JSZip from 'jszip';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { extractSegments } from '../review/attachments.js';

const TYPES = Object.keys(APPLICANT_TYPES) as ApplicantType[];

interface Spec {
  type: ApplicantType;
  received: string;
  concluded: string | null;
  outcome: Outcome | null;
  reasons?: string[];
  status?: string;
}

let seq = 0;
async function insertCase(ctx: Ctx, orgId: string, s: Spec): Promise<string> {
  seq++;
  const [row] = await ctx.db
    .insert(disclosureRequests)
    .values({
      orgId,
      receiptNo: `T${String(seq).padStart(8, '0')}`,
      year: Number(s.received.slice(0, 4)),
      seq,
      channel: 'ONLINE',
      applicantType: s.type,
      applicantSealed: 'x',
      applicantKey: `k${seq}`,
      infoDescription: '测试申请',
      provisionForm: 'ELECTRONIC',
      delivery: 'EMAIL',
      status: s.status ?? (s.concluded ? 'replied' : 'processing'),
      arrivedOn: s.received,
      receivedOn: s.received,
      outcome: s.outcome,
      reply: s.outcome ? { outcome: s.outcome, reasons: s.reasons ?? [], body: '', documents: '' } : null,
      concludedOn: s.concluded,
      idempotencyKey: `i${seq}`,
    })
    .returning();
  return row.id;
}

/** The row a concluded case counts in, written out independently of the code under test (annual-report.md §3.4). */
function expectedRow(s: Spec): string {
  if (s.outcome === 'WITHHOLD') return WITHHELD_ROWS[s.reasons![0] as keyof typeof WITHHELD_ROWS];
  return OUTCOMES[s.outcome!].row;
}

/** Table 三 for `year`, counted by hand from the specs. */
function expectedCells(specs: Spec[], year: number) {
  const out: Record<string, number> = {};
  for (const r of APPLICATION_ROWS) for (const c of APPLICANT_COLUMNS) out[`applications.${r.key}.${c}`] = 0;
  const bump = (row: string, type: string) => {
    out[`applications.${row}.${type}`]++;
    out[`applications.${row}.TOTAL`]++;
  };
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  for (const s of specs) {
    if (s.status === 'awaiting_confirmation' || s.received > end || (s.concluded && s.concluded < start)) continue;
    bump(s.received >= start ? 'newReceived' : 'carriedIn', s.type);
    if (s.concluded && s.concluded <= end) {
      bump(expectedRow(s), s.type);
      bump('resultTotal', s.type);
    } else bump('carriedOut', s.type);
  }
  return out;
}

describe.skipIf(pgUnavailable())('年报 tables computed from the records', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['disclosure_officer', 'supervisor', 'editor', 'reviewer']);
    env.clock.set(new Date('2026-01-05T02:00:00Z'));
  });
  afterAll(() => env.close());

  // Every result row in some applicant column, plus the year boundary both ways.
  const outcomes: [Outcome, string[]?][] = [
    ['DISCLOSE'],
    ['ALREADY_PUBLIC'],
    ['PARTIAL', ['THIRD_PARTY_RIGHTS']],
    ...(Object.keys(WITHHOLD_REASONS) as string[]).map((r): [Outcome, string[]] => ['WITHHOLD', [r, 'STATE_SECRET']]),
    ['NOT_EXIST'],
    ['NOT_OUR_INFO'],
    ['NEEDS_CREATION'],
    ['STILL_UNCLEAR'],
    ['PETITION'],
    ['REPEAT'],
    ['PUBLICATION'],
    ['BULK_UNREASONABLE'],
    ['CONFIRM_OR_REISSUE'],
    ['ABANDONED_NO_CORRECTION'],
    ['ABANDONED_UNPAID'],
    ['WITHDRAWN'],
    ['SPECIAL_REGIME'],
    ['OTHER'],
  ];
  const specs: Spec[] = [
    ...outcomes.map(([outcome, reasons], i): Spec => ({ type: TYPES[i % TYPES.length], received: `2025-0${1 + (i % 9)}-10`, concluded: `2025-${String(1 + (i % 12)).padStart(2, '0')}-20`, outcome, reasons })),
    { type: 'NATURAL_PERSON', received: '2024-12-20', concluded: '2025-01-15', outcome: 'DISCLOSE' }, // carried in, concluded this year
    { type: 'COMMERCIAL', received: '2024-12-28', concluded: null, outcome: null }, // carried in and out
    { type: 'NATURAL_PERSON', received: '2025-12-22', concluded: '2026-01-04', outcome: 'PARTIAL', reasons: ['PROCESS_INFO'] }, // carried out, concluded next year
    { type: 'LEGAL_SERVICE', received: '2025-12-30', concluded: null, outcome: null }, // still open
    { type: 'RESEARCH', received: '2024-03-01', concluded: '2024-03-20', outcome: 'DISCLOSE' }, // last year only
    { type: 'NATURAL_PERSON', received: '2026-01-02', concluded: null, outcome: null }, // next year only
    { type: 'NATURAL_PERSON', received: '2025-05-05', concluded: null, outcome: null, status: 'awaiting_confirmation' }, // never confirmed
  ];
  const ids = new Map<Spec, string>();

  it('counts every case once in the year it concluded, carried in and out across 31 December, and checks R1–R5', async () => {
    for (const s of specs) ids.set(s, await insertCase(env.ctx, w.zj.id, s));
    // Appeals: 复议 maintained; 复议 not concluded by 31 December; a lawsuit after that 复议; a direct lawsuit; one of last year.
    const partialCase = ids.get(specs[2])!;
    const withheldCase = ids.get(specs[3])!;
    await env.ctx.db.insert(disclosureAppeals).values([
      { requestId: partialCase, orgId: w.zj.id, kind: 'reconsideration', filedOn: '2025-06-01', body: '测试省人民政府', result: 'maintained', concludedOn: '2025-08-01' },
      { requestId: withheldCase, orgId: w.zj.id, kind: 'reconsideration', filedOn: '2025-07-01', body: '测试省人民政府', result: 'corrected', concludedOn: '2026-01-03' },
      { requestId: partialCase, orgId: w.zj.id, kind: 'litigation', filedOn: '2025-09-01', body: '测试区人民法院', result: 'corrected', concludedOn: '2025-12-01' },
      { requestId: withheldCase, orgId: w.zj.id, kind: 'litigation', filedOn: '2025-06-15', body: '测试区人民法院', result: 'other', concludedOn: '2025-11-01' },
      { requestId: withheldCase, orgId: w.zj.id, kind: 'reconsideration', filedOn: '2024-05-01', body: '测试省人民政府', result: 'maintained', concludedOn: '2024-06-01' },
    ]);

    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const res = await officer.get(`/api/v1/annual-reports/${w.zj.code}/2025`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.applications).toEqual(expectedCells(specs, 2025));
    // A few cells named, as a person checking the table would read them.
    expect(body.applications['applications.newReceived.TOTAL']).toBe(outcomes.length + 2);
    expect(body.applications['applications.carriedIn.TOTAL']).toBe(2);
    expect(body.applications['applications.partial.TOTAL']).toBe(1); // R2: not also under 不予公开
    expect(body.applications['applications.withheld.thirdParty.TOTAL']).toBe(1); // the first reason decides
    expect(body.applications['applications.carriedOut.TOTAL']).toBe(3);
    expect(body.appeals).toEqual({
      'review.maintained': 1, 'review.corrected': 0, 'review.other': 0, 'review.pending': 1, 'review.total': 2,
      'litigationDirect.maintained': 0, 'litigationDirect.corrected': 0, 'litigationDirect.other': 0, 'litigationDirect.pending': 0, 'litigationDirect.total': 0,
      'litigationAfterReview.maintained': 0, 'litigationAfterReview.corrected': 1, 'litigationAfterReview.other': 1, 'litigationAfterReview.pending': 0, 'litigationAfterReview.total': 2,
    });
    const failed = body.checks.filter((c: { ok: boolean; rule: string }) => !c.ok);
    expect(failed).toEqual([]);
    expect(body.checks.some((c: { rule: string }) => c.rule === 'R5')).toBe(true);
    expect(body.activeDisclosure['art20_5.licensing.decisions']).toBeNull();

    // The next year: what was carried out comes back in (R5 holds), and each result row is at zero except what concluded then.
    const next = (await officer.get(`/api/v1/annual-reports/${w.zj.code}/2026`)).json();
    expect(next.applications).toEqual(expectedCells(specs, 2026));
    expect(next.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
  });

  it('opens a cell to the cases it counts', async () => {
    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const cell = await officer.get(`/api/v1/annual-reports/${w.zj.code}/2025/cells/applications.carriedOut.TOTAL`);
    expect(cell.statusCode).toBe(200);
    expect(cell.json().items.map((i: { from: string }) => i.from).sort()).toEqual(['2024-12-28', '2025-12-22', '2025-12-30']);
    const partial = (await officer.get(`/api/v1/annual-reports/${w.zj.code}/2025/cells/applications.partial.${specs[2].type}`)).json();
    expect(partial.items).toEqual([expect.objectContaining({ id: ids.get(specs[2]), outcome: '部分公开' })]);
    const appeals = (await officer.get(`/api/v1/annual-reports/${w.zj.code}/2025/cells/litigationAfterReview.total`)).json();
    expect(appeals.items.length).toBe(2);
    expect((await officer.get(`/api/v1/annual-reports/${w.zj.code}/2025/cells/applications.nonsense.TOTAL`)).statusCode).toBe(404);
  });

  it('lets a superior bureau read a subordinate’s tables, and nobody else', async () => {
    const root = await signedIn(env.app, 'root.supervisor');
    expect((await root.get(`/api/v1/annual-reports/${w.zj.code}/2025`)).statusCode).toBe(200);
    const other = await signedIn(env.app, 'gd.disclosure_officer');
    expect((await other.get(`/api/v1/annual-reports/${w.zj.code}/2025`)).statusCode).toBe(404);
    const officer = await signedIn(env.app, 'zj.disclosure_officer');
    const bad = await officer.get(`/api/v1/annual-reports/${w.zj.code}/2030`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('年度');
  });

  it('drafts, checks, reviews and publishes the report; the portal shows it and the Word file has the official tables', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const base = `/api/v1/annual-reports/${w.zj.code}/2025/report`;
    const enforcement = (await ed.post(`/api/v1/catalog/nodes/${w.zj.id}`, { name: '行政执法' })).json();
    await ed.post(`/api/v1/catalog/nodes/${w.zj.id}`, { name: '行政处罚', parentId: enforcement.id });
    const fresh = (await ed.get(base)).json();
    expect(fresh.texts.other).toContain('在“行政执法”目录公开信息0条（其中行政处罚0条）');
    expect(fresh.status).toBe('new');
    expect(fresh.deadline).toBe('2026-01-31');
    expect(fresh.texts.requests).toContain(`新收政府信息公开申请${outcomes.length + 2}件`);
    expect(fresh.texts.other).toContain('未收取信息处理费');
    expect(fresh.checks.filter((c: { rule: string; ok: boolean }) => c.rule === 'ENTER' && !c.ok).length).toBe(4);

    const texts = { ...fresh.texts, supervision: '将政务公开纳入年度绩效考核。', problems: '一是政策解读形式较单一。二是依申请公开答复说理不够充分。' };
    const entered = {
      'art20_5.licensing.decisions': { value: 1520, note: '行政许可系统年度统计' },
      'art20_6.penalty.decisions': { value: 86, note: '专卖执法案件管理系统' },
      'art20_6.coercion.decisions': { value: 3, note: '专卖执法案件管理系统' },
      'art20_8.fees.amountWan': { value: 0, note: '财务决算' },
    };
    const noNote = await ed.put(base, { texts, entered: { ...entered, 'art20_6.coercion.decisions': { value: 3, note: '' } } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().detail).toContain('数据来源');
    expect((await ed.put(base, { texts, entered: { 'applications.bogus.TOTAL': { value: 1, note: '测试' } } })).statusCode).toBe(400);
    // Overriding a computed cell needs a reason; the totals that depend on it follow.
    const saved = await ed.put(base, { texts, entered: { ...entered, 'applications.disclosed.NATURAL_PERSON': { value: 5, note: '一件系人工登记的当面申请' } } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().status).toBe('draft');
    expect(saved.json().cells['applications.disclosed.NATURAL_PERSON']).toBe(5);
    expect(saved.json().cells['applications.disclosed.TOTAL']).toBe(5 + saved.json().computed['applications.disclosed.TOTAL'] - saved.json().computed['applications.disclosed.NATURAL_PERSON']);
    const r1 = saved.json().checks.find((c: { rule: string; message: string }) => c.rule === 'R1' && c.message.startsWith('自然人'));
    expect(r1.ok).toBe(false); // the override breaks 勾稽: shown, and review is refused

    const rv = await signedIn(env.app, 'zj.reviewer');
    const refused = await rv.post(`${base}/actions`, { action: 'review' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('校验未通过');
    expect((await ed.put(base, { texts, entered })).statusCode).toBe(200);
    expect((await ed.post(`${base}/actions`, { action: 'review' })).statusCode).toBe(403); // an editor does not review
    const reviewed = await rv.post(`${base}/actions`, { action: 'review' });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().status).toBe('reviewed');
    expect((await ed.put(base, { texts, entered })).statusCode).toBe(409);
    const published = await ed.post(`${base}/actions`, { action: 'publish' });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');

    // Locked: a case concluded afterwards does not change the published figures.
    const before = published.json().cells['applications.resultTotal.TOTAL'];
    await insertCase(env.ctx, w.zj.id, { type: 'NATURAL_PERSON', received: '2025-03-01', concluded: '2025-03-02', outcome: 'DISCLOSE' });
    expect((await ed.get(base)).json().cells['applications.resultTotal.TOTAL']).toBe(before);

    const list = await env.app.inject({ url: '/org/zj/xxgk/nb/' });
    expect(list.body).toContain('2025年政府信息公开工作年度报告');
    const page = await env.app.inject({ url: '/org/zj/xxgk/nb/2025/' });
    expect(page.statusCode).toBe(200);
    for (const t of ['一、总体情况', '（五）监督保障', '将政务公开纳入年度绩效考核', '第二十条第（一）项', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '3.危及“三安全一稳定”', '复议后起诉', '1520']) expect(page.body).toContain(t);
    expect((await env.app.inject({ url: '/org/zj/xxgk/nb/2024/' })).statusCode).toBe(404);

    const word = await env.app.inject({ url: '/org/zj/xxgk/nb/2025/report.docx' });
    expect(word.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(word.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('三、收到和处理政府信息公开申请情况');
    expect(xml).toContain('<w:gridSpan w:val="7"/>'); // 申请人情况 across the seven columns
    expect(xml).toContain('w:vMerge'); // 三、本年度办理结果 down its 22 rows
    expect(xml).toContain('黑体');
    const text = (await extractSegments(word.rawPayload)).segments.map((x) => x.text).join('\n');
    expect(text).toContain('行政事业性收费');

    const pdf = await env.app.inject({ url: '/org/zj/xxgk/nb/2025/report.pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const events = (await env.ctx.db.select().from(auditEvents)).filter((e) => e.action.startsWith('report.'));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['report.save', 'report.review', 'report.publish']));
  });

  it('takes an earlier year’s report in the 2019 trial format, entered by hand, to the portal archive', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const base = `/api/v1/annual-reports/${w.zj.code}/2019/report`;
    const blank = (await ed.get(base)).json();
    expect(blank).toMatchObject({ layout: 'trial2019', status: 'new', overdue: false });
    expect(blank.cells).toHaveProperty(['trial.art20_9.procurement.projects'], null);
    expect((await ed.get(`/api/v1/annual-reports/${w.zj.code}/2018/report`)).statusCode).toBe(400);
    // The figures of the published 2019 report: 12 new applications, 2 carried in, 13 concluded (9 公开, 2 部分公开, 2 其他处理), 1 carried out.
    const n = (k: string, v: number) => ({ [k]: { value: v, note: '' } });
    const entered = {
      ...n('trial.art20_1.normativeDocs.made', 4), ...n('trial.art20_1.normativeDocs.published', 4), ...n('trial.art20_1.normativeDocs.total', 31),
      ...n('trial.art20_9.procurement.projects', 6), ...n('trial.art20_9.procurement.amount', 215),
      ...n('applications.newReceived.NATURAL_PERSON', 12), ...n('applications.newReceived.TOTAL', 12),
      ...n('applications.carriedIn.NATURAL_PERSON', 2), ...n('applications.carriedIn.TOTAL', 2),
      ...n('applications.disclosed.NATURAL_PERSON', 9), ...n('applications.disclosed.TOTAL', 9),
      ...n('applications.partial.NATURAL_PERSON', 2), ...n('applications.partial.TOTAL', 2),
      ...n('applications.other.other.NATURAL_PERSON', 2), ...n('applications.other.other.TOTAL', 2),
      ...n('applications.resultTotal.NATURAL_PERSON', 13), ...n('applications.resultTotal.TOTAL', 13),
      ...n('applications.carriedOut.NATURAL_PERSON', 1), ...n('applications.carriedOut.TOTAL', 1),
    };
    const texts = { ...blank.texts, active: '2019年主动公开政府信息156条。', problems: '公开目录更新不够及时。' };
    const saved = await ed.put(base, { texts, entered });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().entered['trial.art20_9.procurement.amount'].note).toBe('按已发布的年度报告录入');
    expect(saved.json().checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    const rv = await signedIn(env.app, 'zj.reviewer');
    expect((await rv.post(`${base}/actions`, { action: 'review' })).statusCode).toBe(200);
    expect((await ed.post(`${base}/actions`, { action: 'publish' })).json().status).toBe('published');

    const list = (await env.app.inject({ url: '/org/zj/xxgk/nb/' })).body;
    expect(list.indexOf('2025年政府信息公开工作年度报告')).toBeLessThan(list.indexOf('2019年政府信息公开工作年度报告'));
    const page = (await env.app.inject({ url: '/org/zj/xxgk/nb/2019/' })).body;
    for (const t of ['第二十条第（九）项', '政府集中采购', '本年新制作数量', '五、政府信息公开工作存在的主要问题及改进情况', '（六）其他处理', '215']) expect(page).toContain(t);
    expect(page).not.toContain('逾期不补正');
    const word = await env.app.inject({ url: '/org/zj/xxgk/nb/2019/report.docx' });
    const xml = await (await JSZip.loadAsync(word.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('政府集中采购');
  });

  it('counts special-regime replies in the row the organisation chose (an UNCONFIRMED point, a setting)', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const before = (await ed.get(`/api/v1/annual-reports/${w.zj.code}/2025`)).json().applications;
    expect((await ed.get(`/api/v1/annual-reports/settings/${w.zj.code}`)).json()).toMatchObject({ specialRegimeRow: 'other.other', blankZeros: false, isDefault: true });
    expect((await ed.put(`/api/v1/annual-reports/settings/${w.zj.code}`, { specialRegimeRow: 'nonsense', blankZeros: false })).statusCode).toBe(400);
    const rv = await signedIn(env.app, 'zj.reviewer');
    expect((await rv.put(`/api/v1/annual-reports/settings/${w.zj.code}`, { specialRegimeRow: 'unable.notHeld', blankZeros: false })).statusCode).toBe(403);
    expect((await ed.put(`/api/v1/annual-reports/settings/${w.zj.code}`, { specialRegimeRow: 'unable.notHeld', blankZeros: true })).statusCode).toBe(200);
    const after = (await ed.get(`/api/v1/annual-reports/${w.zj.code}/2025`)).json().applications;
    expect(after['applications.other.other.TOTAL']).toBe(before['applications.other.other.TOTAL'] - 1);
    expect(after['applications.unable.notHeld.TOTAL']).toBe(before['applications.unable.notHeld.TOTAL'] + 1);
    // The published report keeps the figures and the layout it was published with.
    expect((await ed.get(`/api/v1/annual-reports/${w.zj.code}/2025/report`)).json().cells['applications.other.other.TOTAL']).toBe(before['applications.other.other.TOTAL']);
    await ed.put(`/api/v1/annual-reports/settings/${w.zj.code}`, { specialRegimeRow: 'other.other', blankZeros: false });
  });

  it('shows a superior bureau its subordinates’ reports against the deadline, with a summed table', async () => {
    const root = await signedIn(env.app, 'root.supervisor');
    const o = (await root.get('/api/v1/annual-reports/overview/2025')).json();
    expect(o.deadline).toBe('2026-01-31');
    expect(o.daysLeft).toBe(26); // the test clock is 5 January: reminders run until 31 January
    const byCode = new Map(o.items.map((i: { org: { code: string } }) => [i.org.code, i]));
    expect(byCode.get(w.zj.code)).toMatchObject({ status: 'published', overdue: false });
    expect(byCode.get(w.gd.code)).toMatchObject({ status: 'new' });
    expect(o.consolidated['applications.newReceived.TOTAL']).toBe(outcomes.length + 2);
    const own = await signedIn(env.app, 'gd.disclosure_officer');
    expect((await own.get('/api/v1/annual-reports/overview/2025')).json().items.map((i: { org: { code: string } }) => i.org.code)).toEqual([w.gd.code]);
  });

  it('keeps R1–R4 for any set of cases (property)', async () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const outcome = fc.constantFrom(...(Object.keys(OUTCOMES) as Outcome[]));
    const spec = fc.record({ type: fc.constantFrom(...TYPES), received: day, length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), outcome, reason: fc.constantFrom(...Object.keys(WITHHOLD_REASONS)) });
    // The national bureau's supervisor reads every subordinate's tables: one sign-in for all runs.
    const a = await signedIn(env.app, 'root.supervisor');
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { maxLength: 25 }), async (raw) => {
        const org = await buildOrg(env.ctx, { name: '性质测试局', parentId: w.root.id });
        const specs2: Spec[] = raw.map((r) => {
          const concluded = r.length === null ? null : new Date(Date.parse(r.received) + r.length * 86_400_000).toISOString().slice(0, 10);
          return { type: r.type, received: r.received, concluded, outcome: concluded ? r.outcome : null, reasons: [r.reason] };
        });
        for (const s of specs2) await insertCase(env.ctx, org.id, s);
        const body = (await a.get(`/api/v1/annual-reports/${org.code}/2025`)).json();
        expect(body.checks.filter((c: { ok: boolean; rule: string }) => !c.ok && c.rule !== 'R5')).toEqual([]);
        expect(body.applications).toEqual(expectedCells(specs2, 2025));
        expect(RESULT_ROWS.reduce((n, r) => n + body.applications[`applications.${r}.TOTAL`], 0)).toBe(body.applications['applications.resultTotal.TOTAL']);
      }),
      { numRuns: 12, seed: 20261126 },
    );
  });
});
