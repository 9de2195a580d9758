import { z } from 'zod';
import { ACTIONS, CATEGORIES, RATINGS, REFERRALS, STAFF_CHANNELS, STATUSES } from './messages.rules.js';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const uuid = z.string().uuid('编号无效');

/** The message as the writer fills it in; the same shape for the portal form and the public API. */
export const messageInput = z.object({
  category: z.enum(keys(CATEGORIES), { message: '请选择留言类别' }),
  subject: text(100, '标题').min(4, '请填写标题（至少 4 个字）'),
  content: text(3000, '留言内容').min(10, '请填写留言内容（至少 10 个字）'),
  name: text(50, '姓名').min(1, '请填写姓名'),
  phone: text(30, '联系电话').min(1, '请填写联系电话，以便答复和回访').regex(/^[0-9+\-()（） ]{7,30}$/, '联系电话格式不正确'),
  email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确').max(100)]).default(''),
  publishConsent: z
    .union([z.boolean(), z.enum(['1', '0', 'on', ''])])
    .default(false)
    .transform((v) => v === true || v === '1' || v === 'on'),
});
export type MessageInput = z.infer<typeof messageInput>;

export const publicMessageInput = messageInput.extend({
  orgCode: z.string().min(1, '请选择留言对象'),
  idempotencyKey: z.string().uuid('表单已过期，请刷新页面后重新提交'),
});

