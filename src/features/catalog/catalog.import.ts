import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Ctx } from '../../platform/context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { invalid } from '../../platform/errors/errors.js';
import { acceptedType } from '../../platform/uploads/sniff.js';
import { CONTENT_TYPES, DISCLOSURE_ATTRIBUTES, FIVE_OPEN, GENRES, TOPIC_LABELS } from './catalog.data.js';
import { docContentSchema, DOC_CLASSES, type DocContentInput } from './catalog.content.js';
import { paragraphs } from './catalog.html.js';
import { checkDocNumber } from './catalog.rules.js';
import { addFile, CATALOG_FILE_MAX, CATALOG_FILE_TYPES, createDocument, listNodes, saveDocument } from './catalog.service.js';

/**
 * Bulk import (issue 3 §6): one spreadsheet row per item, columns named by their Chinese labels,
 * plus a ZIP of the files the 附件 column names. A dry run reports every row's problems and writes
 * nothing; the real run creates drafts (they still go through review) and refuses to start while
 * any row has a problem. Drafts may be incomplete: what a submission needs is checked at submission.
 */

/** The columns, by the labels staff use (catalog-and-key-areas.md §2). */
export const IMPORT_COLUMNS = ['名称', '内容概述', '发布机构', '联合发文单位', '发文字号', '成文日期', '生成日期', '实施日期', '废止日期', '主题分类', '公文种类', '内容类型', '文件类别', '公开目录', '五公开', '公开属性', '不予公开理由', '关键词', '正文', '附件', '信息形成日期', '是否政策文件', '解读方案'] as const;
const REQUIRED = ['名称'];
const MAX_ROWS = 2000;

const byLabel = <T extends string>(labels: Record<T, string>, v: string): T | null => (Object.entries(labels).find(([, l]) => l === v)?.[0] as T) ?? null;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

async function readSheet(name: string, content: Buffer): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  if (/\.csv$/i.test(name)) {
    // A CSV saved by Excel may start with a byte-order mark.
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    await wb.csv.read(Readable.from([text]));
  } else {
    if (acceptedType(content, ['xlsx']) !== 'xlsx') throw invalid('目录表格须为 XLSX 或 CSV 文件。');
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('表格中没有工作表。');
  // The header row is the first row that names 名称 (a title row above it is allowed).
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && (row.values as ExcelJS.CellValue[]).some((v) => cellText(v) === '名称')) headerRow = n;
  });
  if (!headerRow) throw invalid(`表格缺少表头：第一行应为列名，至少包含“名称”。可用的列：${IMPORT_COLUMNS.join('、')}。`);
  const header = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).map(cellText);
  const unknown = header.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw invalid(`表格中有无法识别的列：${unknown.join('、')}。可用的列：${IMPORT_COLUMNS.join('、')}。`);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const values = row.values as ExcelJS.CellValue[];
    const rec: Record<string, string> = { __row: String(n) };
    header.forEach((h, i) => h && (rec[h] = cellText(values[i])));
    if (IMPORT_COLUMNS.some((c) => rec[c])) rows.push(rec);
  });
  if (rows.length > MAX_ROWS) throw invalid(`一次最多导入 ${MAX_ROWS} 行，请分批导入。`);
  return rows;
}

const list = (v: string) => v.split(/[；;，,、\n]/).map((s) => s.trim()).filter(Boolean);
const date = (v: string, label: string, problems: string[]) => {
  if (!v) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return (problems.push(`${label}“${v}”不是日期（应如 2026-03-01）`), null);
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
};

