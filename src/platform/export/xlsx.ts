import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

/** A workbook as staff expect it: bold frozen header row, filters on, readable column widths. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai 政务公开平台';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  if (title) {
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, columns.length);
  }
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a file download with an RFC 6266 UTF-8 file name (Chinese names survive). */
export function sendDownload(reply: FastifyReply, body: Buffer, fileName: string, mime: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
