#!/usr/bin/env node
// Portal speed with a large catalogue, against nginx serving the same document page's HTML from a
// file in the same run. Creates a fresh database on the PostgreSQL server (BENCH_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres), starts the built app on it (demo seed),
// adds published items until there are `items` of them (default 100,000; words from jieba as the
// app writes them), then on loopback:
//   - wrk against a document page, a catalogue listing page and a search results page (cached: the
//     same URL again), beside nginx serving the document page's bytes;
//   - search without the page cache (every request a new URL) for a word nearly every item
//     contains (烟草) and for a rarer one, with `users` concurrent clients, p50/p95/p99.
// Needs Debian nginx and wrk. Usage: npm run build && node bench/portal.bench.mjs [items=100000] [seconds=10] [connections=16] [rounds=3] [users=16]
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';

const [items = '100000', secs = '10', conns = '16', rounds = '3', users = '16'] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
fs.chmodSync(work, 0o755); // nginx workers run as another user
const port = async () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const tool of ['wrk', 'nginx']) if (spawnSync('which', [tool]).status !== 0) { console.error(`${tool} is needed: apt-get install -y ${tool}`); process.exit(2); }
if (!fs.existsSync(path.join(root, 'dist/server.js'))) { console.error('Run npm run build first.'); process.exit(2); }

