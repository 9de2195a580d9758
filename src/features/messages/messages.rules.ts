import dayjs from 'dayjs';
import { allow, refuse, type Verdict } from '../../platform/errors/errors.js';
import type { DateString, WorkingCalendar } from '../calendar/calendar.rules.js';

/**
 * 互动交流: public messages (网民留言) and their closed loop 受理 → 转办 → 办理 → 答复 → 回访
 * (services-and-licensing.md §3.3), as one transition table and deadlines derived from the
 * message's event log. Pure: time and the working-day calendar are arguments.
 */

export const CATEGORIES = {
  consult: '咨询',
  suggest: '建议',
  complain: '投诉',
  report: '举报',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];

/** Channels (12345 model: one loop whatever the channel; 12313 is the tobacco line, §2.4). */
export const CHANNELS = {
  ONLINE: '网站留言',
  PHONE_12313: '12313 热线',
  PHONE: '电话',
  LETTER: '信件',
  VISIT: '来访',
  NEW_MEDIA: '政务新媒体',
} as const;
export type Channel = keyof typeof CHANNELS;
/** What staff may register by hand (the portal and the API are ONLINE). */
export const STAFF_CHANNELS = ['PHONE_12313', 'PHONE', 'LETTER', 'VISIT', 'NEW_MEDIA'] as const;

export const STATUSES = {
  received: '待受理',
  declined: '不予受理',
  processing: '办理中',
  reviewing: '答复待审核',
  approved: '答复待发送',
  answered: '已答复',
  visited: '已回访',
  merged: '已并案',
} as const;
export type Status = keyof typeof STATUSES;
/** Statuses in which nothing more is owed to the writer (回访 is the office's own follow-up). */
export const CLOSED: Status[] = ['declined', 'answered', 'visited', 'merged'];
/** Still awaiting a reply: what the 3-month veto line watches. */
export const AWAITING_REPLY: Status[] = ['received', 'processing', 'reviewing', 'approved'];

/** The writer's rating of a reply (the three levels the issue names). */
export const RATINGS = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' } as const;
export type Rating = keyof typeof RATINGS;

/**
 * Where a message that is not ours goes (2025 12345 opinion: tell the writer which procedure
 * applies). 12313 is the tobacco market line (services-and-licensing.md §2.4).
 */
export const REFERRALS = {
  '12313': '烟草市场监管服务热线 12313（涉烟违法举报、专卖执法投诉）',
  xinfang: '信访渠道（依照《信访工作条例》提出）',
  ysqgk: '政府信息公开申请（依申请公开）',
  court: '行政复议或行政诉讼',
  police: '公安机关（110）',
  other_org: '其他有权处理的机关',
  none: '不转介（说明理由即可）',
} as const;
export type Referral = keyof typeof REFERRALS;

export type Action = 'accept' | 'decline' | 'transfer' | 'send_back' | 'extend' | 'draft_reply' | 'approve_reply' | 'return_reply' | 'send_reply' | 'follow_up' | 'merge';

interface Transition {
  label: string;
  from: Status[];
  /** The status afterwards; undefined leaves it unchanged. */
  to?: Status;
  /** handler: 留言办理人 of the handling organisation; reviewer: its 审核员. */
  by: 'handler' | 'reviewer';
  /** Whether the writer sees the step on the tracking page. */
  public: boolean;
}

/** The workflow: every action, from which statuses, to which, by whom (one table, checked in one place). */
export const TRANSITIONS: Record<Action, Transition> = {
  accept: { label: '受理', from: ['received'], to: 'processing', by: 'handler', public: true },
  decline: { label: '不予受理', from: ['received'], to: 'declined', by: 'handler', public: true },
  transfer: { label: '转办', from: ['processing'], by: 'handler', public: true },
  send_back: { label: '退回', from: ['processing'], by: 'handler', public: true },
  extend: { label: '批准延期', from: ['processing', 'reviewing'], by: 'reviewer', public: true },
  draft_reply: { label: '提交答复审核', from: ['processing'], to: 'reviewing', by: 'handler', public: false },
  approve_reply: { label: '审核通过', from: ['reviewing'], to: 'approved', by: 'reviewer', public: false },
  return_reply: { label: '退回修改', from: ['reviewing'], to: 'processing', by: 'reviewer', public: false },
  send_reply: { label: '发送答复', from: ['approved'], to: 'answered', by: 'handler', public: true },
  follow_up: { label: '回访', from: ['answered'], to: 'visited', by: 'handler', public: false },
  merge: { label: '并案', from: ['received', 'processing'], to: 'merged', by: 'handler', public: true },
};
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

export function canTake(status: Status, action: Action): Verdict {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return allow;
  return refuse(`留言当前状态为“${STATUSES[status]}”，不能${t.label}。`);
}

/**
 * Deadlines in working days, configurable per organisation. Defaults are the platform's
 * (services-and-licensing.md §3.3 “Platform default”; the national day counts are UNCONFIRMED):
 * 受理 the same working day, 转办 ≤ 1, 咨询 answered ≤ 5, 建议/投诉/举报 ≤ 15, one extension,
 * 回访 within 3 of the reply.
 */
