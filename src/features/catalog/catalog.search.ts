import { terms as knowledgeTerms, type SearchOptions } from '../knowledge/knowledge.search.js';

/**
 * Chinese full-text search for the catalogue (issue 3 §8). PostgreSQL's parsers do not segment
 * Chinese, so the words come from jieba with the domain dictionary (the same `terms()` the
 * knowledge base uses: cutForSearch, stop words dropped — but no synonym folding: 烟草 is not 卷烟
 * in a document) and are handed to
 * PostgreSQL as ready-made lexemes with their positions — a `tsvector` literal — for indexing, and
 * as an AND of lexemes for querying (STACK.md traps 6–8). Indexing and querying share one
 * segmenter and dictionary; when the dictionary changes, `npx gongkai catalog reindex` rebuilds.
 */

/** Documents are matched on their own words: no synonym folding (the knowledge base folds). */
const OPTIONS: SearchOptions = { domainDictionary: true, synonyms: false, perPhrasing: false };
const terms = (text: string) => knowledgeTerms(text, OPTIONS);

const quote = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A `tsvector` literal of a text's words with their positions (positions ≤ 16383, as PostgreSQL keeps). */
export function tsvectorLiteral(text: string): string {
  const positions = new Map<string, number[]>();
  const words = terms(text);
  for (let i = 0; i < words.length && i < 16383; i++) {
    const w = words[i].slice(0, 100);
    const list = positions.get(w);
    if (!list) positions.set(w, [i + 1]);
    else if (list.length < 256) list.push(i + 1);
  }
  return [...positions].map(([w, ps]) => `${quote(w)}:${ps.join(',')}`).join(' ');
}

/** The words of a query, deduplicated, at most 12 (a pasted paragraph is not a query). */
export function queryTerms(q: string): string[] {
  return [...new Set(terms(q.slice(0, 100)))].slice(0, 12);
}

/** A `tsquery` literal requiring every word (`all`) or any of them; null when the query has no searchable word. */
export function tsqueryLiteral(words: string[], mode: 'all' | 'any' = 'all'): string | null {
  return words.length ? words.map(quote).join(mode === 'all' ? ' & ' : ' | ') : null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A text with the query's words marked, as HTML: everything is escaped and only `<mark>` is added.
 * Longer words are marked first so 零售许可证 is marked whole rather than as 零售 + 许可证.
 */
export function highlight(text: string, words: string[]): string {
  const ws = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (!ws.length) return escapeHtml(text);
  const lower = text.toLowerCase();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const w = ws.find((x) => lower.startsWith(x, i));
    if (w) {
      out += `<mark>${escapeHtml(text.slice(i, i + w.length))}</mark>`;
      i += w.length;
    } else {
      out += escapeHtml(text[i]);
      i++;
    }
  }
  return out;
}

/** About `size` characters of `text` around the first place one of the words occurs, marked. */
export function snippet(text: string, words: string[], size = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    const k = lower.indexOf(w);
    if (k >= 0 && (at < 0 || k < at)) at = k;
  }
  const start = at < 0 ? 0 : Math.max(0, at - Math.floor(size / 3));
  const piece = flat.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${highlight(piece, words)}${start + size < flat.length ? '…' : ''}`;
}
