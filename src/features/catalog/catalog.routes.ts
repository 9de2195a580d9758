import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { XLSX_MIME, sendDownload, toXlsx, type Column } from '../../platform/export/xlsx.js';
import { FILE_TYPES, type FileType } from '../../platform/uploads/sniff.js';
import { invalid, notFound } from '../../platform/errors/errors.js';
import { formatShanghai } from '../../platform/clock/clock.js';
import { publicOrganisations } from '../organisations/organisations.service.js';
import type { Organisation } from '../organisations/organisations.tables.js';
import { docHref } from '../portal/pages/layout.js';
import { CONTENT_TYPES, DISCLOSURE_ATTRIBUTES, FIVE_OPEN, TOPIC_LABELS, VALIDITY, type Validity } from './catalog.data.js';
import { actionInput, compareOut, compareQuery, createInput, docOut, fileInput, fileOut, fileParams, idParams, importInput, importOut, listQuery, nodeInput, nodeOut, nodeParams, orgParams, publicItemOut, publicListOut, publicQuery, saveInput, settingsInput, settingsOut, summaryOut, reviewOut, decisionInput } from './catalog.contract.js';
import { PROFILES } from '../review/pii.masking.js';
import { DEFAULT_INDEX_TEMPLATE, DEFAULT_INTERPRETATION_LAG, type DocAction } from './catalog.rules.js';
import { documentsAfter, COLUMN_KINDS, type ListItem } from './catalog.public.js';
import { importCatalog } from './catalog.import.js';
import * as svc from './catalog.service.js';

const tags = ['主动公开目录'];
const staff = { access: 'staff' as const };
const decode = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  if (!buf.length) throw invalid('文件内容不是有效的 base64。');
  return buf;
};

/** A public item as open data: canonical keys of catalog-and-key-areas.md §2. */
export function presentPublic(r: ListItem, org: Organisation) {
  return {
    id: r.id,
    url: docHref(org, r.kind, r.id),
    orgCode: org.code,
    orgName: org.name,
    indexNo: r.indexNo,
    title: r.title,
    summary: r.summary,
    docNumber: r.docNumber,
    topic: r.topic,
    topicLabel: TOPIC_LABELS[r.topic] ?? null,
    genre: r.genre,
    contentType: r.contentType,
    fiveOpen: r.fiveOpen,
    generatedDate: r.generatedOn,
    publishedAt: r.publishedAt.toISOString(),
    firstPublishedAt: r.firstPublishedAt.toISOString(),
    effectiveDate: r.effectiveOn,
    repealDate: r.repealOn,
    validity: r.validity,
    validityLabel: VALIDITY[r.validity as Validity],
    edition: r.edition,
  };
}

/** The columns of a catalogue export, the same for staff lists and open data. */
export const PUBLIC_COLUMNS: Column<ReturnType<typeof presentPublic>>[] = [
  { header: '索引号', width: 24, value: (r) => r.indexNo },
  { header: '名称', width: 50, value: (r) => r.title },
  { header: '内容概述', width: 50, value: (r) => r.summary },
  { header: '发布机构', width: 24, value: (r) => r.orgName },
  { header: '发文字号', width: 20, value: (r) => r.docNumber },
  { header: '主题分类', width: 26, value: (r) => r.topicLabel },
  { header: '公文种类/内容类型', width: 14, value: (r) => r.genre ?? (r.contentType ? CONTENT_TYPES[r.contentType as keyof typeof CONTENT_TYPES] : '') },
  { header: '五公开', width: 10, value: (r) => (r.fiveOpen ? FIVE_OPEN[r.fiveOpen as keyof typeof FIVE_OPEN] : '') },
  { header: '生成日期', width: 12, value: (r) => r.generatedDate },
  { header: '发布日期', width: 12, value: (r) => formatShanghai(new Date(r.publishedAt), false) },
  { header: '实施日期', width: 12, value: (r) => r.effectiveDate },
  { header: '废止日期', width: 12, value: (r) => r.repealDate },
  { header: '有效性', width: 10, value: (r) => r.validityLabel },
  { header: '网址', width: 50, value: (r) => r.url },
];

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // A cell starting with = + - @ is text, not a formula, when the file is opened in Excel (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
export const toCsv = <T>(columns: Column<T>[], rows: T[]) => '\uFEFF' + [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))].join('\r\n') + '\r\n';

