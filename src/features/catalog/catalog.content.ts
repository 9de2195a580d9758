import { z } from 'zod';
import { CONTENT_TYPES, DISCLOSURE_ATTRIBUTES, FIVE_OPEN, GENRES, INTERPRETATION_FORMS, TOPIC_LABELS, VALIDITY } from './catalog.data.js';

/**
 * The content of a catalogue item as one revision holds it: the metadata of
 * shared/domain/catalog-and-key-areas.md §2 with its canonical keys, the body and the attachments.
 * A draft may be incomplete; what a submission needs is checked by `completeness()` in the rules.
 */
const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A date or nothing ('' from a cleared form field counts as nothing; `normaliseDates` turns it into null). */
const optDay = z.union([day, z.literal('')]).nullable().default(null);
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const uuid = z.string().uuid('编号无效');

export const DOC_CLASSES = { NORMATIVE: '行政规范性文件', REGULATION: '规章', OTHER: '其他文件' } as const;
export type DocClass = keyof typeof DOC_CLASSES;

/** A 新闻发布会 or 吹风会 record (§9): date, speakers, transcript and the media present. */
export const conferenceSchema = z.object({
  date: optDay,
  speakers: text(300, '发布人').default(''),
  transcript: text(50_000, '发布实录').default(''),
  media: text(300, '出席媒体').default(''),
});

/** 数据解读: the figures the editor enters; the portal draws the chart from them and shows them as a table. */
export const chartSchema = z.object({
  title: text(80, '图表标题').default(''),
  unit: text(20, '单位').default(''),
  rows: z
    .array(z.object({ label: text(30, '项目').min(1, '请填写项目名称'), value: z.number({ message: '数值须为数字' }).finite() }))
    .max(24, '图表最多 24 项')
    .default([]),
});

export const interpretationSchema = z.object({
  form: z.enum(keys(INTERPRETATION_FORMS), { message: '请选择解读形式' }),
  /** The policy it explains (required before submission). */
  policyId: uuid.nullable().default(null),
  conference: conferenceSchema.nullable().default(null),
  chart: chartSchema.nullable().default(null),
});

export const docContentSchema = z.object({
  title: text(200, '名称').default(''),
  summary: text(1000, '内容概述').default(''),
  publisher: text(100, '发布机构').default(''),
  jointPublishers: z.array(text(100, '联合发文单位').min(1)).max(10).default([]),
  docNumber: text(40, '发文字号').default(''),
  writtenDate: optDay,
  generatedDate: optDay,
  effectiveDate: optDay,
  repealDate: optDay,
  expiryDate: optDay,
  validityOverride: z
    .object({ validity: z.enum(keys(VALIDITY), { message: '有效性无效' }), reason: text(300, '理由').min(4, '手工设定有效性须写明理由') })
    .nullable()
    .default(null),
  topic: z
    .string()
    .default('')
    .refine((v) => v === '' || v in TOPIC_LABELS, '主题分类无效'),
  genre: z.enum(GENRES, { message: '公文种类无效' }).nullable().default(null),
  contentType: z.enum(keys(CONTENT_TYPES), { message: '内容类型无效' }).nullable().default(null),
  docClass: z.enum(keys(DOC_CLASSES)).default('OTHER'),
  catalogNodeId: uuid.nullable().default(null),
  fiveOpen: z.enum(keys(FIVE_OPEN), { message: '五公开类别无效' }).nullable().default(null),
  disclosureAttribute: z.enum(keys(DISCLOSURE_ATTRIBUTES), { message: '公开属性无效' }).nullable().default(null),
  withholdReason: text(500, '不予公开理由').default(''),
  keywords: z.array(text(20, '关键词').min(1)).max(10, '关键词最多 10 个').default([]),
  /** Sanitised on every save: only the elements and attributes of `catalog.html.ts`. */
  bodyHtml: z.string().max(500_000, '正文过长').default(''),
  attachmentIds: z.array(uuid).max(20, '附件最多 20 个').default([]),
  /** The day the information was formed or changed: the start of the 20-working-day period (条例 Art 26). */
  formedOn: optDay,
  /** A policy document that needs an interpretation (三同步). */
  isPolicy: z.boolean().default(false),
  interpretationPlan: text(2000, '解读方案').default(''),
  interpretation: interpretationSchema.nullable().default(null),
  /** 文件来源, e.g. a gazette issue. */
  source: text(100, '文件来源').default(''),
});
export type DocContent = z.infer<typeof docContentSchema>;

const DATE_KEYS = ['writtenDate', 'generatedDate', 'effectiveDate', 'repealDate', 'expiryDate', 'formedOn'] as const;
/** Empty dates become null (no transform in the schema: the same schema describes responses). */
export function normaliseDates(c: DocContent): DocContent {
  const out = { ...c };
  for (const k of DATE_KEYS) if (out[k] === '') out[k] = null;
  if (out.interpretation?.conference?.date === '') out.interpretation = { ...out.interpretation, conference: { ...out.interpretation.conference, date: null } };
  return out;
}
export type DocContentInput = z.input<typeof docContentSchema>;

/** 政府信息公开指南: the fields 条例 Art 12 requires, plus the practical parts organisations add. */
export const guideSchema = z.object({
  classification: text(5000, '信息分类').default(''),
  arrangement: text(5000, '编排体系').default(''),
  access: text(5000, '获取方式').default(''),
  unitName: text(100, '工作机构名称').default(''),
  address: text(200, '办公地址').default(''),
  hours: text(200, '办公时间').default(''),
  phone: text(50, '联系电话').default(''),
  fax: text(50, '传真号码').default(''),
  web: text(200, '互联网联系方式').default(''),
  other: text(10_000, '其他说明').default(''),
});
export type Guide = z.infer<typeof guideSchema>;

export interface PublicAttachment {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** A dated note shown on the public page for each edition after the first. */
export interface RevisionNote {
  edition: number;
  on: string;
  note: string;
}
