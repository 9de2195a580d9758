import { z } from 'zod';
import { validIdCard } from '../review/pii.rules.js';
import { ACTIONS, APPLICANT_TYPES, CHANNELS, DELIVERY, ID_DOC_TYPES, PROVISION_FORMS, REPLY_OUTCOMES, STATUSES, WITHHOLD_REASONS } from './requests.rules.js';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

/** The application as the applicant fills it in (条例 Art 29 para 2); the same shape for the form, the API and staff registration. */
export const applicationInput = z
  .object({
    applicantType: z.enum(keys(APPLICANT_TYPES), { message: '请选择申请人类型' }),
    name: text(100, '姓名或名称').min(2, '请填写申请人姓名或名称'),
    contactPerson: text(50, '联系人').default(''),
    idType: z.enum(keys(ID_DOC_TYPES), { message: '请选择证件类型' }),
    idNumber: text(40, '证件号码').min(4, '请填写证件号码').transform((s) => s.replace(/\s/g, '').toUpperCase()),
    phone: text(30, '联系电话').min(1, '请填写联系电话').regex(/^[0-9+\-()（） ]{7,30}$/, '联系电话格式不正确'),
    email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确').max(100)]).default(''),
    address: text(200, '通信地址').default(''),
    postcode: z.union([z.literal(''), z.string().trim().regex(/^\d{6}$/, '邮政编码应为 6 位数字')]).default(''),
    infoTitle: text(200, '信息名称').default(''),
    infoDocNo: text(100, '文号').default(''),
    infoDescription: text(2000, '所需信息的描述').min(4, '请描述所需的政府信息（名称、文号或便于查询的特征性描述）'),
    purpose: text(500, '用途').default(''),
    provisionForm: z.enum(keys(PROVISION_FORMS), { message: '请选择信息的提供形式' }),
    delivery: z.enum(keys(DELIVERY), { message: '请选择获取信息的方式' }),
  })
  .superRefine((v, ctx) => {
    // 居民身份证 numbers carry a GB 11643 check digit.
    if (v.idType === 'ID_CARD' && !validIdCard(v.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '居民身份证号码无效，请核对（18 位，最后一位可能是 X）' });
    if (v.idType === 'CREDIT_CODE' && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '统一社会信用代码应为 18 位' });
    if (v.applicantType === 'NATURAL_PERSON' && v.idType === 'CREDIT_CODE') ctx.addIssue({ code: 'custom', path: ['idType'], message: '自然人请选择个人身份证件' });
    if (v.delivery === 'EMAIL' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件获取时请填写电子邮箱' });
    if (v.delivery === 'POST' && !v.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '选择邮寄时请填写通信地址' });
  });
export type ApplicationInput = z.infer<typeof applicationInput>;

export const publicApplicationInput = z.intersection(applicationInput, z.object({ orgCode: z.string().min(1, '请选择受理机关'), idempotencyKey: z.string().uuid('表单已过期，请刷新页面后重新提交') }));

export const registrationInput = z.intersection(
  applicationInput,
  z.object({
    channel: z.enum(keys(CHANNELS), { message: '请选择申请渠道' }),
    arrivedOn: day.describe('到达本机关的日期；当面提交和签收邮件即为收到申请之日'),
    idempotencyKey: z.string().uuid('请刷新页面后重新提交'),
  }),
);

const uuid = z.string().uuid('编号无效');
/** Per-action data; each is checked before the transition table and the clock rules. */
export const actionData = {
  confirm: z.object({ confirmedOn: day, method: text(30, '确认方式').min(1, '请填写确认方式（电话、短信、电子邮件等）'), note: text(500, '备注').default('') }),
  request_correction: z.object({ items: z.array(text(300, '补正事项').min(2)).min(1, '请列明需要补正的全部事项').max(20), correctionDueBy: day, note: text(500, '备注').default('') }),
  receive_correction: z.object({ receivedOn: day, note: text(500, '备注').default('') }),
  assign: z.object({ departmentId: uuid.nullable().default(null), officerId: uuid.nullable().default(null) }),
  start_consultation: z.object({ kind: z.enum(['third_party', 'agency'], { message: '请选择征求意见的对象' }), party: text(200, '征求意见对象').min(2, '请填写征求意见的对象'), note: text(500, '备注').default('') }),
  end_consultation: z.object({ result: z.enum(['agree', 'disagree', 'no_reply'], { message: '请选择征求意见结果' }), note: text(500, '备注').default('') }),
  extend: z.object({ days: z.number().int().min(1, '延长期限至少 1 个工作日').max(20, '延长期限最长 20 个工作日'), approvedBy: text(50, '批准人').min(2, '请填写同意延期的负责人'), reason: text(500, '延期理由').min(2, '请填写延期理由') }),
  ask_reasons: z.object({ note: text(500, '说明').min(2, '请说明要求申请人说明的事项') }),
  set_deadline: z.object({ due: day, reason: text(500, '理由').min(2, '请填写确定该期限的理由') }),
  fee_notice: z.object({ method: z.enum(['per_application', 'per_volume'], { message: '请选择计费方式' }), pages: z.number().int().min(1).max(100000).optional(), receivedOn: day.optional() }),
  fee_paid: z.object({ paidOn: day, voucherNo: text(60, '票据号').min(2, '请填写财政票据号') }),
  draft_reply: z.object({
    outcome: z.enum(REPLY_OUTCOMES as [string, ...string[]], { message: '请选择答复类型' }),
    reasons: z.array(z.enum(keys(WITHHOLD_REASONS))).default([]),
    body: text(5000, '答复说明').default(''),
    documents: text(2000, '提供的信息').default(''),
  }),
  submit_reply: z.object({}),
  approve_reply: z.object({ comment: text(500, '审核意见').default('') }),
  return_reply: z.object({ comment: text(500, '退回理由').min(2, '请填写退回理由') }),
  deliver: z.object({ method: z.enum(keys(DELIVERY), { message: '请选择送达方式' }), deliveredOn: day, proof: text(200, '送达凭证').default('') }),
  archive: z.object({}),
  withdraw: z.object({ note: text(500, '撤回说明').default('') }),
  abandon: z.object({ reason: z.enum(['no_correction', 'unpaid'], { message: '请选择终止理由' }) }),
  note: z.object({ text: text(2000, '备注').min(1, '请填写备注') }),
} satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

