#!/usr/bin/env node
// The annual report's tables (issue 6) over a million 依申请公开 cases on the PostgreSQL server,
// against a reference measured in the same run: one `count(*)` over the same bureau's cases sent
// straight to PostgreSQL with pg (reading every row once is the floor for any aggregate). Starts
// the built app (npm run build first) on a fresh database, bulk-loads the cases over three years
// (every applicant type and outcome, 10% still open), signs in as the demo officer and times
// GET /api/v1/annual-reports/{orgCode}/2025; then the published report's portal page (not cached)
// and its Word file against GET /healthz. Loopback only.
// Usage: node bench/annual-report.bench.mjs [cases=1000000] [requests=10]
import path from 'node:path';
import { root, signIn, startOnFreshDatabase, time as timed } from './lib.mjs';

const [casesArg = '1000000', requestsArg = '10'] = process.argv.slice(2);
const CASES = Number(casesArg);
const N = Number(requestsArg);
const { OUTCOMES, WITHHOLD_REASONS, APPLICANT_TYPES } = await import(path.join(root, 'dist/features/requests/requests.rules.js'));
const bench = await startOnFreshDatabase();
const { db, base, password } = bench;

try {
  const t0 = Date.now();
  const { rows: [org] } = await db.query(`select id, code from organisations where slug = 'zhejiang'`);
  const outcomes = Object.keys(OUTCOMES);
  const reasons = Object.keys(WITHHOLD_REASONS);
  const types = Object.keys(APPLICANT_TYPES);
  const BATCH = 250_000;
  for (let start = 0; start < CASES; start += BATCH) {
    await db.query(
      `insert into disclosure_requests (org_id, receipt_no, year, seq, channel, applicant_type, applicant_sealed, applicant_key, info_description, provision_form, delivery, status, arrived_on, received_on, due_on, concluded_on, outcome, reply, idempotency_key)
       select $1, 'B-' || s, 2025, s + 100000, 'ONLINE', ($2::text[])[1 + s % 6], 'x', md5(s::text), '基准测试申请', 'ELECTRONIC', 'EMAIL',
              case when s % 10 = 0 then 'processing' else 'replied' end, d, d, d + 29,
              case when s % 10 = 0 then null else d + (s % 60) end,
              case when s % 10 = 0 then null else ($3::text[])[1 + (s / 7) % $5] end,
              case when s % 10 = 0 then null else jsonb_build_object('outcome', ($3::text[])[1 + (s / 7) % $5], 'reasons', jsonb_build_array(($4::text[])[1 + s % 8]), 'body', '', 'documents', '') end,
              'i' || s
       from generate_series($6::int, $7::int) s, lateral (select date '2024-01-01' + (s % 1095) as d) x`,
      [org.id, types, outcomes, reasons, outcomes.length, start + 1, Math.min(CASES, start + BATCH)],
    );
  }
  await db.query('analyze disclosure_requests');
  console.log(`loaded ${CASES.toLocaleString()} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const cookie = await signIn(base, 'zhejiang.disclosure_officer', password);
  const time = (label, fn) => timed(label, N, fn);
  const floor = await time('count(*) of the bureau\'s cases via pg', () => db.query(`select count(*) from disclosure_requests where org_id = $1`, [org.id]));
  let checks = null;
  const tables = await time('GET /api/v1/annual-reports/…/2025', async () => {
    const r = await fetch(`${base}/api/v1/annual-reports/${org.code}/2025`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    checks = (await r.json()).checks;
  });
  // The published report page on the portal: a report published with these figures, then the page
  // rendered without the page cache (a new URL each time) and the Word file.
  const report = await (await fetch(`${base}/api/v1/annual-reports/${org.code}/2025/report`, { headers: { cookie } })).json();
  const snapshot = { template: report.template, orgName: report.org.name, cells: report.cells, computed: report.computed, entered: {}, checks: report.checks, texts: report.texts, publishedAt: new Date().toISOString() };
  await db.query(`insert into annual_reports (org_id, year, status, texts, snapshot, published_at) values ($1, 2025, 'published', $2, $3, now())`, [org.id, report.texts, snapshot]);
  let n = 0;
  const page = await time('GET /org/zhejiang/xxgk/nb/2025/ (not cached)', async () => {
    const r = await fetch(`${base}/org/zhejiang/xxgk/nb/2025/?r=${n++}`);
    if (!r.ok) throw new Error(`${r.status}`);
    await r.arrayBuffer();
  });
  const word = await time('GET …/nb/2025/report.docx', async () => {
    const r = await fetch(`${base}/org/zhejiang/xxgk/nb/2025/report.docx`);
    if (!r.ok) throw new Error(`${r.status}`);
    await r.arrayBuffer();
  });
  const health = await time('GET /healthz (HTTP floor)', async () => {
    await (await fetch(`${base}/healthz`)).arrayBuffer();
  });
  const failed = checks.filter((c) => !c.ok && c.rule !== 'R5').length;
  const fmt = (x) => x.toFixed(0).padStart(8);
  console.log(`\n${CASES.toLocaleString()} cases on PostgreSQL, ${N} sequential requests (ms); rule checks failed: ${failed}\n`);
  console.log(`${'request'.padEnd(44)}     p50      p95   p50 ÷ floor`);
  for (const r of [floor, tables]) console.log(`${r.label.padEnd(44)}${fmt(r.p50)} ${fmt(r.p95)}   ${(r.p50 / floor.p50).toFixed(2)}`);
  const fmt1 = (x) => x.toFixed(1).padStart(8);
  console.log(`\n${'page'.padEnd(44)}     p50      p95   p50 ÷ /healthz`);
  for (const r of [health, page, word]) console.log(`${r.label.padEnd(44)}${fmt1(r.p50)} ${fmt1(r.p95)}   ${(r.p50 / health.p50).toFixed(1)}`);
} finally {
  await bench.stop();
}
