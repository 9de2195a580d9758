#!/usr/bin/env node
// The officers' 依申请公开 case list over 200,000 cases on the PostgreSQL server, against references
// measured in the same run: the list's own two SQL statements sent straight to PostgreSQL with pg
// (the database floor) and GET /healthz through the same app (the HTTP floor). Starts the built app
// (npm run build first) on a fresh database, bulk-loads the cases, signs in as the demo officer,
// and times sequential requests. Loopback only.
// Usage: node bench/requests.bench.mjs [cases=200000] [requests=300]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';

const [casesArg = '200000', requestsArg = '300'] = process.argv.slice(2);
const CASES = Number(casesArg);
const N = Number(requestsArg);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
const { deriveSm4Keys, sm4Seal, hmacSm3Hex } = await import(path.join(root, 'dist/platform/crypto/sm.js'));

const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `gongkai_bench_${Date.now()}`;
const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
await adminClient.query(`create database ${dbName}`);
const url = admin.replace(/\/[^/]*$/, `/${dbName}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
const sm4Hex = crypto.randomBytes(16).toString('hex');
const integrityHex = crypto.randomBytes(32).toString('hex');
const port = await new Promise((r) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'data'), PORT: String(port), DATABASE_URL: url, SM4_KEY: sm4Hex, INTEGRITY_KEY: integrityHex, RATE_LIMIT_PER_MINUTE: '100000' };
let app = spawn(process.execPath, [path.join(root, 'dist/server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const waitReady = async (proc) => {
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  for (let i = 0; i < 300 && !out.includes('Ctrl+C'); i++) await sleep(100);
  return out;
};
const banner = await waitReady(app);
const password = banner.match(/密码（所有演示账号相同）：(\S+)/)?.[1];
const db = new pg.Client({ connectionString: url });
await db.connect();

try {
  // Bulk load: one bureau's cases over about 900 days up to today, like the app's rows: cases older
  // than 40 days are concluded, the rest are open in every open status, some past their deadline.
  const t0 = Date.now();
  const { rows: [org] } = await db.query(`select id, code from organisations where slug = 'zhejiang'`);
  const keys = deriveSm4Keys(Buffer.from(sm4Hex, 'hex'));
  const sealed = Array.from({ length: 500 }, (_, i) => sm4Seal(keys, JSON.stringify({ name: `申请人${i}`, contactPerson: '', idType: 'ID_CARD', idNumber: `3301061985${String(i).padStart(7, '0')}X`, phone: '13800000000', email: '', address: '', postcode: '' })));
  const openStatuses = ['awaiting_confirmation', 'registered', 'processing', 'consulting', 'drafting', 'in_review', 'approved'];
  const today = Date.UTC(...new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10).split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0)));
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  const BATCH = 5000;
  let open = 0;
  for (let start = 0; start < CASES; start += BATCH) {
    const n = Math.min(BATCH, CASES - start);
    const seqs = Array.from({ length: n }, (_, i) => start + i + 1);
    const age = seqs.map((s) => Math.floor(((s - 1) * 900) / CASES));
    const status = seqs.map((s, i) => (age[i] > 40 ? (s % 2 ? 'replied' : 'archived') : openStatuses[s % openStatuses.length]));
    open += status.filter((x) => openStatuses.includes(x)).length;
    const arrived = age.map((a) => day(today - a * 86400000));
    await db.query(
      `insert into disclosure_requests (org_id, receipt_no, year, seq, channel, applicant_type, applicant_sealed, applicant_key, info_description, provision_form, delivery, status, arrived_on, received_on, due_on, concluded_on, idempotency_key)
       select $1, 'B-' || s, extract(year from a::date)::int, s + 100000, 'ONLINE', 'NATURAL_PERSON', ($2::text[])[1 + s % 500], md5(s::text), '基准测试申请第' || s || '号：所需信息描述', 'ELECTRONIC', 'EMAIL',
              st, a::date, case when st = 'awaiting_confirmation' then null else a::date + 1 end, case when st = 'awaiting_confirmation' then null else a::date + 29 end,
              case when st in ('replied', 'archived') then a::date + 25 else null end, gen_random_uuid()::text
       from unnest($3::int[], $4::text[], $5::text[]) as t(s, st, a)`,
      [org.id, sealed, seqs, status, arrived],
    );
  }
  await db.query('analyze disclosure_requests');
  console.log(`loaded ${CASES.toLocaleString()} cases (${open.toLocaleString()} open) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhejiang.disclosure_officer', password }) });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];

  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  async function time(label, fn) {
    for (let i = 0; i < 20; i++) await fn(i); // warm-up
    const xs = [];
    for (let i = 0; i < N; i++) {
      const t = process.hrtime.bigint();
      await fn(i);
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { label, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) };
  }
  const get = (p) => async () => {
    const r = await fetch(`${base}${p}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    await r.arrayBuffer();
  };
  const floor = await time('GET /healthz (HTTP floor)', get('/healthz'));
  const sqlFloor = await time('the list SQL via pg (database floor)', async () => {
    await db.query(`select count(*) from disclosure_requests where org_id = $1 and concluded_on is null`, [org.id]);
    await db.query(`select * from disclosure_requests where org_id = $1 and concluded_on is null order by due_on asc nulls last, created_at desc limit 50`, [org.id]);
  });
  const results = [
    await time('open cases, first page (50)', get('/api/v1/requests?status=open&pageSize=50')),
    await time('overdue cases', get('/api/v1/requests?status=overdue&pageSize=50')),
    await time('open cases, page 20', get('/api/v1/requests?status=open&page=20&pageSize=50')),
    await time('all cases, newest first', get('/api/v1/requests?status=all&pageSize=50')),
    await time('by receipt number', get(`/api/v1/requests?status=all&q=${org.code ? '2026-' + org.code + '-00002' : ''}`)),
    await time('text search in the wording', get(`/api/v1/requests?status=all&q=${encodeURIComponent('第12345号')}`)),
    await time('reminders', get('/api/v1/requests/reminders')),
  ];
  const fmt = (x) => x.toFixed(1).padStart(7);
  console.log(`\n${CASES.toLocaleString()} cases on PostgreSQL, ${N} sequential requests each (ms)\n`);
  console.log(`${'request'.padEnd(40)}    p50     p95     p99   p95 ÷ SQL floor`);
  for (const r of [floor, sqlFloor, ...results]) console.log(`${r.label.padEnd(40)}${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)}   ${(r.p95 / sqlFloor.p95).toFixed(2)}`);
} finally {
  app.kill('SIGTERM');
  await db.end();
  await sleep(500);
  await adminClient.query(`drop database if exists ${dbName} with (force)`);
  await adminClient.end();
  fs.rmSync(work, { recursive: true, force: true });
}
