import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pgUnavailable, testApp, type TestEnv } from '../../../test/harness.js';
import { buildUser, buildWorld, signedIn, userId } from '../../../test/factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { letterDocx, letterPdf } from '../../platform/documents/letter.js';
import { extractSegments } from '../review/attachments.js';
import { publicDocuments } from './catalog.tables.js';

const ID = '11010519491231002X';
const MOBILE = '13800138000';
const ADDRESS = '杭州市西湖区文三路100号3幢201室';
const APPLICANT = `申请人：李建国，身份证号码：${ID}，联系电话：${MOBILE}，住址：${ADDRESS}。`;
const AGENCY = '咨询电话：12313。';
const b64 = (b: Buffer) => b.toString('base64');
const letter = (paragraphs: string[]) => ({ title: '告知书', paragraphs, issuer: '测试浙江省局', date: '2026年3月2日' });

/** A complete 通知 (every field a submission needs), with the given title and body. */
const notice = (nodeId: string, title: string, bodyHtml: string) => ({
  title,
  summary: '告知申请事项的办理结果和救济途径。',
  docNumber: '浙烟专〔2026〕9号',
  writtenDate: '2026-02-27',
  generatedDate: '2026-02-27',
  formedOn: '2026-02-27',
  topic: '07.02',
  genre: '通知',
  catalogNodeId: nodeId,
  fiveOpen: 'RESULT',
  disclosureAttribute: 'PROACTIVE',
  bodyHtml,
});

type Finding = { key: string; type: string; text: string; masked: string; decision: { action: string } | null };

