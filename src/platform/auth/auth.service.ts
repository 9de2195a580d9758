import { and, eq, ne, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, type Actor } from '../context.js';
import { DomainError, invalid, notFound } from '../errors/errors.js';
import { audit } from '../audit/audit.js';
import { randomToken, sm3Hex, sm4Open, sm4Seal } from '../crypto/sm.js';
import { formatShanghai } from '../clock/clock.js';
import { sessions, users, type Session, type User } from './auth.tables.js';
import { afterFailedLogin, checkPassword, isLocked, nextStage, sessionLive, type SessionStage } from './auth.rules.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { grantsOf, orgsRequiringMfa, type HeldGrant } from './grants.js';
import { enrolmentFor, newTotpSecret, verifyTotp } from './totp.js';
import { permissionsOf, type Role } from './access.rules.js';

export interface LoadedSession {
  session: Session;
  user: User;
  grants: HeldGrant[];
  actor: Actor;
}

const BAD_CREDENTIALS = '用户名或密码错误。';

const tokenHash = (token: string) => sm3Hex(`session|${token}`);

function actorFor(user: User, orgId: string | null, grants: HeldGrant[]): Actor {
  return {
    kind: 'staff',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgId,
    roles: grants.filter((g) => g.orgId === orgId).map((g) => g.role),
  };
}

/** Starts a session row at `stage` and returns its cookie token. The token itself is never stored. */
async function openSession(ctx: Ctx, user: User, orgId: string | null, stage: SessionStage, userAgent: string): Promise<string> {
  const token = randomToken(32);
  const now = ctx.clock.now();
  await ctx.db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId: user.id,
    orgId,
    stage,
    csrfToken: randomToken(32),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
    ip: ctx.ip,
    userAgent: userAgent.slice(0, 300),
  });
  return token;
}

/**
 * Replaces a session by a new one at the next stage: a new token after every privilege change
 * defeats session fixation (SECURITY SESS-01). The absolute expiry carries over.
 */
async function advanceSession(ctx: Ctx, loaded: LoadedSession, stage: SessionStage): Promise<string> {
  const token = randomToken(32);
  const now = ctx.clock.now();
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, loaded.session.tokenHash));
  await ctx.db.insert(sessions).values({ ...loaded.session, tokenHash: tokenHash(token), stage, csrfToken: randomToken(32), lastSeenAt: now });
  return token;
}

/** Reads the session behind a cookie token; ends it when idle or past its absolute limit. */
export async function loadSession(ctx: Ctx, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const hash = tokenHash(token);
  const [row] = await ctx.db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, hash));
  if (!row) return null;
  const now = ctx.clock.now();
  if (!row.users.active || !sessionLive(row.sessions, now, ctx.config.SESSION_IDLE_MINUTES)) {
    await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hash));
    return null;
  }
  await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
  const grants = await grantsOf(ctx.db, ctx.keys.integrity, row.users.id, (id) => ctx.log.error({ grantId: id }, 'role grant failed its integrity check'));
  const orgId = row.sessions.orgId && grants.some((g) => g.orgId === row.sessions.orgId) ? row.sessions.orgId : (grants[0]?.orgId ?? null);
  return { session: { ...row.sessions, lastSeenAt: now, orgId }, user: row.users, grants, actor: actorFor(row.users, orgId, grants) };
}

export interface LoginResult {
  token: string;
  stage: SessionStage;
}

/**
 * Password step of sign-in (SECURITY AUTH-02, AUTH-05). Unknown users, disabled users and wrong
 * passwords get the same answer; five failures lock the account for 15 minutes.
 */
export async function login(ctx: Ctx, input: { username: string; password: string; userAgent: string }): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const now = ctx.clock.now();
  if (!user) {
    await burnPasswordCheck(input.password);
    await audit(ctx, { action: 'auth.login', outcome: 'failure', orgId: null, summary: { reason: 'unknown_user' } });
    throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const who = { objectType: 'user', objectId: user.id, orgId: null };
  if (isLocked(user.lockedUntil, now)) {
    await audit(ctx, { action: 'auth.login', outcome: 'denied', ...who, summary: { reason: 'locked' } });
    throw new DomainError('ACCOUNT_LOCKED', `连续输错密码次数过多，账号已临时锁定，请于 ${formatShanghai(user.lockedUntil!)} 后再试，或联系安全管理员解锁。`);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || !user.active) {
    await recordFailure(ctx, user, !user.active ? 'disabled' : 'wrong_password');
    throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const grants = await grantsOf(ctx.db, ctx.keys.integrity, user.id);
  if (grants.length === 0) {
    await audit(ctx, { action: 'auth.login', outcome: 'denied', ...who, summary: { reason: 'no_roles' } });
    throw new DomainError('FORBIDDEN', '您的账号尚未在任何机构被授予角色，请联系系统管理员。');
  }
  const stage = nextStage({
    totpEnrolled: user.totpSecret !== null,
    mfaPassed: false,
    mustChangePassword: user.mustChangePassword,
    mfaRequired: await orgsRequiringMfa(ctx.db, grants.map((g) => g.orgId)),
  });
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const token = await openSession(tx, user, grants[0].orgId, stage, input.userAgent);
    await audit({ ...tx, actor: actorFor(user, grants[0].orgId, grants) }, { action: 'auth.login', objectType: 'user', objectId: user.id, summary: { stage } });
    return { token, stage };
  });
}