// A database of its own on the server.
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `gk_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

const appPort = await port();
const app = spawn(process.execPath, [path.join(root, 'dist/server.js')], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS ?? '300', DATA_DIR: path.join(work, 'data'), DATABASE_URL: dbUrl.toString(), PORT: String(appPort) }, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
app.stdout.on('data', (d) => (out += d));
process.on('exit', () => app.kill('SIGKILL')); // never leave the server behind
for (let i = 0; i < 1200 && !out.includes('Ctrl+C'); i++) await sleep(100);
if (!out.includes('Ctrl+C')) throw new Error('the app did not start');

// Bulk items, written the way publishing writes them (tsvector literals from jieba).
const { tsvectorLiteral } = await import(path.join(root, 'dist/features/catalog/catalog.search.js'));
const db = new pg.Client({ connectionString: dbUrl.toString() });
await db.connect();
const orgs = (await db.query(`select id, slug, code from organisations order by sort_order`)).rows;
const [{ n: have }] = (await db.query(`select count(*)::int as n from public_documents where status = 'published'`)).rows;
const topics = ['07.02', '09.06', '02.01', '04.01', '16.03', '15.03'];
const subjects = ['卷烟零售许可证', '电子烟市场监管', '烟草专卖行政处罚', '卷烟打假打私', '零售点合理布局', '专卖执法检查', '政务公开', '部门预算', '双随机抽查', '烟叶收购', '卷烟物流配送', '烟草制品准运证'];
const verbs = ['关于进一步规范', '关于做好', '关于开展', '关于印发', '关于加强', '关于调整'];
const tails = ['工作的通知', '专项行动的通告', '管理办法的通知', '实施方案', '情况的公告', '有关事项的通知'];
const sentences = [
  '为进一步加强烟草专卖市场管理，维护卷烟市场秩序，保护消费者合法权益，现就有关事项通知如下。',
  '各地烟草专卖局要提高认识，加强组织领导，确保各项工作落到实处。',
  '严厉打击无证经营、销售假冒卷烟和走私卷烟等违法行为，对违法行为依法予以查处。',
  '申请人可以通过政务服务网在线办理，也可以到办事大厅窗口办理，办结后邮寄送达。',
  '各单位要按照政务公开要求，及时公开办理结果，接受社会监督。',
  '电子烟零售主体应当通过电子烟交易管理平台进货，严禁向未成年人销售电子烟。',
  '零售点设置应当符合合理布局要求，中小学校周边不得设置烟草制品零售点。',
  '本通知自发布之日起施行，此前规定与本通知不一致的，以本通知为准。',
  '群众可以拨打12313热线举报涉烟违法线索，举报经查实的按规定给予奖励。',
  '财政预算执行情况良好，三公经费支出较上年有所下降。',
];
const pickOf = (arr, i) => arr[i % arr.length];
const toAdd = Math.max(0, Number(items) - have);
let t0 = Date.now();
const nodeIds = new Map();
for (const o of orgs) nodeIds.set(o.id, (await db.query(`select id from catalog_nodes where org_id = $1 order by sort_order limit 1`, [o.id])).rows[0]?.id ?? null);
for (let done = 0; done < toAdd; ) {
  const n = Math.min(500, toAdd - done);
  const docs = [];
  const pubs = [];
  for (let k = 0; k < n; k++) {
    const i = done + k;
    const o = orgs[i % orgs.length];
    const id = crypto.randomUUID();
    const year = 2016 + (i % 11);
    const title = `${o.slug === 'guojiaju' ? '国家烟草专卖局' : '烟草专卖局'}${pickOf(verbs, i)}${pickOf(subjects, i * 7 + (i >> 3))}${pickOf(tails, i * 3 + (i >> 5))}（第${i + 1}号）`;
    const body = [0, 1, 2, 3].map((j) => pickOf(sentences, i * 13 + j * 5 + (i >> 4))).join('\n');
    const publishedAt = new Date(Date.UTC(year, (i * 7) % 12, 1 + (i % 27), 2, i % 60));
    const content = { title, summary: body.slice(0, 60), keywords: [], bodyHtml: body.split('\n').map((p) => `<p>${p}</p>`).join(''), attachmentIds: [], interpretation: null, validityOverride: null, publisher: '', jointPublishers: [], source: '' };
    docs.push([id, o.id, `bench:${i}`, `${o.code}/${year}-B${String(i).padStart(6, '0')}`]);
    pubs.push([id, o.id, `${o.code}/${year}-B${String(i).padStart(6, '0')}`, title, body.slice(0, 60), JSON.stringify(content), pickOf(topics, i), '通知', nodeIds.get(o.id), `${year}-01-0${1 + (i % 9)}`, year, publishedAt, body, tsvectorLiteral(title), tsvectorLiteral(`${body.slice(0, 60)}\n${body}`)]);
  }
  const ph = (rows, w) => rows.map((_, r) => `(${Array.from({ length: w }, (_, c) => `$${r * w + c + 1}`).join(',')})`).join(',');
  await db.query(`insert into documents (id, org_id, source_key, index_no, kind, status) select v.id::uuid, v.org::uuid, v.sk, v.ix, 'DOCUMENT', 'published' from (values ${ph(docs, 4)}) as v(id, org, sk, ix)`, docs.flat());
  await db.query(
    `insert into public_documents (document_id, org_id, index_no, title, summary, content, topic, genre, catalog_node_id, generated_on, year, published_at, body_text, search_title, search_body, kind, status, edition, first_published_at, revision_notes, attachments)
     select v.id::uuid, v.org::uuid, v.ix, v.t, v.s, v.c::jsonb, v.tp, v.g, v.node::uuid, v.gen::date, v.y::int, v.pa::timestamptz, v.b, v.st::tsvector, v.sb::tsvector, 'DOCUMENT', 'published', 1, v.pa::timestamptz, '[]'::jsonb, '[]'::jsonb
     from (values ${ph(pubs, 15)}) as v(id, org, ix, t, s, c, tp, g, node, gen, y, pa, b, st, sb)`,
    pubs.flat(),
  );
  done += n;
}
await db.query('analyze');
const loadS = (Date.now() - t0) / 1000;
const [{ n: total }] = (await db.query(`select count(*)::int as n from public_documents where status = 'published'`)).rows;
const [{ n: withTerm }] = (await db.query(`select count(*)::int as n from public_documents where status = 'published' and (search_title @@ '烟草'::tsquery or search_body @@ '烟草'::tsquery)`)).rows;
const zj = orgs.find((o) => o.slug === 'zhejiang');
const [{ id: docId }] = (await db.query(`select document_id as id from public_documents where org_id = $1 and status = 'published' order by published_at desc limit 1`, [zj.id])).rows;
await db.end();
if (process.env.BENCH_LOAD_ONLY) {
  // Keep the loaded database for inspection (EXPLAIN); drop it by hand.
  app.kill('SIGTERM');
  await admin.end();
  console.log(`loaded ${total} items into ${dbUrl}`);
  process.exit(0);
}

const pages = { document: `/org/zhejiang/xxgk/content/${docId}/`, listing: '/org/zhejiang/xxgk/ml/', search: `/search?q=${encodeURIComponent('烟草')}&org=zhejiang` };
const ngPort = await port();
fs.mkdirSync(path.join(work, 'www'), { recursive: true });
// Over a connection of its own (node:http, no agent): fetch's pool would hand the idle connection,
// closed by the server meanwhile (keepAliveTimeout), to the first search request minutes later.
const getOnce = (url) => new Promise((resolve, reject) => http.get(url, { agent: false }, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))); }).on('error', reject));
fs.writeFileSync(path.join(work, 'www/document.html'), await getOnce(`http://127.0.0.1:${appPort}${pages.document}`));
fs.writeFileSync(path.join(work, 'nginx.conf'), `worker_processes 1; pid ${work}/nginx.pid; error_log ${work}/nginx.err;
events { worker_connections 1024; }
http { access_log off; sendfile on; default_type text/html;
  server { listen 127.0.0.1:${ngPort}; root ${work}/www; } }`);
