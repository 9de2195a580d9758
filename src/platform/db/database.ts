import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';
import { lockDataDir } from './lock.js';

export type Schema = typeof schema;
/** The drizzle handle, the same type on PGlite and PostgreSQL; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** drizzle returns { rows } on both drivers for execute(); keep the unwrapping in one place. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Extensions the migrations create: PGlite must be given them when it starts (STACK.md trap 11). */
export const PGLITE_EXTENSIONS = { pg_trgm };

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../db/migrations');

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Rows of a plain SQL statement with parameters (for the few places drizzle cannot express). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; otherwise PGlite in `dataDir`/pgdata. */
  url?: string;
  dataDir?: string;
  /** An in-memory or preloaded PGlite instance (tests). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  if (opts.pglite) return wrapPglite(opts.pglite, () => {});
  if (!opts.dataDir) throw new Error('openDatabase needs a url, a dataDir or a pglite instance');
  const release = lockDataDir(opts.dataDir);
  try {
    const dir = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(opts.dataDir, { recursive: true }); // PGlite's own mkdir is not recursive
    const lite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
    return wrapPglite(lite, release);
  } catch (e) {
    release();
    throw e;
  }
}

function wrapPglite(lite: PGlite, release: () => void): Database {
  const db = drizzlePglite(lite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query(text, params = []) {
      return (await lite.query(text, params)).rows as never;
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    async close() {
      try {
        if (!lite.closed) await lite.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'gongkai' });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async query(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    async migrate() {
      // Several processes may start at once: one migrates, the others wait and then find nothing to do.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', ['gongkai.migrate']);
        await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', ['gongkai.migrate']).catch(() => {});
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
