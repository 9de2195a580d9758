import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { rowsOf, type Db } from '../db/database.js';
import { forbidden, notFound, unauthenticated } from '../errors/errors.js';
import { audit } from '../audit/audit.js';
import { decide, PERMISSIONS, type Permission, type Relation, type Role } from './access.rules.js';

/** The organisation `id` and every organisation above it, nearest first. */
export async function selfAndAncestors(db: Db, id: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from organisations where id = ${id}
      union all
      select o.id, o.parent_id, up.depth + 1 from organisations o join up on o.id = up.parent_id where up.depth < 32
    )
    select id from up order by depth`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

/** How `target` relates to the organisation `from`: itself, below it, or elsewhere. */
export async function relationOf(db: Db, from: string | null, target: string): Promise<Relation> {
  if (!from) return 'other';
  if (from === target) return 'same';
  return (await selfAndAncestors(db, target)).includes(from) ? 'descendant' : 'other';
}

/** Organisation ids below `root`, not including it. */
export async function descendantsOf(db: Db, root: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive down(id, depth) as (
      select id, 0 from organisations where parent_id = ${root}
      union all
      select o.id, down.depth + 1 from organisations o join down on o.parent_id = down.id where down.depth < 32
    )
    select id from down`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

/**
 * Checks `permission` for the acting user on organisation `orgId`; throws NOT_FOUND when the
 * actor must not learn the target exists and FORBIDDEN (audited) when it may see it but not act.
 * Call it before opening the verb's transaction, so the denial's audit row is kept.
 */
export async function authorize(ctx: Ctx, permission: Permission, orgId: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.kind === 'system') return;
  const decision = decide(actor.roles as Role[], permission, await relationOf(ctx.db, actor.orgId, orgId));
  if (decision === 'allow') return;
  if (decision === 'hide') throw notFound();
  await audit(ctx, { action: 'access.denied', outcome: 'denied', objectType: 'organisation', objectId: orgId, summary: { permission } });
  throw forbidden();
}

/** The organisations on which the actor holds `permission`: the one acted for and, where allowed, those below. */
export async function orgsWith(ctx: Ctx, permission: Permission): Promise<string[]> {
  const actor = ctx.actor;
  if (!actor?.orgId) return [];
  const rule = PERMISSIONS[permission] as { own: readonly Role[]; subtree: readonly Role[] };
  const out: string[] = [];
  if (actor.roles.some((r) => rule.own.includes(r))) out.push(actor.orgId);
  if (actor.roles.some((r) => rule.subtree.includes(r))) out.push(...(await descendantsOf(ctx.db, actor.orgId)));
  return out;
}
