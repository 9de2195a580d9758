#!/usr/bin/env node
// The officers' 依申请公开 case list over 200,000 cases on the PostgreSQL server, against references
// measured in the same run: the list's own two SQL statements sent straight to PostgreSQL with pg
// (the database floor) and GET /healthz through the same app (the HTTP floor). Starts the built app
// (npm run build first) on a fresh database, bulk-loads the cases, signs in as the demo officer,
// and times sequential requests. Loopback only.
// Usage: node bench/requests.bench.mjs [cases=200000] [requests=300]
import crypto from 'node:crypto';
import path from 'node:path';
import { root, signIn, startOnFreshDatabase, time as timed } from './lib.mjs';

const [casesArg = '200000', requestsArg = '300'] = process.argv.slice(2);
const CASES = Number(casesArg);
const N = Number(requestsArg);
const sm4Hex = crypto.randomBytes(16).toString('hex');
const integrityHex = crypto.randomBytes(32).toString('hex');
const bench = await startOnFreshDatabase({ SM4_KEY: sm4Hex, INTEGRITY_KEY: integrityHex });
const { deriveSm4Keys, sm4Seal } = await import(path.join(root, 'dist/platform/crypto/sm.js'));
const { db, base, password } = bench;

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

  const cookie = await signIn(base, 'zhejiang.disclosure_officer', password);
  const time = (label, fn) => timed(label, N, fn, 20);
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
  await bench.stop();
}
