import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

/** A related policy or service guide: a site path or an https address, never a script. */
const link = z.object({
  title: text(200, '链接标题').min(2, '请填写链接标题'),
  url: z
    .string()
    .trim()
    .max(500, '链接过长')
    .regex(/^(\/(?![/\\])\S*|https?:\/\/\S+)$/, '链接应为本站路径（以 / 开头）或 http(s) 地址'),
});

export const entryInput = z.object({
  question: text(200, '标准问题').min(4, '请填写标准问题'),
  phrasings: z.array(text(200, '相似问法').min(2, '相似问法至少 2 个字')).max(30, '相似问法最多 30 条').default([]),
  answer: text(10000, '答案').min(4, '请填写答案'),
  links: z.array(link).max(20, '相关链接最多 20 条').default([]),
  category: text(30, '分类').default(''),
  orgIds: z.array(z.string().uuid('机构编号无效')).max(100).default([]),
  validFrom: day.nullable().default(null),
  validTo: day.nullable().default(null),
  ownerName: text(50, '负责人').default(''),
  reviewBy: day,
});
export type EntryInput = z.infer<typeof entryInput>;

export const entryOut = z.object({
  id: z.string(),
  question: z.string(),
  phrasings: z.array(z.string()),
  answer: z.string(),
  answerHtml: z.string(),
  links: z.array(z.object({ title: z.string(), url: z.string() })),
  category: z.string(),
  orgIds: z.array(z.string()),
  ownerOrgId: z.string(),
  ownerName: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  reviewBy: z.string(),
  stale: z.boolean(),
  active: z.boolean(),
  sourceMessageId: z.string().nullable(),
  updatedAt: z.string(),
});

export const hitOut = entryOut.extend({ score: z.number(), matchedPhrasing: z.string(), matchedTerms: z.array(z.string()) });

export const searchQuery = z.object({
  q: text(200, '问题').min(1, '请输入问题'),
  org: z.string().max(40).optional().describe('机构代码或网站路径名；只返回适用于该机构的问答'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
