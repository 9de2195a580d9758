// What the PostgreSQL benchmarks share: a database of their own on the server, the built app
// started on it (demo seed; its banner gives the demo password), and cleaning both up afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const freePort = () =>
  new Promise((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });

/** Creates a fresh database, starts `dist/server.js` on it with `env`, and waits for its banner. */
export async function startOnFreshDatabase(env = {}) {
  if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
    console.error('Run npm run build first.');
    process.exit(2);
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `gongkai_bench_${Date.now()}`;
  await admin.query(`create database ${dbName}`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
  const port = await freePort();
  const app = spawn(process.execPath, [path.join(root, 'dist/server.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: path.join(work, 'data'), PORT: String(port), DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let banner = '';
  app.stdout.on('data', (d) => (banner += d));
  for (let i = 0; i < 1500 && !banner.includes('Ctrl+C'); i++) await sleep(100);
  if (!banner.includes('Ctrl+C')) throw new Error('the app did not start');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return {
    url,
    db,
    base: `http://127.0.0.1:${port}`,
    password: banner.match(/密码（所有演示账号相同）：(\S+)/)?.[1],
    /** Stops the app and drops the database. */
    async stop() {
      app.kill('SIGTERM');
      await db.end();
      await sleep(500);
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Signs in as a demo account and returns the session cookie. */
export async function signIn(base, username, password) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie').split(';')[0];
}

/** p50/p95/p99 of `n` sequential calls after one warm-up. */
export async function time(label, n, fn, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  xs.sort((a, b) => a - b);
  const at = (p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  return { label, p50: at(50), p95: at(95), p99: at(99) };
}
