import { z } from 'zod';
import { parseDate } from './calendar.rules.js';

export const dateString = z.string().refine((s) => parseDate(s) !== null, '日期应为有效的 YYYY-MM-DD，如 2026-10-08');

export const addWorkingDaysQuery = z.object({
  from: dateString.describe('起算日（该日不计入）'),
  days: z.coerce.number().int('天数应为整数').min(0, '天数不能为负').max(400, '天数不能超过 400').describe('工作日数'),
});
export const addWorkingDaysOut = z.object({ from: z.string(), days: z.number(), due: z.string().describe('第 N 个工作日') });

export const periodSchema = z.object({
  festival: z.string().trim().min(2, '请填写节日名称').max(20),
  off: z.tuple([dateString, dateString]).describe('放假起止日（含）'),
  work: z.array(dateString).max(4).describe('调休上班日'),
});

export const yearInput = z.object({
  notice: z
    .string()
    .trim()
    .regex(/^国办发明?电?〔\d{4}〕\d+号$/, '文号格式应如“国办发明电〔2026〕12号”')
    .describe('国务院办公厅通知文号'),
  amendments: z.array(z.string().trim().min(2).max(100)).max(5).default([]),
  periods: z.array(periodSchema).min(1, '请至少录入一个节日').max(12),
  reason: z.string().trim().max(200).optional().describe('修改已有年度安排时必填'),
});

export const yearParams = z.object({ year: z.coerce.number().int().min(2019, '年份不早于 2019').max(2100) });

export const yearOut = z.object({
  year: z.number(),
  notice: z.string(),
  amendments: z.array(z.string()),
  noticeUnverified: z.boolean().describe('文号尚未与公布文本核对'),
  source: z.enum(['bundled', 'entered']),
  holidays: z.number().describe('放假天数（含周末）'),
  workdays: z.number().describe('调休上班天数'),
  periods: z.array(periodSchema),
  updatedAt: z.string(),
});

export type YearInput = z.infer<typeof yearInput>;
