import type { ApprovalChain, EditionReview } from './catalog.review.js';
import { sql } from 'drizzle-orm';
import { customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.tables.js';
import type { DocContent, Guide, PublicAttachment, RevisionNote } from './catalog.content.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * An organisation's catalogue settings: the 索引号 template (§3, a per-tenant template), the 三同步
 * lag (UNCONFIRMED, a setting), and the texts of its 信息公开 column: 政府信息公开指南 (条例 Art 12)
 * and 政府信息公开制度.
 */
export const catalogSettings = pgTable('catalog_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  indexTemplate: text('index_template').notNull(),
  /** Which year an 索引号 carries: that of the 生成日期 or of first publication (§3: configurable). */
  indexYearBasis: text('index_year_basis').notNull().default('published'),
  interpretationLag: integer('interpretation_lag').notNull().default(3),
  guide: jsonb('guide').$type<Guide>(),
  guideReviewedAt: timestamp('guide_reviewed_at', { withTimezone: true }),
  rulesText: text('rules_text').notNull().default(''),
  /** 审核流程 per content type (issue 4 §10); empty: the default one-step review. */
  approvalChains: jsonb('approval_chains').$type<ApprovalChain[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A node of an organisation's own 公开目录 (主动公开基本目录, 条例 Art 22): a tree each organisation edits. */
export const catalogNodes = pgTable(
  'catalog_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => catalogNodes.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_nodes_org_idx').on(t.orgId, t.parentId)],
);

/**
 * A catalogue item's identity (content-publisher's Document, STYLE.md §4): its organisation, its
 * 索引号 once published (immutable from then on) and pointers to the edition being worked on and
 * the edition the public sees. `status` caches the current edition's status for lists.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    /** DOCUMENT or INTERPRETATION (政策解读 are catalogue items of their own, §9). */
    kind: text('kind').notNull(),
    indexNo: text('index_no'),
    indexYear: integer('index_year'),
    indexSeq: integer('index_seq'),
    status: text('status').notNull(),
    currentEditionId: uuid('current_edition_id'),
    liveEditionId: uuid('live_edition_id'),
    /** The import row or seed key that created it, so a repeated import or seed finds it. */
    sourceKey: text('source_key'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('documents_index_no_key').on(t.orgId, t.indexNo),
    uniqueIndex('documents_index_seq_key').on(t.orgId, t.indexYear, t.indexSeq),
    uniqueIndex('documents_source_key').on(t.orgId, t.sourceKey),
    index('documents_org_status_idx').on(t.orgId, t.status, t.updatedAt),
  ],
);

/** A numbered edition: what is published together. Revising a published document starts a new one. */
export const documentEditions = pgTable(
  'document_editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    currentRevisionId: uuid('current_revision_id'),
    /** 定时发布: the durable job is this row; the scheduler publishes it once the time has come. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    scheduledBy: uuid('scheduled_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The public revision note of a second or later edition (shown dated on the page). */
    changeNote: text('change_note').notNull().default(''),
    /** 公开审查: the chain fixed at submission, approvals, masking decisions and, once published, what was masked. */
    review: jsonb('review').$type<EditionReview>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('document_editions_number_key').on(t.documentId, t.number), index('document_editions_due_idx').on(t.status, t.scheduledAt)],
);

/** An immutable snapshot of an edition's content; every save adds one. */
export const documentRevisions = pgTable(
  'document_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => documentEditions.id),
    number: integer('number').notNull(),
    content: jsonb('content').$type<DocContent>().notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('document_revisions_number_key').on(t.documentId, t.number)],
);

/** Status history, append-only: who moved which edition where, when and with what comment. */
export const documentStatuses = pgTable(
  'document_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => documentEditions.id),
    action: text('action').notNull(),
    status: text('status').notNull(),
    comment: text('comment').notNull().default(''),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_statuses_doc_idx').on(t.documentId, t.at)],
);

/** An attachment, checked by content; its text is extracted once for search. */
export const documentFiles = pgTable(
  'document_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    fileName: text('file_name').notNull(),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    text: text('text').notNull().default(''),
    /** A masked copy made at publication (issue 4 §9) names the original it was made from. */
    maskedFrom: uuid('masked_from'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_files_doc_idx').on(t.documentId)],
);

/**
 * What the public sees: one row per published or withdrawn item, written when an edition is
 * published, revised or withdrawn. The portal, search, feeds and open data read only this table,
 * so a draft can never reach them. A withdrawn row keeps its metadata and notice, not its body.
 */
export const publicDocuments = pgTable(
  'public_documents',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    indexNo: text('index_no').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    content: jsonb('content').$type<DocContent>().notNull(),
    topic: text('topic').notNull(),
    genre: text('genre'),
    contentType: text('content_type'),
    fiveOpen: text('five_open'),
    catalogNodeId: uuid('catalog_node_id'),
    docNumber: text('doc_number').notNull().default(''),
    generatedOn: date('generated_on', { mode: 'string' }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }),
    repealOn: date('repeal_on', { mode: 'string' }),
    expiryOn: date('expiry_on', { mode: 'string' }),
    validityOverride: text('validity_override'),
    year: integer('year').notNull(),
    /** The policy an interpretation explains. */
    explainsId: uuid('explains_id'),
    edition: integer('edition').notNull(),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    revisionNotes: jsonb('revision_notes').$type<RevisionNote[]>().notNull(),
    attachments: jsonb('attachments').$type<PublicAttachment[]>().notNull(),
    bodyText: text('body_text').notNull(),
    attachmentText: text('attachment_text').notNull().default(''),
    searchTitle: tsvector('search_title').notNull(),
    searchBody: tsvector('search_body').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('public_documents_org_idx').on(t.orgId, t.status, t.publishedAt),
    index('public_documents_recent_idx').on(t.status, t.publishedAt),
    index('public_documents_explains_idx').on(t.explainsId),
    index('public_documents_title_tsv_idx').using('gin', t.searchTitle),
    index('public_documents_body_tsv_idx').using('gin', t.searchBody),
    index('public_documents_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/** Words of published titles, for “did you mean” when a search finds nothing (matched with pg_trgm). */
export const searchTerms = pgTable('search_terms', { term: text('term').primaryKey() }, (t) => [index('search_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`)]);

export type DocumentRow = typeof documents.$inferSelect;
export type EditionRow = typeof documentEditions.$inferSelect;
export type RevisionRow = typeof documentRevisions.$inferSelect;
export type PublicDocumentRow = typeof publicDocuments.$inferSelect;
export type FileRow = typeof documentFiles.$inferSelect;
export type NodeRow = typeof catalogNodes.$inferSelect;
export type SettingsRow = typeof catalogSettings.$inferSelect;
