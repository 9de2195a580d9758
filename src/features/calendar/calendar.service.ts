import { asc, eq, sql } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { authorize } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { rootOrganisation } from '../organisations/organisations.service.js';
import { BUNDLED_NOTICES } from './calendar.data.js';
import { checkNotice, exceptionsOf, WorkingCalendar } from './calendar.rules.js';
import { calendarDays, calendarYears, type CalendarYear } from './calendar.tables.js';
import type { YearInput } from './calendar.contract.js';

/**
 * The calendar is read on every deadline computation and changes once a year, so each process
 * keeps it in memory: a change made here applies at once, one made by another process within a minute.
 */
const CACHE_MS = 60_000;
const cache = new WeakMap<object, { cal: WorkingCalendar; at: number }>();

export async function workingCalendar(ctx: Pick<Ctx, 'db'>): Promise<WorkingCalendar> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.cal;
  const years = await ctx.db.select({ year: calendarYears.year }).from(calendarYears);
  const days = await ctx.db.select().from(calendarDays);
  const cal = new WorkingCalendar(
    new Set(years.map((y) => y.year)),
    days.map((d) => ({ date: d.day, kind: d.kind as 'holiday' | 'workday', festival: d.festival })),
  );
  cache.set(ctx.db, { cal, at: Date.now() });
  return cal;
}

async function writeYear(db: Db, year: number, values: Omit<typeof calendarYears.$inferInsert, 'year'>) {
  await db.delete(calendarDays).where(eq(calendarDays.year, year));
  await db
    .insert(calendarYears)
    .values({ year, ...values })
    .onConflictDoUpdate({ target: calendarYears.year, set: { ...values, updatedAt: new Date() } });
  const rows = exceptionsOf(values.periods).map((e) => ({ day: e.date, year, kind: e.kind, festival: e.festival }));
  if (rows.length) await db.insert(calendarDays).values(rows);
}

/**
 * Loads the bundled notices for years the database does not have yet (a year entered by an
 * administrator is never overwritten). Runs at start, like a migration; returns the years added.
 */
export async function ensureBundledCalendar(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('gongkai.calendar'))`);
    const have = new Set((await tx.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year));
    const added: number[] = [];
    for (const n of BUNDLED_NOTICES) {
      if (have.has(n.year)) continue;
      await writeYear(tx as unknown as Db, n.year, { notice: n.notice, amendments: n.amendments ?? [], periods: n.periods, source: 'bundled', noticeUnverified: !!n.noticeUnverified });
      added.push(n.year);
    }
    return added;
  });
}

export const listYears = (ctx: Pick<Ctx, 'db'>) => ctx.db.select().from(calendarYears).orderBy(asc(calendarYears.year));

export async function getYear(ctx: Pick<Ctx, 'db'>, year: number): Promise<CalendarYear> {
  const [row] = await ctx.db.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (!row) throw notFound(`${year} 年的节假日安排`);
  return row;
}

export function presentYear(y: CalendarYear) {
  const ex = exceptionsOf(y.periods);
  return {
    year: y.year,
    notice: y.notice,
    amendments: y.amendments,
    noticeUnverified: y.noticeUnverified,
    source: y.source as 'bundled' | 'entered',
    holidays: ex.filter((e) => e.kind === 'holiday').length,
    workdays: ex.filter((e) => e.kind === 'workday').length,
    periods: y.periods,
    updatedAt: y.updatedAt.toISOString(),
  };
}

/**
 * Enters (or corrects) a year's arrangement from the State Council notice. Only the top
 * organisation's system administrator may; a correction of an existing year needs a reason.
 * Validated (checkNotice) and audited with the notice number and the reason.
 */
export async function enterYear(ctx: Ctx, year: number, input: YearInput): Promise<CalendarYear> {
  const root = await rootOrganisation(ctx);
  if (!root) throw notFound();
  await authorize(ctx, 'calendar.manage', root.id);
  const verdict = checkNotice(year, input.periods);
  if (!verdict.ok) throw invalid(verdict.reason, [{ field: 'periods', message: verdict.reason }]);
  const [before] = await ctx.db.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (before && !input.reason) throw invalid('修改已有年度的安排须填写修改原因。', [{ field: 'reason', message: '请填写修改原因' }]);
  const row = await inTransaction(ctx, async (tx) => {
    await writeYear(tx.db, year, { notice: input.notice, amendments: input.amendments, periods: input.periods, source: 'entered', noticeUnverified: false, enteredBy: ctx.actor?.userId ?? null }).catch((e) => {
      if (isUniqueViolation(e)) throw conflict('有日期已出现在相邻年度的安排中（如跨年的元旦假期），请核对。');
      throw e;
    });
    await audit(tx, {
      action: before ? 'calendar.correct' : 'calendar.enter',
      objectType: 'calendar_year',
      objectId: String(year),
      orgId: root.id,
      summary: { notice: input.notice, previousNotice: before?.notice ?? null, reason: input.reason ?? null, periods: input.periods.length },
    });
    return (await tx.db.select().from(calendarYears).where(eq(calendarYears.year, year)))[0];
  });
  cache.delete(ctx.db);
  return row;
}
