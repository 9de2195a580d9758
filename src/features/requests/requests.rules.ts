import { refuse, allow, type Verdict } from '../../platform/errors/errors.js';
import type { DateString, WorkingCalendar } from '../calendar/calendar.rules.js';

/**
 * 依申请公开: the case vocabulary, the workflow as one transition table, and the statutory clock
 * derived from the case's event log. Pure: time and the working-day calendar are arguments.
 * Rules and articles: shared/domain/disclosure-law.md §4–5, annual-report.md §3.
 */

/** Applicant types, as the columns of the annual report (annual-report.md §3.1). */
export const APPLICANT_TYPES = {
  NATURAL_PERSON: '自然人',
  COMMERCIAL: '商业企业',
  RESEARCH: '科研机构',
  PUBLIC_INTEREST: '社会公益组织',
  LEGAL_SERVICE: '法律服务机构',
  OTHER_ORG: '其他组织',
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;

export const ID_DOC_TYPES = {
  ID_CARD: '居民身份证',
  PASSPORT: '护照',
  HK_MO_PERMIT: '港澳居民来往内地通行证',
  TW_PERMIT: '台湾居民来往大陆通行证',
  CREDIT_CODE: '统一社会信用代码',
  OTHER: '其他证件',
} as const;
export type IdDocType = keyof typeof ID_DOC_TYPES;

/** Channels and their receipt-date rule (条例 Art 31; disclosure-law.md §4.2). */
export const CHANNELS = {
  ONLINE: { label: '互联网', needsConfirmation: true },
  FAX: { label: '传真', needsConfirmation: true },
  POST_UNSIGNED: { label: '平常信函（无需签收）', needsConfirmation: true },
  POST_SIGNED: { label: '邮寄（签收）', needsConfirmation: false },
  IN_PERSON: { label: '当面提交', needsConfirmation: false },
} as const;
export type Channel = keyof typeof CHANNELS;

export const PROVISION_FORMS = { PAPER: '纸质', ELECTRONIC: '电子文档', EMAIL: '电子邮件', SELF_PICKUP: '自行领取' } as const;
export type ProvisionForm = keyof typeof PROVISION_FORMS;
export const DELIVERY = { POST: '邮寄', EMAIL: '电子邮件', PICKUP: '当面领取', ONLINE: '网上获取' } as const;

/** Withholding reasons (条例 Art 14–16; disclosure-law.md §2), labelled as the report rows. */
export const WITHHOLD_REASONS = {
  STATE_SECRET: { label: '属于国家秘密', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  LAW_PROHIBITED: { label: '其他法律行政法规禁止公开', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  THREE_SECURITY_ONE_STABILITY: { label: '危及“三安全一稳定”', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  THIRD_PARTY_RIGHTS: { label: '保护第三方合法权益', basis: '《中华人民共和国政府信息公开条例》第十五条' },
  INTERNAL_AFFAIRS: { label: '属于三类内部事务信息', basis: '《中华人民共和国政府信息公开条例》第十六条第一款' },
  PROCESS_INFO: { label: '属于四类过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款' },
  ENFORCEMENT_CASE_FILE: { label: '属于行政执法案卷', basis: '《中华人民共和国政府信息公开条例》第十六条第二款' },
  ADMIN_QUERY: { label: '属于行政查询事项', basis: '国务院办公厅政府信息与政务公开办公室关于政府信息公开与业务查询事项界限的解释' },
} as const;
export type WithholdReason = keyof typeof WITHHOLD_REASONS;

/**
 * Every way a case can end (disclosure-law.md §4.4), with its article and annual-report row
 * (annual-report.md §3.4). `replied` outcomes are answered by letter; the others end the case.
 */
export const OUTCOMES = {
  ALREADY_PUBLIC: { label: '已主动公开', basis: '第三十六条第（一）项', row: 'disclosed', refusal: false },
  DISCLOSE: { label: '予以公开', basis: '第三十六条第（二）项', row: 'disclosed', refusal: false },
  PARTIAL: { label: '部分公开', basis: '第三十七条', row: 'partial', refusal: true },
  WITHHOLD: { label: '不予公开', basis: '第三十六条第（三）项', row: 'withheld', refusal: true },
  NOT_EXIST: { label: '无法提供（信息不存在）', basis: '第三十六条第（四）项', row: 'unable.notHeld', refusal: false },
  NOT_OUR_INFO: { label: '无法提供（非本机关负责公开）', basis: '第三十六条第（五）项', row: 'unable.notHeld', refusal: false },
  NEEDS_CREATION: { label: '无法提供（需另行制作）', basis: '第三十八条', row: 'unable.needsCreation', refusal: false },
  STILL_UNCLEAR: { label: '无法提供（补正后仍不明确）', basis: '第三十条', row: 'unable.unclearAfterCorrection', refusal: false },
  PETITION: { label: '不予处理（信访举报投诉类）', basis: '第三十九条第一款', row: 'notProcessed.petition', refusal: false },
  REPEAT: { label: '不予处理（重复申请）', basis: '第三十六条第（六）项', row: 'notProcessed.repeat', refusal: false },
  PUBLICATION: { label: '不予处理（公开出版物）', basis: '第三十九条第二款', row: 'notProcessed.publication', refusal: false },
  BULK_UNREASONABLE: { label: '不予处理（无正当理由大量反复申请）', basis: '第三十五条', row: 'notProcessed.massUnreasonable', refusal: false },
  CONFIRM_OR_REISSUE: { label: '不予处理（要求确认或重新出具已获取信息）', basis: '', row: 'notProcessed.confirmOrReissue', refusal: false },
  SPECIAL_REGIME: { label: '其他处理（按特定查询程序办理）', basis: '第三十六条第（七）项', row: 'other.other', refusal: false },
  ABANDONED_NO_CORRECTION: { label: '其他处理（逾期不补正）', basis: '第三十条', row: 'other.noCorrection', refusal: false },
  ABANDONED_UNPAID: { label: '其他处理（逾期未缴费）', basis: '《政府信息公开信息处理费管理办法》', row: 'other.unpaidFee', refusal: false },
  WITHDRAWN: { label: '其他处理（申请人撤回）', basis: '', row: 'other.other', refusal: false },
  OTHER: { label: '其他处理', basis: '', row: 'other.other', refusal: false },
} as const;
export type Outcome = keyof typeof OUTCOMES;
/** Outcomes an officer chooses in a reply letter (the rest end the case by an action). */
export const REPLY_OUTCOMES = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => !['ABANDONED_NO_CORRECTION', 'ABANDONED_UNPAID', 'WITHDRAWN'].includes(o));

export const STATUSES = {
  awaiting_confirmation: '待确认',
  registered: '已登记',
  correction: '补正中',
  processing: '办理中',
  consulting: '征求意见中',
  fee_pending: '待缴费',
  drafting: '拟答复',
  in_review: '审核中',
  approved: '待送达',
  replied: '已答复',
  archived: '已归档',
  withdrawn: '已撤回',
  abandoned: '终止办理',
} as const;
export type Status = keyof typeof STATUSES;
/** Statuses in which the case is finished for the clock and the annual report. */
export const CONCLUDED: readonly Status[] = ['replied', 'archived', 'withdrawn', 'abandoned'];

/** Who may take an action: the officer handling cases, or the reviewer approving replies. */
export type ActionRole = 'officer' | 'reviewer';

/**
 * The workflow, as one table: for each action, the statuses it may start from, the status it
 * leads to (`null`: unchanged), who takes it, and whether the applicant sees it on the tracking page.
 */
export const TRANSITIONS = {
  confirm: { label: '确认收到申请', from: ['awaiting_confirmation'], to: 'registered', by: 'officer', public: true },
  request_correction: { label: '发出补正通知', from: ['registered', 'processing'], to: 'correction', by: 'officer', public: true },
  receive_correction: { label: '收到补正材料', from: ['correction'], to: 'processing', by: 'officer', public: true },
  assign: { label: '分办', from: ['registered', 'processing'], to: 'processing', by: 'officer', public: false },
  start_consultation: { label: '征求意见', from: ['processing'], to: 'consulting', by: 'officer', public: true },
  end_consultation: { label: '征求意见结束', from: ['consulting'], to: 'processing', by: 'officer', public: true },
  extend: { label: '延期答复', from: ['registered', 'processing', 'consulting', 'drafting'], to: null, by: 'officer', public: true },
  ask_reasons: { label: '要求说明理由（第三十五条）', from: ['registered', 'processing'], to: null, by: 'officer', public: true },
  set_deadline: { label: '确定合理答复期限（第三十五条）', from: ['registered', 'processing', 'consulting'], to: null, by: 'officer', public: true },
  fee_notice: { label: '发出收费通知', from: ['processing'], to: 'fee_pending', by: 'officer', public: true },
  fee_paid: { label: '登记缴费', from: ['fee_pending'], to: 'processing', by: 'officer', public: true },
  draft_reply: { label: '拟写答复', from: ['registered', 'processing', 'drafting'], to: 'drafting', by: 'officer', public: false },
  submit_reply: { label: '提交审核', from: ['drafting'], to: 'in_review', by: 'officer', public: false },
  approve_reply: { label: '审核通过', from: ['in_review'], to: 'approved', by: 'reviewer', public: false },
  return_reply: { label: '退回修改', from: ['in_review'], to: 'drafting', by: 'reviewer', public: false },
  deliver: { label: '送达答复', from: ['approved'], to: 'replied', by: 'officer', public: true },
  archive: { label: '归档', from: ['replied', 'withdrawn', 'abandoned'], to: 'archived', by: 'officer', public: false },
  withdraw: { label: '申请人撤回', from: ['awaiting_confirmation', 'registered', 'correction', 'processing', 'consulting', 'fee_pending', 'drafting'], to: 'withdrawn', by: 'officer', public: true },
  abandon: { label: '视为放弃、终止办理', from: ['correction', 'fee_pending'], to: 'abandoned', by: 'officer', public: true },
  note: { label: '内部备注', from: Object.keys(STATUSES) as Status[], to: null, by: 'officer', public: false },
} as const satisfies Record<string, { label: string; from: readonly Status[]; to: Status | null; by: ActionRole; public: boolean }>;
export type Action = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

/** Whether `action` may be taken on a case in `status` (the statutory conditions are checked by `clockChecks`). */
export function canTake(status: Status, action: Action): Verdict {
  const t = TRANSITIONS[action];
  if (!(t.from as readonly Status[]).includes(status)) return refuse(`案件处于“${STATUSES[status]}”状态，不能${t.label}。`);
  return allow;
}

/** Statutory periods, in working days (条例 Art 30, 32–34, 33; 处理费办法). */
export interface ClockSettings {
  replyDays: number;
  correctionIssueDays: number;
  consultationDays: number;
  maxExtensionDays: number;
  feePaymentDays: number;
  /** Whether the fee-payment period pauses the reply clock (UNCONFIRMED, disclosure-law.md §9 item 2; default: paused). */
  feePausesClock: boolean;
}
export const DEFAULT_CLOCK: ClockSettings = { replyDays: 20, correctionIssueDays: 7, consultationDays: 15, maxExtensionDays: 20, feePaymentDays: 20, feePausesClock: true };

/** One entry of a case's event log, as the clock reads it. */
export interface ClockEvent {
  action: Action | 'submitted' | 'registered';
  /** The calendar day the event happened on (Asia/Shanghai). */
  on: DateString;
  data: Record<string, unknown>;
}

export interface ClockChange {
  on: DateString;
  reason: string;
  due: DateString | null;
}

export interface Clock {
  /** 收到申请之日 (Art 31), restarted by the receipt of a corrected application (Art 30). */
  receivedOn: DateString | null;
  /** The reply deadline, or null while the clock waits (confirmation, 补正). */
  due: DateString | null;
  /** Whether the clock is paused today (consultation, fee payment). */
  paused: false | 'consultation' | 'fee';
  extensionDays: number;
  /** Working days not counted (consultations, fee payment). */
  pausedDays: number;
  correctionIssueBy: DateString | null;
  correctionDueBy: DateString | null;
  consultationReplyBy: DateString | null;
  feePayBy: DateString | null;
  /** An Art 35 deadline replaces the statutory one. */
  art35Due: DateString | null;
  changes: ClockChange[];
}

/**
 * Derives the clock from the event log (disclosure-law.md §4.3): due = `replyDays` working days
 * after the receipt date (start day not counted, 民法典 Art 201), plus the extension (Art 33
 * para 2), plus the working days spent in consultation (Art 33 para 3) and, by setting, waiting for
 * a fee; 补正 restarts it from the corrected application (Art 30); an Art 35 deadline replaces it.
 * Open pauses are counted up to `today`.
 */
export function deriveClock(events: ClockEvent[], cal: WorkingCalendar, today: DateString, s: ClockSettings = DEFAULT_CLOCK): Clock {
  const c: Clock = { receivedOn: null, due: null, paused: false, extensionDays: 0, pausedDays: 0, correctionIssueBy: null, correctionDueBy: null, consultationReplyBy: null, feePayBy: null, art35Due: null, changes: [] };
  let pauseFrom: DateString | null = null;
  let pauseKind: Clock['paused'] = false;
  let stopped = false;
  // While folding, an open pause counts nothing (each change shows the deadline as it stood then);
  // the final computation counts it up to today.
  const recompute = (final = false) => {
    if (!c.receivedOn || stopped) return (c.due = null);
    if (c.art35Due) return (c.due = c.art35Due);
    let open = 0;
    if (pauseFrom && final) open = Math.max(0, cal.workingDaysBetween(pauseFrom, today));
    c.due = cal.addWorkingDays(c.receivedOn, s.replyDays + c.extensionDays + c.pausedDays + open);
    return c.due;
  };
  const change = (on: DateString, reason: string) => c.changes.push({ on, reason, due: recompute() });
  const startClock = (on: DateString, reason: string) => {
    c.receivedOn = on;
    c.pausedDays = 0;
    c.extensionDays = 0;
    stopped = false;
    c.correctionIssueBy = cal.addWorkingDays(on, s.correctionIssueDays);
    change(on, `${reason}，${s.replyDays}个工作日内答复（条例第三十三条）`);
  };
  const closePause = (on: DateString, reason: string) => {
    if (pauseFrom) c.pausedDays += Math.max(0, cal.workingDaysBetween(pauseFrom, on));
    pauseFrom = null;
    pauseKind = false;
    change(on, reason);
  };

  for (const e of events) {
    switch (e.action) {
      case 'submitted':
        break;
      case 'registered':
        if (e.data.receivedOn) startClock(String(e.data.receivedOn), '收到申请（条例第三十一条）');
        break;
      case 'confirm':
        startClock(String(e.data.confirmedOn ?? e.on), '与申请人确认收到申请（条例第三十一条）');
        break;
      case 'request_correction':
        stopped = true;
        c.correctionDueBy = String(e.data.correctionDueBy ?? '') || null;
        c.correctionIssueBy = null;
        change(e.on, '发出补正通知，答复期限自收到补正后的申请之日起重新计算（条例第三十条）');
        break;
      case 'receive_correction':
        c.correctionDueBy = null;
        startClock(String(e.data.receivedOn ?? e.on), '收到补正后的申请（条例第三十条）');
        c.correctionIssueBy = null;
        break;
      case 'start_consultation':
        pauseFrom = e.on;
        pauseKind = 'consultation';
        c.consultationReplyBy = cal.addWorkingDays(e.on, s.consultationDays);
        change(e.on, `征求${e.data.kind === 'agency' ? '其他机关' : '第三方'}意见，所需时间不计算在答复期限内（条例第三十二条、第三十三条第三款）`);
        break;
      case 'end_consultation':
        c.consultationReplyBy = null;
        closePause(e.on, '征求意见结束，恢复计算答复期限');
        break;
      case 'fee_notice':
        c.feePayBy = cal.addWorkingDays(String(e.data.receivedOn ?? e.on), s.feePaymentDays);
        if (s.feePausesClock) {
          pauseFrom = e.on;
          pauseKind = 'fee';
        }
        change(e.on, s.feePausesClock ? '发出收费通知，缴费期间不计算在答复期限内（设置项，依据待确认）' : '发出收费通知');
        break;
      case 'fee_paid':
        c.feePayBy = null;
        if (pauseKind === 'fee') closePause(e.on, '申请人已缴费，恢复计算答复期限');
        break;
      case 'extend':
        c.extensionDays += Number(e.data.days ?? 0);
        change(e.on, `经政府信息公开工作机构负责人同意延长答复期限${Number(e.data.days ?? 0)}个工作日（条例第三十三条第二款）`);
        break;
      case 'set_deadline':
        c.art35Due = String(e.data.due);
        change(e.on, '申请数量、频次明显超过合理范围，确定合理的答复期限（条例第三十五条）');
        break;
      default:
        break;
    }
  }
  c.paused = pauseFrom ? pauseKind : false;
  recompute(true);
  return c;
}

/** Working days from `today` to `due` (negative when overdue), or null without a deadline. */
export function daysLeft(clock: Pick<Clock, 'due'>, cal: WorkingCalendar, today: DateString): number | null {
  return clock.due ? cal.workingDaysBetween(today, clock.due) : null;
}

/** Statutory conditions an action must meet beyond the transition table. */
export function clockChecks(action: Action, clock: Clock, events: ClockEvent[], data: Record<string, unknown>, today: DateString, s: ClockSettings = DEFAULT_CLOCK): Verdict {
  switch (action) {
    case 'request_correction':
      // 一次性告知 within 7 working days of receipt (条例 Art 30).
      if (events.some((e) => e.action === 'request_correction')) return refuse('补正通知应一次性告知需要补正的全部事项，本申请已发出过补正通知（条例第三十条）。');
      if (clock.correctionIssueBy && today > clock.correctionIssueBy) return refuse(`补正通知应在收到申请之日起${s.correctionIssueDays}个工作日内发出，期限 ${clock.correctionIssueBy} 已过（条例第三十条）。`);
      return allow;
    case 'extend': {
      const days = Number(data.days);
      if (clock.extensionDays + days > s.maxExtensionDays) return refuse(`延长答复的期限最长不得超过${s.maxExtensionDays}个工作日，已延长 ${clock.extensionDays} 个工作日（条例第三十三条第二款）。`);
      if (clock.due && today > clock.due) return refuse('答复期限已过，不能再延期。');
      return allow;
    }
    case 'abandon':
      if (data.reason === 'no_correction') {
        if (!clock.correctionDueBy) return refuse('本申请没有待补正事项。');
        if (today <= clock.correctionDueBy) return refuse(`补正期限 ${clock.correctionDueBy} 尚未届满，不能视为放弃（条例第三十条）。`);
      } else if (data.reason === 'unpaid') {
        if (!clock.feePayBy) return refuse('本申请没有待缴费用。');
        if (today <= clock.feePayBy) return refuse(`缴费期限 ${clock.feePayBy} 尚未届满，不能视为放弃（自收到收费通知次日起${s.feePaymentDays}个工作日）。`);
      }
      return allow;
    case 'fee_notice':
      // One method per application, never both (109号 Art 3), and one notice.
      if (events.some((e) => e.action === 'fee_notice')) return refuse('本申请已发出过收费通知；同一申请只能按一种方式收费一次（国办函〔2020〕109号）。');
      return allow;
    case 'set_deadline':
      if (!events.some((e) => e.action === 'ask_reasons')) return refuse('确定合理答复期限前，应先要求申请人说明理由（条例第三十五条）。');
      return allow;
    default:
      return allow;
  }
}

/**
 * 信息处理费, 按件计收 (国办函〔2020〕109号 Art 4; disclosure-law.md §5): the fee of the n-th
 * application of the same applicant in one calendar month.
 */
export function feeForNthApplication(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 + 100 * Math.ceil((n - 30) / 10);
}

/** 按量计收 (109号 Art 5): pages in bands, 1–30 free, 31–100 at 10, 101–200 at 20, beyond at 40 元 a page. */
export function feeForPages(pages: number): number {
  const band = (lo: number, hi: number, rate: number) => Math.max(0, Math.min(pages, hi) - (lo - 1)) * rate;
  return band(31, 100, 10) + band(101, 200, 20) + band(201, Number.MAX_SAFE_INTEGER, 40);
}

/** Remedies to state in a reply (行政复议法 2023 Art 20, 23; 行政诉讼法 Art 46). */
export function remediesText(outcome: Outcome, superior: string | null): string {
  const reviewBody = superior ? `${superior}` : '上一级主管部门';
  if (OUTCOMES[outcome].refusal)
    // 复议前置 for refusals (行政复议法 Art 23(4)); applied to 部分公开 too, the safe default (disclosure-law.md §9 item 7).
    return `如对本答复不服，可以自收到本告知书之日起六十日内向${reviewBody}申请行政复议；对行政复议决定不服的，可以依法提起行政诉讼（《中华人民共和国行政复议法》第二十条、第二十三条）。`;
  return `如对本答复不服，可以自收到本告知书之日起六十日内向${reviewBody}申请行政复议，或者自收到本告知书之日起六个月内向人民法院提起行政诉讼。`;
}
