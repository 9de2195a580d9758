import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.tables.js';

/**
 * An organisation's own 错敏词 entries, applied to its texts and to those of the organisations
 * below it, on top of the national default list in `checks.rules.ts`.
 */
export const wordingEntries = pgTable(
  'wording_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    term: text('term').notNull(),
    kind: text('kind').notNull(),
    suggestion: text('suggestion').notNull().default(''),
    note: text('note').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wording_entries_org_term_key').on(t.orgId, t.term), index('wording_entries_org_idx').on(t.orgId)],
);

export type WordingRow = typeof wordingEntries.$inferSelect;
