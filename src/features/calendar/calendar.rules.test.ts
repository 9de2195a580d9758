import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWorkday } from 'chinese-days';
import { BUNDLED_NOTICES } from './calendar.data.js';
import { addDays, checkNotice, exceptionsOf, parseDate, shanghaiDate, WorkingCalendar, YearNotLoadedError } from './calendar.rules.js';

const calendar = new WorkingCalendar(new Set(BUNDLED_NOTICES.map((n) => n.year)), BUNDLED_NOTICES.flatMap((n) => exceptionsOf(n.periods)));

describe('the bundled calendar', () => {
  it('agrees with an independent source (chinese-days) on every day from 2019 to 2026', () => {
    const disagreements: string[] = [];
    for (let d = '2019-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) if (calendar.isWorkingDay(d) !== isWorkday(d)) disagreements.push(d);
    expect(disagreements).toEqual([]);
  });

  describe.each(BUNDLED_NOTICES.flatMap((n) => n.periods.map((p) => [n.year, p] as const)))('%i %o', (_year, p) => {
    it('gives no working day inside the holiday, one on each side, and a working day on each 调休 day', () => {
      for (let d = p.off[0]; d <= p.off[1]; d = addDays(d, 1)) if (d >= '2019-01-01') expect(calendar.isWorkingDay(d), d).toBe(false);
      for (const w of p.work) if (w >= '2019-01-01') expect(calendar.isWorkingDay(w), w).toBe(true);
      if (p.off[0] > '2019-01-01') {
        const before = addDays(p.off[0], -1);
        expect(calendar.isWorkingDay(before) || new Date(parseDate(before)!).getUTCDay() % 6 === 0, before).toBe(true);
      }
    });
  });
});

describe('addWorkingDays (start day not counted, 民法典 Art 201)', () => {
  it.each([
    // 国庆节 2024 (10-01…10-07; 09-29 and 10-12 worked)
    ['2024-09-30', 1, '2024-10-08'],
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-30', 20, '2024-11-01'], // 10-08…10-11 (4), 10-12 Sat worked (5), 10-14…11-01 (20)
    // 春节 2025 (01-28…02-04; 01-26 and 02-08 worked)
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 20, '2025-03-03'], // 02-05…02-07 (3), 02-08 Sat worked (4), 02-10…03-03 (20)
    // 春节 2026 (02-15…02-23; 02-14 and 02-28 worked)
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-10', 7, '2026-02-26'],
    // 2020: the Spring Festival extended to 02-02 by 国办发明电〔2020〕1号; 02-01 not worked
    ['2020-01-23', 1, '2020-02-03'],
    // a start on a holiday or a weekend counts from the next working day
    ['2025-10-03', 1, '2025-10-09'],
    ['2026-11-28', 1, '2026-11-30'],
    ['2026-11-26', 0, '2026-11-26'],
  ])('%s + %i → %s', (from, n, due) => {
    expect(calendar.addWorkingDays(from, n)).toBe(due);
  });

  it('ends on a working day and counts back to n, for any start and any n', () => {
    const day = fc.integer({ min: 0, max: 8 * 365 - 60 }).map((i) => addDays('2019-01-01', i));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const due = calendar.addWorkingDays(from, n);
        return calendar.isWorkingDay(due) && calendar.workingDaysBetween(from, due) === n && calendar.workingDaysBetween(from, addDays(due, -1)) === n - 1;
      }),
    );
  });

  it('counts working days between any two dates as a day-by-day walk would', () => {
    const day = fc.integer({ min: 0, max: 8 * 365 - 1 }).map((i) => addDays('2019-01-01', i));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        let walked = 0;
        for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) walked++;
        expect(calendar.workingDaysBetween(lo, hi)).toBe(walked);
        expect(calendar.workingDaysBetween(hi, lo) + walked).toBe(0);
      }),
      { numRuns: 300 },
    );
    expect(() => calendar.workingDaysBetween('2026-12-01', '2027-01-04')).toThrow(YearNotLoadedError);
  });

  it('refuses to guess outside the loaded years', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(YearNotLoadedError);
    expect(() => calendar.addWorkingDays('2026-12-20', 20)).toThrow(/2027 年的节假日安排尚未录入/);
    expect(() => calendar.isWorkingDay('2018-12-31')).toThrow(YearNotLoadedError);
  });

  it('refuses a negative or fractional n', () => {
    expect(() => calendar.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseDate('2024-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '20260105', '2026-02-30', '']) expect(parseDate(bad), bad).toBeNull();
  });
  it('takes the date of an instant in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });
});

describe('checkNotice', () => {
  const ok = [{ festival: '元旦', off: ['2027-01-01', '2027-01-03'] as [string, string], work: [] }];
  it('accepts a sound arrangement, including a New Year period starting in December', () => {
    expect(checkNotice(2027, ok).ok).toBe(true);
    expect(checkNotice(2023, BUNDLED_NOTICES.find((n) => n.year === 2023)!.periods).ok).toBe(true);
    for (const n of BUNDLED_NOTICES) expect(checkNotice(n.year, n.periods), String(n.year)).toEqual({ ok: true });
  });
  it.each([
    [[], '至少'],
    [[{ festival: '春节', off: ['2027-02-10', '2027-02-05'], work: [] }], '早于'],
    [[{ festival: '春节', off: ['2027-02-01', '2027-02-14'], work: [] }], '超过 10 天'],
    [[{ festival: '国庆节', off: ['2028-10-01', '2028-10-07'], work: [] }], '年内'],
    [[...ok, { festival: '又一个', off: ['2027-01-03', '2027-01-04'], work: [] }], '同时出现'],
    [[{ festival: '春节', off: ['2027-02-06', '2027-02-12'], work: ['2027-02-15'] }], '不是周末'],
    [[{ festival: '春节', off: ['2027-02-06', '2027-02-12'], work: ['2027-02-06'] }], '落在放假期间'],
  ])('refuses %o', (periods, reason) => {
    const v = checkNotice(2027, periods as never);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.reason).toContain(reason);
  });
});
