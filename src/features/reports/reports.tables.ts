import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.tables.js';

/** The five sub-headings of 一、总体情况 and the two other text sections (annual-report.md §1). */
export interface ReportTexts {
  active: string;
  requests: string;
  management: string;
  platform: string;
  supervision: string;
  problems: string;
  other: string;
}

/** A cell set by hand: the figures this platform does not hold (行政许可 …), or an override of a computed one. */
export interface EnteredCell {
  value: number;
  /** Where the figure comes from (entered) or why the computed one is replaced (override). */
  note: string;
  by: string;
  at: string;
}

/** What a published report is, locked: the tables as published, the checks, the texts. */
export interface ReportSnapshot {
  template: string;
  /** Absent in snapshots of the 2021 layout. */
  layout?: '2021' | 'trial2019';
  orgName: string;
  cells: Record<string, number | null>;
  computed: Record<string, number | null>;
  entered: Record<string, EnteredCell>;
  checks: { rule: string; ok: boolean; message: string; cells: string[] }[];
  texts: ReportTexts;
  publishedAt: string;
  /** Zero cells printed blank (a per-organisation setting, §3.3). */
  blankZeros?: boolean;
}

/**
 * 政府信息公开工作年度报告 of one organisation for one year (issue 6): draft → reviewed → published.
 * While a draft, the tables are computed from the records on every read; publishing locks them in
 * `snapshot`.
 */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    status: text('status').notNull().default('draft'),
    /** '2021': the template in force, computed from the records; 'trial2019': an earlier year's report entered by hand in the 2019 trial layout (§7). */
    layout: text('layout').notNull().default('2021'),
    texts: jsonb('texts').$type<ReportTexts>().notNull(),
    entered: jsonb('entered').$type<Record<string, EnteredCell>>().notNull().default({}),
    snapshot: jsonb('snapshot').$type<ReportSnapshot>(),
    updatedBy: uuid('updated_by'),
    reviewedBy: uuid('reviewed_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('annual_reports_org_year_key').on(t.orgId, t.year)],
);

export type AnnualReportRow = typeof annualReports.$inferSelect;

/**
 * An organisation's choices where the template's counting rules are UNCONFIRMED
 * (annual-report.md §3.3–§3.4), with the domain file's defaults.
 */
export const reportSettings = pgTable('report_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  /** The row of replies under a special regime (条例 Art 36(7)); default （六）3.其他. */
  specialRegimeRow: text('special_regime_row').notNull().default('other.other'),
  /** Print zero cells blank instead of 0 (published reports do both). */
  blankZeros: boolean('blank_zeros').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
