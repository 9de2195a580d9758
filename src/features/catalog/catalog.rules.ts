import { allow, refuse, type Verdict } from '../../platform/errors/errors.js';
import type { DateString, WorkingCalendar } from '../calendar/calendar.rules.js';
import { DISCLOSURE_ATTRIBUTES, type DisclosureAttribute, type Validity } from './catalog.data.js';
import type { DocContent } from './catalog.content.js';

/**
 * The catalogue's rules, pure (time and the calendar are arguments): 发文字号 checking, 索引号
 * templates, 有效性 derived from dates, the document workflow as one transition table, and the two
 * timeliness checks (条例 Art 26; 三同步 of 政策解读). Source: shared/domain/catalog-and-key-areas.md.
 */

// ───────────────────────── 发文字号 ─────────────────────────

/**
 * 发文字号: 机关代字 + year in full-width 六角括号 〔〕 + number without leading zeros + 号
 * (GB/T 9704-2012 §7.2.3: 年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位).
 */
const DOC_NUMBER = /^([\u4e00-\u9fa5A-Za-z]{1,16})〔(\d{4})〕([1-9]\d{0,5})号$/;

export type DocNumberCheck = { ok: true; agency: string; year: number; n: number } | { ok: false; reason: string; suggestion: string | null };

export function checkDocNumber(raw: string): DocNumberCheck {
  const s = raw.trim();
  const m = DOC_NUMBER.exec(s);
  if (m) return { ok: true, agency: m[1], year: Number(m[2]), n: Number(m[3]) };
  // The usual slips: half-width or other brackets, 第 before the number, leading zeros.
  const loose = /^([\u4e00-\u9fa5A-Za-z]{1,16})\s*[[(（【〔［{]\s*(\d{4})\s*[\])）】〕］}]\s*第?\s*0*([1-9]\d{0,5})\s*号$/.exec(s);
  if (loose) return { ok: false, reason: '发文字号应写作“机关代字〔年份〕序号号”，年份用六角括号〔〕，序号不加“第”、不编虚位。', suggestion: `${loose[1]}〔${loose[2]}〕${loose[3]}号` };
  return { ok: false, reason: '发文字号格式不正确，应如“国烟法〔2021〕61号”。', suggestion: null };
}

// ───────────────────────── 索引号 ─────────────────────────

/** Tokens of an 索引号 template (§3; the default is the most common pattern, national standard UNCONFIRMED). */
export const DEFAULT_INDEX_TEMPLATE = '{orgCode}/{YYYY}-{seq:05d}';
const TOKEN = /\{(orgCode|YYYY|seq(?::0(\d)d)?)\}/g;

export function checkIndexTemplate(template: string): Verdict {
  if (!/\{seq(?::0\dd)?\}/.test(template)) return refuse('索引号模板须包含流水号 {seq} 或 {seq:05d}。');
  const rest = template.replace(TOKEN, '');
  if (/[{}]/.test(rest)) return refuse('索引号模板只能使用 {orgCode}、{YYYY}、{seq} 或 {seq:0Nd}。');
  if (template.length > 60) return refuse('索引号模板过长。');
  return allow;
}

/** Renders an 索引号: the sequence runs per organisation and year and restarts each year. */
export function renderIndexNo(template: string, v: { orgCode: string; year: number; seq: number }): string {
  return template.replace(TOKEN, (_, token: string, width?: string) => {
    if (token === 'orgCode') return v.orgCode;
    if (token === 'YYYY') return String(v.year);
    return width ? String(v.seq).padStart(Number(width), '0') : String(v.seq);
  });
}

// ───────────────────────── 有效性 ─────────────────────────

export interface ValidityInput {
  effectiveDate: DateString | null;
  repealDate: DateString | null;
  /** The end of a fixed validity period (行政规范性文件 often carry one). */
  expiryDate: DateString | null;
  /** A manual state with its reason wins over the dates (部分失效, 已修改 cannot be derived). */
  override: { validity: Validity; reason: string } | null;
}

