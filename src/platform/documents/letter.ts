import fs from 'node:fs';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import { unprocessable } from '../errors/errors.js';

/**
 * An official letter (告知书, 通知书, 回执) in the layout of GB/T 9704-2012 《党政机关公文格式》:
 * A4, margins 37/35/28/26 mm, title in 2号小标宋 centred, body in 3号仿宋 with a two-character
 * first-line indent and 28-point lines, the issuing organ and the date at the bottom right.
 * Features fill the structure; this module only lays it out, as Word and as PDF.
 */
export interface Letter {
  title: string;
  /** 文号, printed right-aligned under the title. */
  number?: string;
  /** 称呼, e.g. “张三：”. */
  salutation?: string;
  paragraphs: string[];
  /** Numbered items under the paragraphs (e.g. the things to correct). */
  items?: string[];
  /** Lines after the items (remedies, 特此告知). */
  closing?: string[];
  issuer: string;
  /** 成文日期 in Chinese, e.g. 2026年11月26日. */
  date: string;
  /** 附件 names, listed under the body. */
  attachments?: string[];
}

const MM = 56.7; // twips per millimetre
const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt

export const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: opts.indent === false ? undefined : { firstLine: 640 }, // two 16-pt characters
    children: [new TextRun({ text, font: FANGSONG, size: 32 })],
  });

/** The letter as a Word document (.docx). */
export async function letterDocx(l: Letter): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 }, children: [new TextRun({ text: l.title, font: XIAOBIAOSONG, size: 44 })] }),
  ];
  if (l.number) children.push(body(l.number, { indent: false, align: AlignmentType.RIGHT }));
  if (l.salutation) children.push(body(l.salutation, { indent: false }));
  for (const p of l.paragraphs) children.push(body(p));
  (l.items ?? []).forEach((it, i) => children.push(body(`${i + 1}. ${it}`)));
  for (const p of l.closing ?? []) children.push(body(p));
  if (l.attachments?.length) {
    children.push(body(''));
    l.attachments.forEach((a, i) => children.push(body(i === 0 ? `附件：${l.attachments!.length > 1 ? '1. ' : ''}${a}` : `      ${i + 1}. ${a}`)));
  }
  children.push(body(''), body(l.issuer, { indent: false, align: AlignmentType.RIGHT }), body(l.date, { indent: false, align: AlignmentType.RIGHT }));
  const doc = new Document({
    creator: l.issuer,
    title: l.title,
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [{ properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** A CJK font on this machine for PDFs (Debian package fonts-noto-cjk); null when none is installed. */
const FONT_CANDIDATES = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
] as const;
let font: (typeof FONT_CANDIDATES)[number] | null | undefined;
export function cjkFont() {
  if (font === undefined) font = FONT_CANDIDATES.find(([f]) => fs.existsSync(f)) ?? null;
  return font;
}

/** The letter as PDF, in the same layout, with the fonts this machine has. */
export async function letterPdf(l: Letter): Promise<Buffer> {
  const f = cjkFont();
  if (!f) throw unprocessable('服务器未安装中文字体（fonts-noto-cjk），暂不能生成 PDF，请下载 Word 版本。');
  const pt = 72 / 25.4;
  const doc = new PDFDocument({ size: 'A4', margins: { top: 37 * pt, bottom: 35 * pt, left: 28 * pt, right: 26 * pt }, info: { Title: l.title, Author: l.issuer } });
  doc.registerFont('cjk', f[0], f[1]);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const para = (t: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.fontSize(16).text(t, { lineGap: 12, align: 'justify', ...opts });
  doc.font('cjk').fontSize(22).text(l.title, { align: 'center', lineGap: 14 });
  doc.moveDown(0.5);
  if (l.number) para(l.number, { align: 'right' });
  if (l.salutation) para(l.salutation);
  for (const p of l.paragraphs) para(`　　${p}`);
  (l.items ?? []).forEach((it, i) => para(`　　${i + 1}. ${it}`));
  for (const p of l.closing ?? []) para(`　　${p}`);
  if (l.attachments?.length) {
    doc.moveDown();
    l.attachments.forEach((a, i) => para(`　　${i === 0 ? '附件：' : '　　　'}${l.attachments!.length > 1 ? `${i + 1}. ` : ''}${a}`));
  }
  doc.moveDown();
  para(l.issuer, { align: 'right' });
  para(l.date, { align: 'right' });
  doc.end();
  return done;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';