/** A message taken by phone (12313), letter, visit or new media, entered by staff; the caller may give no phone. */
export const registrationInput = messageInput.extend({
  channel: z.enum(STAFF_CHANNELS, { message: '请选择来源渠道' }),
  name: text(50, '姓名').min(1, '请填写姓名（匿名举报可填“匿名”）'),
  phone: z.union([z.literal(''), z.string().trim().regex(/^[0-9+\-()（） ]{7,30}$/, '联系电话格式不正确')]).default(''),
  idempotencyKey: z.string().uuid('请刷新页面后重新提交'),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** Per-action data; each is checked before the transition table. */
export const actionData = {
  accept: z.object({ departmentId: uuid.nullable().default(null), note: text(500, '备注').default('') }),
  decline: z.object({ reason: text(500, '不予受理的理由').min(4, '请写明不予受理的理由，留言人会看到'), referral: z.enum(keys(REFERRALS), { message: '请选择转介渠道' }) }),
  transfer: z.object({ toOrgId: uuid.nullable().default(null), toDepartmentId: uuid.nullable().default(null), due: day.nullable().default(null), note: text(500, '转办说明').default('') }),
  send_back: z.object({ reason: text(500, '退回理由').min(4, '请写明退回理由') }),
  extend: z.object({ days: z.number().int().min(1, '延期至少 1 个工作日').max(60), reason: text(500, '延期理由').min(4, '请写明延期理由') }),
  draft_reply: z.object({ body: text(5000, '答复内容').min(10, '请填写答复内容（至少 10 个字）') }),
  approve_reply: z.object({ comment: text(500, '审核意见').default('') }),
  return_reply: z.object({ comment: text(500, '退回理由').min(2, '请填写退回修改的理由') }),
  send_reply: z.object({}),
  follow_up: z.object({ method: text(30, '回访方式').min(1, '请填写回访方式（电话、短信等）'), result: text(500, '回访结果').min(2, '请填写回访结果') }),
  merge: z.object({ intoId: uuid }),
} satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

export const actionInput = z.object({ action: z.enum(ACTIONS as [string, ...string[]], { message: '操作无效' }), data: z.record(z.string(), z.unknown()).default({}) });

export const listQuery = z.object({
  status: z.enum(['open', 'due_soon', 'overdue', 'veto', 'closed', 'all', ...keys(STATUSES)]).default('open'),
  category: z.enum(keys(CATEGORIES)).optional(),
  q: z.string().trim().max(60).optional().describe('留言编号，或标题、内容中的文字'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const summaryOut = z.object({
  id: z.string(),
  receiptNo: z.string(),
  channel: z.string(),
  category: z.string(),
  subject: z.string(),
  status: z.string(),
  originOrgId: z.string(),
  originOrgName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  answeredOn: z.string().nullable(),
  vetoOn: z.string(),
  vetoWarning: z.enum(['approaching', 'exceeded']).nullable(),
  rating: z.string().nullable(),
  published: z.boolean(),
  mergedInto: z.string().nullable(),
});

const eventOut = z.object({ seq: z.number().int(), action: z.string(), label: z.string(), on: z.string(), at: z.string(), orgName: z.string(), actorName: z.string(), public: z.boolean(), data: z.record(z.string(), z.unknown()) });
const handOffOut = z.object({ on: z.string(), action: z.string(), fromOrgName: z.string(), toOrgName: z.string(), toDepartmentName: z.string().nullable(), due: z.string().nullable(), reason: z.string() });

export const messageOut = summaryOut.extend({
  content: z.string(),
  writer: z.object({ name: z.string(), phone: z.string(), email: z.string() }),
  publishConsent: z.boolean(),
  reply: z.object({ body: z.string(), orgName: z.string(), returnedNote: z.string().optional(), approvedBy: z.string().optional() }).nullable(),
  ratingComment: z.string().nullable(),
  publicText: z.object({ subject: z.string(), content: z.string(), reply: z.string() }).nullable(),
  deadlines: z.object({
    receivedOn: z.string(),
    acceptBy: z.string(),
    acceptedOn: z.string().nullable(),
    transferBy: z.string().nullable(),
    answerBy: z.string().nullable(),
    extensionDays: z.number().int(),
    answeredOn: z.string().nullable(),
    followUpBy: z.string().nullable(),
    vetoOn: z.string(),
    due: z.string().nullable(),
    handlerDueOn: z.string().nullable(),
    calendarMissing: z.number().int().nullable(),
  }),
  events: z.array(eventOut),
  handOffs: z.array(handOffOut),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int() })),
  actions: z.array(z.object({ action: z.string(), label: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
  duplicates: z.array(z.object({ id: z.string(), receiptNo: z.string(), subject: z.string(), status: z.string(), receivedOn: z.string(), reason: z.enum(['same_writer', 'similar']), similarity: z.number() })),
  mergedHere: z.array(z.object({ id: z.string(), receiptNo: z.string(), subject: z.string() })),
  transferTargets: z.object({ organisations: z.array(z.object({ id: z.string(), name: z.string() })), departments: z.array(z.object({ id: z.string(), name: z.string() })) }),
  checks: z.array(z.object({ text: z.string(), category: z.string(), kind: z.string(), suggestion: z.string(), blocking: z.boolean() })),
  canPublish: z.boolean(),
  today: z.string(),
});

export const publishInput = z.object({
  subject: text(100, '公开标题').min(4, '请填写公开的标题'),
  content: text(3000, '公开的留言内容').min(4, '请填写公开的留言内容'),
  reply: text(5000, '公开的答复内容').min(4, '请填写公开的答复内容'),
});

export const settingsInput = z.object({
  acceptDays: z.number().int().min(0).max(5),
  transferDays: z.number().int().min(0).max(10),
  answerDays: z.object({ consult: z.number().int().min(1).max(60), suggest: z.number().int().min(1).max(60), complain: z.number().int().min(1).max(60), report: z.number().int().min(1).max(60) }),
  extensionMaxDays: z.number().int().min(1).max(60),
  followUpDays: z.number().int().min(1).max(30),
  vetoWarnDays: z.number().int().min(1).max(60),
});

export const trackInput = z.object({ receiptNo: z.string().trim().min(5, '请填写留言编号').max(40), code: z.string().trim().min(4, '请填写查询码').max(20) });
export const rateInput = trackInput.extend({
  rating: z.enum(keys(RATINGS), { message: '请选择满意度' }),
  comment: text(500, '评价意见').default(''),
});

export const statsQuery = z.object({ from: day, to: day });
