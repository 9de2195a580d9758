import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../../features/organisations/organisations.tables.js';

/** A staff account. Citizens do not have accounts here. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case; unique across the installation. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string (SECURITY AUTH-05). */
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** The TOTP secret, SM4-sealed; null until enrolment is confirmed. */
    totpSecret: text('totp_secret'),
    /** A secret being enrolled, SM4-sealed, not yet confirmed with a code. */
    totpPending: text('totp_pending'),
    /** The last accepted TOTP time step: a code is never accepted twice (SECURITY AUTH-01). */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** A role held by a user in one organisation. `mac` is an HMAC-SM3 over the binding (SECURITY ACC-06). */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
    grantedBy: uuid('granted_by'),
    mac: text('mac').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_user_org_role_key').on(t.userId, t.orgId, t.role), index('role_grants_org_idx').on(t.orgId)],
);

/**
 * A server-side staff session. The cookie carries a random token; only its SM3 hash is stored,
 * so a database read does not yield live sessions.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The organisation the user currently acts for. */
    orgId: uuid('org_id').references(() => organisations.id),
    /** 'password' (second factor pending), 'enrol' (must enrol TOTP first) or 'full'. */
    stage: text('stage').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type RoleGrant = typeof roleGrants.$inferSelect;
export type Session = typeof sessions.$inferSelect;