const encodeCursor = (r: { publishedAt: Date; id: string }) => Buffer.from(`${r.publishedAt.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(c: string) {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const d = new Date(at);
  if (!id || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor 无效，请从第一页重新开始。');
  return { at: d, id };
}

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  // ───────── staff ─────────
  app.get('/catalog/documents', {
    config: staff,
    schema: { tags, summary: '主动公开信息列表', description: 'status=late 列出超过条例第二十六条 20 个工作日发布期限、解读滞后或缺少解读的信息。', querystring: listQuery, response: { 200: z.object({ items: z.array(summaryOut), total: z.number().int(), today: z.string() }), ...errorResponses(401) } },
    handler: async (req) => {
      const { rows, total, today } = await svc.listDocuments(req.ctx, req.query);
      return { items: rows, total, today };
    },
  });

  app.get('/catalog/documents.xlsx', {
    config: staff,
    schema: { tags, summary: '导出信息列表（Excel）', querystring: listQuery.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) => {
      const { rows } = await svc.listDocuments(req.ctx, { ...req.query, page: 1, pageSize: 100_000 });
      type Row = (typeof rows)[number];
      const columns: Column<Row>[] = [
        { header: '索引号', width: 24, value: (r) => r.indexNo },
        { header: '名称', width: 50, value: (r) => r.title },
        { header: '机构', width: 24, value: (r) => r.orgName },
        { header: '类型', width: 10, value: (r) => (r.kind === 'INTERPRETATION' ? '政策解读' : '文件') },
        { header: '发文字号', width: 20, value: (r) => r.docNumber },
        { header: '公文种类/内容类型', width: 14, value: (r) => r.genre },
        { header: '主题分类', width: 26, value: (r) => r.topic },
        { header: '公开属性', width: 12, value: (r) => (r.disclosureAttribute ? DISCLOSURE_ATTRIBUTES[r.disclosureAttribute as keyof typeof DISCLOSURE_ATTRIBUTES] : '') },
        { header: '状态', width: 10, value: (r) => r.statusLabel },
        { header: '版本', width: 6, value: (r) => r.edition },
        { header: '信息形成日期', width: 12, value: (r) => r.formedOn },
        { header: '应发布日期（20个工作日）', width: 14, value: (r) => r.dueBy },
        { header: '发布时间', width: 18, value: (r) => (r.publishedAt ? formatShanghai(new Date(r.publishedAt)) : '') },
        { header: '超期工作日', width: 10, value: (r) => r.lateDays || '' },
        { header: '解读滞后工作日', width: 10, value: (r) => r.interpretationLateDays || '' },
        { header: '缺少解读', width: 8, value: (r) => (r.missingInterpretation ? '是' : '') },
      ];
      const body = await toXlsx('主动公开信息', columns, rows, `主动公开信息列表（导出于 ${formatShanghai(req.ctx.clock.now())}）`);
      return sendDownload(reply, body, `主动公开信息-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.post('/catalog/documents', {
    config: staff,
    schema: { tags, summary: '起草信息（文件或政策解读）', body: createInput, response: { 201: docOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req, reply) => {
      const d = await svc.createDocument(req.ctx, req.body.orgId ?? req.ctx.actor!.orgId!, { kind: req.body.kind, content: req.body.content });
      return reply.code(201).send(await svc.getDocument(req.ctx, d.id));
    },
  });

  app.get('/catalog/documents/:id', {
    config: staff,
    schema: { tags, summary: '信息详情（当前版本、各版本、修订、状态记录、附件）', params: idParams, response: { 200: docOut, ...errorResponses(401, 404) } },
    handler: async (req) => svc.getDocument(req.ctx, req.params.id),
  });

  app.put('/catalog/documents/:id', {
    config: staff,
    schema: { tags, summary: '保存草稿（生成新的修订）', params: idParams, body: saveInput, response: { 200: docOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => {
      await svc.saveDocument(req.ctx, req.params.id, req.body);
      return svc.getDocument(req.ctx, req.params.id);
    },
  });

  app.post('/catalog/documents/:id/actions', {
    config: staff,
    schema: { tags, summary: '流程操作：提交审核、审核通过、退回、发布、定时发布、取消定时、撤回、修订', params: idParams, body: actionInput, response: { 200: docOut, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    handler: async (req) => {
      await svc.act(req.ctx, req.params.id, req.body.action as DocAction, req.body);
      return svc.getDocument(req.ctx, req.params.id);
    },
  });

  app.post('/catalog/documents/:id/files', {
    config: staff,
    bodyLimit: 28 * 1024 * 1024,
    schema: { tags, summary: '上传附件', description: '按文件内容判断类型；PDF、DOCX、XLSX 的文字用于全文检索。上传后在保存内容时加入附件列表。', params: idParams, body: fileInput, response: { 201: fileOut, ...errorResponses(400, 401, 403, 404, 413) } },
    handler: async (req, reply) => reply.code(201).send(await svc.addFile(req.ctx, req.params.id, { fileName: req.body.fileName, content: decode(req.body.contentBase64) })),
  });

  app.get('/catalog/documents/:id/files/:fileId', {
    config: staff,
    schema: { tags, summary: '下载附件', params: fileParams },
    handler: async (req, reply) => {
      const f = await svc.fileOf(req.ctx, req.params.id, req.params.fileId);
      return sendDownload(reply, f.content, f.fileName, FILE_TYPES[f.type as FileType].mime);
    },
  });

  app.get('/catalog/documents/:id/review', {
    config: staff,
    schema: { tags, summary: '公开审查：审核流程、个人信息与保密审查发现、脱敏预览和对照', description: '只有本机构的信息发布员和审核员可以查看（含未脱敏原文）。', params: idParams, response: { 200: reviewOut, ...errorResponses(401, 403, 404) } },
    handler: async (req) => svc.reviewView(req.ctx, req.params.id),
  });

  app.post('/catalog/documents/:id/review/decisions', {
    config: staff,
    schema: { tags, summary: '对一项个人信息发现作出决定：采纳脱敏或保留原文（须写明理由）', params: idParams, body: decisionInput, response: { 200: reviewOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.decidePii(req.ctx, req.params.id, req.body),
  });

  app.get('/catalog/documents/:id/compare', {
    config: staff,
    schema: { tags, summary: '比较两个修订版本', params: idParams, querystring: compareQuery, response: { 200: compareOut, ...errorResponses(401, 404) } },
    handler: async (req) => svc.compareRevisions(req.ctx, req.params.id, req.query.from, req.query.to),
  });

  app.get('/catalog/policies', {
    config: staff,
    schema: { tags, summary: '可关联解读的政策文件', querystring: z.object({ orgId: z.string().uuid().optional() }), response: { 200: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), docNumber: z.string().nullable() })) }), ...errorResponses(401, 404) } },
    handler: async (req) => ({ items: await svc.policyChoices(req.ctx, req.query.orgId ?? req.ctx.actor!.orgId!) }),
  });

  app.post('/catalog/import', {
    config: staff,
    bodyLimit: 60 * 1024 * 1024,
    schema: { tags, summary: '批量导入（先试导入检查，再正式导入为草稿）', body: importInput, response: { 200: importOut, ...errorResponses(400, 401, 403, 413) } },
    handler: async (req) => importCatalog(req.ctx, req.body.orgId ?? req.ctx.actor!.orgId!, { sheetName: req.body.sheetName, sheet: decode(req.body.sheetBase64), zip: req.body.zipBase64 ? decode(req.body.zipBase64) : null, dryRun: req.body.dryRun }),
  });

  app.get('/catalog/settings/:orgId', {
    config: staff,
    schema: { tags, summary: '目录设置：索引号模板、解读时限、公开指南、公开制度', params: orgParams, response: { 200: settingsOut, ...errorResponses(401, 404) } },
    handler: async (req) => presentSettings(await svc.getSettings(req.ctx, req.params.orgId)),
  });

  app.put('/catalog/settings/:orgId', {
    config: staff,
    schema: { tags, summary: '修改目录设置', params: orgParams, body: settingsInput, response: { 200: settingsOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => presentSettings(await svc.putSettings(req.ctx, req.params.orgId, req.body)),
  });

  app.get('/catalog/nodes/:orgId', {
    config: staff,
    schema: { tags, summary: '公开目录（树）', params: orgParams, response: { 200: z.object({ items: z.array(nodeOut) }), ...errorResponses(401, 404) } },
    handler: async (req) => {
      await svc.getSettings(req.ctx, req.params.orgId); // authorises reading the organisation
      return { items: await svc.listNodes(req.ctx, req.params.orgId) };
    },
  });
  app.post('/catalog/nodes/:orgId', {
    config: staff,
    schema: { tags, summary: '新增目录', params: orgParams, body: nodeInput, response: { 201: nodeOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req, reply) => reply.code(201).send(await svc.createNode(req.ctx, req.params.orgId, req.body)),
  });
  app.put('/catalog/nodes/:orgId/:id', {
    config: staff,
    schema: { tags, summary: '修改目录', params: nodeParams, body: nodeInput, response: { 200: nodeOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.updateNode(req.ctx, req.params.orgId, req.params.id, req.body),
  });
  app.delete('/catalog/nodes/:orgId/:id', {
    config: staff,
    schema: { tags, summary: '删除目录（无子目录、无信息时）', params: nodeParams, response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) } },
    handler: async (req, reply) => {
      await svc.deleteNode(req.ctx, req.params.orgId, req.params.id);
      return reply.code(204).send(null);
    },
  });

  // ───────── open data ─────────
  app.get('/public/documents', {
    config: { access: 'public' },
    schema: { tags: ['开放数据'], summary: '已发布的主动公开信息（游标分页）', description: '只含已发布的信息；id 和 url 在修订后不变。按发布时间倒序。', querystring: publicQuery, response: { 200: publicListOut, ...errorResponses(400, 404) } },
    handler: async (req) => {
      const orgs = await publicOrganisations(req.ctx);
      const org = req.query.org ? orgs.find((o) => o.code === req.query.org) : null;
      if (req.query.org && !org) throw notFound('机构');
      const { items, more } = await documentsAfter(
        req.ctx,
        { orgIds: org ? [org.id] : orgs.map((o) => o.id), kind: req.query.column ? COLUMN_KINDS[req.query.column] : undefined, topic: req.query.topic, fiveOpen: req.query.fiveOpen, genre: req.query.genre, year: req.query.year, validity: req.query.validity },
        req.query.cursor ? decodeCursor(req.query.cursor) : null,
        req.query.limit,
      );
      const byId = new Map(orgs.map((o) => [o.id, o]));
      return { items: items.map((r) => presentPublic(r, byId.get(r.orgId)!)), nextCursor: more ? encodeCursor({ publishedAt: items[items.length - 1].publishedAt, id: items[items.length - 1].id }) : null };
    },
  });

  app.get('/public/catalog/:orgCode', {
    config: { access: 'public' },
    schema: {
      tags: ['开放数据'],
      summary: '下载某机构的主动公开目录（JSON、XLSX 或 CSV）',
      params: z.object({ orgCode: z.string().max(40) }),
      querystring: z.object({ format: z.enum(['json', 'xlsx', 'csv']).default('json') }),
      response: { 200: z.union([z.object({ orgCode: z.string(), orgName: z.string(), generatedAt: z.string(), items: z.array(publicItemOut) }), z.any()]), ...errorResponses(404) },
    },
    handler: async (req, reply) => {
      const org = (await publicOrganisations(req.ctx)).find((o) => o.code === req.params.orgCode);
      if (!org) throw notFound('机构');
      const items: ReturnType<typeof presentPublic>[] = [];
      let cursor: { at: Date; id: string } | null = null;
      for (;;) {
        const page = await documentsAfter(req.ctx, { orgIds: [org.id] }, cursor, 1000);
        items.push(...page.items.map((r) => presentPublic(r, org)));
        if (!page.more) break;
        const last = page.items[page.items.length - 1];
        cursor = { at: last.publishedAt, id: last.id };
      }
      const name = `${org.name}-主动公开目录`;
      if (req.query.format === 'xlsx') return sendDownload(reply, await toXlsx('主动公开目录', PUBLIC_COLUMNS, items, name), `${name}.xlsx`, XLSX_MIME);
      if (req.query.format === 'csv') return sendDownload(reply, Buffer.from(toCsv(PUBLIC_COLUMNS, items)), `${name}.csv`, 'text/csv; charset=utf-8');
      return { orgCode: org.code, orgName: org.name, generatedAt: req.ctx.clock.now().toISOString(), items };
    },
  });
};

function presentSettings(s: Awaited<ReturnType<typeof svc.getSettings>>) {
  return {
    indexTemplate: s.indexTemplate,
    indexYearBasis: s.indexYearBasis,
    interpretationLag: s.interpretationLag,
    guide: s.guide ?? { classification: '', arrangement: '', access: '', unitName: '', address: '', hours: '', phone: '', fax: '', web: '', other: '' },
    rulesText: s.rulesText,
    guideReviewedAt: s.guideReviewedAt?.toISOString() ?? null,
    isDefault: s.isDefault,
    defaults: { indexTemplate: DEFAULT_INDEX_TEMPLATE, interpretationLag: DEFAULT_INTERPRETATION_LAG },
    approvalChains: s.approvalChains,
    reviewers: s.reviewers,
    profiles: Object.values(PROFILES).map((p) => ({ key: p.key, label: p.label, note: p.note })),
  };
}
