import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUNDLED_NOTICES } from '../calendar/calendar.data.js';
import { exceptionsOf, WorkingCalendar } from '../calendar/calendar.rules.js';
import { ACTION_LABELS } from '../../platform/audit/audit.labels.js';
import { ACTIONS, canTake, clockChecks, DEFAULT_CLOCK, deriveClock, feeForNthApplication, feeForPages, OUTCOMES, STATUSES, TRANSITIONS, type ClockEvent, type Status } from './requests.rules.js';

const cal = new WorkingCalendar(new Set(BUNDLED_NOTICES.map((n) => n.year)), BUNDLED_NOTICES.flatMap((n) => exceptionsOf(n.periods)));
const received = (on: string): ClockEvent => ({ action: 'registered', on, data: { receivedOn: on } });
const ev = (action: ClockEvent['action'], on: string, data: Record<string, unknown> = {}): ClockEvent => ({ action, on, data });

describe('the reply clock (条例 Art 33: 20 working days from receipt, the receipt day not counted)', () => {
  it.each([
    ['2026-02-10', '2026-03-16', '春节 2026: 02-14 and 02-28 are worked, 02-15…02-23 are not'],
    ['2025-09-26', '2025-10-30', '国庆节、中秋节 2025: 09-28 and 10-11 are worked, 10-01…10-08 are not'],
    ['2026-03-02', '2026-03-30', 'an ordinary month'],
    ['2026-02-15', '2026-03-20', 'received on a holiday: counting starts the next day all the same'],
  ])('received %s → due %s (%s)', (on, due) => {
    expect(deriveClock([received(on)], cal, on).due).toBe(due);
  });

  it('waits without a deadline until an online application is confirmed, then counts from the confirmation day (Art 31)', () => {
    const events = [ev('registered', '2026-03-01', { channel: 'ONLINE' })];
    expect(deriveClock(events, cal, '2026-03-01')).toMatchObject({ receivedOn: null, due: null });
    const c = deriveClock([...events, ev('confirm', '2026-03-02', { confirmedOn: '2026-03-02' })], cal, '2026-03-02');
    expect(c).toMatchObject({ receivedOn: '2026-03-02', due: '2026-03-30' });
  });

  it('stops at a 补正 request and restarts from the receipt of the corrected application (Art 30)', () => {
    const asked = [received('2026-03-02'), ev('request_correction', '2026-03-05', { correctionDueBy: '2026-03-19' })];
    expect(deriveClock(asked, cal, '2026-03-06')).toMatchObject({ due: null, correctionDueBy: '2026-03-19' });
    const c = deriveClock([...asked, ev('receive_correction', '2026-03-20', { receivedOn: '2026-03-20' })], cal, '2026-03-20');
    // 清明节 2026-04-04…04-06 falls inside the new period.
    expect(c).toMatchObject({ receivedOn: '2026-03-20', due: '2026-04-20', correctionDueBy: null });
  });

  it('requires the 补正 notice within 7 working days of receipt, and only once (一次性告知, Art 30)', () => {
    const c = deriveClock([received('2026-03-02')], cal, '2026-03-11');
    expect(c.correctionIssueBy).toBe('2026-03-11');
    expect(clockChecks('request_correction', c, [received('2026-03-02')], {}, '2026-03-11').ok).toBe(true);
    const late = clockChecks('request_correction', c, [received('2026-03-02')], {}, '2026-03-12');
    expect(late).toMatchObject({ ok: false });
    expect(late.ok || late.reason).toContain('7个工作日');
    const twice = [received('2026-03-02'), ev('request_correction', '2026-03-03'), ev('receive_correction', '2026-03-05', { receivedOn: '2026-03-05' })];
    expect(clockChecks('request_correction', deriveClock(twice, cal, '2026-03-06'), twice, {}, '2026-03-06')).toMatchObject({ ok: false });
  });

  it('does not count consultation with a third party or another organ (Art 32–34, Art 33 para 3)', () => {
    const events = [received('2026-03-02'), ev('start_consultation', '2026-03-10', { kind: 'third_party' })];
    // Open: the days so far are not counted, and the other side has 15 working days.
    const open = deriveClock(events, cal, '2026-03-13');
    expect(open).toMatchObject({ paused: 'consultation', consultationReplyBy: '2026-03-31', due: cal.addWorkingDays('2026-03-02', 23) });
    const closed = deriveClock([...events, ev('end_consultation', '2026-03-17', { result: 'no_reply' })], cal, '2026-03-20');
    // 03-11…03-17 is 5 working days; 25 working days after 03-02 crosses 清明节.
    expect(closed).toMatchObject({ paused: false, pausedDays: 5, due: '2026-04-07' });
    expect(closed.changes.map((x) => x.due)).toEqual(['2026-03-30', '2026-03-30', '2026-04-07']);
  });

  it('extends by at most 20 working days in all (Art 33 para 2)', () => {
    const events = [received('2026-03-02'), ev('extend', '2026-03-20', { days: 20 })];
    const c = deriveClock(events, cal, '2026-03-20');
    expect(c).toMatchObject({ due: '2026-04-28', extensionDays: 20 });
    expect(clockChecks('extend', c, events, { days: 1 }, '2026-03-20')).toMatchObject({ ok: false });
    const first = deriveClock([received('2026-03-02')], cal, '2026-03-20');
    expect(clockChecks('extend', first, [received('2026-03-02')], { days: 15 }, '2026-03-20').ok).toBe(true);
    expect(clockChecks('extend', first, [received('2026-03-02')], { days: 15 }, '2026-03-31')).toMatchObject({ ok: false });
  });

  it('pauses for the fee-payment period by default, and not when the setting says so (UNCONFIRMED rule)', () => {
    const events = [received('2026-03-02'), ev('fee_notice', '2026-03-05', { receivedOn: '2026-03-05' }), ev('fee_paid', '2026-03-12')];
    expect(deriveClock(events, cal, '2026-03-12').due).toBe('2026-04-07');
    expect(deriveClock(events, cal, '2026-03-12', { ...DEFAULT_CLOCK, feePausesClock: false }).due).toBe('2026-03-30');
    // Payment is due 20 working days from the day after the notice is received.
    expect(deriveClock(events.slice(0, 2), cal, '2026-03-06').feePayBy).toBe('2026-04-02');
  });

  it('lets an Art 35 deadline replace the statutory one, but only after asking for reasons', () => {
    const events = [received('2026-03-02'), ev('set_deadline', '2026-03-10', { due: '2026-05-29' })];
    expect(deriveClock(events, cal, '2026-03-10').due).toBe('2026-05-29');
    expect(clockChecks('set_deadline', deriveClock([received('2026-03-02')], cal, '2026-03-10'), [received('2026-03-02')], {}, '2026-03-10')).toMatchObject({ ok: false });
  });

  it('deems a case abandoned only after the correction or payment period has run out (Art 30; 处理费办法)', () => {
    const events = [received('2026-03-02'), ev('request_correction', '2026-03-05', { correctionDueBy: '2026-03-19' })];
    const c = deriveClock(events, cal, '2026-03-19');
    expect(clockChecks('abandon', c, events, { reason: 'no_correction' }, '2026-03-19')).toMatchObject({ ok: false });
    expect(clockChecks('abandon', c, events, { reason: 'no_correction' }, '2026-03-20').ok).toBe(true);
    expect(clockChecks('abandon', c, events, { reason: 'unpaid' }, '2026-03-20')).toMatchObject({ ok: false });
  });

  it('never ends before the receipt date plus 20 working days, whatever pauses and extensions come (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (start, ext, pauseAt, pauseLen) => {
        const on = cal.addWorkingDays('2024-01-02', start);
        const s = cal.addWorkingDays(on, pauseAt);
        const e = cal.addWorkingDays(s, pauseLen);
        const events = [received(on), ev('start_consultation', s, { kind: 'agency' }), ev('end_consultation', e), ev('extend', s, { days: ext })];
        const c = deriveClock(events, cal, e);
        expect(c.due).toBe(cal.addWorkingDays(on, 20 + ext + pauseLen));
        expect(cal.workingDaysBetween(on, c.due!)).toBe(20 + ext + pauseLen);
      }),
      { numRuns: 200 },
    );
  });
});

