#!/usr/bin/env node
// The annual report's tables (issue 6) over a million 依申请公开 cases on the PostgreSQL server,
// against a reference measured in the same run: one `count(*)` over the same bureau's cases sent
// straight to PostgreSQL with pg (reading every row once is the floor for any aggregate). Starts
// the built app (npm run build first) on a fresh database, bulk-loads the cases over three years
// (every applicant type and outcome, 10% still open), signs in as the demo officer and times
// GET /api/v1/annual-reports/{orgCode}/2025; then the published report's portal page (not cached)
// and its Word file against GET /healthz. Loopback only.
// Usage: node bench/annual-report.bench.mjs [cases=1000000] [requests=10]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';

const [casesArg = '1000000', requestsArg = '10'] = process.argv.slice(2);
const CASES = Number(casesArg);
const N = Number(requestsArg);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
const { OUTCOMES, WITHHOLD_REASONS, APPLICANT_TYPES } = await import(path.join(root, 'dist/features/requests/requests.rules.js'));

const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `gongkai_bench_${Date.now()}`;
const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
await adminClient.query(`create database ${dbName}`);
const url = admin.replace(/\/[^/]*$/, `/${dbName}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
const port = await new Promise((r) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'data'), PORT: String(port), DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000' };
const app = spawn(process.execPath, [path.join(root, 'dist/server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let banner = '';
app.stdout.on('data', (d) => (banner += d));
for (let i = 0; i < 1500 && !banner.includes('Ctrl+C'); i++) await sleep(100);
const password = banner.match(/密码（所有演示账号相同）：(\S+)/)?.[1];
const db = new pg.Client({ connectionString: url });
await db.connect();

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

  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhejiang.disclosure_officer', password }) });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  async function time(label, fn) {
    await fn(); // warm-up
    const xs = [];
    for (let i = 0; i < N; i++) {
      const t = process.hrtime.bigint();
      await fn();
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { label, p50: pct(xs, 50), p95: pct(xs, 95) };
  }
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
  app.kill('SIGTERM');
  await db.end();
  await sleep(500);
  await adminClient.query(`drop database if exists ${dbName} with (force)`);
  await adminClient.end();
  fs.rmSync(work, { recursive: true, force: true });
}
