import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, organisations } from '../organisations/organisations.tables.js';

/**
 * A public message (网民留言): 咨询, 建议, 投诉 or 举报. The writer's name and contact details are
 * sealed with SM4 and never published or logged; `writer_key` (HMAC) finds the same writer's
 * other messages without decrypting. `org_id` is the organisation handling it now (it moves on
 * 转办 and 退回); `origin_org_id` the one the writer addressed, whose column publishes the reply.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    originOrgId: uuid('origin_org_id')
      .notNull()
      .references(() => organisations.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** 留言编号, e.g. LY2026-DEMO00033-00012: per addressed organisation and year. */
    receiptNo: text('receipt_no').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** How it arrived: the portal form or API, or registered by staff from a call, letter or visit. */
    channel: text('channel').notNull().default('ONLINE'),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    content: text('content').notNull(),
    /** SM4-sealed JSON: name, phone, email, address. */
    writerSealed: text('writer_sealed').notNull(),
    writerKey: text('writer_key').notNull(),
    publishConsent: boolean('publish_consent').notNull().default(false),
    status: text('status').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** The deadline that matters for the status, derived from the log after every event. */
    dueOn: date('due_on', { mode: 'string' }),
    /** The deadline the current handling organisation was given when the message was handed to it. */
    handlerDueOn: date('handler_due_on', { mode: 'string' }),
    /** The answer deadline (after acceptance and any extension), kept when the reply goes out so statistics can tell on-time replies. */
    answerBy: date('answer_by', { mode: 'string' }),
    answeredOn: date('answered_on', { mode: 'string' }),
    reply: jsonb('reply').$type<MessageReply | null>(),
    /** The writer's rating of the reply. */
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    mergedInto: uuid('merged_into'),
    /** Published in the 互动交流 column: the masked question and answer, checked for personal data. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publicText: jsonb('public_text').$type<PublicText | null>(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_receipt_key').on(t.receiptNo),
    uniqueIndex('messages_org_year_seq_key').on(t.originOrgId, t.year, t.seq),
    uniqueIndex('messages_idem_key').on(t.originOrgId, t.idempotencyKey),
    index('messages_handler_due_idx').on(t.orgId, t.dueOn),
    index('messages_origin_received_idx').on(t.originOrgId, t.receivedOn),
    index('messages_writer_idx').on(t.writerKey, t.receivedOn),
    index('messages_published_idx').on(t.originOrgId, t.publishedAt).where(sql`${t.publishedAt} is not null`),
  ],
);

export interface MessageReply {
  body: string;
  /** The organisation that answered (after hand-offs it may be a subordinate). */
  orgName: string;
  returnedNote?: string;
  approvedBy?: string;
}

export interface PublicText {
  subject: string;
  content: string;
  reply: string;
}

/** The message's append-only history, with the organisation acting and what the writer may see. */
export const messageEvents = pgTable(
  'message_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    orgId: uuid('org_id').references(() => organisations.id),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    public: boolean('public').notNull().default(false),
  },
  (t) => [uniqueIndex('message_events_seq_key').on(t.messageId, t.seq)],
);

/** Files the writer attached. Content is SM4-sealed (a photo may show a person or a licence). */
export const messageFiles = pgTable(
  'message_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    contentSealed: text('content_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_files_message_idx').on(t.messageId)],
);

/** An organisation's own deadlines for messages (defaults in messages.rules.ts). */
export const messageSettings = pgTable('message_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  acceptDays: integer('accept_days').notNull(),
  transferDays: integer('transfer_days').notNull(),
  consultDays: integer('consult_days').notNull(),
  suggestDays: integer('suggest_days').notNull(),
  complainDays: integer('complain_days').notNull(),
  reportDays: integer('report_days').notNull(),
  extensionMaxDays: integer('extension_max_days').notNull(),
  followUpDays: integer('follow_up_days').notNull(),
  vetoWarnDays: integer('veto_warn_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Message = typeof messages.$inferSelect;
export type MessageEventRow = typeof messageEvents.$inferSelect;
