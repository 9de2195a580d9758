#!/usr/bin/env node
// Catalogue search quality and speed on the demo data, against a plain ILIKE baseline in the same
// run: the labelled queries of bench/search/queries.tsv (each with the items that answer it,
// labelled from the items' content), nDCG@10 and recall@10 for both; then the time per query for
// both. Seeds the demo into a fresh embedded database in a temporary folder (about 30 s).
// Usage: npm run build && node bench/search.bench.mjs [rounds=5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const rounds = Number(process.argv[2] ?? 5);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
process.env.NODE_ENV = 'production';
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-search-bench-'));
process.env.LOG_LEVEL = 'warn';
const d = (p) => import(path.join(root, 'dist', p));
const { loadConfig } = await d('platform/config/config.js');
const { openPlatform, systemCtx } = await d('bootstrap.js');
const { seedDemo } = await d('platform/db/seed.js');
const { search } = await d('features/catalog/catalog.public.js');

const cfg = loadConfig();
const platform = await openPlatform(cfg);
const ctx = systemCtx(platform, cfg, 'bench');
let t = Date.now();
await seedDemo(ctx);
const seedMs = Date.now() - t;
const q = (text, params) => platform.database.query(text, params);
const [{ n: published }] = await q(`select count(*)::int as n from public_documents where status = 'published'`);

const orgs = new Map((await q('select id, slug from organisations')).map((r) => [r.slug, r.id]));
const keyed = await q(`select d.id, d.source_key as key, d.org_id as org from documents d join public_documents p on p.document_id = d.id where p.status = 'published' and d.source_key is not null`);

const labelled = fs
  .readFileSync(path.join(root, 'bench/search/queries.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [query, slug, rel] = l.split('\t');
    const orgId = orgs.get(slug);
    if (!orgId) throw new Error(`unknown organisation ${slug}`);
    // "licence-rules" = every year's item; "budget:2024" = that year's; "licence-rules:interp" = its interpretations.
    const relevant = new Set();
    for (const pat of rel.split(/[，,]/).map((s) => s.trim())) {
      const [tkey, qual] = pat.split(':');
      const hits = keyed.filter((k) => {
        if (k.org !== orgId) return false;
        const [, kk, year, interp] = k.key.split(':');
        if (kk !== tkey) return false;
        if (qual === 'interp') return interp === 'interp';
        if (interp) return false;
        return qual ? year === qual : true;
      });
      if (!hits.length) throw new Error(`no item for ${pat} (${query})`);
      for (const h of hits) relevant.add(h.id);
    }
    return { query, orgId, relevant };
  });

const ndcg = (ids, rel) => {
  let dcg = 0;
  ids.slice(0, 10).forEach((id, i) => (dcg += rel.has(id) ? 1 / Math.log2(i + 2) : 0));
  let idcg = 0;
  for (let i = 0; i < Math.min(10, rel.size); i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
};
const recall = (ids, rel) => ids.slice(0, 10).filter((id) => rel.has(id)).length / rel.size;

const methods = {
  gongkai: async (l) => (await search(ctx, { q: l.query, orgIds: [l.orgId], page: 1, pageSize: 10 })).hits.map((h) => h.id),
  ilike: async (l) => {
    const like = `%${l.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await q(`select document_id as id from public_documents where status = 'published' and org_id = $1 and (title ilike $2 or body_text ilike $2 or attachment_text ilike $2) order by published_at desc limit 10`, [l.orgId, like]);
    return rows.map((r) => r.id);
  },
};

const quality = {};
const misses = [];
for (const [name, fn] of Object.entries(methods)) {
  let n = 0;
  let r = 0;
  let zero = 0;
  for (const l of labelled) {
    const ids = await fn(l);
    n += ndcg(ids, l.relevant);
    r += recall(ids, l.relevant);
    if (!ids.length) zero++;
    if (name === 'gongkai' && ndcg(ids, l.relevant) < 0.5) misses.push(`${l.query} (nDCG ${ndcg(ids, l.relevant).toFixed(2)})`);
  }
  quality[name] = { ndcg: n / labelled.length, recall: r / labelled.length, empty: zero };
}

const times = {};
for (const [name, fn] of Object.entries(methods)) {
  const ms = [];
  for (let i = 0; i < rounds; i++)
    for (const l of labelled) {
      t = performance.now();
      await fn(l);
      ms.push(performance.now() - t);
    }
  ms.sort((a, b) => a - b);
  times[name] = { p50: ms[Math.floor(ms.length * 0.5)], p95: ms[Math.floor(ms.length * 0.95)] };
}
await platform.database.close();
fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });

console.log(`Catalogue search on the demo data (${published} published items, PGlite; seeded in ${(seedMs / 1000).toFixed(1)} s), ${labelled.length} labelled queries`);
console.log('method    nDCG@10  recall@10  no result   p50 ms   p95 ms');
for (const name of Object.keys(methods))
  console.log(`${name.padEnd(9)} ${quality[name].ndcg.toFixed(3).padStart(7)}  ${quality[name].recall.toFixed(3).padStart(9)}  ${String(quality[name].empty).padStart(9)}  ${times[name].p50.toFixed(2).padStart(7)}  ${times[name].p95.toFixed(2).padStart(7)}`);
console.log(`ratio gongkai/ilike: nDCG ${(quality.gongkai.ndcg / quality.ilike.ndcg).toFixed(2)}×, recall ${(quality.gongkai.recall / quality.ilike.recall).toFixed(2)}×, p95 time ${(times.gongkai.p95 / times.ilike.p95).toFixed(2)}×`);
if (misses.length) console.log(`queries below nDCG 0.5:\n  ${misses.join('\n  ')}`);
