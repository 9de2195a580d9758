import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.tables.js';

/**
 * An entry of the unified Q&A knowledge base (统一咨询问答知识库): one standard question, its
 * other phrasings, the answer, where it applies, and who keeps it current. Every channel (portal
 * 智能问答, the message form, the hall and phone console, the public API) reads these rows.
 */
export const knowledgeEntries = pgTable(
  'knowledge_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation that owns and maintains the entry. */
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organisations.id),
    /** Organisations the answer applies to; empty means every organisation. */
    orgIds: uuid('org_ids').array().notNull().default([]),
    question: text('question').notNull(),
    phrasings: text('phrasings').array().notNull().default([]),
    /** The answer as written: paragraphs separated by blank lines, list lines starting with “-” or “1.”, links as URLs. */
    answer: text('answer').notNull(),
    /** Related policies and service guides: title and a link (a site path or an https address). */
    links: jsonb('links').$type<{ title: string; url: string }[]>().notNull().default([]),
    category: text('category').notNull().default(''),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    ownerName: text('owner_name').notNull().default(''),
    reviewBy: date('review_by', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    /** The message whose reply was promoted into this entry. */
    sourceMessageId: uuid('source_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('knowledge_entries_owner_idx').on(t.ownerOrgId), index('knowledge_entries_updated_idx').on(t.updatedAt)],
);

export type KnowledgeEntry = typeof knowledgeEntries.$inferSelect;
