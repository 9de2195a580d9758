/**
 * Answers are written as plain text with light structure (what staff type or paste from Word):
 * paragraphs separated by blank lines, list lines starting with “-”, “·” or “1.”/“1、”, and
 * web addresses, which become links. Rendering escapes everything, so no markup from the text
 * ever reaches a page.
 */
export type Block = { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

const BULLET = /^\s*[-·•]\s*/;
const NUMBERED = /^\s*[0-9０-９]{1,2}[.、．)）]\s*/;

export function answerBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter(Boolean);
    let prose: string[] = [];
    const flush = () => {
      if (prose.length) blocks.push({ kind: 'p', text: prose.join('') });
      prose = [];
    };
    for (const l of lines) {
      const kind = BULLET.test(l) ? 'ul' : NUMBERED.test(l) ? 'ol' : null;
      if (!kind) {
        prose.push(l);
        continue;
      }
      flush();
      const item = l.replace(kind === 'ul' ? BULLET : NUMBERED, '');
      const last = blocks[blocks.length - 1];
      if (last && last.kind === kind) last.items.push(item);
      else blocks.push({ kind, items: [item] });
    }
    flush();
  }
  return blocks;
}

/** The answer as plain text, for indexing and for text-only channels (SMS, phone script). */
export const answerPlain = (text: string) =>
  answerBlocks(text)
    .map((b) => (b.kind === 'p' ? b.text : b.items.map((it, i) => (b.kind === 'ol' ? `${i + 1}. ` : '· ') + it).join('\n')))
    .join('\n');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Splits a line into text and links (http(s) addresses only). */
export function linkify(s: string): { text: string; href?: string }[] {
  const out: { text: string; href?: string }[] = [];
  let at = 0;
  for (const m of s.matchAll(/https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]+/g)) {
    if (m.index! > at) out.push({ text: s.slice(at, m.index) });
    out.push({ text: m[0], href: m[0] });
    at = m.index! + m[0].length;
  }
  if (at < s.length) out.push({ text: s.slice(at) });
  return out;
}

const inline = (s: string) => linkify(s).map((p) => (p.href ? `<a href="${escape(p.href)}" rel="noopener">${escape(p.text)}</a>` : escape(p.text))).join('');

/** The answer as safe HTML for the console and the API. */
export const answerHtml = (text: string) =>
  answerBlocks(text)
    .map((b) => (b.kind === 'p' ? `<p>${inline(b.text)}</p>` : `<${b.kind}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.kind}>`))
    .join('');