export async function importCatalog(ctx: Ctx, orgId: string, input: { sheetName: string; sheet: Buffer; zip: Buffer | null; dryRun: boolean }) {
  await authorize(ctx, 'catalog.edit', orgId);
  const rows = await readSheet(input.sheetName, input.sheet);
  if (!rows.length) throw invalid('表格中没有数据行。');
  const zip = input.zip ? await JSZip.loadAsync(input.zip).catch(() => null) : null;
  if (input.zip && !zip) throw invalid('附件压缩包无法打开，请上传 ZIP 文件。');
  const zipFiles = new Map<string, JSZip.JSZipObject>();
  zip?.forEach((p, f) => !f.dir && zipFiles.set(p.split('/').pop()!, f));
  const nodes = await listNodes(ctx, orgId);
  const nodePath = (id: string): string => {
    const n = nodes.find((x) => x.id === id)!;
    return n.parentId ? `${nodePath(n.parentId)}/${n.name}` : n.name;
  };
  const nodeByName = new Map<string, string>();
  for (const n of nodes) (nodeByName.set(nodePath(n.id), n.id), nodeByName.has(n.name) || nodeByName.set(n.name, n.id));

  const planned = [];
  for (const r of rows) {
    const problems: string[] = [];
    for (const c of REQUIRED) if (!r[c]) problems.push(`缺少${c}`);
    const topicLabel = r['主题分类']?.replace(/[/-]/g, '\\');
    const topic = !r['主题分类'] ? '' : r['主题分类'] in TOPIC_LABELS ? r['主题分类'] : (Object.entries(TOPIC_LABELS).find(([, l]) => l === topicLabel)?.[0] ?? (problems.push(`主题分类“${r['主题分类']}”不在国家主题分类中`), ''));
    const genre = r['公文种类'] ? ((GENRES as readonly string[]).includes(r['公文种类']) ? r['公文种类'] : (problems.push(`公文种类“${r['公文种类']}”不是 15 种法定公文之一`), null)) : null;
    const contentType = r['内容类型'] ? (byLabel(CONTENT_TYPES, r['内容类型']) ?? (problems.push(`内容类型“${r['内容类型']}”无效`), null)) : null;
    const fiveOpen = r['五公开'] ? (byLabel(FIVE_OPEN, r['五公开']) ?? byLabel(FIVE_OPEN, `${r['五公开']}公开`) ?? (problems.push(`五公开“${r['五公开']}”无效`), null)) : null;
    const attr = r['公开属性'] ? (byLabel(DISCLOSURE_ATTRIBUTES, r['公开属性']) ?? (problems.push(`公开属性“${r['公开属性']}”无效，应为主动公开、依申请公开或不予公开`), null)) : null;
    if (!attr) problems.push('缺少公开属性（起草时必须确定）');
    const docClass = r['文件类别'] ? (byLabel(DOC_CLASSES, r['文件类别']) ?? (problems.push(`文件类别“${r['文件类别']}”无效`), 'OTHER')) : 'OTHER';
    const catalogNodeId = r['公开目录'] ? (nodeByName.get(r['公开目录']) ?? (problems.push(`公开目录“${r['公开目录']}”不存在，请先在目录设置中建立`), null)) : null;
    if (r['发文字号']) {
      const n = checkDocNumber(r['发文字号']);
      if (!n.ok) problems.push(n.suggestion ? `发文字号“${r['发文字号']}”格式不对，是否应为“${n.suggestion}”` : `发文字号“${r['发文字号']}”格式不对`);
    }
    const files = list(r['附件'] ?? '');
    for (const f of files) {
      const entry = zipFiles.get(f);
      if (!entry) {
        problems.push(`附件“${f}”不在压缩包中`);
        continue;
      }
      const buf = await entry.async('nodebuffer');
      if (buf.length > CATALOG_FILE_MAX) problems.push(`附件“${f}”超过 ${CATALOG_FILE_MAX / 1024 / 1024} MB`);
      else if (!acceptedType(buf, CATALOG_FILE_TYPES)) problems.push(`附件“${f}”不是 PDF、DOCX、XLSX、JPG 或 PNG 文件（按内容判断）`);
    }
    const content: DocContentInput = {
      title: r['名称'] ?? '',
      summary: r['内容概述'] ?? '',
      publisher: r['发布机构'] ?? '',
      jointPublishers: list(r['联合发文单位'] ?? ''),
      docNumber: r['发文字号'] ?? '',
      writtenDate: date(r['成文日期'] ?? '', '成文日期', problems),
      generatedDate: date(r['生成日期'] ?? '', '生成日期', problems),
      effectiveDate: date(r['实施日期'] ?? '', '实施日期', problems),
      repealDate: date(r['废止日期'] ?? '', '废止日期', problems),
      formedOn: date(r['信息形成日期'] ?? '', '信息形成日期', problems),
      topic,
      genre: genre as DocContentInput['genre'],
      contentType,
      docClass,
      catalogNodeId,
      fiveOpen,
      disclosureAttribute: attr,
      withholdReason: r['不予公开理由'] ?? '',
      keywords: list(r['关键词'] ?? ''),
      bodyHtml: paragraphs(r['正文'] ?? ''),
      isPolicy: ['是', '1', 'Y', 'y'].includes(r['是否政策文件'] ?? ''),
      interpretationPlan: r['解读方案'] ?? '',
    };
    const parsed = docContentSchema.safeParse(content);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
    planned.push({ row: Number(r.__row), title: content.title ?? '', problems, content, files });
  }
  const problemCount = planned.reduce((n, p) => n + p.problems.length, 0);
  if (input.dryRun || problemCount > 0) return { dryRun: input.dryRun, rows: planned.map((p) => ({ row: p.row, title: p.title, problems: p.problems, id: null })), created: 0, problems: problemCount };

  const out = [];
  for (const p of planned) {
    const doc = await createDocument(ctx, orgId, { kind: 'DOCUMENT', content: p.content });
    const ids: string[] = [];
    for (const name of p.files) {
      const buf = await zipFiles.get(name)!.async('nodebuffer');
      ids.push((await addFile(ctx, doc.id, { fileName: name, content: buf })).id);
    }
    if (ids.length) {
      const [rev] = await ctx.db.query.documentRevisions.findMany({ where: (t, { eq }) => eq(t.documentId, doc.id) });
      await saveDocument(ctx, doc.id, { baseRevisionId: rev.id, content: { ...p.content, attachmentIds: ids } });
    }
    out.push({ row: p.row, title: p.title, problems: [], id: doc.id });
  }
  return { dryRun: false, rows: out, created: out.length, problems: 0 };
}