export interface DeadlineSettings {
  acceptDays: number;
  transferDays: number;
  answerDays: Record<Category, number>;
  /** The longest single extension a reviewer may approve. */
  extensionMaxDays: number;
  followUpDays: number;
  /** Warn this many calendar days before a message reaches the 3-month line. */
  vetoWarnDays: number;
}
export const DEFAULT_DEADLINES: DeadlineSettings = {
  acceptDays: 0,
  transferDays: 1,
  answerDays: { consult: 5, suggest: 15, complain: 15, report: 15 },
  extensionMaxDays: 15,
  followUpDays: 3,
  vetoWarnDays: 15,
};

export interface MessageEvent {
  action: string;
  on: DateString;
  data: Record<string, unknown>;
}

export interface Deadlines {
  receivedOn: DateString;
  acceptBy: DateString;
  acceptedOn: DateString | null;
  /** Transfers are due this day (one working day after acceptance by default). */
  transferBy: DateString | null;
  answerBy: DateString | null;
  extensionDays: number;
  answeredOn: DateString | null;
  followUpBy: DateString | null;
  /** The 3-month line of the website inspection veto (websites-and-new-media.md §3.2 item 5). */
  vetoOn: DateString;
  /** The deadline that matters now for the message's status. */
  due: DateString | null;
}

/** The first working day on or after `d`. */
const onOrAfter = (cal: WorkingCalendar, d: DateString) => (cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, 1));

/** 3 months by calendar months (websites-and-new-media.md §3.2: “compare by calendar months”). */
export const vetoLine = (receivedOn: DateString): DateString => dayjs(receivedOn).add(3, 'month').format('YYYY-MM-DD');

/**
 * Derives the deadlines from the event log. The answer period is the one recorded when the
 * message was accepted, so a later change of settings does not move a running deadline.
 */
export function deriveDeadlines(status: Status, events: MessageEvent[], cal: WorkingCalendar, settings: DeadlineSettings): Deadlines {
  const receivedOn = events[0]?.on;
  if (!receivedOn) throw new Error('a message has at least its submission event');
  const acceptBy = cal.addWorkingDays(onOrAfter(cal, receivedOn), settings.acceptDays);
  const accepted = events.find((e) => e.action === 'accept');
  const acceptedOn = accepted?.on ?? null;
  const answerDays = Number(accepted?.data.answerDays ?? 0);
  const extensionDays = events.filter((e) => e.action === 'extend').reduce((n, e) => n + Number(e.data.days ?? 0), 0);
  const answerBy = acceptedOn ? cal.addWorkingDays(cal.addWorkingDays(acceptedOn, answerDays), extensionDays) : null;
  const transferBy = acceptedOn ? cal.addWorkingDays(acceptedOn, settings.transferDays) : null;
  const answered = [...events].reverse().find((e) => e.action === 'send_reply');
  const answeredOn = answered?.on ?? null;
  const followUpBy = answeredOn ? cal.addWorkingDays(answeredOn, settings.followUpDays) : null;
  const due = status === 'received' ? acceptBy : ['processing', 'reviewing', 'approved'].includes(status) ? answerBy : status === 'answered' ? followUpBy : null;
  return { receivedOn, acceptBy, acceptedOn, transferBy, answerBy, extensionDays, answeredOn, followUpBy, vetoOn: vetoLine(receivedOn), due };
}

/** Conditions beyond the transition table that depend on the log and the deadlines. */
export function actionChecks(action: Action, events: MessageEvent[], data: Record<string, unknown>, settings: DeadlineSettings): Verdict {
  if (action === 'extend') {
    if (events.some((e) => e.action === 'extend')) return refuse('每件留言只能延期一次。');
    if (Number(data.days) > settings.extensionMaxDays) return refuse(`延期不能超过 ${settings.extensionMaxDays} 个工作日。`);
  }
  return allow;
}

/**
 * The chain of hand-offs, oldest first: who sent the message where, and the deadline given.
 * `send_back` returns it to the organisation that sent it.
 */
export interface HandOff {
  on: DateString;
  action: 'transfer' | 'send_back';
  fromOrgName: string;
  toOrgName: string;
  toDepartmentName: string | null;
  due: DateString | null;
  reason: string;
}
export function handOffs(events: MessageEvent[]): HandOff[] {
  return events
    .filter((e) => e.action === 'transfer' || e.action === 'send_back')
    .map((e) => ({
      on: e.on,
      action: e.action as HandOff['action'],
      fromOrgName: String(e.data.fromOrgName ?? ''),
      toOrgName: String(e.data.toOrgName ?? ''),
      toDepartmentName: (e.data.toDepartmentName as string) ?? null,
      due: (e.data.due as string) ?? null,
      reason: String(e.data.reason ?? e.data.note ?? ''),
    }));
}

/** Character bigrams of a text without spaces and punctuation. */
function bigrams(s: string): Set<string> {
  const t = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

/** Jaccard similarity of character bigrams: near-duplicate messages score high whatever their segmentation. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}
export const NEAR_DUPLICATE = 0.6;

/** Median and 90th percentile (nearest rank) of a list of numbers; null for an empty list. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
