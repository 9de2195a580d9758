import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, forbidden, notFound } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { roleGrants, sessions, users, type User } from '../../platform/auth/auth.tables.js';
import { grantMac } from '../../platform/auth/grants.js';
import { hashPassword, oneTimePassword } from '../../platform/auth/passwords.js';
import { checkSeparationOfDuties, grantPermissionFor, isRole, type Role } from '../../platform/auth/access.rules.js';
import type { CreateStaffInput, StaffOut } from './staff.contract.js';

export function presentStaff(u: User, roles: Role[], now: Date): StaffOut {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    totpEnrolled: u.totpSecret !== null,
    mustChangePassword: u.mustChangePassword,
    roles,
    createdAt: u.createdAt.toISOString(),
  };
}

async function rolesIn(ctx: Ctx, userId: string, orgId: string): Promise<Role[]> {
  const rows = await ctx.db.select({ role: roleGrants.role }).from(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.orgId, orgId)));
  return rows.map((r) => r.role).filter(isRole);
}

/** A member of `orgId`: a user holding at least one role there. Anyone else is "not found" here. */
async function loadMember(ctx: Ctx, orgId: string, userId: string): Promise<{ user: User; roles: Role[] }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  const roles = user ? await rolesIn(ctx, userId, orgId) : [];
  if (!user || roles.length === 0) throw notFound('用户');
  return { user, roles };
}

export async function listStaff(ctx: Ctx, orgId: string): Promise<StaffOut[]> {
  await authorize(ctx, 'user.read', orgId);
  const rows = await ctx.db
    .select({ user: users, role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(eq(roleGrants.orgId, orgId))
    .orderBy(asc(users.username));
  const byId = new Map<string, { user: User; roles: Role[] }>();
  for (const r of rows) {
    const entry = byId.get(r.user.id) ?? { user: r.user, roles: [] };
    if (isRole(r.role)) entry.roles.push(r.role);
    byId.set(r.user.id, entry);
  }
  const now = ctx.clock.now();
  return [...byId.values()].map((e) => presentStaff(e.user, e.roles, now));
}

/** Each role change needs its own permission: business roles the system administrator, administrator roles the security administrator. */
async function authorizeRoleChanges(ctx: Ctx, orgId: string, changed: Role[]): Promise<void> {
  for (const p of new Set(changed.map(grantPermissionFor))) await authorize(ctx, p, orgId);
}

async function assertSeparation(ctx: Ctx, userId: string | null, adding: Role[], removingHere: Role[] = [], orgId?: string) {
  const held: Role[] = [];
  if (userId) {
    const rows = await ctx.db.select({ role: roleGrants.role, orgId: roleGrants.orgId }).from(roleGrants).where(eq(roleGrants.userId, userId));
    for (const r of rows) if (isRole(r.role) && !(r.orgId === orgId && removingHere.includes(r.role))) held.push(r.role);
  }
  for (const role of adding) {
    const v = checkSeparationOfDuties([...held, ...adding.filter((r) => r !== role)], role);
    if (!v.ok) throw conflict(v.reason);
  }
}

async function insertGrants(ctx: Ctx, userId: string, orgId: string, roles: Role[]) {
  if (roles.length === 0) return;
  await ctx.db.insert(roleGrants).values(
    roles.map((role) => ({ userId, orgId, role, grantedBy: ctx.actor?.userId ?? null, mac: grantMac(ctx.keys.integrity, userId, orgId, role) })),
  );
}

/** Opens an account with a one-time password that the user must change at first sign-in (SECURITY AUTH-06). */
export async function createStaff(ctx: Ctx, orgId: string, input: CreateStaffInput): Promise<{ user: StaffOut; initialPassword: string }> {
  await authorize(ctx, 'user.manage', orgId);
  const roles = [...new Set(input.roles)];
  await authorizeRoleChanges(ctx, orgId, roles);
  await assertSeparation(ctx, null, roles);
  const initialPassword = oneTimePassword();
  const passwordHash = await hashPassword(initialPassword);
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true })
      .returning()
      .catch((e) => {
        if (isUniqueViolation(e)) throw conflict(`用户名“${input.username}”已被使用。`);
        throw e;
      });
    await insertGrants(tx, user.id, orgId, roles);
    await audit(tx, { action: 'user.create', objectType: 'user', objectId: user.id, orgId, summary: { username: user.username, roles } });
    return { user: presentStaff(user, roles, ctx.clock.now()), initialPassword };
  });
}

