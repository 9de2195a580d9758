import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_TERMS, STOP_WORDS, SYNONYM_GROUPS } from './knowledge.data.js';

/**
 * Matching Chinese questions phrased differently. A question and every phrasing of an entry are
 * segmented with jieba and the domain dictionary, stop words are dropped, synonyms folded to one
 * word, and the question is compared with each phrasing by idf-weighted cosine; the best phrasing
 * decides the entry's score and is shown as the reason for the match. The answer text counts a
 * little, so an entry can be found by what it says as well as by how it is asked.
 */

export interface SearchOptions {
  /** Load the domain dictionary into jieba (off for the baseline). */
  domainDictionary: boolean;
  /** Fold synonyms (off for the baseline). */
  synonyms: boolean;
  /** Score each phrasing separately (off for the baseline: one document of question and answer). */
  perPhrasing: boolean;
}
export const FULL: SearchOptions = { domainDictionary: true, synonyms: true, perPhrasing: true };
export const PLAIN: SearchOptions = { domainDictionary: false, synonyms: false, perPhrasing: false };

let domainJieba: Jieba | undefined;
let plainJieba: Jieba | undefined;
/** One segmenter per process (about 70 ms to build; STACK.md trap 5). */
function segmenter(domain: boolean): Jieba {
  if (domain) {
    if (!domainJieba) {
      domainJieba = Jieba.withDict(dict);
      domainJieba.loadDict(Buffer.from(DOMAIN_TERMS.map((t) => `${t} 2000 n`).join('\n')));
    }
    return domainJieba;
  }
  plainJieba ??= Jieba.withDict(dict);
  return plainJieba;
}

const CANON = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const w of group) if (!CANON.has(w)) CANON.set(w, group[0]);

const PUNCT = /^[\s\p{P}\p{S}]+$/u;

/** The words of a text that carry meaning, with synonyms folded. */
export function terms(text: string, opts: SearchOptions = FULL): string[] {
  const words = segmenter(opts.domainDictionary).cutForSearch(text.toLowerCase(), false);
  const out: string[] = [];
  for (const w of words) {
    if (PUNCT.test(w) || STOP_WORDS.has(w)) continue;
    out.push(opts.synonyms ? (CANON.get(w) ?? w) : w);
  }
  return out;
}

export interface IndexedEntry {
  id: string;
  question: string;
  phrasings: string[];
  answerText: string;
}

interface Vec {
  text: string;
  w: Map<string, number>;
  norm: number;
}

export interface Index {
  opts: SearchOptions;
  idf: Map<string, number>;
  entries: { entry: IndexedEntry; phrasings: Vec[]; answer: Vec }[];
}

const tf = (ts: string[]) => {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

function vec(text: string, ts: string[], idf: Map<string, number>, fallback: number): Vec {
  const w = new Map<string, number>();
  for (const [t, n] of tf(ts)) w.set(t, (1 + Math.log(n)) * (idf.get(t) ?? fallback));
  let s = 0;
  for (const v of w.values()) s += v * v;
  return { text, w, norm: Math.sqrt(s) || 1 };
}

/** Builds the index over a set of entries (a few thousand at most; rebuilt when an entry changes). */
export function buildIndex(entries: IndexedEntry[], opts: SearchOptions = FULL): Index {
  const docs = entries.map((e) => {
    const asked = opts.perPhrasing ? [e.question, ...e.phrasings] : [`${e.question} ${e.answerText}`];
    return { e, asked: asked.map((q) => ({ text: q, ts: terms(q, opts) })), answer: terms(e.answerText, opts) };
  });
  // Document frequency by entry: a word in every entry's phrasings tells nothing.
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set([...d.asked.flatMap((a) => a.ts), ...d.answer])) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, docs.length);
  const idf = new Map<string, number>();
  for (const [t, c] of df) idf.set(t, Math.log(1 + n / c));
  const unseen = Math.log(1 + n);
  return {
    opts,
    idf,
    entries: docs.map((d) => ({ entry: d.e, phrasings: d.asked.map((a) => vec(a.text, a.ts, idf, unseen)), answer: vec('', d.answer, idf, unseen) })),
  };
}

const cosine = (q: Vec, d: Vec) => {
  let dot = 0;
  const matched: string[] = [];
  for (const [t, w] of q.w) {
    const v = d.w.get(t);
    if (v) {
      dot += w * v;
      matched.push(t);
    }
  }
  return { score: dot / (q.norm * d.norm), matched };
};

export interface Hit {
  id: string;
  score: number;
  /** The phrasing that matched best, to show why the entry came up. */
  matchedPhrasing: string;
  matchedTerms: string[];
}

const ANSWER_WEIGHT = 0.25;
/** Below this an entry is not worth showing: a single common word in common. */
export const MIN_SCORE = 0.12;

/** Ranks the entries for a question, best first. */
export function search(index: Index, question: string, limit = 10): Hit[] {
  const qt = terms(question, index.opts);
  if (qt.length === 0) return [];
  const unseen = Math.log(1 + Math.max(1, index.entries.length));
  const q = vec(question, qt, index.idf, unseen);
  const hits: Hit[] = [];
  for (const { entry, phrasings, answer } of index.entries) {
    let best = { score: 0, matched: [] as string[], text: '' };
    for (const p of phrasings) {
      const c = cosine(q, p);
      if (c.score > best.score) best = { ...c, text: p.text };
    }
    const a = cosine(q, answer);
    const score = best.score + ANSWER_WEIGHT * a.score;
    if (score < MIN_SCORE) continue;
    hits.push({ id: entry.id, score: Math.round(score * 1000) / 1000, matchedPhrasing: best.text || entry.question, matchedTerms: [...new Set([...best.matched, ...a.matched])] });
  }
  return hits.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id)).slice(0, limit);
}
