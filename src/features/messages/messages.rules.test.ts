import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUNDLED_NOTICES } from '../calendar/calendar.data.js';
import { exceptionsOf, WorkingCalendar } from '../calendar/calendar.rules.js';
import { ACTION_LABELS } from '../../platform/audit/audit.labels.js';
import { ACTIONS, actionChecks, canTake, DEFAULT_DEADLINES, deriveDeadlines, handOffs, percentile, similarity, STATUSES, TRANSITIONS, vetoLine, type MessageEvent, type Status } from './messages.rules.js';

const cal = new WorkingCalendar(new Set(BUNDLED_NOTICES.map((n) => n.year)), BUNDLED_NOTICES.flatMap((n) => exceptionsOf(n.periods)));
const ev = (action: string, on: string, data: Record<string, unknown> = {}): MessageEvent => ({ action, on, data });
const submitted = (on: string) => ev('submitted', on);
const accepted = (on: string, answerDays: number) => ev('accept', on, { answerDays });

describe('message deadlines on the working-day calendar (platform defaults, services-and-licensing.md §3.3)', () => {
  it('is accepted the same working day; one received on a holiday is due the first working day after', () => {
    expect(deriveDeadlines('received', [submitted('2026-03-02')], cal, DEFAULT_DEADLINES)).toMatchObject({ acceptBy: '2026-03-02', due: '2026-03-02' });
    // 春节 2026: 02-15 … 02-23 off, 02-24 is the first working day.
    expect(deriveDeadlines('received', [submitted('2026-02-16')], cal, DEFAULT_DEADLINES).acceptBy).toBe('2026-02-24');
  });

  it('answers a 咨询 within 5 and a 投诉 within 15 working days of acceptance, across holidays', () => {
    expect(deriveDeadlines('processing', [submitted('2026-03-02'), accepted('2026-03-02', 5)], cal, DEFAULT_DEADLINES)).toMatchObject({ answerBy: '2026-03-09', transferBy: '2026-03-03', due: '2026-03-09' });
    // 国庆 2025: 10-01 … 10-08 off, 09-28 (Sunday) and 10-11 (Saturday) worked.
    expect(deriveDeadlines('processing', [submitted('2025-09-26'), accepted('2025-09-26', 15)], cal, DEFAULT_DEADLINES).answerBy).toBe('2025-10-23');
  });

  it('keeps the answer period recorded at acceptance, adds an approved extension, and moves to the follow-up after the reply', () => {
    const events = [submitted('2026-03-02'), accepted('2026-03-02', 5), ev('extend', '2026-03-05', { days: 5 })];
    expect(deriveDeadlines('processing', events, cal, { ...DEFAULT_DEADLINES, answerDays: { consult: 1, suggest: 1, complain: 1, report: 1 } })).toMatchObject({ answerBy: '2026-03-16', extensionDays: 5 });
    const answered = deriveDeadlines('answered', [...events, ev('send_reply', '2026-03-10')], cal, DEFAULT_DEADLINES);
    expect(answered).toMatchObject({ answeredOn: '2026-03-10', followUpBy: '2026-03-13', due: '2026-03-13' });
    expect(deriveDeadlines('visited', [...events, ev('send_reply', '2026-03-10'), ev('follow_up', '2026-03-11')], cal, DEFAULT_DEADLINES).due).toBeNull();
  });

  it('draws the 3-month veto line by calendar months (websites-and-new-media.md §3.2)', () => {
    expect(vetoLine('2025-12-10')).toBe('2026-03-10');
    expect(vetoLine('2025-11-30')).toBe('2026-02-28');
    expect(vetoLine('2024-11-30')).toBe('2025-02-28');
  });

  it('the answer deadline is acceptance + answer days + extension working days, for any acceptance day (property)', () => {
    const days = fc.integer({ min: 0, max: 600 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 15 }), (on, n, ext) => {
        const d = deriveDeadlines('processing', [submitted(on), accepted(on, n), ...(ext ? [ev('extend', on, { days: ext })] : [])], cal, DEFAULT_DEADLINES);
        return cal.workingDaysBetween(on, d.answerBy!) === n + ext;
      }),
    );
  });
});

describe('the message workflow table', () => {
  it('allows each action only from its statuses, with the reason in Chinese otherwise', () => {
    expect(canTake('received', 'accept').ok).toBe(true);
    expect(canTake('answered', 'accept')).toEqual({ ok: false, reason: '留言当前状态为“已答复”，不能受理。' });
    expect(canTake('reviewing', 'send_reply').ok).toBe(false);
    expect(canTake('approved', 'send_reply').ok).toBe(true);
    for (const s of Object.keys(STATUSES) as Status[]) expect(canTake(s, 'merge').ok).toBe(s === 'received' || s === 'processing');
  });

  it('every target status exists, and every action has an audit label', () => {
    for (const [a, t] of Object.entries(TRANSITIONS)) {
      if (t.to) expect(Object.keys(STATUSES)).toContain(t.to);
      for (const f of t.from) expect(Object.keys(STATUSES)).toContain(f);
      expect(ACTION_LABELS[`message.${a}`], a).toBeTruthy();
    }
    expect(ACTIONS.length).toBe(Object.keys(TRANSITIONS).length);
  });

  it('allows one extension, no longer than the maximum', () => {
    expect(actionChecks('extend', [], { days: 15 }, DEFAULT_DEADLINES).ok).toBe(true);
    expect(actionChecks('extend', [], { days: 16 }, DEFAULT_DEADLINES)).toEqual({ ok: false, reason: '延期不能超过 15 个工作日。' });
    expect(actionChecks('extend', [ev('extend', '2026-03-02', { days: 3 })], { days: 3 }, DEFAULT_DEADLINES).ok).toBe(false);
  });

  it('lists the chain of hand-offs in order', () => {
    const chain = handOffs([
      submitted('2026-03-02'),
      ev('transfer', '2026-03-02', { fromOrgName: '浙江省局', toOrgName: '杭州市局', due: '2026-03-16', reason: '请核实' }),
      ev('send_back', '2026-03-03', { fromOrgName: '杭州市局', toOrgName: '浙江省局', reason: '不属本局职责' }),
    ]);
    expect(chain.map((h) => `${h.action}:${h.fromOrgName}→${h.toOrgName}`)).toEqual(['transfer:浙江省局→杭州市局', 'send_back:杭州市局→浙江省局']);
    expect(chain[0].due).toBe('2026-03-16');
  });
});

describe('near-duplicate detection and statistics', () => {
  it('scores the same complaint in other words high, a different one low', () => {
    expect(similarity('建议办事大厅周末也能办理许可证', '建议办事大厅周末也能办理许可证业务')).toBeGreaterThan(0.8);
    expect(similarity('举报小区门口水果店卖假烟', '建议延长办事大厅服务时间')).toBeLessThan(0.1);
    expect(similarity('', '任何')).toBe(0);
  });

  it('takes the median and the 90th percentile by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([4], 90)).toBe(4);
  });
});
