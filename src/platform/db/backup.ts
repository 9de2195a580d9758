import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { asc, getTableColumns, gt } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import * as schema from './schema.js';

/** Tables in dependency order. Sessions are left out: a restored system starts with everyone signed out. */
export const BACKUP_TABLES: PgTable[] = [schema.organisations, schema.departments, schema.users, schema.roleGrants, schema.calendarYears, schema.calendarDays, schema.wordingEntries, schema.disclosureRequests, schema.disclosureRequestEvents, schema.disclosureRequestFiles, schema.disclosureAppeals, schema.messages, schema.messageEvents, schema.messageFiles, schema.messageSettings, schema.knowledgeEntries, schema.catalogSettings, schema.catalogNodes, schema.documents, schema.documentEditions, schema.documentRevisions, schema.documentStatuses, schema.documentFiles, schema.publicDocuments, schema.searchTerms, schema.annualReports, schema.reportSettings, schema.auditEvents];

const FORMAT = 'gongkai-backup';

function keyColumn(table: PgTable) {
  const cols = getTableConfig(table).columns;
  const pk = cols.find((c) => c.primary);
  if (!pk) throw new Error(`table ${getTableConfig(table).name} has no single-column primary key`);
  return pk;
}

/**
 * Writes a logical backup: gzip'd JSON lines, a header then one line per row, table by table in
 * key order. The same file restores into PGlite or PostgreSQL, whichever it came from.
 */
export async function backupTo(database: Database, file: string): Promise<Record<string, number>> {
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(`${file}.partial`);
  gz.pipe(out);
  const write = (obj: unknown) => new Promise<void>((res) => (gz.write(JSON.stringify(obj) + '\n') ? res() : gz.once('drain', res)));
  const migrations = await database.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by created_at');
  const counts: Record<string, number> = {};
  await write({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: migrations.length, tables: BACKUP_TABLES.map((t) => getTableConfig(t).name) });
  for (const table of BACKUP_TABLES) {
    const name = getTableConfig(table).name;
    const pk = keyColumn(table);
    counts[name] = 0;
    let after: unknown = undefined;
    for (;;) {
      const q = database.db.select().from(table as never);
      const batch: Record<string, unknown>[] = await (after === undefined ? q : q.where(gt(pk, after))).orderBy(asc(pk)).limit(1000);
      if (batch.length === 0) break;
      for (const row of batch) await write({ t: name, r: encodeBytes(row) });
      counts[name] += batch.length;
      const pkKey = Object.entries(getTableColumns(table)).find(([, c]) => c === pk)![0];
      after = batch[batch.length - 1][pkKey];
    }
  }
  await new Promise<void>((res, rej) => {
    out.on('finish', res).on('error', rej);
    gz.end();
  });
  fs.renameSync(`${file}.partial`, file);
  return counts;
}

/** Reference data every start loads (the bundled holiday calendar): a restore replaces it. */
const REPLACED_ON_RESTORE: PgTable[] = [schema.calendarDays, schema.calendarYears];

/** Restores a backup into a database that has the schema but no data of its own; refuses anything else. */
export async function restoreFrom(database: Database, file: string): Promise<Record<string, number>> {
  for (const t of BACKUP_TABLES.filter((t) => !REPLACED_ON_RESTORE.includes(t))) {
    const [{ n }] = await database.query<{ n: number }>(`select count(*)::int as n from "${getTableConfig(t).name}"`);
    if (Number(n) > 0) throw new Error(`目标数据库不是空的（表 ${getTableConfig(t).name} 已有 ${n} 行）：只能恢复到新建的空数据库。`);
  }
  const byName = new Map(BACKUP_TABLES.map((t) => [getTableConfig(t).name, t]));
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  // Take the iterator at once: it buffers lines. Lines emitted before it exists are lost, which
  // happened while awaiting the server's BEGIN on PostgreSQL.
  const lines = rl[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string });
  if (header?.format !== FORMAT) {
    rl.close();
    throw new Error(first.done ? '备份文件是空的。' : '文件不是 Gongkai 备份。');
  }
  const counts: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [getTableConfig(t).name, 0]));
  await database.db.transaction(async (tx) => {
    for (const t of REPLACED_ON_RESTORE) await tx.delete(t);
    let pending: { table: PgTable; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (pending && pending.rows.length) await tx.insert(pending.table).values(pending.rows as never);
      pending = null;
    };
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (!next.value) continue;
      const obj = JSON.parse(next.value);
      const table = byName.get(obj.t);
      if (!table) throw new Error(`备份中有未知的表：${obj.t}`);
      if (pending && (pending as { table: PgTable }).table !== table) await flush();
      pending ??= { table, rows: [] };
      pending.rows.push(revive(table, obj.r));
      counts[obj.t]++;
      if (pending.rows.length >= 500) {
        const t: PgTable = pending.table;
        await flush();
        pending = { table: t, rows: [] };
      }
    }
    await flush();
  });
  return counts;
}

/** Binary columns (attachments) go into the JSON as base64; both drivers return them as Uint8Array. */
function encodeBytes(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v;
  return out;
}

/** JSON turned timestamps into strings and bytes into base64; give them back their type. */
function revive(table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = row[key];
    if (v !== null && typeof v === 'object' && '$base64' in v) out[key] = Buffer.from(String((v as { $base64: string }).$base64), 'base64');
    else out[key] = v !== null && v !== undefined && col.columnType === 'PgTimestamp' ? new Date(v as string) : v;
  }
  return out;
}
