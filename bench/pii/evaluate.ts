// Scores the detector on bench/pii/corpus.jsonl: precision, recall and F1 per type and overall
// (exact span and type), and throughput on one core; then the same corpus through a general-purpose
// npm library (openredaction) for comparison.   npx tsx bench/pii/evaluate.ts [--misses]
import fs from 'node:fs';
import path from 'node:path';
import { detectPii, PII_TYPES } from '../../src/features/review/pii.rules.js';

interface Doc { id: string; kind: string; text: string; spans: { start: number; end: number; type: string }[] }
const corpusFile = process.argv.find((a) => a.endsWith('.jsonl')) ?? 'heldout.jsonl';
const docs: Doc[] = fs.readFileSync(path.join(import.meta.dirname, corpusFile), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const showMisses = process.argv.includes('--misses');

type Counts = { tp: number; fp: number; fn: number };
const score = (found: (d: Doc) => { start: number; end: number; type: string }[], types: readonly string[]) => {
  const by: Record<string, Counts> = Object.fromEntries(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const d of docs) {
    const gold = new Set(d.spans.map((s) => `${s.type}@${s.start}-${s.end}`));
    const got = new Set(found(d).map((s) => `${s.type}@${s.start}-${s.end}`));
    for (const g of got) {
      const t = g.split('@')[0];
      by[t] ??= { tp: 0, fp: 0, fn: 0 };
      if (gold.has(g)) by[t].tp++;
      else {
        by[t].fp++;
        if (showMisses) console.log(`FP ${d.id} ${g} 「${d.text.slice(+g.split('@')[1].split('-')[0], +g.split('-')[1])}」`);
      }
    }
    for (const g of gold)
      if (!got.has(g)) {
        by[g.split('@')[0]].fn++;
        if (showMisses) console.log(`FN ${d.id} ${g} 「${d.text.slice(+g.split('@')[1].split('-')[0], +g.split('-')[1])}」`);
      }
  }
  return by;
};
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
function table(title: string, by: Record<string, Counts>) {
  console.log(`\n${title}\ntype                  gold   tp   fp   fn  precision  recall     F1`);
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const [t, c] of Object.entries(by)) {
    const { p, r, f } = prf(c);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    console.log(`${t.padEnd(20)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${p.toFixed(3).padStart(9)} ${r.toFixed(3).padStart(7)} ${f.toFixed(3).padStart(6)}`);
  }
  const { p, r, f } = prf(total);
  console.log(`${'overall'.padEnd(20)} ${String(total.tp + total.fn).padStart(5)} ${String(total.tp).padStart(4)} ${String(total.fp).padStart(4)} ${String(total.fn).padStart(4)}  ${p.toFixed(3).padStart(9)} ${r.toFixed(3).padStart(7)} ${f.toFixed(3).padStart(6)}`);
  return f;
}

const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
console.log(`corpus ${corpusFile}: ${docs.length} documents, ${(bytes / 1024).toFixed(0)} KiB, ${docs.reduce((a, d) => a + d.spans.length, 0)} labelled spans`);
table('Gongkai detector', score((d) => detectPii(d.text), PII_TYPES));

function throughput(fn: (t: string) => unknown) {
  for (const d of docs) fn(d.text); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 5; i++) for (const d of docs) fn(d.text);
    runs.push((5 * bytes) / 1e6 / ((performance.now() - t) / 1000));
  }
  return runs.sort((a, b) => a - b)[2];
}
console.log(`\nthroughput (median of 5 runs, one core): Gongkai ${throughput(detectPii).toFixed(2)} MB/s`);

// The comparison library maps its own type names onto ours where they mean the same.
try {
  // Optional: not a project dependency (npm i --no-save openredaction@1.1.5 to compare).
  const optional = 'openredaction';
  const mod: unknown = await import(optional);
  const Redactor = (mod as { OpenRedaction?: new (o?: object) => { detect: (t: string) => Promise<unknown> | unknown } }).OpenRedaction;
  if (!Redactor) throw new Error('no OpenRedaction export');
  const r = new Redactor();
  const mapType = (t: string): string | null => {
    const u = t.toUpperCase();
    if (/EMAIL/.test(u)) return 'EMAIL';
    if (/CHIN.*(ID|IDENTITY)|RESIDENT.*ID|ID_CARD|NATIONAL_ID/.test(u)) return 'ID_CARD';
    if (/PHONE|MOBILE|TEL/.test(u)) return 'PHONE_MOBILE';
    if (/CREDIT|CARD|BANK|IBAN|ACCOUNT|CLABE/.test(u)) return 'BANK_CARD';
    if (/NAME|PERSON/.test(u)) return 'PERSON_NAME';
    if (/ADDRESS/.test(u)) return 'ADDRESS';
    if (/PLATE|VEHICLE|LICEN[CS]E/.test(u)) return 'LICENSE_PLATE';
    return null;
  };
  const results = new Map<string, { start: number; end: number; type: string }[]>();
  for (const d of docs) {
    const out = (await r.detect(d.text)) as { detections?: { type: string; value: string; position?: [number, number] }[] };
    const spans: { start: number; end: number; type: string }[] = [];
    for (const x of out.detections ?? []) {
      const type = mapType(x.type);
      if (!type) continue;
      const start = x.position?.[0] ?? d.text.indexOf(x.value);
      spans.push({ start, end: x.position?.[1] ?? start + x.value.length, type });
    }
    results.set(d.id, spans);
  }
  // Phones: the library does not tell mobile from landline, so both are scored as PHONE_MOBILE.
  const merged = docs.map((d) => ({ ...d, spans: d.spans.map((s) => ({ ...s, type: s.type === 'PHONE_LANDLINE' ? 'PHONE_MOBILE' : s.type })) }));
  const saved = docs.splice(0, docs.length, ...merged);
  table('openredaction (same corpus; landlines counted as phones)', score((d) => results.get(d.id)!, PII_TYPES.filter((t) => t !== 'PHONE_LANDLINE')));
  docs.splice(0, docs.length, ...saved);
  const t = performance.now();
  for (const d of docs) await r.detect(d.text);
  console.log(`throughput: openredaction ${(bytes / 1e6 / ((performance.now() - t) / 1000)).toFixed(2)} MB/s (one pass)`);
} catch (e) {
  console.log(`\n(comparison skipped: ${(e as Error).message})`);
}
