import { PII_TYPES } from '../review/pii.rules.js';
import { z } from 'zod';
import { VALIDITY } from './catalog.data.js';
import { docContentSchema, guideSchema } from './catalog.content.js';
import { DOC_ACTIONS } from './catalog.rules.js';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const uuid = z.string().uuid('编号无效');
const kind = z.enum(['DOCUMENT', 'INTERPRETATION'], { message: '类型无效' });

export const idParams = z.object({ id: uuid });
export const fileParams = z.object({ id: uuid, fileId: uuid });

export const listQuery = z.object({
  orgId: uuid.optional(),
  status: z.enum(['all', 'late', 'mine', 'draft', 'reviewing', 'approved', 'scheduled', 'published', 'withdrawn']).default('all'),
  kind: kind.optional(),
  q: z.string().trim().max(60).optional().describe('索引号、名称或发文字号中的文字'),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('创建年份'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const flags = z.object({ lateDays: z.number().int(), dueBy: z.string().nullable(), interpretationLateDays: z.number().int(), missingInterpretation: z.boolean() });

export const summaryOut = flags.extend({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind,
  indexNo: z.string().nullable(),
  title: z.string(),
  docNumber: z.string(),
  genre: z.string().nullable(),
  topic: z.string().nullable(),
  disclosureAttribute: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  edition: z.number().int(),
  generatedDate: z.string().nullable(),
  formedOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const createInput = z.object({ orgId: uuid.optional().describe('默认为当前机构'), kind, content: docContentSchema });
export const saveInput = z.object({
  baseRevisionId: uuid.describe('编辑所基于的修订版本；期间他人已保存时返回 409'),
  content: docContentSchema,
  changeNote: z.string().trim().max(500, '修订说明不能超过 500 个字').optional().describe('修订版（第 2 版起）的公开修订说明'),
});
export const actionInput = z.object({
  action: z.enum(DOC_ACTIONS as [string, ...string[]], { message: '操作无效' }),
  timing: z.enum(['now', 'at', 'hold'], { message: '公开时机无效' }).optional().describe('最后一个审核环节通过时的公开时机：立即发布、定时发布（at）或暂不发布'),
  override: z.string().trim().max(500, '理由不能超过 500 个字').optional().describe('保密审查环节放行保密审查问题的理由'),
  comment: z.string().trim().max(1000, '意见不能超过 1000 个字').optional(),
  at: z.string().datetime({ offset: true, message: '发布时间格式无效' }).optional().describe('定时发布的时间（ISO 8601）'),
  reason: z.string().trim().max(500, '撤回理由不能超过 500 个字').optional().describe('撤回理由，在原网址公开'),
});
export const fileInput = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  contentBase64: z.string().min(1, '文件为空').describe('文件内容（base64）：PDF、DOCX、XLSX、JPG 或 PNG，不超过 20 MB'),
});
export const fileOut = z.object({ id: z.string(), fileName: z.string(), type: z.string(), size: z.number().int() });

export const docOut = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgCode: z.string(),
  kind,
  indexNo: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  edition: z.object({ id: z.string(), number: z.number().int(), status: z.string(), scheduledAt: z.string().nullable(), publishedAt: z.string().nullable(), changeNote: z.string() }),
  revisionId: z.string(),
  content: docContentSchema,
  editions: z.array(z.object({ id: z.string(), number: z.number().int(), status: z.string(), statusLabel: z.string(), publishedAt: z.string().nullable(), changeNote: z.string() })),
  revisions: z.array(z.object({ id: z.string(), number: z.number().int(), edition: z.number().int(), createdByName: z.string(), createdAt: z.string() })),
  history: z.array(z.object({ action: z.string(), label: z.string(), status: z.string(), comment: z.string(), actorName: z.string(), at: z.string() })),
  files: z.array(fileOut.extend({ createdAt: z.string() })),
  flags,
  findings: z.array(z.object({ check: z.string(), message: z.string(), blocking: z.boolean() })),
  publicStatus: z.string().nullable(),
  publicUrl: z.string().nullable().describe('网站上的永久网址（已发布或已撤回时）'),
  withdrawalReason: z.string().nullable(),
  explains: z.object({ id: z.string(), title: z.string(), status: z.string() }).nullable(),
  interpretations: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.string() })),
  actions: z.array(z.object({ action: z.string(), label: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
  mayEdit: z.boolean(),
  today: z.string(),
});

export const compareQuery = z.object({ from: uuid, to: uuid });
export const compareOut = z.object({
  from: z.object({ id: z.string(), number: z.number().int(), createdAt: z.string(), by: z.string() }),
  to: z.object({ id: z.string(), number: z.number().int(), createdAt: z.string(), by: z.string() }),
  fields: z.array(z.object({ key: z.string(), label: z.string(), parts: z.array(z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) })) })),
});