/** Gives an existing account roles in this organisation (so it can switch to it). */
export async function addMember(ctx: Ctx, orgId: string, input: { username: string; roles: Role[] }): Promise<StaffOut> {
  await authorize(ctx, 'user.read', orgId);
  const [user] = await ctx.db.select().from(users).where(eq(users.username, input.username));
  if (!user) throw notFound('用户');
  if ((await rolesIn(ctx, user.id, orgId)).length > 0) throw conflict('该用户已是本机构人员，请直接修改其角色。');
  return setRoles(ctx, orgId, user.id, input.roles, true);
}

/**
 * Sets a member's roles in an organisation. Nobody changes their own roles (no self-elevation);
 * the three administrator duties stay apart (SECURITY ACC-04).
 */
export async function setRoles(ctx: Ctx, orgId: string, userId: string, wanted: Role[], allowNonMember = false): Promise<StaffOut> {
  await authorize(ctx, 'user.read', orgId);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  const current = user ? await rolesIn(ctx, userId, orgId) : [];
  if (!user || (!allowNonMember && current.length === 0)) throw notFound('用户');
  if (ctx.actor?.userId === userId) throw forbidden('不能修改自己的角色，请由其他管理员办理。');
  const target = [...new Set(wanted)];
  const adding = target.filter((r) => !current.includes(r));
  const removing = current.filter((r) => !target.includes(r));
  await authorizeRoleChanges(ctx, orgId, [...adding, ...removing]);
  await assertSeparation(ctx, userId, adding, removing, orgId);
  return inTransaction(ctx, async (tx) => {
    if (removing.length) await tx.db.delete(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.orgId, orgId), inArray(roleGrants.role, removing)));
    await insertGrants(tx, userId, orgId, adding);
    // A change of privileges ends the user's sessions, so the new roles apply from the next sign-in.
    if (adding.length || removing.length) await tx.db.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, { action: 'user.roles', objectType: 'user', objectId: userId, orgId, summary: { added: adding, removed: removing } });
    return presentStaff(user, target, ctx.clock.now());
  });
}

export async function updateStaff(ctx: Ctx, orgId: string, userId: string, patch: { displayName?: string; active?: boolean }): Promise<StaffOut> {
  await authorize(ctx, 'user.manage', orgId);
  const { user, roles } = await loadMember(ctx, orgId, userId);
  if (patch.active === false && ctx.actor?.userId === userId) throw forbidden('不能停用自己的账号。');
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.update(users).set({ ...patch, updatedAt: ctx.clock.now() }).where(eq(users.id, userId)).returning();
    if (patch.active === false) await tx.db.delete(sessions).where(eq(sessions.userId, userId));
    const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== (user as Record<string, unknown>)[k]);
    await audit(tx, { action: patch.active === false ? 'user.disable' : 'user.update', objectType: 'user', objectId: userId, orgId, summary: { changed } });
    return presentStaff(row, roles, ctx.clock.now());
  });
}

export async function resetPassword(ctx: Ctx, orgId: string, userId: string): Promise<{ user: StaffOut; initialPassword: string }> {
  await authorize(ctx, 'user.manage', orgId);
  const { roles } = await loadMember(ctx, orgId, userId);
  if (ctx.actor?.userId === userId) throw forbidden('请在“个人设置”中修改自己的密码。');
  const initialPassword = oneTimePassword();
  const passwordHash = await hashPassword(initialPassword);
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.db.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId)).returning();
    await tx.db.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, { action: 'user.password_reset', objectType: 'user', objectId: userId, orgId });
    return { user: presentStaff(row, roles, now), initialPassword };
  });
}

/** Security administrator's verbs: unlock, reset the second factor, end sessions. */
export async function securityAction(ctx: Ctx, orgId: string, userId: string, action: 'unlock' | 'reset_mfa' | 'end_sessions'): Promise<StaffOut> {
  await authorize(ctx, 'user.security', orgId);
  const { roles } = await loadMember(ctx, orgId, userId);
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const set =
      action === 'unlock'
        ? { lockedUntil: null, failedLogins: 0 }
        : action === 'reset_mfa'
          ? { totpSecret: null, totpPending: null, totpLastStep: null }
          : {};
    const [row] = await tx.db.update(users).set({ ...set, updatedAt: now }).where(eq(users.id, userId)).returning();
    if (action !== 'unlock') await tx.db.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, { action: `user.${action}`, objectType: 'user', objectId: userId, orgId });
    return presentStaff(row, roles, now);
  });
}
