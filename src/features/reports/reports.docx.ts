import { AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ReportSnapshot } from './reports.tables.js';
import { gridsOf, headingsOf, type Grid } from './reports.layout.js';

/**
 * The published report as a Word file in the official layout (issue 6 §3): A4 with GB/T 9704
 * margins, title in 小标宋, 一级标题 in 黑体, 二级标题 in 楷体, body in 仿宋 (3号, 28-point lines), and
 * the three tables of the template with their merged header cells.
 */
const MM = 56.7;
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const FANGSONG = font('仿宋_GB2312');
const HEITI = font('黑体');
const KAITI = font('楷体_GB2312');
const XIAOBIAOSONG = font('方正小标宋简体');
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

const para = (text: string, f = FANGSONG, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: opts.align ?? AlignmentType.JUSTIFIED, spacing: LINE, indent: opts.indent === false ? undefined : { firstLine: 640 }, children: [new TextRun({ text, font: f, size: 32 })] });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(grid: Grid): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: grid.map(
      (row) =>
        new TableRow({
          children: row.map(
            (c) =>
              new TableCell({
                columnSpan: c.colSpan,
                rowSpan: c.rowSpan,
                verticalAlign: VerticalAlign.CENTER,
                children: [new Paragraph({ alignment: c.key || c.header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: c.text, font: c.header ? HEITI : FANGSONG, size: 21 })] })],
              }),
          ),
        }),
    ),
  });
}

const paragraphsOf = (text: string) => text.split(/\n+/).map((t) => t.trim()).filter(Boolean);

export async function reportDocx(s: ReportSnapshot, year: number): Promise<Buffer> {
  const title = `${s.orgName}${year}年政府信息公开工作年度报告`;
  const SECTIONS = headingsOf(s.layout);
  const grids = gridsOf(s.layout, s.cells, { blankZeros: s.blankZeros });
  const body = (text: string, empty = '无。') => (paragraphsOf(text).length ? paragraphsOf(text) : [empty]).map((t) => para(t));
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 }, children: [new TextRun({ text: title, font: XIAOBIAOSONG, size: 44 })] }),
    para(`本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开工作年度报告格式》编制，所列数据的统计期限为${year}年1月1日至${year}年12月31日。`),
    para(SECTIONS.overall, HEITI),
    ...(['active', 'requests', 'management', 'platform', 'supervision'] as const).flatMap((k) => [para(SECTIONS[k], KAITI), ...body(s.texts[k])]),
    para(SECTIONS.table2, HEITI),
    table(grids.active),
    para(SECTIONS.table3, HEITI),
    table(grids.applications),
    para(SECTIONS.table4, HEITI),
    table(grids.appeals),
    para(SECTIONS.problems, HEITI),
    ...body(s.texts.problems),
    para(SECTIONS.other, HEITI),
    ...body(s.texts.other),
  ];
  const doc = new Document({
    creator: s.orgName,
    title,
    styles: { default: { document: { run: { font: FANGSONG, size: 32 } } } },
    sections: [{ properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } } }, children }],
  });
  return Packer.toBuffer(doc);
}
