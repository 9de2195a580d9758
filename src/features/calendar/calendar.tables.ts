import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NoticePeriod } from './calendar.data.js';

/** One year's holiday arrangement, with the notice it comes from. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** 文号 of the 国务院办公厅 notice, e.g. 国办发明电〔2024〕12号. */
  notice: text('notice').notNull(),
  amendments: jsonb('amendments').$type<string[]>().notNull().default([]),
  periods: jsonb('periods').$type<NoticePeriod[]>().notNull(),
  /** 'bundled' (shipped with the code) or 'entered' (by an administrator in the console). */
  source: text('source').notNull(),
  /** The notice number was not checked against the published text (shown as 待核对 in the console). */
  noticeUnverified: boolean('notice_unverified').notNull().default(false),
  enteredBy: uuid('entered_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The days that differ from the Monday-to-Friday rule, derived from `calendar_years.periods`. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => calendarYears.year),
    kind: text('kind').notNull(),
    festival: text('festival').notNull(),
  },
  (t) => [index('calendar_days_year_idx').on(t.year)],
);

export type CalendarYear = typeof calendarYears.$inferSelect;
