/**
 * The real type of an uploaded file, from its bytes, never from its name or the browser's claim
 * (SECURITY UPL-01). Office files are ZIP containers recognised by the part every valid one has.
 */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpg: { mime: 'image/jpeg', label: 'JPG' },
  png: { mime: 'image/png', label: 'PNG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)' },
} as const;
export type FileType = keyof typeof FILE_TYPES;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffFileType(b: Buffer): FileType | null {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.subarray(0, 8).equals(PNG)) return 'png';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    // Part names are stored in clear in the ZIP headers.
    if (b.includes('word/document.xml', 0, 'latin1')) return 'docx';
    if (b.includes('xl/workbook.xml', 0, 'latin1')) return 'xlsx';
  }
  return null;
}

/** The type if it is one of `allowed`, else null. */
export function acceptedType(b: Buffer, allowed: readonly FileType[]): FileType | null {
  const t = sniffFileType(b);
  return t && allowed.includes(t) ? t : null;
}

export const typeLabels = (allowed: readonly FileType[]) => allowed.map((t) => FILE_TYPES[t].label).join('、');

/**
 * A user's file name made safe to store and to show (SECURITY UPL-03): no path, no control or
 * bidirectional-override characters, at most 120 characters. Files are stored in the database,
 * never under this name on disk.
 */
export function safeFileName(name: string, fallback = '附件'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/^\.+/, '').trim();
  return [...(clean || fallback)].slice(0, 120).join('');
}
