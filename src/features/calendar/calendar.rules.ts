import { DomainError, type Verdict, allow, refuse } from '../../platform/errors/errors.js';
import type { NoticePeriod } from './calendar.data.js';

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. Legal periods count dates, not instants. */
export type DateString = string;

const DAY_MS = 86_400_000;

/** Parses a strict `YYYY-MM-DD` that exists (no 2026-02-30); null otherwise. */
export function parseDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s ? t : null;
}

export const formatDate = (t: number): DateString => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: DateString, n: number): DateString => formatDate(parseDate(d)! + n * DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: DateString) => new Date(parseDate(d)!).getUTCDay();
export const isWeekend = (d: DateString) => weekday(d) === 0 || weekday(d) === 6;

/** The date of an instant on the Asia/Shanghai calendar (UTC+8, no daylight saving since 1991). */
export const shanghaiDate = (at: Date): DateString => formatDate(at.getTime() + 8 * 3_600_000).slice(0, 10);

/** A date in a year whose notice is not loaded: the calendar refuses to guess. */
export class YearNotLoadedError extends DomainError {
  constructor(readonly year: number) {
    super('UNPROCESSABLE', `${year} 年的节假日安排尚未录入，无法计算工作日。请系统管理员根据国务院办公厅通知录入。`);
  }
}

export interface DayException {
  date: DateString;
  kind: 'holiday' | 'workday';
  festival: string;
}

/**
 * Working days on the official calendar: Monday to Friday, except the statutory holidays of the
 * yearly State Council notice, plus the weekend days it makes working days (调休). Outside the
 * loaded years it refuses to guess.
 */
export class WorkingCalendar {
  private readonly exceptions: Map<DateString, DayException>;
  private readonly sorted: DayException[];
  constructor(
    readonly years: ReadonlySet<number>,
    exceptions: DayException[],
  ) {
    this.exceptions = new Map(exceptions.map((e) => [e.date, e]));
    this.sorted = [...this.exceptions.values()].sort((x, y) => (x.date < y.date ? -1 : 1));
  }

  private check(d: DateString) {
    const year = Number(d.slice(0, 4));
    if (!this.years.has(year)) throw new YearNotLoadedError(year);
  }

  isWorkingDay(d: DateString): boolean {
    this.check(d);
    const e = this.exceptions.get(d);
    return e ? e.kind === 'workday' : !isWeekend(d);
  }

  exception(d: DateString): DayException | undefined {
    return this.exceptions.get(d);
  }

  /**
   * The end of a period of `n` working days starting from `from`: the start day is not counted
   * and counting begins the next day (民法典 Art 201; the convention for 条例 periods is UNCONFIRMED,
   * see disclosure-law.md §4.3), so the result is the n-th working day after `from`, whatever `from` is.
   */
  addWorkingDays(from: DateString, n: number): DateString {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = from;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /**
   * Working days after `from` up to and including `to` (negative when `to` is before `from`).
   * Counted arithmetically (weekdays, then the notice's exceptions in the range), so a case list
   * can show “days left” for old cases without walking every day.
   */
  workingDaysBetween(from: DateString, to: DateString): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    if (to === from) return 0;
    for (let y = Number(addDays(from, 1).slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!this.years.has(y)) throw new YearNotLoadedError(y);
    const a = parseDate(from)! / DAY_MS;
    const b = parseDate(to)! / DAY_MS;
    let n = weekdaysThrough(b) - weekdaysThrough(a);
    for (const e of this.sorted) {
      if (e.date <= from) continue;
      if (e.date > to) break;
      const weekend = isWeekend(e.date);
      if (e.kind === 'holiday' && !weekend) n--;
      else if (e.kind === 'workday' && weekend) n++;
    }
    return n;
  }
}

/** Weekdays (Monday–Friday) among epoch days 0…d; 1970-01-01 was a Thursday. */
function weekdaysThrough(d: number): number {
  const weeks = Math.floor((d + 1) / 7);
  let n = weeks * 5;
  for (let i = weeks * 7; i <= d; i++) {
    const wd = (i + 4) % 7; // 0 = Sunday
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** Turns a notice's periods into day exceptions. */
export function exceptionsOf(periods: NoticePeriod[]): DayException[] {
  const out: DayException[] = [];
  for (const p of periods) {
    for (let d = p.off[0]; d <= p.off[1]; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday', festival: p.festival });
    for (const w of p.work) out.push({ date: w, kind: 'workday', festival: p.festival });
  }
  return out;
}

/**
 * Checks a year's arrangement as entered from a notice: dates real and within the year (a period
 * may start in the December before), periods of 1–10 days that do not overlap, make-up working days
 * on weekends only and never inside a holiday.
 */
export function checkNotice(year: number, periods: NoticePeriod[]): Verdict {
  if (periods.length === 0) return refuse('请至少录入一个节日的放假安排。');
  const seen = new Map<DateString, string>();
  for (const p of periods) {
    const [a, b] = p.off;
    if (parseDate(a) === null || parseDate(b) === null) return refuse(`${p.festival}：日期格式不正确。`);
    if (b < a) return refuse(`${p.festival}：放假结束日期早于开始日期。`);
    const days = (parseDate(b)! - parseDate(a)!) / DAY_MS + 1;
    if (days > 10) return refuse(`${p.festival}：放假 ${days} 天，超过 10 天，请核对。`);
    if (a < `${year - 1}-12-01` || b > `${year}-12-31`) return refuse(`${p.festival}：放假日期应在 ${year} 年内（元旦假期可从上一年 12 月开始）。`);
    for (let d = a; d <= b; d = addDays(d, 1)) {
      if (seen.has(d)) return refuse(`${d} 同时出现在“${seen.get(d)}”和“${p.festival}”中。`);
      seen.set(d, p.festival);
    }
  }
  for (const p of periods)
    for (const w of p.work) {
      if (parseDate(w) === null) return refuse(`${p.festival}：调休上班日期格式不正确。`);
      if (!isWeekend(w)) return refuse(`${p.festival}：调休上班日 ${w} 不是周末，无需调休。`);
      if (seen.has(w)) return refuse(`${p.festival}：调休上班日 ${w} 落在放假期间。`);
      if (w < `${year - 1}-12-01` || w > `${year}-12-31`) return refuse(`${p.festival}：调休上班日 ${w} 不在 ${year} 年内。`);
    }
  return allow;
}
