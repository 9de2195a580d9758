import { z } from 'zod';
import { PII_TYPES } from './pii.rules.js';
import { PROFILES } from './pii.masking.js';

const profileKeys = Object.keys(PROFILES) as [string, ...string[]];

export const piiInput = z.object({
  text: z.string().max(200_000, '文本不能超过 20 万字，请分段检查').describe('待检查的文本'),
  profile: z.enum(profileKeys, { message: '脱敏规则无效' }).default('default').describe('脱敏规则，如 default、penalty_decision_v1'),
});

export const spanOut = z.object({
  start: z.number().int().describe('起始位置（JavaScript 字符串下标，UTF-16 码元）'),
  end: z.number().int(),
  type: z.enum(PII_TYPES),
  text: z.string(),
});

export const profileOut = z.object({ key: z.string(), label: z.string(), note: z.string(), rules: z.record(z.string(), z.string()) });

export const piiOut = z.object({ spans: z.array(spanOut), masked: z.string().describe('按所选规则脱敏后的文本'), profile: profileOut });

export const findingOut = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  category: z.enum(['wording', 'confidential']),
  kind: z.string().describe('serious/outdated/typo/banned，或 classified/internal'),
  suggestion: z.string(),
  note: z.string(),
  blocking: z.boolean().describe('为 true 时须经审核人说明理由后方可发布'),
});

export const reviewOut = piiOut.extend({ findings: z.array(findingOut), blocking: z.boolean() });

export const wordingKind = z.enum(['serious', 'outdated', 'typo', 'banned'], { message: '类别无效' });
export const wordingInput = z.object({
  term: z.string().trim().min(2, '词条至少 2 个字').max(40, '词条不能超过 40 个字'),
  kind: wordingKind.describe('serious 严重错误；outdated 过时表述；typo 错别字；banned 禁用词'),
  suggestion: z.string().trim().max(80).default(''),
  note: z.string().trim().max(200).default(''),
});
export const wordingPatch = wordingInput.partial().extend({ active: z.boolean().optional() });
export const wordingOut = z.object({ id: z.string(), orgId: z.string(), term: z.string(), kind: z.string(), suggestion: z.string(), note: z.string(), active: z.boolean() });
export const wordingParams = z.object({ orgId: z.string().uuid('机构编号无效'), id: z.string().uuid('词条编号无效') });

export const attachmentInput = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  contentBase64: z.string().min(1, '文件为空').describe('文件内容（base64）；DOCX、XLSX 或 PDF，不超过 10 MB'),
  profile: piiInput.shape.profile,
});
export const attachmentOut = z.object({
  type: z.string(),
  parts: z.array(z.object({ where: z.string(), text: z.string(), spans: z.array(spanOut), findings: z.array(findingOut), masked: z.string() })),
  piiCount: z.number().int(),
  blocking: z.boolean(),
  reasons: z.array(z.string()),
  maskable: z.boolean().describe('为 true 时可生成去除个人信息的 Word 副本'),
});
export const linksInput = z.object({ text: z.string().max(200_000, '文本不能超过 20 万字') });
export const linksOut = z.object({ items: z.array(z.object({ url: z.string(), ok: z.boolean().nullable(), status: z.number().int().nullable(), reason: z.string() })) });