export const settingsInput = z.object({
  indexTemplate: z.string().trim().min(1, '请填写索引号模板').max(60),
  indexYearBasis: z.enum(['published', 'generated']).default('published'),
  interpretationLag: z.number().int().min(0, '不能为负数').max(60, '不超过 60 个工作日'),
  guide: guideSchema,
  rulesText: z.string().max(50_000, '公开制度不能超过 5 万字').default(''),
  approvalChains: z
    .array(
      z.object({
        name: z.string().trim().min(1, '请填写流程名称').max(40, '流程名称不能超过 40 个字'),
        appliesTo: z.array(z.string().max(40)).max(40).default([]).describe('适用的公文种类或内容类型；为空则适用于其他所有内容'),
        steps: z
          .array(z.object({ name: z.string().trim().min(1, '请填写环节名称').max(30, '环节名称不能超过 30 个字'), userIds: z.array(uuid).max(20).default([]).describe('指定审核人；为空则本机构任一审核员'), secrecy: z.boolean().default(false).describe('保密审查环节：可写明理由放行保密审查问题') }))
          .min(1, '每个审核流程至少一个环节')
          .max(6, '审核环节不超过 6 个'),
        profile: z.string().default('default').describe('脱敏规则'),
      }),
    )
    .max(20, '审核流程不超过 20 个')
    .default([]),
});
export const settingsOut = settingsInput.extend({
  guideReviewedAt: z.string().nullable(),
  isDefault: z.boolean(),
  defaults: z.object({ indexTemplate: z.string(), interpretationLag: z.number().int() }),
  reviewers: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })).describe('本机构审核员，供审核环节指定'),
  profiles: z.array(z.object({ key: z.string(), label: z.string(), note: z.string() })).describe('可选的脱敏规则'),
});

export const nodeInput = z.object({ name: z.string().trim().min(1, '请填写目录名称').max(40, '目录名称不能超过 40 个字'), parentId: uuid.nullable().default(null), sortOrder: z.number().int().min(0).max(9999).default(0) });
export const nodeOut = z.object({ id: z.string(), orgId: z.string(), parentId: z.string().nullable(), name: z.string(), sortOrder: z.number().int() });
export const orgParams = z.object({ orgId: uuid });
export const nodeParams = z.object({ orgId: uuid, id: uuid });

export const importInput = z.object({
  orgId: uuid.optional(),
  sheetName: z.string().trim().min(1, '请提供表格文件名').max(200),
  sheetBase64: z.string().min(1, '请上传目录表格（XLSX 或 CSV）'),
  zipBase64: z.string().optional().describe('附件压缩包（ZIP），表格“附件”列写其中的文件名，多个用“；”分隔'),
  dryRun: z.boolean().default(true),
});
export const importOut = z.object({
  dryRun: z.boolean(),
  rows: z.array(z.object({ row: z.number().int(), title: z.string(), problems: z.array(z.string()), id: z.string().nullable() })),
  created: z.number().int(),
  problems: z.number().int(),
});