async function recordFailure(ctx: Ctx, user: User, reason: string): Promise<void> {
  const next = afterFailedLogin(user.failedLogins, ctx.clock.now());
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set(next).where(eq(users.id, user.id));
    await audit(tx, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, orgId: null, summary: { reason } });
    if (next.lockedUntil) await audit(tx, { action: 'auth.lockout', outcome: 'success', objectType: 'user', objectId: user.id, orgId: null, summary: { minutes: 15 } });
  });
}

function requireStage(loaded: LoadedSession, ...stages: SessionStage[]) {
  if (!stages.includes(loaded.session.stage as SessionStage)) throw new DomainError('CONFLICT', '当前登录步骤不需要此操作，请刷新页面。');
}

async function mfaRequiredFor(ctx: Ctx, loaded: LoadedSession) {
  return orgsRequiringMfa(ctx.db, loaded.grants.map((g) => g.orgId));
}

/** Second step: a TOTP code, each accepted once (SECURITY AUTH-01). Failures count toward the lock. */
export async function verifySecondFactor(ctx: Ctx, loaded: LoadedSession, code: string): Promise<LoginResult> {
  requireStage(loaded, 'mfa');
  const { user } = loaded;
  const secret = sm4Open(ctx.keys.sm4, user.totpSecret!);
  const step = verifyTotp(secret, code.trim(), ctx.clock.now(), user.totpLastStep);
  if (step === null) {
    await recordFailure({ ...ctx, actor: loaded.actor }, user, 'wrong_totp');
    throw new DomainError('UNAUTHENTICATED', '动态验证码不正确或已使用，请输入验证器中最新的 6 位数字。');
  }
  const stage = nextStage({ totpEnrolled: true, mfaPassed: true, mustChangePassword: user.mustChangePassword, mfaRequired: await mfaRequiredFor(ctx, loaded) });
  return inTransaction({ ...ctx, actor: loaded.actor }, async (tx) => {
    await tx.db.update(users).set({ totpLastStep: step, failedLogins: 0 }).where(eq(users.id, user.id));
    const token = await advanceSession(tx, loaded, stage);
    await audit(tx, { action: 'auth.mfa', objectType: 'user', objectId: user.id });
    return { token, stage };
  });
}

/** Starts (or restarts) TOTP enrolment. Re-enrolling from a full session needs the password (SECURITY SESS-04). */
export async function beginTotpEnrolment(ctx: Ctx, loaded: LoadedSession, password?: string) {
  requireStage(loaded, 'enrol', 'full');
  if (loaded.session.stage === 'full' && !(await verifyPassword(loaded.user.passwordHash, password ?? '')))
    throw new DomainError('UNPROCESSABLE', '当前密码不正确。', [{ field: 'password', message: '当前密码不正确' }]);
  const secret = newTotpSecret();
  await inTransaction({ ...ctx, actor: loaded.actor }, async (tx) => {
    await tx.db.update(users).set({ totpPending: sm4Seal(ctx.keys.sm4, secret), updatedAt: ctx.clock.now() }).where(eq(users.id, loaded.user.id));
    await audit(tx, { action: 'auth.mfa_enrol_start', objectType: 'user', objectId: loaded.user.id });
  });
  return enrolmentFor(secret, loaded.user.username);
}