/** 有效性 on a given day, derived from the dates where possible (§6). */
export function deriveValidity(v: ValidityInput, on: DateString): Validity {
  if (v.override) return v.override.validity;
  if (v.repealDate && v.repealDate <= on) return 'REPEALED';
  if (v.expiryDate && v.expiryDate < on) return 'EXPIRED';
  if (v.effectiveDate && v.effectiveDate > on) return 'NOT_YET_EFFECTIVE';
  return 'EFFECTIVE';
}

// ───────────────────────── workflow ─────────────────────────

export const DOC_STATUSES = {
  draft: '草稿',
  reviewing: '待审核',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  /** An earlier edition once a later one is published. */
  superseded: '已被新版本替代',
} as const;
export type DocStatus = keyof typeof DOC_STATUSES;

export type DocAction = 'submit' | 'approve' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'withdraw' | 'revise';

/**
 * The edition workflow (content-publisher's shape, STYLE.md §4): 草稿 → 待审核 → 已审核 → 已发布 or
 * 定时发布. A published document is revised by a new edition that goes through the same steps; it is
 * withdrawn with a public reason and keeps answering at its address with a notice (410).
 */
export const DOC_TRANSITIONS: Record<DocAction, { label: string; from: DocStatus[]; to: DocStatus; by: 'editor' | 'reviewer' }> = {
  submit: { label: '提交审核', from: ['draft'], to: 'reviewing', by: 'editor' },
  approve: { label: '审核通过', from: ['reviewing'], to: 'approved', by: 'reviewer' },
  return: { label: '退回修改', from: ['reviewing'], to: 'draft', by: 'reviewer' },
  publish: { label: '发布', from: ['approved'], to: 'published', by: 'editor' },
  schedule: { label: '定时发布', from: ['approved'], to: 'scheduled', by: 'editor' },
  unschedule: { label: '取消定时', from: ['scheduled'], to: 'approved', by: 'editor' },
  withdraw: { label: '撤回', from: ['published'], to: 'withdrawn', by: 'editor' },
  /** 修订 (and 废止, a validity change): a new edition, a draft copy of the published one. */
  revise: { label: '修订', from: ['published'], to: 'draft', by: 'editor' },
};
export const DOC_ACTIONS = Object.keys(DOC_TRANSITIONS) as DocAction[];

export function canTakeDoc(status: DocStatus, action: DocAction): Verdict {
  const t = DOC_TRANSITIONS[action];
  return t.from.includes(status) ? allow : refuse(`当前状态为“${DOC_STATUSES[status]}”，不能${t.label}。`);
}

export interface SubmitInput {
  title: string;
  disclosureAttribute: DisclosureAttribute | null;
  withholdReason: string;
  /** A policy document (规范性文件 and other policies that need 解读). */
  isPolicy: boolean;
  interpretationPlan: string;
}

/**
 * What an edition needs before it goes to review: the 公开属性 set at drafting (实施细则 §一(一)),
 * a legal reason for 不予公开, and for a policy its interpretation plan (三同步, §9).
 */
