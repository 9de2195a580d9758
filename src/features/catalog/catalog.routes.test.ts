import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { Document, Packer, Paragraph } from 'docx';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildWorld, signedIn } from '../../../test/factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { publishDue } from './catalog.service.js';
import { documentStatuses } from './catalog.tables.js';

/** Sets the test clock to 10:00 Beijing time on `day`. */
const at = (env: TestEnv, day: string, hour = 10) => env.clock.set(new Date(`${day}T${String(hour - 8).padStart(2, '0')}:00:00Z`));

const docx = async (text: string) => Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map((t) => new Paragraph(t)) }] })));

export const policyContent = (nodeId: string, over: Record<string, unknown> = {}) => ({
  title: '浙江省烟草专卖局关于规范卷烟零售许可证办理的通知',
  summary: '明确零售许可证申请条件、办理时限和合理布局要求，方便经营者办理。',
  docNumber: '浙烟专〔2026〕8号',
  writtenDate: '2026-02-27',
  generatedDate: '2026-02-27',
  effectiveDate: '2026-04-01',
  formedOn: '2026-02-27',
  topic: '07.02',
  genre: '通知',
  docClass: 'NORMATIVE',
  catalogNodeId: nodeId,
  fiveOpen: 'DECISION',
  disclosureAttribute: 'PROACTIVE',
  keywords: ['零售许可证', '合理布局'],
  bodyHtml: '<h1>一、适用范围</h1><p onclick="alert(1)">本通知适用于全省卷烟零售许可证的申领、延续和变更。</p><script>alert(1)</script><p><a href="javascript:alert(1)">链接</a></p>',
  isPolicy: true,
  interpretationPlan: '由专卖监督管理处起草文字解读，与通知同步发布，并制作图解。',
  ...over,
});

