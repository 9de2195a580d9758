import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { invalid } from '../../platform/errors/errors.js';
import { acceptedType, type FileType } from '../../platform/uploads/sniff.js';
import { detectPii, type Span } from './pii.rules.js';
import { maskText, type MaskingProfile } from './pii.masking.js';

/**
 * The text of an attachment, in the pieces a reviewer can find again: a PDF's pages, a
 * workbook's sheets, a Word document's body, headers and footers (issue 4 §9).
 */
export interface Segment {
  where: string;
  text: string;
}

export const ATTACHMENT_TYPES: FileType[] = ['docx', 'xlsx', 'pdf'];
/** Unpacked size and entry count of an Office file are bounded before it is read (SECURITY UPL-02). */
const MAX_UNPACKED = 100 * 1024 * 1024;
const MAX_ENTRIES = 2000;

async function openZip(content: Buffer): Promise<JSZip> {
  const zip = await JSZip.loadAsync(content);
  const files = Object.values(zip.files);
  if (files.length > MAX_ENTRIES) throw invalid('文件包含的部件过多，无法检查。');
  // Uncompressed sizes from the ZIP directory (jszip keeps them in _data).
  const unpacked = files.reduce((n, f) => n + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
  if (unpacked > MAX_UNPACKED) throw invalid('文件解压后过大，无法检查。');
  return zip;
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (m) => XML_ENTITIES[m]);
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Word parts that carry text: the body, headers, footers, footnotes, comments. */
const wordParts = (zip: JSZip) => Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(n)).sort();
const PART_LABELS: Record<string, string> = { document: '正文', header: '页眉', footer: '页脚', footnotes: '脚注', endnotes: '尾注', comments: '批注' };
const partLabel = (name: string) => PART_LABELS[name.replace(/^word\/|\d*\.xml$/g, '')] ?? name;

/** A paragraph's text, from its runs' <w:t> elements. */
const PARA = /<w:p[ >][\s\S]*?<\/w:p>/g;
const TEXT = /<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g;
const paragraphText = (p: string) => [...p.matchAll(TEXT)].map((m) => unescapeXml(m[1])).join('');

export async function extractSegments(content: Buffer): Promise<{ type: FileType; segments: Segment[] }> {
  const type = acceptedType(content, ATTACHMENT_TYPES);
  if (!type) throw invalid('附件应为 Word（DOCX）、Excel（XLSX）或 PDF 文件，且内容与格式相符。');
  if (type === 'docx') {
    const zip = await openZip(content);
    const segments: Segment[] = [];
    for (const name of wordParts(zip)) {
      const xml = await zip.file(name)!.async('string');
      const text = [...xml.matchAll(PARA)].map((m) => paragraphText(m[0])).join('\n');
      if (text.trim()) segments.push({ where: partLabel(name), text });
    }
    return { type, segments };
  }
  if (type === 'xlsx') {
    await openZip(content);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    const segments: Segment[] = [];
    wb.eachSheet((ws) => {
      const lines: string[] = [];
      ws.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => cellText(v)).join('\t')));
      segments.push({ where: `工作表“${ws.name}”`, text: lines.join('\n') });
    });
    return { type, segments };
  }
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(content), isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
  const segments: Segment[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    const text = tc.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
    segments.push({ where: `第 ${i} 页`, text });
  }
  await doc.destroy();
  return { type, segments };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: string; richText?: { text: string }[]; result?: unknown; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text) return o.text;
    if (o.result !== undefined) return String(o.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/**
 * A copy of a Word document with the personal data removed from the file itself (issue 4 §9),
 * not painted over: each paragraph with findings gets its masked text; the text stays in the
 * paragraph's first run (its formatting), the other runs are emptied. Values the reviewer decided
 * to keep (`keep`) stay.
 */
export async function maskDocx(content: Buffer, profile: MaskingProfile, keep: (s: Span) => boolean = () => false): Promise<{ file: Buffer; masked: number }> {
  const zip = await openZip(content);
  let masked = 0;
  for (const name of wordParts(zip)) {
    const xml = await zip.file(name)!.async('string');
    const out = xml.replace(PARA, (p) => {
      const text = paragraphText(p);
      const spans: Span[] = detectPii(text).filter((s) => !keep(s));
      if (spans.length === 0) return p;
      masked += spans.length;
      const replacement = maskText(text, spans, profile);
      let first = true;
      return p.replace(TEXT, (_m) => {
        const t = first ? escapeXml(replacement) : '';
        first = false;
        return `<w:t xml:space="preserve">${t}</w:t>`;
      });
    });
    zip.file(name, out);
  }
  // Authors and last editors are personal data too.
  const core = zip.file('docProps/core.xml');
  if (core) zip.file('docProps/core.xml', (await core.async('string')).replace(/<(dc:creator|cp:lastModifiedBy)>[^<]*<\/\1>/g, '<$1></$1>'));
  return { file: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), masked };
}