export function submitChecks(d: SubmitInput): Verdict {
  if (!d.disclosureAttribute) return refuse('请先确定公开属性（主动公开、依申请公开或不予公开）。');
  if (d.disclosureAttribute === 'NOT_DISCLOSED' && d.withholdReason.trim().length < 4) return refuse('不予公开须写明法律依据和理由。');
  if (d.isPolicy && d.interpretationPlan.trim().length < 10) return refuse('政策文件须与解读方案同步报审（三同步）：请填写解读方案。');
  return allow;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What a submission needs beyond the 公开属性 (§2 “Req.” column): the Art 12 catalogue fields
 * (名称, 内容概述, 生成日期), 主题分类, 公开目录 node, and for a 公文 a valid 发文字号 with its 成文日期;
 * an interpretation needs its form and the policy it explains (§9). Each problem names its field.
 */
export function completeness(c: DocContent, kind: 'DOCUMENT' | 'INTERPRETATION'): FieldProblem[] {
  const out: FieldProblem[] = [];
  const need = (field: string, ok: unknown, message: string) => !ok && out.push({ field, message });
  need('title', c.title.length >= 4, '请填写名称（至少 4 个字）');
  need('summary', c.summary.length >= 10, '请填写内容概述（至少 10 个字，条例第十二条）');
  need('generatedDate', c.generatedDate, '请填写生成日期');
  need('topic', c.topic, '请选择主题分类');
  need('catalogNodeId', c.catalogNodeId, '请选择公开目录');
  need('fiveOpen', c.fiveOpen, '请选择五公开类别');
  need('publisher', c.publisher, '请填写发布机构');
  need('bodyHtml', c.bodyHtml.replace(/<[^>]*>/g, '').trim().length >= 10 || c.attachmentIds.length > 0, '请填写正文或上传附件');
  if (kind === 'DOCUMENT') {
    need('genre', c.genre || c.contentType, '请选择公文种类，非公文请选择内容类型');
    if (c.genre) {
      need('writtenDate', c.writtenDate, '公文须填写成文日期');
      if (c.docNumber) {
        const n = checkDocNumber(c.docNumber);
        if (!n.ok) out.push({ field: 'docNumber', message: n.suggestion ? `${n.reason}是否应为“${n.suggestion}”？` : n.reason });
      }
    }
  } else {
    need('interpretation', c.interpretation, '请选择解读形式');
    need('interpretation.policyId', c.interpretation?.policyId, '政策解读须关联所解读的政策文件');
    if (c.interpretation && ['PRESS_CONFERENCE', 'BRIEFING'].includes(c.interpretation.form)) {
      need('interpretation.conference.date', c.interpretation.conference?.date, '发布会须填写举行日期');
      need('interpretation.conference.speakers', c.interpretation.conference?.speakers, '发布会须填写发布人');
    }
    if (c.interpretation?.form === 'DATA') need('interpretation.chart', (c.interpretation.chart?.rows.length ?? 0) >= 2, '数据解读须录入至少 2 项数据以生成图表');
  }
  if (c.repealDate && c.effectiveDate && c.repealDate < c.effectiveDate) out.push({ field: 'repealDate', message: '废止日期不能早于实施日期' });
  return out;
}

/** Only 主动公开 items reach the portal (实施细则 §一(一)); the others are kept as records. */
export function publishChecks(c: DocContent): Verdict {
  if (c.disclosureAttribute !== 'PROACTIVE') return refuse(`公开属性为“${c.disclosureAttribute ? DISCLOSURE_ATTRIBUTES[c.disclosureAttribute] : '未确定'}”的信息不在网站发布。`);
  return allow;
}

// ───────────────────────── timeliness ─────────────────────────

/** 条例 Art 26: published within 20 working days of the day the information was formed or changed. */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/** Working days past the Art 26 period (0 when on time). */
export function publishedLateBy(formedOn: DateString, publishedOn: DateString, cal: WorkingCalendar): number {
  return Math.max(0, cal.workingDaysBetween(formedOn, publishedOn) - PUBLISH_WITHIN_WORKING_DAYS);
}

/**
 * 三同步: an interpretation published more than `maxLag` working days after its policy is flagged.
 * The national 3-working-day figure is UNCONFIRMED (local rules only), so the lag is a setting.
 */
export const DEFAULT_INTERPRETATION_LAG = 3;
export function interpretationLateBy(policyPublishedOn: DateString, interpretationPublishedOn: DateString, cal: WorkingCalendar, maxLag = DEFAULT_INTERPRETATION_LAG): number {
  return Math.max(0, cal.workingDaysBetween(policyPublishedOn, interpretationPublishedOn) - maxLag);
}
