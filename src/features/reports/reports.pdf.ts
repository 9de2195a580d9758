import PDFDocument from 'pdfkit';
import { unprocessable } from '../../platform/errors/errors.js';
import { cjkFont } from '../../platform/documents/letter.js';
import type { ReportSnapshot } from './reports.tables.js';
import { gridsOf, headingsOf, type Grid } from './reports.layout.js';

/**
 * The published report as PDF (issue 6 §3), laid out like the Word file: title, sections, and the
 * template's three tables drawn with their merged cells. Column widths are set per table: the
 * label columns of table 三 are wide, the figures narrow.
 */
const PT = 72 / 25.4;
const WIDTHS: Record<string, number[]> = {
  table2: [2, 1, 1, 1],
  table3: [0.9, 1.3, 3.6, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
  table4: Array(15).fill(1),
};

/** Draws a table under its heading, both on a new page when they do not fit on this one. */
function drawTable(doc: PDFKit.PDFDocument, heading: string, grid: Grid, weights: number[]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const sum = weights.reduce((a, b) => a + b, 0);
  const colX = weights.reduce<number[]>((xs, w, i) => [...xs, xs[i] + (w / sum) * width], [left]);
  const pad = 2.5;
  doc.fontSize(7.5);
  // Place cells on the grid, skipping positions taken by a cell from a row above.
  const taken = new Set<string>();
  const placed: { r: number; c: number; cs: number; rs: number; text: string; header: boolean; figure: boolean }[] = [];
  grid.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${c}`)) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) taken.add(`${r + i}:${c + j}`);
      placed.push({ r, c, cs, rs, text: cell.text, header: !!cell.header, figure: !!cell.key });
      c += cs;
    }
  });
  const cellWidth = (p: (typeof placed)[number]) => colX[p.c + p.cs] - colX[p.c] - 2 * pad;
  const heights = grid.map((_, r) => Math.max(14, ...placed.filter((p) => p.r === r && p.rs === 1).map((p) => doc.heightOfString(p.text || ' ', { width: cellWidth(p) }) + 2 * pad)));
  const total = heights.reduce((a, b) => a + b, 0);
  if (doc.y + total + 30 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.fontSize(13).text(heading, left, undefined, { lineGap: 6 });
  doc.fontSize(7.5);
  const top = doc.y;
  const rowY = heights.reduce<number[]>((ys, h, i) => [...ys, ys[i] + h], [top]);
  for (const p of placed) {
    const x = colX[p.c];
    const y = rowY[p.r];
    const w = colX[p.c + p.cs] - x;
    const h = rowY[p.r + p.rs] - y;
    if (p.header) doc.save().rect(x, y, w, h).fill('#f2f2f2').restore();
    doc.rect(x, y, w, h).lineWidth(0.5).stroke('#000000');
    const th = doc.heightOfString(p.text || ' ', { width: w - 2 * pad });
    doc.fillColor('#000000').text(p.text, x + pad, y + Math.max(pad, (h - th) / 2), { width: w - 2 * pad, align: p.figure || p.header ? 'center' : 'left' });
  }
  doc.x = left;
  doc.y = top + total + 8;
}

export async function reportPdf(s: ReportSnapshot, year: number): Promise<Buffer> {
  const f = cjkFont();
  if (!f) throw unprocessable('服务器未安装中文字体（fonts-noto-cjk），暂不能生成 PDF，请下载 Word 版本。');
  const title = `${s.orgName}${year}年政府信息公开工作年度报告`;
  const SECTIONS = headingsOf(s.layout);
  const grids = gridsOf(s.layout, s.cells, { blankZeros: s.blankZeros });
  const doc = new PDFDocument({ size: 'A4', margins: { top: 25 * PT, bottom: 25 * PT, left: 22 * PT, right: 22 * PT }, info: { Title: title, Author: s.orgName } });
  doc.registerFont('cjk', f[0], f[1]);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const heading = (t: string, size = 13) => doc.fontSize(size).text(t, left, undefined, { lineGap: 6 });
  const para = (t: string) => doc.fontSize(11).text(`　　${t}`, left, undefined, { lineGap: 5, align: 'justify' });
  const paras = (t: string) => (t.split(/\n+/).map((x) => x.trim()).filter(Boolean).length ? t.split(/\n+/).map((x) => x.trim()).filter(Boolean) : ['无。']).forEach(para);
  doc.font('cjk').fontSize(18).text(title, { align: 'center', lineGap: 10 });
  para(`本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开工作年度报告格式》编制，所列数据的统计期限为${year}年1月1日至${year}年12月31日。`);
  heading(SECTIONS.overall);
  for (const k of ['active', 'requests', 'management', 'platform', 'supervision'] as const) {
    heading(SECTIONS[k], 12);
    paras(s.texts[k]);
  }
  drawTable(doc, SECTIONS.table2, grids.active, WIDTHS.table2);
  drawTable(doc, SECTIONS.table3, grids.applications, WIDTHS.table3);
  drawTable(doc, SECTIONS.table4, grids.appeals, WIDTHS.table4);
  heading(SECTIONS.problems);
  paras(s.texts.problems);
  heading(SECTIONS.other);
  paras(s.texts.other);
  doc.end();
  return done;
}
