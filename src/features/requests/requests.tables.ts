import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, organisations } from '../organisations/organisations.tables.js';

/**
 * A 政府信息公开申请 (依申请公开 case). The applicant's personal data is sealed with SM4; the
 * clock columns (`received_on`, `due_on`, `paused`) are derived from the event log after every
 * event and kept here only so that lists can sort and filter by deadline.
 */
export const disclosureRequests = pgTable(
  'disclosure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    /** 受理编号, e.g. 2026-DEMO00033-00012: per organisation and year. */
    receiptNo: text('receipt_no').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    channel: text('channel').notNull(),
    applicantType: text('applicant_type').notNull(),
    /** SM4-sealed JSON: name, identity document, contact details, address. */
    applicantSealed: text('applicant_sealed').notNull(),
    /** HMAC-SM3 of the identity document: finds the same applicant's applications (fees by month, repeats) without decrypting. */
    applicantKey: text('applicant_key').notNull(),
    infoTitle: text('info_title').notNull().default(''),
    infoDocNo: text('info_doc_no').notNull().default(''),
    infoDescription: text('info_description').notNull(),
    purpose: text('purpose').notNull().default(''),
    provisionForm: text('provision_form').notNull(),
    delivery: text('delivery').notNull(),
    status: text('status').notNull(),
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    paused: text('paused'),
    departmentId: uuid('department_id').references(() => departments.id),
    officerId: uuid('officer_id'),
    /** The reply being drafted or sent: outcome, withholding reasons, text. */
    outcome: text('outcome'),
    reply: jsonb('reply').$type<ReplyDraft | null>(),
    letterNo: text('letter_no'),
    concludedOn: date('concluded_on', { mode: 'string' }),
    /** The form's one-time key: a second submission of the same form returns the first case. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('disclosure_requests_receipt_key').on(t.receiptNo),
    uniqueIndex('disclosure_requests_org_year_seq_key').on(t.orgId, t.year, t.seq),
    uniqueIndex('disclosure_requests_idem_key').on(t.orgId, t.idempotencyKey),
    // The officers' list: open cases by deadline, newest first among equal deadlines.
    index('disclosure_requests_open_due_idx').on(t.orgId, t.dueOn, t.createdAt.desc()).where(sql`${t.concludedOn} is null`),
    index('disclosure_requests_org_created_idx').on(t.orgId, t.createdAt),
    index('disclosure_requests_applicant_idx').on(t.applicantKey, t.arrivedOn),
  ],
);

export interface ReplyDraft {
  outcome: string;
  reasons: string[];
  body: string;
  /** Names of the disclosed documents attached to the letter, or where to obtain them. */
  documents: string;
  returnedNote?: string;
}

/** The case's append-only history: every action, who took it, when, and what the applicant may see. */
export const disclosureRequestEvents = pgTable(
  'disclosure_request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => disclosureRequests.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    /** The calendar day the event counts from (Asia/Shanghai), which may be earlier than `at` for a late entry. */
    onDate: date('on_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Shown on the public tracking page. */
    public: boolean('public').notNull().default(false),
  },
  (t) => [uniqueIndex('disclosure_request_events_seq_key').on(t.requestId, t.seq)],
);

/** Uploaded files: identity proof, business licence, correction material. Content is SM4-sealed. */
export const disclosureRequestFiles = pgTable(
  'disclosure_request_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => disclosureRequests.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    contentSealed: text('content_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('disclosure_request_files_request_idx').on(t.requestId)],
);

/** 行政复议 and 行政诉讼 arising from a case (annual report table 四). */
export const disclosureAppeals = pgTable(
  'disclosure_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => disclosureRequests.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    body: text('body').notNull(),
    result: text('result').notNull().default('pending'),
    concludedOn: date('concluded_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('disclosure_appeals_request_idx').on(t.requestId), index('disclosure_appeals_org_idx').on(t.orgId, t.filedOn)],
);

export type DisclosureRequest = typeof disclosureRequests.$inferSelect;
export type DisclosureEvent = typeof disclosureRequestEvents.$inferSelect;
export type DisclosureAppeal = typeof disclosureAppeals.$inferSelect;
