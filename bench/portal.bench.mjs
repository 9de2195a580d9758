#!/usr/bin/env node
// Portal page speed against a reference measured in the same run: nginx serving the identical
// HTML bytes. Starts the built app (npm run build first) on a seeded PGlite data folder and nginx
// with its own config, both on loopback; runs wrk against each in turn; prints ratios.
// Usage: node bench/portal.bench.mjs [seconds=10] [connections=64] [rounds=3]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const [secs = '10', conns = '64', rounds = '3'] = process.argv.slice(2);
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
fs.chmodSync(work, 0o755); // nginx workers run as another user
const port = async () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const tool of ['wrk', 'nginx']) if (spawnSync('which', [tool]).status !== 0) { console.error(`${tool} is needed: apt-get install -y ${tool}`); process.exit(2); }
if (!fs.existsSync(path.join(root, 'dist/server.js'))) { console.error('Run npm run build first.'); process.exit(2); }

const appPort = await port();
const app = spawn(process.execPath, [path.join(root, 'dist/server.js')], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'data'), PORT: String(appPort) }, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
app.stdout.on('data', (d) => (out += d));
for (let i = 0; i < 200 && !out.includes('Ctrl+C'); i++) await sleep(100);

const pages = ['/', '/org/zhejiang/xxgk/'];
const ngPort = await port();
fs.mkdirSync(path.join(work, 'www/org/zhejiang/xxgk'), { recursive: true });
for (const p of pages) {
  const html = await (await fetch(`http://127.0.0.1:${appPort}${p}`)).text();
  fs.writeFileSync(path.join(work, 'www', p.endsWith('/') ? `${p}index.html` : p), html);
}
fs.writeFileSync(path.join(work, 'nginx.conf'), `worker_processes 1; pid ${work}/nginx.pid; error_log ${work}/nginx.err;
events { worker_connections 1024; }
http { access_log off; sendfile on; default_type text/html;
  server { listen 127.0.0.1:${ngPort}; root ${work}/www; index index.html; } }`);
spawnSync('nginx', ['-c', path.join(work, 'nginx.conf'), '-p', work + '/']);
await sleep(300);

function wrk(url) {
  const r = spawnSync('wrk', ['-t1', `-c${conns}`, `-d${secs}s`, '--latency', url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(r.stdout);
  const ms = p99 ? Number(p99[1]) * ({ us: 0.001, ms: 1, s: 1000 })[p99[2]] : NaN;
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(r.stdout)?.[1] ?? '0';
  return { rps, p99: ms, non2xx: Number(non2xx) };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = {};
for (const p of pages) {
  const targets = { nginx: `http://127.0.0.1:${ngPort}${p}`, gongkai: `http://127.0.0.1:${appPort}${p}` };
  for (const u of Object.values(targets)) spawnSync('wrk', ['-t1', '-c8', '-d2s', u]); // warm-up
  const runs = { nginx: [], gongkai: [] };
  for (let i = 0; i < Number(rounds); i++) for (const [k, u] of Object.entries(targets)) runs[k].push(wrk(u));
  results[p] = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, { rps: median(rs.map((r) => r.rps)), p99: median(rs.map((r) => r.p99)), non2xx: rs.reduce((a, r) => a + r.non2xx, 0) }]));
}

spawnSync('kill', [fs.readFileSync(path.join(work, 'nginx.pid'), 'utf8').trim()]);
app.kill('SIGTERM');
await new Promise((r) => app.on('exit', r));
fs.rmSync(work, { recursive: true, force: true });

console.log(`\nwrk -t1 -c${conns} -d${secs}s, median of ${rounds} interleaved rounds, ${os.cpus().length} cores`);
console.log('page                      target    req/s     p99 ms   ratio to nginx');
for (const [p, r] of Object.entries(results)) {
  for (const k of ['nginx', 'gongkai'])
    console.log(`${p.padEnd(25)} ${k.padEnd(8)} ${r[k].rps.toFixed(0).padStart(7)} ${r[k].p99.toFixed(2).padStart(9)}   ${(r[k].rps / r.nginx.rps).toFixed(3)}${r[k].non2xx ? `  (${r[k].non2xx} non-2xx!)` : ''}`);
}
