import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { audit } from './audit.js';
import { orgsWith } from '../auth/authorize.js';
import { forbidden } from '../errors/errors.js';
import { auditEvents, type AuditEvent } from './audit.tables.js';
import { organisations } from '../../features/organisations/organisations.tables.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const auditFilter = z.object({
  actor: z.string().trim().max(50).optional().describe('操作人（姓名或用户名的一部分）'),
  action: z.string().trim().max(60).optional().describe('操作类型，如 auth.login；可只填前缀 auth.'),
  objectType: z.string().trim().max(40).optional(),
  objectId: z.string().trim().max(80).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: day.optional().describe('起始日期（北京时间，含）'),
  to: day.optional().describe('截止日期（北京时间，含）'),
});
export const auditListQuery = auditFilter.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditEventOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  outcome: z.string(),
  requestId: z.string(),
  ip: z.string(),
  summary: z.record(z.string(), z.unknown()),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const shanghaiMidnight = (d: string) => new Date(`${d}T00:00:00+08:00`);

/**
 * The audit events the actor may read: its organisation's and, for an audit administrator of a
 * superior, those below. Events tied to no organisation (a failed sign-in with an unknown user
 * name) belong to the top organisation's audit administrator.
 */
async function scope(ctx: Ctx, f: AuditFilter): Promise<SQL> {
  const orgIds = await orgsWith(ctx, 'audit.read');
  if (orgIds.length === 0) {
    await audit(ctx, { action: 'access.denied', outcome: 'denied', objectType: 'audit', summary: { permission: 'audit.read' } });
    throw forbidden('只有审计管理员可以查看审计记录。');
  }
  const [acting] = await ctx.db.select({ parentId: organisations.parentId }).from(organisations).where(eq(organisations.id, ctx.actor!.orgId!));
  const inScope = acting?.parentId === null ? or(inArray(auditEvents.orgId, orgIds), isNull(auditEvents.orgId))! : inArray(auditEvents.orgId, orgIds);
  const conds: SQL[] = [inScope];
  if (f.actor) conds.push(ilike(auditEvents.actorName, `%${escapeLike(f.actor)}%`));
  if (f.action) conds.push(f.action.endsWith('.') ? ilike(auditEvents.action, `${escapeLike(f.action)}%`) : eq(auditEvents.action, f.action));
  if (f.objectType) conds.push(eq(auditEvents.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditEvents.objectId, f.objectId));
  if (f.outcome) conds.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) conds.push(gte(auditEvents.at, shanghaiMidnight(f.from)));
  if (f.to) conds.push(lt(auditEvents.at, new Date(shanghaiMidnight(f.to).getTime() + 86_400_000)));
  return and(...conds)!;
}

type Row = { e: AuditEvent; orgName: string | null };
const present = ({ e, orgName }: Row) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  actorId: e.actorId,
  actorName: e.actorName,
  orgId: e.orgId,
  orgName,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  outcome: e.outcome,
  requestId: e.requestId,
  ip: e.ip,
  summary: e.summary,
});

const newestFirst = (ctx: Ctx, where: SQL) =>
  ctx.db.select({ e: auditEvents, orgName: organisations.name }).from(auditEvents).leftJoin(organisations, eq(organisations.id, auditEvents.orgId)).where(where).orderBy(desc(auditEvents.seq));

export async function listAuditEvents(ctx: Ctx, q: z.infer<typeof auditListQuery>) {
  const where = await scope(ctx, q);
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  const rows = await newestFirst(ctx, where).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { total, items: rows.map(present) };
}

export const EXPORT_LIMIT = 50_000;

/** The filtered events for an Excel export; the export itself is an audited act (SECURITY LOG-01). */
export async function exportAuditEvents(ctx: Ctx, f: AuditFilter) {
  const rows = await newestFirst(ctx, await scope(ctx, f)).limit(EXPORT_LIMIT);
  await audit(ctx, { action: 'audit.export', objectType: 'audit', summary: { rows: rows.length, filter: f } });
  return rows.map(present);
}
