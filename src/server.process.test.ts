import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, startServer, type Running } from '../test/processes.js';

/** The README's first command as a user meets it: a real process on a real data folder. */
describe('the server process on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-proc-'));
  const running: Running[] = [];
  afterAll(() => {
    for (const r of running) r.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo on first start, refuses a second process on the same folder, keeps the data across a restart without seeding twice', async () => {
    const port = await freePort();
    const first = await startServer({ DATA_DIR: dataDir, PORT: String(port) });
    running.push(first);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/admin/`);
    const password = /密码（所有演示账号相同）：(\S+)/.exec(first.output())![1];
    const base = `http://127.0.0.1:${port}`;
    const orgs = async () => {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'guojiaju.sys_admin', password }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const body = (await (await fetch(`${base}/api/v1/orgs`, { headers: { cookie } })).json()) as { items: { name: string }[] };
      return body.items;
    };
    const names = (await orgs()).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['国家烟草专卖局', '浙江省烟草专卖局', '广东省烟草专卖局', '四川省烟草专卖局', '杭州市烟草专卖局']));

    const second = await startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) }).catch((e) => e as Error);
    const code = second instanceof Error ? null : await second.exited;
    const secondOut = second instanceof Error ? second.message : second.output();
    expect(secondOut).toContain('正被另一个 Gongkai 进程');
    if (!(second instanceof Error)) expect(code).toBe(2);

    // Graceful stop: SIGTERM lets the process close the database and release the folder.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'gongkai.lock'))).toBe(false);

    const again = await startServer({ DATA_DIR: dataDir, PORT: String(port) });
    running.push(again);
    expect((await orgs()).length).toBe(names.length); // the same five, not ten
    again.child.kill('SIGKILL'); // even a hard kill leaves a folder the next start can take over
    await again.exited;
    const third = await startServer({ DATA_DIR: dataDir, PORT: String(port) });
    running.push(third);
    expect((await orgs()).length).toBe(names.length);
    third.child.kill('SIGTERM');
    await third.exited;
  }, 300_000);
});

describe.skipIf(!inject('pgTemplate'))('the server process on a PostgreSQL server', () => {
  it('runs the same migrations via DATABASE_URL, seeds once, and lets two processes share the database', async () => {
    const name = `gk_t_${inject('pgTemplate')!.slice('gk_tpl_'.length)}_proc`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`); // empty: the app migrates it
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pg-'));
    const [p1, p2] = [await freePort(), await freePort()];
    const a = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir, PORT: String(p1) });
    const b = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir, PORT: String(p2) });
    try {
      expect(a.output()).toContain('PostgreSQL 服务器');
      for (const port of [p1, p2]) expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready', database: 'postgres' });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const orgs = await c.query('select count(*)::int as n from organisations');
      await c.end();
      expect(orgs.rows[0].n).toBe(5); // both started on an empty database; the demo was seeded once
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
