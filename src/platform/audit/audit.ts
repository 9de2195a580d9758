import { asc, gt, sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Db } from '../db/database.js';
import { hmacSm3Hex, safeEqualHex } from '../crypto/sm.js';
import { auditEvents, type AuditEvent } from './audit.tables.js';

export const GENESIS = '0'.repeat(64);

export interface AuditInput {
  action: string;
  objectType?: string;
  objectId?: string;
  /** The organisation the event belongs to; defaults to the one the actor acts for. */
  orgId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  /** What changed, in short. Never passwords, tokens or personal data in clear. */
  summary?: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

type Chained = Omit<AuditEvent, 'hash'>;

/** HMAC-SM3 over the previous hash and the row (SECURITY LOG-03): without the key a row cannot be forged. */
export function chainHash(key: Buffer, e: Chained): string {
  return hmacSm3Hex(
    key,
    canonicalJson([e.seq, e.at.toISOString(), e.actorId, e.actorName, e.orgId, e.action, e.objectType, e.objectId, e.outcome, e.requestId, e.ip, e.summary, e.prevHash]),
  );
}

/**
 * Appends one audit event in the caller's transaction, so the change and its record commit or
 * fail together (SECURITY LOG-04). An advisory lock held to commit serialises appends, which
 * keeps `seq` gapless and the chain linear across processes.
 */
export async function audit(ctx: Ctx, input: AuditInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('gongkai.audit'))`);
    const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    const row: Chained = {
      seq: (last?.seq ?? 0) + 1,
      at: ctx.clock.now(),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : '',
      orgId: input.orgId === undefined ? (ctx.actor?.orgId ?? null) : input.orgId,
      action: input.action,
      objectType: input.objectType ?? '',
      objectId: input.objectId ?? '',
      outcome: input.outcome ?? 'success',
      requestId: ctx.requestId,
      ip: ctx.ip,
      summary: input.summary ?? {},
      prevHash: last?.hash ?? GENESIS,
    };
    await tx.insert(auditEvents).values({ ...row, hash: chainHash(ctx.keys.integrity, row) });
  });
}

export type ChainProblem = {
  seq: number;
  kind: 'ALTERED' | 'MISSING' | 'BROKEN_LINK';
  message: string;
};

export interface VerifyResult {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  problems: ChainProblem[];
}

/**
 * Walks the whole chain in order. Reports a row whose hash does not match its content
 * (altered, or forged without the key), a gap in `seq` (deleted rows) and a row whose `prevHash`
 * is not its predecessor's hash (rows removed and renumbered, or reordered).
 */
export async function verifyAuditChain(db: Db, key: Buffer, maxProblems = 20): Promise<VerifyResult> {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  let after = 0;
  for (;;) {
    const batch = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(1000);
    if (batch.length === 0) break;
    for (const e of batch) {
      checked++;
      if (e.seq !== expectedSeq)
        problems.push({ seq: e.seq, kind: 'MISSING', message: `第 ${expectedSeq} 至 ${e.seq - 1} 条审计记录缺失（被删除）。` });
      else if (e.prevHash !== prevHash)
        problems.push({ seq: e.seq, kind: 'BROKEN_LINK', message: `第 ${e.seq} 条审计记录与前一条的链接不符（记录被删除后重新编号、插入或调换）。` });
      if (!safeEqualHex(chainHash(key, e), e.hash))
        problems.push({ seq: e.seq, kind: 'ALTERED', message: `第 ${e.seq} 条审计记录的校验值与内容不符（被篡改或伪造插入）。` });
      expectedSeq = e.seq + 1;
      prevHash = e.hash;
      after = e.seq;
      if (problems.length >= maxProblems) return { ok: false, checked, lastSeq: after, lastHash: prevHash, problems };
    }
  }
  return { ok: problems.length === 0, checked, lastSeq: after, lastHash: prevHash, problems };
}