spawnSync('nginx', ['-c', path.join(work, 'nginx.conf'), '-p', work + '/']);
await sleep(300);

function wrk(url, c = conns) {
  const r = spawnSync('wrk', ['-t1', `-c${c}`, `-d${secs}s`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(r.stdout);
  const ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(r.stdout)?.[1] ?? '0');
  return { rps, p99: ms, non2xx };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const targets = { nginx: `http://127.0.0.1:${ngPort}/document.html`, ...Object.fromEntries(Object.entries(pages).map(([k, p]) => [k, `http://127.0.0.1:${appPort}${p}`])) };
for (const u of Object.values(targets)) spawnSync('wrk', ['-t1', '-c8', '-d2s', u]); // warm-up (fills the page cache)
const runs = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
for (let i = 0; i < Number(rounds); i++) for (const [k, u] of Object.entries(targets)) runs[k].push(wrk(u));
const results = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, { rps: median(rs.map((r) => r.rps)), p99: median(rs.map((r) => r.p99)), non2xx: rs.reduce((a, r) => a + r.non2xx, 0) }]));

// Search without the cache: every request a new URL, `users` clients at once.
async function uncachedSearch(term) {
  const lat = [];
  let n = 0;
  let errors = 0;
  const end = Date.now() + Number(secs) * 1000;
  await Promise.all(
    Array.from({ length: Number(users) }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        try {
          const res = await fetch(`http://127.0.0.1:${appPort}/search?q=${encodeURIComponent(term)}&org=zhejiang&r=${n++}`);
          await res.text();
          if (res.status !== 200) throw new Error(`search answered ${res.status}`);
          lat.push(performance.now() - t);
        } catch (e) {
          if (++errors === 1) console.error(`search request failed: ${e.cause?.message ?? e.message}`);
        }
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const at = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))];
  return { rps: lat.length / Number(secs), p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}
const search = { common: await uncachedSearch('烟草'), rare: await uncachedSearch('电子烟交易管理平台'), typo: await uncachedSearch('零售许可正') };

spawnSync('kill', [fs.readFileSync(path.join(work, 'nginx.pid'), 'utf8').trim()]);
app.kill('SIGTERM');
await new Promise((r) => app.on('exit', r));
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.end();
fs.rmSync(work, { recursive: true, force: true });

console.log(`\n${total.toLocaleString()} published items on PostgreSQL (${withTerm.toLocaleString()} contain 烟草; ${toAdd.toLocaleString()} bulk-loaded in ${loadS.toFixed(0)} s), ${os.cpus().length} cores`);
console.log(`wrk -t1 -c${conns} -d${secs}s, median of ${rounds} interleaved rounds (cached pages)`);
console.log('target            req/s     p99 ms   ratio to nginx');
for (const [k, r] of Object.entries(results)) console.log(`${k.padEnd(14)} ${r.rps.toFixed(0).padStart(8)} ${r.p99.toFixed(2).padStart(9)}   ${(r.rps / results.nginx.rps).toFixed(3)}${r.non2xx ? `  (${r.non2xx} non-2xx!)` : ''}`);
console.log(`\nsearch results page without the page cache, ${users} concurrent users, ${secs} s each`);
console.log('query                 req/s    p50 ms   p95 ms   p99 ms');
for (const [k, r] of Object.entries(search)) console.log(`${k.padEnd(20)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}${r.errors ? `  (${r.errors} failed)` : ''}`);
