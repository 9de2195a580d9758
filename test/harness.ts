import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, PGLITE_EXTENSIONS, type Database } from '../src/platform/db/database.js';
import { loadConfig, type Config } from '../src/platform/config/config.js';
import { deriveSm4Keys } from '../src/platform/crypto/sm.js';
import type { KeyRing } from '../src/platform/crypto/keys.js';
import { ManualClock, type Clock } from '../src/platform/clock/clock.js';
import { buildApp } from '../src/app.js';
import { systemCtx } from '../src/bootstrap.js';
import type { Ctx } from '../src/platform/context.js';
import '../src/platform/config/zod-locale.js';

export type DbKind = 'pglite' | 'postgres';
export const dbKind = (): DbKind => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when this file runs on PostgreSQL but no server was found outside CI: such files skip. */
export const pgUnavailable = () => dbKind() === 'postgres' && !inject('pgTemplate');

/** A fresh, migrated, empty database for one test file, of the kind the project runs on. */
export async function testDatabase(kind: DbKind = dbKind()): Promise<Database> {
  if (kind === 'pglite') {
    const tar = fs.readFileSync(inject('pgliteTemplate'));
    const lite = await PGlite.create({ loadDataDir: new Blob([tar]), extensions: PGLITE_EXTENSIONS });
    return openDatabase({ pglite: lite });
  }
  const template = inject('pgTemplate');
  if (!template) throw new Error('PostgreSQL template is not available');
  const name = `gk_t_${template.slice('gk_tpl_'.length)}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const close = database.close.bind(database);
  return {
    ...database,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const testKeys = (): KeyRing => ({ sm4: deriveSm4Keys(crypto.randomBytes(16)), integrity: crypto.randomBytes(32) });

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-data-'));
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '1000', ...overrides });
}

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  config: Config;
  keys: KeyRing;
  clock: ManualClock;
  ctx: Ctx;
  close(): Promise<void>;
}

/** The whole app on a fresh database with a hand-moved clock, for `inject` tests. */
export async function testApp(opts: { config?: Record<string, string>; database?: Database; beforeReady?: (app: FastifyInstance) => void } = {}): Promise<TestEnv> {
  const database = opts.database ?? (await testDatabase());
  const config = testConfig(opts.config);
  const keys = testKeys();
  const clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  const app = await buildApp({ config, database, keys, clock: clock as Clock, logger: false });
  opts.beforeReady?.(app);
  await app.ready();
  const ctx = systemCtx({ database, keys }, config, 'test', clock);
  return {
    app,
    database,
    config,
    keys,
    clock,
    ctx,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in browser, as far as cookies and the CSRF header go. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: method as never,
      url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'gk_session' || c.name === '__Host-gk_session');
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : '';
    if (res.statusCode < 300 && res.headers['content-type']?.toString().includes('json')) {
      const j = res.json();
      if (j && typeof j.csrfToken === 'string') this.csrf = j.csrfToken;
    }
    return res;
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});

  async signIn(username: string, password: string): Promise<LightMyRequestResponse> {
    return this.post('/api/v1/auth/login', { username, password });
  }
}