describe.skipIf(pgUnavailable())('公开审查 in the catalogue: approval chains, masking decisions, confidentiality', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let nodeId: string;
  let head: string;
  let office: string;
  beforeAll(async () => {
    env = await testApp();
    w = await buildWorld(env.ctx, ['editor', 'reviewer', 'sys_admin', 'supervisor']);
    await buildUser(env.ctx, 'zj.office', [[w.zj.id, 'reviewer']]);
    env.clock.set(new Date('2026-03-02T02:00:00Z'));
    head = await userId(env.ctx, 'zj.reviewer');
    office = await userId(env.ctx, 'zj.office');
    const admin = await signedIn(env.app, 'zj.sys_admin');
    nodeId = (await admin.post(`/api/v1/catalog/nodes/${w.zj.id}`, { name: '通知公告' })).json().id;
  });
  afterAll(() => env.close());

  const chain = () => ({
    name: '通知类',
    appliesTo: ['通知'],
    steps: [
      { name: '科室负责人', userIds: [head], secrecy: false },
      { name: '办公室（保密审查）', userIds: [office], secrecy: true },
    ],
    profile: 'default',
  });

  it('configures an approval chain per content type, naming only the organisation’s reviewers', async () => {
    const admin = await signedIn(env.app, 'zj.sys_admin');
    const current = (await admin.get(`/api/v1/catalog/settings/${w.zj.id}`)).json();
    expect(current.approvalChains).toEqual([]);
    expect(current.reviewers.map((r: { username: string }) => r.username).sort()).toEqual(['zj.office', 'zj.reviewer']);
    const { reviewers: _r, profiles: _p, guideReviewedAt: _g, isDefault: _i, defaults: _d, ...input } = current;
    const stranger = await userId(env.ctx, 'gd.reviewer');
    const bad = await admin.put(`/api/v1/catalog/settings/${w.zj.id}`, { ...input, approvalChains: [{ ...chain(), steps: [{ name: '科室负责人', userIds: [stranger], secrecy: false }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('审核员');
    const ok = await admin.put(`/api/v1/catalog/settings/${w.zj.id}`, { ...input, approvalChains: [chain()] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().approvalChains[0].steps.map((s: { name: string }) => s.name)).toEqual(['科室负责人', '办公室（保密审查）']);
  });

  let docId: string;
  it('takes a notice with an applicant’s data through both steps; the reviewer keeps one value with a reason, the rest is masked on the portal and in the Word attachment', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const created = (await ed.post('/api/v1/catalog/documents', { kind: 'DOCUMENT', content: notice(nodeId, '关于李建国申请事项办理结果的告知', `<p>${APPLICANT}</p><p>${AGENCY}</p><p>办事指南见<a href="https://zwfw.example.gov.cn/guide?a=1&amp;b=2">政务服务网</a>。</p>`) })).json();
    docId = created.id;
    const file = (await ed.post(`/api/v1/catalog/documents/${docId}/files`, { fileName: '告知书.docx', contentBase64: b64(await letterDocx(letter([APPLICANT, AGENCY]))) })).json();
    const saved = await ed.put(`/api/v1/catalog/documents/${docId}`, { baseRevisionId: created.revisionId, content: { ...created.content, attachmentIds: [file.id] } });
    expect(saved.statusCode).toBe(200);
    expect((await ed.post(`/api/v1/catalog/documents/${docId}/actions`, { action: 'submit' })).statusCode).toBe(200);

    // The reviewer's screen: the chain, the findings in place, the masked preview.
    const headAgent = await signedIn(env.app, 'zj.reviewer');
    const view = (await headAgent.get(`/api/v1/catalog/documents/${docId}/review`)).json();
    expect(view.chain.name).toBe('通知类');
    expect(view.step).toBe(0);
    expect(view.canAct).toBe(true);
    const types = view.findings.map((f: Finding) => f.type);
    for (const t of ['PERSON_NAME', 'ID_CARD', 'PHONE_MOBILE', 'ADDRESS']) expect(types).toContain(t);
    expect(view.findings.some((f: Finding) => f.text === '12313')).toBe(false);
    const body = view.pieces.find((p: { where: string }) => p.where === '正文');
    expect(body.spans.some((s: { text: string }) => s.text === ID)).toBe(true);
    expect(view.pieces.some((p: { where: string }) => p.where.startsWith('附件“告知书.docx”'))).toBe(true);
    expect(view.files).toEqual([expect.objectContaining({ fileName: '告知书.docx', outcome: 'masked_copy' })]);
    const bodyDiff = view.diff.find((d: { label: string }) => d.label === '正文');
    expect(bodyDiff.parts.some((p: { change: string; text: string }) => p.change === 'removed' && p.text.includes(MOBILE))).toBe(true);
    expect(view.maskedBodyHtml).not.toContain(ID);
    expect(view.links).toEqual(['https://zwfw.example.gov.cn/guide?a=1&b=2']);

    // Only the reviewer named for the step acts at it.
    const officeAgent = await signedIn(env.app, 'zj.office');
    const early = await officeAgent.post(`/api/v1/catalog/documents/${docId}/actions`, { action: 'approve' });
    expect(early.statusCode).toBe(403);
    expect(early.json().detail).toContain('科室负责人');
    const first = await headAgent.post(`/api/v1/catalog/documents/${docId}/actions`, { action: 'approve', comment: '同意公开' });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('reviewing');
    expect((await headAgent.post(`/api/v1/catalog/documents/${docId}/actions`, { action: 'approve' })).statusCode).toBe(403);

    // Decisions: keeping a value needs a reason; each decision is audited without the value.
    const name = view.findings.find((f: Finding) => f.type === 'PERSON_NAME' && f.text === '李建国');
    const noReason = await officeAgent.post(`/api/v1/catalog/documents/${docId}/review/decisions`, { key: name.key, action: 'keep', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const kept = await officeAgent.post(`/api/v1/catalog/documents/${docId}/review/decisions`, { key: name.key, action: 'keep', reason: '申请人同意公开其姓名' });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().findings.find((f: Finding) => f.key === name.key).decision.action).toBe('keep');
    const idFinding = view.findings.find((f: Finding) => f.type === 'ID_CARD');
    expect((await officeAgent.post(`/api/v1/catalog/documents/${docId}/review/decisions`, { key: idFinding.key, action: 'mask' })).statusCode).toBe(200);
    expect((await officeAgent.post(`/api/v1/catalog/documents/${docId}/review/decisions`, { key: 'ID_CARD:0000000000000000', action: 'mask' })).statusCode).toBe(404);

    // The last step chooses 公开时机: publish now.
    const last = await officeAgent.post(`/api/v1/catalog/documents/${docId}/actions`, { action: 'approve', timing: 'now' });
    expect(last.statusCode).toBe(200);
    expect(last.json().status).toBe('published');

    const page = await env.app.inject({ url: `/org/zj/xxgk/content/${docId}/` });
    expect(page.statusCode).toBe(200);
    for (const v of [ID, MOBILE, ADDRESS]) expect(page.body).not.toContain(v);
    expect(page.body).toContain('110105********002X');
    expect(page.body).toContain('138****8000');
    expect(page.body).toContain('杭州市西湖区****');
    expect(page.body).toContain('李建国'); // kept, with the reason recorded
    expect(page.body).toContain('12313');

    // The public attachment is a masked copy; the original stays with the edition for staff.
    const [pub] = await env.ctx.db.select().from(publicDocuments).where(eq(publicDocuments.documentId, docId));
    const att = pub.attachments[0];
    expect(page.body).toContain(`files/${att.id}`);
    expect(att.id).not.toBe(file.id);
    const download = await env.app.inject({ url: `/org/zj/xxgk/content/${docId}/files/${att.id}` });
    expect(download.statusCode).toBe(200);
    const text = (await extractSegments(download.rawPayload)).segments.map((s) => s.text).join('\n');
    for (const v of [ID, MOBILE]) expect(text).not.toContain(v);
    expect(text).toContain('12313');
    expect((await env.app.inject({ url: `/org/zj/xxgk/content/${docId}/files/${file.id}` })).statusCode).toBe(404);

    // The published edition records who approved and what was masked or kept.
    const after = (await officeAgent.get(`/api/v1/catalog/documents/${docId}/review`)).json();
    expect(after.approvals.map((a: { stepName: string }) => a.stepName)).toEqual(['科室负责人', '办公室（保密审查）']);
    expect(after.published.profile).toBe('default');
    expect(after.published.kept).toEqual([expect.objectContaining({ type: 'PERSON_NAME', reason: '申请人同意公开其姓名' })]);
    expect(after.published.masked.map((m: { type: string }) => m.type)).toEqual(expect.arrayContaining(['ID_CARD', 'PHONE_MOBILE', 'ADDRESS']));
    expect(after.published.files).toEqual([{ from: file.id, to: att.id, fileName: '告知书.docx' }]);

    const events = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.objectId, docId));
    const decisions = events.filter((e) => e.action === 'catalog.pii_decision');
    expect(decisions.length).toBe(2);
    expect(decisions.map((e) => (e.summary as { type: string; decision: string }).decision).sort()).toEqual(['keep', 'mask']);
    expect(JSON.stringify(decisions)).not.toContain(ID);
    expect(JSON.stringify(decisions)).not.toContain('李建国');
  });

  it('shows the unmasked original only to the organisation’s writers and reviewers', async () => {
    // A supervisor may read the organisation's records, but not the values the public never sees.
    const supervisor = await signedIn(env.app, 'zj.supervisor');
    const seen = await supervisor.get(`/api/v1/catalog/documents/${docId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().content.bodyHtml).not.toContain(ID);
    expect(seen.json().content.bodyHtml).toContain('110105********002X');
    const [pub] = await env.ctx.db.select().from(publicDocuments).where(eq(publicDocuments.documentId, docId));
    const original = seen.json().files.find((f: { id: string }) => f.id !== pub.attachments[0].id);
    expect((await supervisor.get(`/api/v1/catalog/documents/${docId}/files/${original.id}`)).statusCode).toBe(403);
    expect((await supervisor.get(`/api/v1/catalog/documents/${docId}/files/${pub.attachments[0].id}`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/v1/catalog/documents/${docId}/review`)).statusCode).toBe(403);
    const other = await signedIn(env.app, 'gd.reviewer');
    expect((await other.get(`/api/v1/catalog/documents/${docId}/review`)).statusCode).toBe(404);
  });

  it('blocks a secrecy mark until the 保密审查 step releases it with a reason, and a PDF with personal data until it is replaced', async () => {
    const ed = await signedIn(env.app, 'zj.editor');
    const created = (await ed.post('/api/v1/catalog/documents', { kind: 'DOCUMENT', content: notice(nodeId, '关于做好年度专卖执法检查工作的通知', '<p>机密★1年</p><p>各单位要按计划开展检查。</p>') })).json();
    const id = created.id;
    expect((await ed.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'submit' })).statusCode).toBe(200);
    const headAgent = await signedIn(env.app, 'zj.reviewer');
    const officeAgent = await signedIn(env.app, 'zj.office');
    const wrongStep = await headAgent.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'approve', override: '经核实已解密' });
    expect(wrongStep.statusCode).toBe(403);
    expect((await headAgent.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'approve' })).statusCode).toBe(200);
    const view = (await officeAgent.get(`/api/v1/catalog/documents/${id}/review`)).json();
    expect(view.blockers.join()).toContain('保密审查');
    const blocked = await officeAgent.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'approve', timing: 'now' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().detail).toContain('保密审查未通过');
    const released = await officeAgent.post(`/api/v1/catalog/documents/${id}/actions`, { action: 'approve', timing: 'hold', override: '经定密责任人核实，该文件已于2026年1月解密' });
    expect(released.statusCode).toBe(200);
    expect(released.json().status).toBe('approved');

    // A PDF attachment with personal data cannot be masked automatically: it blocks the last step.
    const p = (await ed.post('/api/v1/catalog/documents', { kind: 'DOCUMENT', content: notice(nodeId, '关于某零售户许可证办理情况的通知', '<p>办理情况见附件。</p>') })).json();
    const pdf = (await ed.post(`/api/v1/catalog/documents/${p.id}/files`, { fileName: '办理情况.pdf', contentBase64: b64(await letterPdf(letter([APPLICANT]))) })).json();
    await ed.put(`/api/v1/catalog/documents/${p.id}`, { baseRevisionId: p.revisionId, content: { ...p.content, attachmentIds: [pdf.id] } });
    await ed.post(`/api/v1/catalog/documents/${p.id}/actions`, { action: 'submit' });
    await headAgent.post(`/api/v1/catalog/documents/${p.id}/actions`, { action: 'approve' });
    const pv = (await officeAgent.get(`/api/v1/catalog/documents/${p.id}/review`)).json();
    expect(pv.files[0].outcome).toBe('blocked');
    expect(pv.pieces.some((x: { where: string }) => x.where.includes('第 1 页'))).toBe(true);
    const refused = await officeAgent.post(`/api/v1/catalog/documents/${p.id}/actions`, { action: 'approve', timing: 'now' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('办理情况.pdf');
  });
});
