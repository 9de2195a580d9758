import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { Config } from './platform/config/config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { loadKeyRing, type KeyRing } from './platform/crypto/keys.js';
import { systemClock, type Clock } from './platform/clock/clock.js';
import { systemActor, type Ctx } from './platform/context.js';
import { ensureBundledCalendar } from './features/calendar/calendar.service.js';

export interface Platform {
  database: Database;
  keys: KeyRing;
}

/**
 * Opens the database named by the configuration (PGlite in the data folder, locked against a
 * second process, or the PostgreSQL server at DATABASE_URL), applies pending migrations, and
 * loads the keys. Shared by the server and the CLI.
 */
export async function openPlatform(cfg: Config): Promise<Platform> {
  const keys = loadKeyRing(cfg);
  const database = await openDatabase(cfg.DATABASE_URL ? { url: cfg.DATABASE_URL, poolSize: cfg.DATABASE_POOL_SIZE } : { dataDir: cfg.dataDir });
  try {
    await database.migrate();
    await ensureBundledCalendar(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return { database, keys };
}

/** A service context for work that no HTTP request started: the CLI, start-up, jobs. */
export function systemCtx(p: Platform, cfg: Config, name = 'system', clock: Clock = systemClock, log?: FastifyBaseLogger): Ctx {
  return {
    db: p.database.db,
    actor: systemActor(name),
    log: log ?? (pino({ level: cfg.LOG_LEVEL }) as unknown as FastifyBaseLogger),
    clock,
    requestId: `${name}-${crypto.randomUUID()}`,
    ip: '',
    keys: p.keys,
    config: cfg,
  };
}
