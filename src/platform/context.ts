import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock/clock.js';
import type { Db } from './db/database.js';
import type { KeyRing } from './crypto/keys.js';
import type { Role } from './auth/access.rules.js';
import type { Config } from './config/config.js';

/** Who is acting: a signed-in staff member acting for one organisation, or the CLI / a job. */
export interface Actor {
  kind: 'staff' | 'system';
  userId: string | null;
  username: string;
  displayName: string;
  /** The organisation the actor currently acts for. */
  orgId: string | null;
  /** The actor's roles in `orgId`. */
  roles: Role[];
}

/**
 * What every service verb receives: `verb(ctx, input)`. The same verb runs from a route, a job
 * or the CLI. `db` is a transaction inside `inTransaction`.
 */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  log: FastifyBaseLogger;
  clock: Clock;
  requestId: string;
  ip: string;
  keys: KeyRing;
  config: Config;
}

/** Runs `fn` in a transaction (a savepoint when already inside one), with `ctx.db` bound to it. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db }));
}

export const systemActor = (name = 'system'): Actor => ({
  kind: 'system',
  userId: null,
  username: name,
  displayName: name === 'cli' ? '命令行' : '系统',
  orgId: null,
  roles: [],
});
