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