export async function confirmTotpEnrolment(ctx: Ctx, loaded: LoadedSession, code: string): Promise<LoginResult> {
  requireStage(loaded, 'enrol', 'full');
  const [user] = await ctx.db.select().from(users).where(eq(users.id, loaded.user.id));
  if (!user.totpPending) throw new DomainError('CONFLICT', '请先生成二维码再输入验证码。');
  const secret = sm4Open(ctx.keys.sm4, user.totpPending);
  const step = verifyTotp(secret, code.trim(), ctx.clock.now(), null);
  if (step === null) throw new DomainError('UNPROCESSABLE', '验证码不正确，请确认手机时间准确后输入验证器中最新的 6 位数字。', [{ field: 'code', message: '验证码不正确' }]);
  return inTransaction({ ...ctx, actor: loaded.actor }, async (tx) => {
    await tx.db.update(users).set({ totpSecret: user.totpPending, totpPending: null, totpLastStep: step, updatedAt: ctx.clock.now() }).where(eq(users.id, user.id));
    await audit(tx, { action: 'auth.mfa_enrol', objectType: 'user', objectId: user.id });
    if (loaded.session.stage === 'enrol') return { token: await advanceSession(tx, loaded, 'full'), stage: 'full' as const };
    return { token: '', stage: 'full' as const };
  });
}

/** Changes the own password; needs the current one, ends the user's other sessions (SECURITY SESS-04). */
export async function changeOwnPassword(ctx: Ctx, loaded: LoadedSession, input: { currentPassword: string; newPassword: string }): Promise<LoginResult> {
  requireStage(loaded, 'change_password', 'full');
  const { user } = loaded;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new DomainError('UNPROCESSABLE', '当前密码不正确。', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  const verdict = checkPassword(input.newPassword, user.username);
  if (!verdict.ok) throw invalid(verdict.reason, [{ field: 'newPassword', message: verdict.reason }]);
  if (await verifyPassword(user.passwordHash, input.newPassword)) throw invalid('新密码不能与当前密码相同。', [{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction({ ...ctx, actor: loaded.actor }, async (tx) => {
    const now = ctx.clock.now();
    await tx.db.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await tx.db.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, loaded.session.tokenHash)));
    await audit(tx, { action: 'auth.password_change', objectType: 'user', objectId: user.id });
    const stage = nextStage({ totpEnrolled: user.totpSecret !== null, mfaPassed: true, mustChangePassword: false, mfaRequired: await mfaRequiredFor(tx, loaded) });
    return { token: await advanceSession(tx, loaded, stage), stage };
  });
}

export async function logout(ctx: Ctx, loaded: LoadedSession): Promise<void> {
  await inTransaction({ ...ctx, actor: loaded.actor }, async (tx) => {
    await tx.db.delete(sessions).where(eq(sessions.tokenHash, loaded.session.tokenHash));
    await audit(tx, { action: 'auth.logout', objectType: 'user', objectId: loaded.user.id });
  });
}

/** Switches the organisation the user acts for; only to one where the user holds a role. */
export async function switchOrganisation(ctx: Ctx, loaded: LoadedSession, orgId: string): Promise<void> {
  if (!loaded.grants.some((g) => g.orgId === orgId)) throw notFound('机构');
  const actor = actorFor(loaded.user, orgId, loaded.grants);
  await inTransaction({ ...ctx, actor }, async (tx) => {
    await tx.db.update(sessions).set({ orgId }).where(eq(sessions.tokenHash, loaded.session.tokenHash));
    await audit(tx, { action: 'auth.switch_org', objectType: 'organisation', objectId: orgId, summary: { from: loaded.session.orgId } });
  });
}

/** What the console learns about its own session. */
export function sessionView(loaded: LoadedSession, orgNames: Map<string, string>) {
  const orgIds = [...new Set(loaded.grants.map((g) => g.orgId))];
  const roles = loaded.actor.roles as Role[];
  return {
    stage: loaded.session.stage as SessionStage,
    csrfToken: loaded.session.csrfToken,
    user: { id: loaded.user.id, username: loaded.user.username, displayName: loaded.user.displayName, totpEnrolled: loaded.user.totpSecret !== null },
    currentOrgId: loaded.actor.orgId,
    organisations: orgIds.map((id) => ({ id, name: orgNames.get(id) ?? '', roles: loaded.grants.filter((g) => g.orgId === id).map((g) => g.role) })),
    roles,
    permissions: permissionsOf(roles),
    expiresAt: loaded.session.expiresAt.toISOString(),
  };
}

/** Removes sessions past their limits (run at start and periodically). */
export async function purgeExpiredSessions(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const idle = new Date(now.getTime() - ctx.config.SESSION_IDLE_MINUTES * 60_000);
  const rows = await ctx.db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now} or ${sessions.lastSeenAt} < ${idle}`).returning({ h: sessions.tokenHash });
  return rows.length;
}

