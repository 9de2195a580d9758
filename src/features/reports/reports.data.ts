import { APPLICANT_TYPES, type ApplicantType, type WithholdReason } from '../requests/requests.rules.js';

/**
 * The statutory annual report's tables (政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号;
 * ../shared/domain/annual-report.md §2–§4): row and column keys with their exact labels. The keys
 * are the machine keys of the domain file and of `GET /api/v1/annual-reports/{orgCode}/{year}`.
 */

export const TEMPLATE_VERSION = '国办公开办函〔2021〕30号';

/** Table 三's seven columns (§3.1): six applicant types and 总计; no 法人或其他组织 subtotal. */
export const APPLICANT_COLUMNS = [...(Object.keys(APPLICANT_TYPES) as ApplicantType[]), 'TOTAL'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
export const COLUMN_LABELS: Record<ApplicantColumn, string> = { ...APPLICANT_TYPES, OTHER_ORG: '其他', TOTAL: '总计' };

/** Table 三's rows in order (§3.2): key, exact label, and the group they sit in. */
export const APPLICATION_ROWS = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', group: null },
  { key: 'carriedIn', label: '二、上年结转政府信息公开申请数量', group: null },
  { key: 'disclosed', label: '（一）予以公开', group: '三、本年度办理结果' },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', group: '三、本年度办理结果' },
  { key: 'withheld.stateSecret', label: '1.属于国家秘密', group: '（三）不予公开' },
  { key: 'withheld.lawProhibited', label: '2.其他法律行政法规禁止公开', group: '（三）不予公开' },
  { key: 'withheld.threeSecurityOneStability', label: '3.危及“三安全一稳定”', group: '（三）不予公开' },
  { key: 'withheld.thirdParty', label: '4.保护第三方合法权益', group: '（三）不予公开' },
  { key: 'withheld.internalAffairs', label: '5.属于三类内部事务信息', group: '（三）不予公开' },
  { key: 'withheld.processInfo', label: '6.属于四类过程性信息', group: '（三）不予公开' },
  { key: 'withheld.enforcementFile', label: '7.属于行政执法案卷', group: '（三）不予公开' },
  { key: 'withheld.adminQuery', label: '8.属于行政查询事项', group: '（三）不予公开' },
  { key: 'unable.notHeld', label: '1.本机关不掌握相关政府信息', group: '（四）无法提供' },
  { key: 'unable.needsCreation', label: '2.没有现成信息需要另行制作', group: '（四）无法提供' },
  { key: 'unable.unclearAfterCorrection', label: '3.补正后申请内容仍不明确', group: '（四）无法提供' },
  { key: 'notProcessed.petition', label: '1.信访举报投诉类申请', group: '（五）不予处理' },
  { key: 'notProcessed.repeat', label: '2.重复申请', group: '（五）不予处理' },
  { key: 'notProcessed.publication', label: '3.要求提供公开出版物', group: '（五）不予处理' },
  { key: 'notProcessed.massUnreasonable', label: '4.无正当理由大量反复申请', group: '（五）不予处理' },
  { key: 'notProcessed.confirmOrReissue', label: '5.要求行政机关确认或重新出具已获取信息', group: '（五）不予处理' },
  { key: 'other.noCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', group: '（六）其他处理' },
  { key: 'other.unpaidFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', group: '（六）其他处理' },
  { key: 'other.other', label: '3.其他', group: '（六）其他处理' },
  { key: 'resultTotal', label: '（七）总计', group: '三、本年度办理结果' },
  { key: 'carriedOut', label: '四、结转下年度继续办理', group: null },
] as const;
export type ApplicationRow = (typeof APPLICATION_ROWS)[number]['key'];

/** The 22 result rows of 三 other than （七）总计: each concluded case counts in exactly one (R2). */
export const RESULT_ROWS = APPLICATION_ROWS.filter((r) => r.group !== null && r.key !== 'resultTotal').map((r) => r.key) as Exclude<ApplicationRow, 'newReceived' | 'carriedIn' | 'resultTotal' | 'carriedOut'>[];
export type ResultRow = (typeof RESULT_ROWS)[number];

/** A 不予公开 case's row by its (first) legal reason (§3.4). */
export const WITHHELD_ROWS: Record<WithholdReason, ResultRow> = {
  STATE_SECRET: 'withheld.stateSecret',
  LAW_PROHIBITED: 'withheld.lawProhibited',
  THREE_SECURITY_ONE_STABILITY: 'withheld.threeSecurityOneStability',
  THIRD_PARTY_RIGHTS: 'withheld.thirdParty',
  INTERNAL_AFFAIRS: 'withheld.internalAffairs',
  PROCESS_INFO: 'withheld.processInfo',
  ENFORCEMENT_CASE_FILE: 'withheld.enforcementFile',
  ADMIN_QUERY: 'withheld.adminQuery',
};

/** Table 四 (§4): three groups of five cells. */
export const APPEAL_GROUPS = { review: '行政复议', litigationDirect: '行政诉讼（未经复议直接起诉）', litigationAfterReview: '行政诉讼（复议后起诉）' } as const;
export type AppealGroup = keyof typeof APPEAL_GROUPS;
export const APPEAL_RESULTS = { maintained: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' } as const;
export type AppealResult = keyof typeof APPEAL_RESULTS;

/** The 2019 trial format (国办公开办函〔2019〕60号), for entering the 2019 and 2020 reports by hand (§7). */
export const TRIAL_TEMPLATE_VERSION = '国办公开办函〔2019〕60号（试行）';
export const TRIAL_LAST_YEAR = 2020;
/** Table 二 of the trial format: its own rows and columns (keys prefixed `trial.`). */
export const TRIAL_ACTIVE_KEYS = [
  ...['regulations', 'normativeDocs'].flatMap((r) => ['made', 'published', 'total'].map((m) => `trial.art20_1.${r}.${m}`)),
  ...['licensing', 'otherServices'].flatMap((r) => ['lastYear', 'change', 'decisions'].map((m) => `trial.art20_5.${r}.${m}`)),
  ...['penalty', 'coercion'].flatMap((r) => ['lastYear', 'change', 'decisions'].map((m) => `trial.art20_6.${r}.${m}`)),
  'trial.art20_8.fees.lastYear',
  'trial.art20_8.fees.change',
  'trial.art20_9.procurement.projects',
  'trial.art20_9.procurement.amount',
] as const;
