import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { pgUnavailable, testApp, testDatabase, type TestEnv } from '../../../test/harness.js';
import { buildWorld } from '../../../test/factories.js';
import { audit, verifyAuditChain } from '../audit/audit.js';
import { BACKUP_TABLES, backupTo, restoreFrom } from './backup.js';
import type { Database } from './database.js';

async function snapshot(db: Database) {
  const out: Record<string, unknown[]> = {};
  for (const t of BACKUP_TABLES) out[getTableConfig(t).name] = await db.db.select().from(t as never).orderBy(...[getTableConfig(t).columns.find((c) => c.primary)!]);
  return out;
}

describe.skipIf(pgUnavailable())('backup and restore', () => {
  let env: TestEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-backup-'));
  beforeAll(async () => {
    env = await testApp();
    await buildWorld(env.ctx, ['sys_admin', 'editor']);
    for (let i = 0; i < 1200; i++) await audit(env.ctx, { action: 'test.bulk', summary: { i, text: '审计记录' } }); // more than one batch
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores into an empty database every row of every table, and the audit chain still verifies', async () => {
    const file = path.join(dir, 'all.jsonl.gz');
    const counts = await backupTo(env.database, file);
    expect(counts.audit_events).toBe(1200);
    const target = await testDatabase();
    try {
      const restored = await restoreFrom(target, file);
      expect(restored).toEqual(counts);
      expect(await snapshot(target)).toEqual(await snapshot(env.database));
      expect((await verifyAuditChain(target.db, env.keys.integrity)).ok).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('refuses to restore over existing data', async () => {
    const file = path.join(dir, 'again.jsonl.gz');
    await backupTo(env.database, file);
    await expect(restoreFrom(env.database, file)).rejects.toThrow(/不是空的/);
  });

  it('refuses a file that is not a backup', async () => {
    const file = path.join(dir, 'junk.gz');
    const zlib = await import('node:zlib');
    fs.writeFileSync(file, zlib.gzipSync('{"hello":"world"}\n'));
    const target = await testDatabase();
    try {
      await expect(restoreFrom(target, file)).rejects.toThrow(/不是 Gongkai 备份/);
    } finally {
      await target.close();
    }
  });
});
