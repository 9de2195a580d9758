#!/usr/bin/env node
// The knowledge base's question matching, measured on the labelled set in bench/knowledge/queries.tsv
// (paraphrased questions, each with the entry that should come first), against a plain full-text
// baseline on the same entries: jieba's own dictionary, no synonyms, question and answer as one
// document. Then latency: the built app (npm run build first) on its embedded database with the demo
// data, GET /api/v1/public/knowledge/search for every question, beside GET /healthz in the same run.
// With --pg the app runs on a fresh database on the PostgreSQL server (BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres) instead of PGlite. Loopback only.
// Usage: node bench/knowledge.bench.mjs [rounds=5] [--pg]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const usePg = args.includes('--pg');
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
const { buildIndex, search, FULL, PLAIN } = await import(path.join(root, 'dist/features/knowledge/knowledge.search.js'));
const { SEED_ENTRIES } = await import(path.join(root, 'dist/features/knowledge/knowledge.entries.js'));
const { answerPlain } = await import(path.join(root, 'dist/features/knowledge/knowledge.format.js'));

const labelled = fs
  .readFileSync(path.join(root, 'bench/knowledge/queries.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [q, key] = l.split('\t');
    return { q, key };
  });
const keys = new Set(SEED_ENTRIES.map((e) => e.key));
for (const { q, key } of labelled) if (!keys.has(key)) throw new Error(`unknown key ${key} for ${q}`);
const asked = new Set(SEED_ENTRIES.flatMap((e) => [e.question, ...e.phrasings]));
for (const { q } of labelled) if (asked.has(q)) throw new Error(`labelled question is also an entry phrasing: ${q}`);

const entries = SEED_ENTRIES.map((e) => ({ id: e.key, question: e.question, phrasings: e.phrasings, answerText: answerPlain(e.answer) }));
const variants = {
  'full (domain dictionary + synonyms + per-phrasing)': FULL,
  'no synonyms': { ...FULL, synonyms: false },
  'no per-phrasing (one document per entry)': { ...FULL, perPhrasing: false },
  'plain full-text baseline': PLAIN,
};
console.log(`Labelled questions: ${labelled.length} over ${SEED_ENTRIES.length} entries\n`);
console.log('| method | top-1 | top-3 | no answer |');
console.log('|---|---|---|---|');
const misses = [];
for (const [name, opts] of Object.entries(variants)) {
  const index = buildIndex(entries, opts);
  let top1 = 0;
  let top3 = 0;
  let none = 0;
  for (const { q, key } of labelled) {
    const hits = search(index, q, 3);
    if (hits.length === 0) none++;
    if (hits[0]?.id === key) top1++;
    else if (opts === FULL) misses.push(`${q} → ${hits[0]?.id ?? '（无）'}（应为 ${key}）`);
    if (hits.some((h) => h.id === key)) top3++;
  }
  const pct = (n) => `${((n / labelled.length) * 100).toFixed(1)}%`;
  console.log(`| ${name} | ${pct(top1)} | ${pct(top3)} | ${none} |`);
}
if (misses.length) console.log(`\nTop-1 misses of the full method:\n${misses.map((m) => `  ${m}`).join('\n')}`);

// Latency through the API.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-kb-bench-'));
const port = await new Promise((r) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'data'), PORT: String(port), SM4_KEY: crypto.randomBytes(16).toString('hex'), INTEGRITY_KEY: crypto.randomBytes(32).toString('hex'), RATE_LIMIT_PER_MINUTE: '100000' };
delete env.DATABASE_URL;
let dropDb = async () => {};
if (usePg) {
  const pg = (await import('pg')).default;
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gongkai_kb_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  env.DATABASE_URL = admin.replace(/\/[^/]*$/, `/${name}`);
  dropDb = async () => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
const app = spawn(process.execPath, [path.join(root, 'dist/server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
app.stdout.on('data', (d) => (out += d));
for (let i = 0; i < 600 && !out.includes('Ctrl+C'); i++) await new Promise((r) => setTimeout(r, 100));
const base = `http://127.0.0.1:${port}`;
const time = async (url) => {
  const t = process.hrtime.bigint();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
try {
  await time(`${base}/api/v1/public/knowledge/search?q=${encodeURIComponent('烟证')}`); // builds the index
  const search = [];
  const health = [];
  for (let r = 0; r < rounds; r++)
    for (const { q } of labelled) {
      search.push(await time(`${base}/api/v1/public/knowledge/search?q=${encodeURIComponent(q)}`));
      health.push(await time(`${base}/healthz`));
    }
  const p = (xs, k) => [...xs].sort((a, b) => a - b)[Math.ceil((k / 100) * xs.length) - 1].toFixed(2);
  console.log(`\nLatency, ${search.length} sequential requests (${usePg ? 'PostgreSQL server' : 'PGlite'}, demo data):`);
  console.log('| request | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|');
  console.log(`| GET /api/v1/public/knowledge/search | ${p(search, 50)} | ${p(search, 95)} | ${p(search, 99)} |`);
  console.log(`| GET /healthz (HTTP floor) | ${p(health, 50)} | ${p(health, 95)} | ${p(health, 99)} |`);
  console.log(`p95 ratio search / floor: ${(p(search, 95) / p(health, 95)).toFixed(1)}×`);
} finally {
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  await dropDb();
}