/** Open data: the public list. */
export const publicQuery = z.object({
  org: z.string().max(40).optional().describe('机构代码；省略则为全部机构'),
  column: z.enum(['xxgk', 'zcjd']).optional().describe('xxgk 法定主动公开内容；zcjd 政策解读'),
  topic: z.string().max(5).optional(),
  fiveOpen: z.string().max(20).optional(),
  genre: z.string().max(20).optional().describe('公文种类或内容类型'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  validity: z.enum(keys(VALIDITY)).optional(),
  cursor: z.string().max(200).optional().describe('上一页返回的 nextCursor'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const publicItemOut = z.object({
  id: z.string(),
  url: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  indexNo: z.string(),
  title: z.string(),
  summary: z.string(),
  docNumber: z.string(),
  topic: z.string(),
  topicLabel: z.string().nullable(),
  genre: z.string().nullable(),
  contentType: z.string().nullable(),
  fiveOpen: z.string().nullable(),
  generatedDate: z.string(),
  publishedAt: z.string(),
  firstPublishedAt: z.string(),
  effectiveDate: z.string().nullable(),
  repealDate: z.string().nullable(),
  validity: z.string(),
  validityLabel: z.string(),
  edition: z.number().int(),
});
export const publicListOut = z.object({ items: z.array(publicItemOut), nextCursor: z.string().nullable() });

const piiType = z.enum(PII_TYPES);
const chainOut = z.object({ name: z.string(), appliesTo: z.array(z.string()), steps: z.array(z.object({ name: z.string(), userIds: z.array(z.string()), secrecy: z.boolean() })), profile: z.string() });
const decisionOut = z.object({ action: z.enum(['mask', 'keep']), reason: z.string(), userId: z.string().nullable(), name: z.string(), at: z.string() });
export const reviewOut = z.object({
  status: z.string(),
  chain: chainOut,
  step: z.number().int().describe('当前环节（从 0 起）'),
  approvals: z.array(z.object({ step: z.number().int(), stepName: z.string(), userId: z.string().nullable(), name: z.string(), at: z.string(), comment: z.string() })),
  override: z.object({ userId: z.string().nullable(), name: z.string(), at: z.string(), reason: z.string(), step: z.number().int() }).nullable(),
  published: z
    .object({ at: z.string(), profile: z.string(), masked: z.array(z.object({ key: z.string(), type: piiType, as: z.string(), occurrences: z.number().int() })), kept: z.array(z.object({ key: z.string(), type: piiType, reason: z.string() })), files: z.array(z.object({ from: z.string(), to: z.string(), fileName: z.string() })) })
    .nullable()
    .describe('发布时记录的去标识化情况'),
  profile: z.object({ key: z.string(), label: z.string(), note: z.string() }),
  canAct: z.boolean(),
  isLastStep: z.boolean(),
  findings: z.array(z.object({ key: z.string(), type: piiType, text: z.string(), masked: z.string(), occurrences: z.number().int(), where: z.array(z.string()), decision: decisionOut.nullable() })),
  pieces: z.array(z.object({ where: z.string(), text: z.string(), truncated: z.boolean(), spans: z.array(z.object({ start: z.number().int(), end: z.number().int(), type: piiType, text: z.string(), key: z.string() })) })),
  gate: z.array(z.object({ check: z.string(), message: z.string(), blocking: z.boolean() })),
  blockers: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), type: z.string(), toMask: z.number().int(), outcome: z.enum(['unchanged', 'masked_copy', 'blocked']) })),
  diff: z.array(z.object({ label: z.string(), parts: z.array(z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) })) })),
  maskedBodyHtml: z.string(),
  links: z.array(z.string()).describe('正文和附件中的链接，可用 POST /review/links 检查'),
});
export const decisionInput = z.object({
  key: z.string().regex(/^[A-Z_]+:[0-9a-f]{16}$/, '发现编号无效'),
  action: z.enum(['mask', 'keep'], { message: '决定无效' }),
  reason: z.string().trim().max(300, '理由不能超过 300 个字').default(''),
});