describe('信息处理费 (国办函〔2020〕109号, disclosure-law.md §5)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [55, 400],
  ])('按件: the %i-th application of the month costs %i 元', (n, fee) => expect(feeForNthApplication(n)).toBe(fee));

  it('按件: 35 applications in a month cost 3 000 元 in all (the worked example)', () => {
    expect(Array.from({ length: 35 }, (_, i) => feeForNthApplication(i + 1)).reduce((a, b) => a + b)).toBe(3000);
  });

  it.each([
    [30, 0],
    [31, 10],
    [100, 700],
    [150, 1700],
    [200, 2700],
    [201, 2740],
  ])('按量: %i pages cost %i 元', (pages, fee) => expect(feeForPages(pages)).toBe(fee));
});

describe('the workflow table', () => {
  it('has a Chinese label for every status and only known statuses in it', () => {
    for (const a of ACTIONS) {
      for (const s of TRANSITIONS[a].from) expect(STATUSES[s]).toBeTruthy();
      if (TRANSITIONS[a].to) expect(STATUSES[TRANSITIONS[a].to as Status]).toBeTruthy();
    }
  });

  it('walks the main path and refuses steps out of order with the reason in Chinese', () => {
    const path: [Status, (typeof ACTIONS)[number]][] = [
      ['awaiting_confirmation', 'confirm'],
      ['registered', 'assign'],
      ['processing', 'start_consultation'],
      ['consulting', 'end_consultation'],
      ['processing', 'draft_reply'],
      ['drafting', 'submit_reply'],
      ['in_review', 'approve_reply'],
      ['approved', 'deliver'],
      ['replied', 'archive'],
    ];
    for (const [s, a] of path) expect(canTake(s, a).ok, `${s} → ${a}`).toBe(true);
    const refused = canTake('awaiting_confirmation', 'deliver');
    expect(refused.ok || refused.reason).toBe('案件处于“待确认”状态，不能送达答复。');
    expect(canTake('replied', 'withdraw').ok).toBe(false);
    expect(canTake('in_review', 'approve_reply').ok).toBe(true);
  });

  it('has an audit label for every action', () => {
    for (const a of ACTIONS) expect(ACTION_LABELS[`request.${a}`], a).toBeTruthy();
  });

  it('maps every outcome to an annual-report row', () => {
    for (const o of Object.values(OUTCOMES)) expect(o.row).toMatch(/^(disclosed|partial|withheld|unable\.|notProcessed\.|other\.)/);
  });
});
