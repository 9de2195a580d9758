import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cli, ROOT } from '../test/processes.js';
import { BACKUP_TABLES } from './platform/db/backup.js';

describe('gongkai CLI on a data folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
  const a = { DATA_DIR: path.join(root, 'a') };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('migrates, seeds once, creates an administrator with a one-time password, verifies the audit chain', () => {
    expect(cli(['migrate'], a)).toMatchObject({ code: 0 });
    expect(cli(['seed'], a).out).toContain('演示数据已写入');
    expect(cli(['seed'], a).out).toContain('未写入');
    const made = cli(['create-admin', '--org', 'DEMO00033', '--username', 'zj.admin2', '--name', '张管理'], a);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/一次性初始密码：[A-Za-z2-9-]{19}/);
    expect(cli(['create-admin', '--org', 'NOPE', '--username', 'x.y.z', '--name', '某'], a).code).toBe(2);
    const v = cli(['audit', 'verify'], a);
    expect(v.code).toBe(0);
    expect(v.out).toContain('审计链完整');
    expect(cli(['bogus'], a).code).toBe(2);
    expect(cli(['catalog', 'reindex'], a).out).toMatch(/已重建 3\d\d 条/);
    expect(cli(['catalog', 'publish-due'], a).out).toContain('已发布 0 条'); // the demo's scheduled items are days ahead
    expect(cli(['catalog'], a).code).toBe(2);
    const due = cli(['calendar', 'add', '2025-01-27', '1'], a);
    expect(due).toMatchObject({ code: 0 });
    expect(due.out.trim()).toBe('2025-02-05'); // the day after the 2025 Spring Festival holiday
    expect(cli(['calendar', 'add', '2026-12-20', '20'], a).out).toContain('2027 年的节假日安排尚未录入');
    expect(cli(['calendar', 'add', '2026-02-30', '1'], a).code).toBe(2);
  }, 300_000);

  it('scans JSON Lines for personal data without a database', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'pii', 'scan'], {
      cwd: ROOT,
      input: ['{"id":"1","text":"申请人：张伟，手机13800138000"}', '{"id":"2","text":"浙烟罚〔2024〕12号"}', ''].join('\n'),
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: '/nonexistent/never-created' },
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['1', '2']);
    expect(lines[0].spans.map((s: { type: string }) => s.type)).toEqual(['PERSON_NAME', 'PHONE_MOBILE']);
    expect(lines[1].spans).toEqual([]);
  });

  it('backs up and restores into an empty data folder with every row, keys carried over', () => {
    const file = path.join(root, 'backup.jsonl.gz');
    const backup = cli(['backup', file], a);
    expect(backup.code).toBe(0);
    const counts = [...backup.out.matchAll(/ {2}(\w+): (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(counts.length).toBe(BACKUP_TABLES.length);
    const b = { DATA_DIR: path.join(root, 'b') };
    fs.mkdirSync(path.join(b.DATA_DIR, 'keys'), { recursive: true });
    for (const k of ['sm4.key', 'integrity.key']) fs.copyFileSync(path.join(a.DATA_DIR, 'keys', k), path.join(b.DATA_DIR, 'keys', k));
    const restored = cli(['restore', file], b);
    expect(restored.code).toBe(0);
    expect([...restored.out.matchAll(/ {2}(\w+): (\d+)/g)].map((m) => [m[1], Number(m[2])])).toEqual(counts);
    expect(cli(['audit', 'verify'], b).out).toContain('审计链完整');
    expect(cli(['restore', file], b).code).toBe(1); // not empty any more
  }, 120_000);
});