describe.skipIf(pgUnavailable())('主动公开目录 end to end through the API and the portal', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let nodeId: string;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['editor', 'reviewer', 'sys_admin', 'supervisor']);
    at(env, '2026-03-02');
    const admin = await signedIn(env.app, 'zj.sys_admin');
    const node = await admin.post(`/api/v1/catalog/nodes/${w.zj.id}`, { name: '规范性文件' });
    expect(node.statusCode).toBe(201);
    nodeId = node.json().id;
  });
  afterAll(() => env.close());

  let policyId: string;
  let fileId: string;

  it('drafts a policy with a sanitised body and an attachment whose text is extracted, and refuses what is incomplete with the field named', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const created = await ed.post('/api/v1/catalog/documents', { kind: 'DOCUMENT', content: policyContent(nodeId, { interpretationPlan: '' }) });
    expect(created.statusCode).toBe(201);
    const d = created.json();
    policyId = d.id;
    expect(d.status).toBe('draft');
    expect(d.indexNo).toBeNull();
    expect(d.content.bodyHtml).toBe('<h2>一、适用范围</h2><p>本通知适用于全省卷烟零售许可证的申领、延续和变更。</p><p><a>链接</a></p>');

    const file = await ed.post(`/api/v1/catalog/documents/${policyId}/files`, { fileName: '附件1 办理流程.docx', contentBase64: (await docx('申请人应当提交经营场所产权证明\n审核通过后核发卷烟零售许可证正本')).toString('base64') });
    expect(file.statusCode).toBe(201);
    fileId = file.json().id;
    const fake = await ed.post(`/api/v1/catalog/documents/${policyId}/files`, { fileName: 'x.pdf', contentBase64: Buffer.from('<html>not a pdf</html>').toString('base64') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().detail).toContain('按文件内容判断');

    // 三同步: no interpretation plan, no submission.
    const saved = await ed.put(`/api/v1/catalog/documents/${policyId}`, { baseRevisionId: d.revisionId, content: { ...policyContent(nodeId, { interpretationPlan: '' }), attachmentIds: [fileId] } });
    expect(saved.statusCode).toBe(200);
    const refused = await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'submit' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('解读方案');
    // A stale base revision is a conflict, not a silent overwrite.
    const stale = await ed.put(`/api/v1/catalog/documents/${policyId}`, { baseRevisionId: d.revisionId, content: policyContent(nodeId) });
    expect(stale.statusCode).toBe(409);
    const bad = await ed.put(`/api/v1/catalog/documents/${policyId}`, { baseRevisionId: saved.json().revisionId, content: { ...policyContent(nodeId), docNumber: '浙烟专[2026]第08号', attachmentIds: [fileId] } });
    expect(bad.statusCode).toBe(200);
    const refused2 = await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'submit' });
    expect(refused2.statusCode).toBe(422);
    expect(refused2.json().detail).toContain('浙烟专〔2026〕8号');
    const good = await ed.put(`/api/v1/catalog/documents/${policyId}`, { baseRevisionId: bad.json().revisionId, content: { ...policyContent(nodeId), attachmentIds: [fileId] } });
    expect(good.json().revisions).toHaveLength(4);
  });

  it('hides the draft from other organisations and from the public', async () => {
    const gd = await signedIn(env.app, 'gd.editor');
    expect((await gd.get(`/api/v1/catalog/documents/${policyId}`)).statusCode).toBe(404);
    expect((await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` })).statusCode).toBe(404);
    const api = await env.app.inject({ url: '/api/v1/public/documents' });
    expect(api.json().items).toHaveLength(0);
    // The superior's supervisor reads it.
    const sup = await signedIn(env.app, 'root.supervisor');
    expect((await sup.get(`/api/v1/catalog/documents/${policyId}`)).statusCode).toBe(200);
  });

  it('goes through review: the author cannot approve, a reviewer returns with a comment and then approves', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    expect((await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'submit' })).json().status).toBe('reviewing');
    expect((await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'approve' })).statusCode).toBe(403);
    const rv = await signedIn(env.app, 'zj.reviewer');
    expect((await rv.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'return' })).statusCode).toBe(400);
    const back = await rv.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'return', comment: '请补充实施日期说明' });
    expect(back.json().status).toBe('draft');
    expect(back.json().history.at(-1)).toMatchObject({ label: '退回修改', comment: '请补充实施日期说明' });
    await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'submit' });
    const ok = await rv.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'approve', comment: '同意' });
    expect(ok.json().status).toBe('approved');
  });

  it('publishes on schedule through the durable job, with the 索引号 assigned then', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const past = await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'schedule', at: '2026-03-02T01:00:00Z' });
    expect(past.statusCode).toBe(400);
    const s = await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'schedule', at: '2026-03-03T01:00:00Z' });
    expect(s.json().status).toBe('scheduled');
    expect(await publishDue(env.ctx)).toBe(0);
    at(env, '2026-03-03', 9);
    expect(await publishDue(env.ctx)).toBe(1);
    expect(await publishDue(env.ctx)).toBe(0);
    const d = (await (await signedIn(env.app, 'zj.editor')).get(`/api/v1/catalog/documents/${policyId}`)).json();
    expect(d.status).toBe('published');
    expect(d.indexNo).toBe(`${w.zj.code}/2026-00001`);
    expect(d.history.at(-1).label).toBe('定时发布');
  });

  it('shows the published item on the portal with its metadata, attachment and print view; search finds it by a phrase of its attachment', async () => {
    const page = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` });
    expect(page.statusCode).toBe(200);
    for (const s of [`${w.zj.code}/2026-00001`, '浙烟专〔2026〕8号', '工业、交通\\轻工纺织', '2026-02-27', '尚未生效', '附件1 办理流程.docx', '一、适用范围']) expect(page.body).toContain(s);
    expect(page.body).not.toContain('<script>alert');
    const file = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/files/${fileId}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const print = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/print` });
    expect(print.statusCode).toBe(200);

    const hits = await env.app.inject({ url: `/search?q=${encodeURIComponent('经营场所产权证明')}` });
    expect(hits.statusCode).toBe(200);
    expect(hits.body).toContain(`/org/zj/xxgk/content/${policyId}/`);
    expect(hits.body).toContain('<mark>');
    const typo = await env.app.inject({ url: `/search?q=${encodeURIComponent('零售许可正办理')}` });
    expect(typo.body).toContain('您是不是要找');
    const listing = await env.app.inject({ url: '/org/zj/xxgk/ml/?validity=NOT_YET_EFFECTIVE' });
    expect(listing.body).toContain(policyId);
    const none = await env.app.inject({ url: '/org/zj/xxgk/ml/?validity=REPEALED' });
    expect(none.body).not.toContain(policyId);
  });

  it('lists the item in feeds, the sitemap, open data and the exports', async () => {
    const rss = await env.app.inject({ url: '/org/zj/xxgk/rss.xml' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('浙江省烟草专卖局关于规范卷烟零售许可证办理的通知');
    const atom = await env.app.inject({ url: '/org/zj/xxgk/atom.xml' });
    expect(atom.body).toContain(`/org/zj/xxgk/content/${policyId}/`);
    const sitemap = await env.app.inject({ url: '/sitemap-docs-1.xml' });
    expect(sitemap.body).toContain(`/org/zj/xxgk/content/${policyId}/`);
    const api = (await env.app.inject({ url: `/api/v1/public/documents?org=${w.zj.code}` })).json();
    expect(api.items[0]).toMatchObject({ id: policyId, indexNo: `${w.zj.code}/2026-00001`, validity: 'NOT_YET_EFFECTIVE', docNumber: '浙烟专〔2026〕8号' });
    const csv = await env.app.inject({ url: `/api/v1/public/catalog/${w.zj.code}?format=csv` });
    expect(csv.body).toContain('浙烟专〔2026〕8号');
    const xlsx = await env.app.inject({ url: `/api/v1/public/catalog/${w.zj.code}?format=xlsx` });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('revises as a new edition with a dated public note, keeps the URL and the 索引号, and compares revisions', async () => {
    at(env, '2026-03-10');
    const ed = await signedIn(env.app, 'zj.editor');
    const r = (await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'revise' })).json();
    expect(r.edition.number).toBe(2);
    expect(r.status).toBe('draft');
    // The public still sees edition 1 while edition 2 is worked on, from the page cache.
    expect((await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` })).body).not.toContain('修订说明');
    const cached = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` });
    expect(cached.headers['x-cache']).toBe('hit');
    expect(cached.body).not.toContain('修订说明');
    const saved = (await ed.put(`/api/v1/catalog/documents/${policyId}`, { baseRevisionId: r.revisionId, changeNote: '第三条办理时限由20个工作日缩短为15个工作日', content: { ...r.content, bodyHtml: `${r.content.bodyHtml}<p>办理时限为15个工作日。</p>` } })).json();
    const cmp = (await ed.get(`/api/v1/catalog/documents/${policyId}/compare?from=${r.revisions[1].id}&to=${saved.revisionId}`)).json();
    expect(cmp.fields.find((f: { key: string }) => f.key === 'bodyHtml').parts.some((p: { change: string; text: string }) => p.change === 'added' && p.text.includes('15'))).toBe(true);
    await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'submit' });
    await (await signedIn(env.app, 'zj.reviewer')).post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'approve' });
    const pub = (await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'publish' })).json();
    expect(pub.indexNo).toBe(`${w.zj.code}/2026-00001`);
    expect(pub.editions.map((e: { status: string }) => e.status)).toEqual(['superseded', 'published']);
    // Publishing empties the page cache: the very next request shows the new edition.
    const page = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` });
    expect(page.headers['x-cache']).toBeUndefined();
    expect(page.body).toContain('2026-03-10');
    expect(page.body).toContain('第三条办理时限由20个工作日缩短为15个工作日');
    expect(page.body).toContain('办理时限为15个工作日');
  });

  it('links an interpretation and its policy both ways', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const i = await ed.post('/api/v1/catalog/documents', {
      kind: 'INTERPRETATION',
      content: { title: '图解：卷烟零售许可证怎么办', summary: '用图表说明零售许可证办理的流程和时限。', generatedDate: '2026-03-10', topic: '07.02', catalogNodeId: nodeId, fiveOpen: 'DECISION', disclosureAttribute: 'PROACTIVE', bodyHtml: '<p>办理零售许可证分为申请、受理、审查、决定四步。</p>', interpretation: { form: 'DATA', policyId, chart: { title: '各环节时限', unit: '工作日', rows: [{ label: '受理', value: 1 }, { label: '审查', value: 10 }, { label: '决定', value: 4 }] } } },
    });
    expect(i.statusCode).toBe(201);
    const id = i.json().id;
    await ed.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'submit' });
    await (await signedIn(env.app, 'zj.reviewer')).post(`/api/v1/catalog/documents/${id}/actions`, { action: 'approve' });
    await ed.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'publish' });
    const ip = await env.app.inject({ url: `/org/zj/zcjd/content/${id}/` });
    expect(ip.body).toContain(`/org/zj/xxgk/content/${policyId}/`);
    expect(ip.body).toContain('<svg');
    expect(ip.body).toContain('审查');
    const pp = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` });
    expect(pp.body).toContain(`/org/zj/zcjd/content/${id}/`);
    const col = await env.app.inject({ url: '/org/zj/zcjd/' });
    expect(col.body).toContain('图解：卷烟零售许可证怎么办');
  });

  it('withdraws with a public reason: the address answers 410 with the notice, search and feeds drop it, history is append-only', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    expect((await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'withdraw' })).statusCode).toBe(400);
    const w2 = await ed.post(`/api/v1/catalog/documents/${policyId}/actions`, { action: 'withdraw', reason: '该通知已被新文件替代' });
    expect(w2.json().status).toBe('withdrawn');
    const page = await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('该通知已被新文件替代');
    expect(page.body).not.toContain('办理时限为15个工作日');
    expect((await env.app.inject({ url: `/org/zj/xxgk/content/${policyId}/files/${fileId}` })).statusCode).toBe(404);
    expect((await env.app.inject({ url: `/search?q=${encodeURIComponent('经营场所产权证明')}` })).body).not.toContain(policyId);
    expect((await env.app.inject({ url: '/org/zj/xxgk/rss.xml' })).body).not.toContain('规范卷烟零售许可证办理的通知</title>');
    await expect(env.ctx.db.delete(documentStatuses).where(eq(documentStatuses.documentId, policyId))).rejects.toThrow();
    const actions = await env.ctx.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, policyId));
    expect(actions.map((r) => r.a)).toEqual(expect.arrayContaining(['catalog.create', 'catalog.submit', 'catalog.return', 'catalog.approve', 'catalog.schedule', 'catalog.scheduled_publish', 'catalog.revise', 'catalog.publish', 'catalog.withdraw']));
  });

  it('imports a spreadsheet as drafts after a dry run that reports every row’s problems', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['名称', '内容概述', '发文字号', '生成日期', '主题分类', '公文种类', '公开目录', '五公开', '公开属性', '正文', '附件']);
    ws.addRow(['关于2026年卷烟市场检查的通告', '公布2026年卷烟市场检查安排。', '浙烟专〔2026〕9号', '2026-03-01', '市场监管、安全生产监管\\其他', '通告', '规范性文件', '执行公开', '主动公开', '全省开展卷烟市场检查。', '']);
    ws.addRow(['关于调整办公时间的通知', '', '浙烟办(2026)3号', '2026/3/5', '综合政务\\文秘工作', '通报书', '不存在的目录', '', '', '', '缺失.pdf']);
    const sheet = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const ed = await signedIn(env.app, 'zj.editor');
    const before = (await env.ctx.db.execute(sql`select count(*)::int as n from documents`)) as unknown as { rows: { n: number }[] };
    const dry = await ed.post('/api/v1/catalog/import', { sheetName: '目录.xlsx', sheetBase64: sheet, dryRun: true });
    expect(dry.statusCode).toBe(200);
    const rows = dry.json().rows;
    expect(rows[0].problems).toEqual([]);
    expect(rows[1].problems.join('；')).toMatch(/浙烟办〔2026〕3号.*/);
    expect(rows[1].problems.join('；')).toContain('通报书');
    expect(rows[1].problems.join('；')).toContain('不存在的目录');
    expect(rows[1].problems.join('；')).toContain('缺失.pdf');
    expect(rows[1].problems.join('；')).toContain('公开属性');
    const refused = await ed.post('/api/v1/catalog/import', { sheetName: '目录.xlsx', sheetBase64: sheet, dryRun: false });
    expect(refused.json().created).toBe(0);
    const after = (await env.ctx.db.execute(sql`select count(*)::int as n from documents`)) as unknown as { rows: { n: number }[] };
    expect(after.rows[0].n).toBe(before.rows[0].n);
    ws.spliceRows(3, 1);
    const good = await ed.post('/api/v1/catalog/import', { sheetName: '目录.xlsx', sheetBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), dryRun: false });
    expect(good.json().created).toBe(1);
    const d = (await ed.get(`/api/v1/catalog/documents/${good.json().rows[0].id}`)).json();
    expect(d).toMatchObject({ status: 'draft', content: { docNumber: '浙烟专〔2026〕9号', topic: '09.06', genre: '通告' } });
  });
});