export const actionInput = z.object({ action: z.enum(ACTIONS as [string, ...string[]], { message: '操作无效' }), data: z.record(z.string(), z.unknown()).default({}) });

export const listQuery = z.object({
  status: z.enum(['open', 'due_soon', 'overdue', 'concluded', 'all', ...keys(STATUSES)]).default('open'),
  q: z.string().trim().max(60).optional().describe('受理编号或所需信息中的文字'),
  orgId: z.string().uuid().optional().describe('机构（默认当前机构；督查考核员可选下级机构）'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const clockOut = z.object({
  receivedOn: z.string().nullable(),
  due: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  paused: z.string().nullable(),
  extensionDays: z.number().int(),
  pausedDays: z.number().int(),
  correctionIssueBy: z.string().nullable(),
  correctionDueBy: z.string().nullable(),
  consultationReplyBy: z.string().nullable(),
  feePayBy: z.string().nullable(),
  art35Due: z.string().nullable(),
  calendarMissing: z.number().int().nullable().describe('答复期限落入尚未录入节假日安排的年度时为该年度'),
  changes: z.array(z.object({ on: z.string(), reason: z.string(), due: z.string().nullable() })),
});

export const caseSummaryOut = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  receiptNo: z.string(),
  channel: z.string(),
  applicantType: z.string(),
  applicantName: z.string(),
  subject: z.string(),
  status: z.string(),
  arrivedOn: z.string(),
  receivedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  paused: z.string().nullable(),
  outcome: z.string().nullable(),
  concludedOn: z.string().nullable(),
  officerName: z.string(),
});

export const eventOut = z.object({ seq: z.number().int(), action: z.string(), label: z.string(), on: z.string(), at: z.string(), actorName: z.string(), public: z.boolean(), data: z.record(z.string(), z.unknown()) });
export const letterOut = z.object({ kind: z.string(), title: z.string(), forApplicant: z.boolean() });
export const appealOut = z.object({ id: z.string(), kind: z.enum(['reconsideration', 'litigation']), filedOn: z.string(), body: z.string(), result: z.string(), concludedOn: z.string().nullable(), note: z.string() });
export const availableOut = z.object({ action: z.string(), label: z.string(), allowed: z.boolean(), reason: z.string().nullable() });

export const caseOut = caseSummaryOut.extend({
  applicant: z.object({ name: z.string(), contactPerson: z.string(), idType: z.string(), idNumber: z.string(), phone: z.string(), email: z.string(), address: z.string(), postcode: z.string() }),
  infoTitle: z.string(),
  infoDocNo: z.string(),
  infoDescription: z.string(),
  purpose: z.string(),
  provisionForm: z.string(),
  delivery: z.string(),
  departmentId: z.string().nullable(),
  officerId: z.string().nullable(),
  reply: z.object({ outcome: z.string(), reasons: z.array(z.string()), body: z.string(), documents: z.string(), returnedNote: z.string().optional() }).nullable(),
  letterNo: z.string().nullable(),
  clock: clockOut,
  events: z.array(eventOut),
  actions: z.array(availableOut),
  letters: z.array(letterOut),
  files: z.array(z.object({ id: z.string(), kind: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int() })),
  appeals: z.array(appealOut),
  feeQuote: z.object({ perApplication: z.number(), nthThisMonth: z.number().int() }),
  checks: z.array(z.object({ text: z.string(), category: z.string(), kind: z.string(), suggestion: z.string(), blocking: z.boolean() })),
  feePausesClock: z.boolean().describe('缴费期间是否暂停计算答复期限（设置项 REQUEST_FEE_PAUSES_CLOCK）'),
  today: z.string().describe('服务器所在时区（北京时间）的当天日期，供表单默认值使用'),
});

export const appealInput = z.object({
  kind: z.enum(['reconsideration', 'litigation'], { message: '请选择行政复议或行政诉讼' }),
  filedOn: day,
  body: text(100, '复议机关或法院').min(2, '请填写复议机关或受理法院'),
  result: z.enum(['pending', 'maintained', 'corrected', 'other'], { message: '结果无效' }).default('pending'),
  concludedOn: day.nullable().default(null),
  note: text(500, '备注').default(''),
});

export const trackInput = z.object({ receiptNo: z.string().trim().min(5, '请填写受理编号').max(40), code: z.string().trim().min(4, '请填写查询码').max(20) });
