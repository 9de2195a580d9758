import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only (a trigger refuses UPDATE and DELETE), hash-chained with SM3:
 * `hash = SM3(prevHash ‖ canonical row)`. `seq` is assigned under an advisory lock inside the
 * writing transaction, so it has no gaps: a missing number is a deleted row.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull().default(''),
    objectId: text('object_id').notNull().default(''),
    outcome: text('outcome').notNull().default('success'),
    requestId: text('request_id').notNull().default(''),
    ip: text('ip').notNull().default(''),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_org_idx').on(t.orgId),
    index('audit_events_action_idx').on(t.action),
    index('audit_events_object_idx').on(t.objectType, t.objectId),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
