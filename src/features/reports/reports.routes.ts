import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import * as svc from './reports.service.js';

const tags = ['政府信息公开工作年度报告'];
const staff = { access: 'staff' as const };

const params = z.object({
  orgCode: z.string().trim().min(1).max(40).describe('机构代码'),
  year: z.coerce.number({ message: '年度无效' }).int('年度无效').describe('报告年度'),
});
const counts = z.record(z.string(), z.number().int());
const check = z.object({ rule: z.enum(['R1', 'R3', 'R4', 'R5', 'T4']), ok: z.boolean(), message: z.string(), cells: z.array(z.string()) });
const tablesOut = z.object({
  org: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number().int(),
  template: z.string().describe('所用年报格式'),
  activeDisclosure: z.record(z.string(), z.number().nullable()).describe('二、主动公开政府信息情况；null 为本平台尚无记录、须填报的单元格'),
  applications: counts.describe('三、收到和处理政府信息公开申请情况，键如 applications.newReceived.NATURAL_PERSON'),
  appeals: counts.describe('四、行政复议、行政诉讼情况，键如 review.maintained'),
  checks: z.array(check).describe('勾稽关系等校验结果'),
});
const cellOut = z.object({
  kind: z.enum(['requests', 'appeals', 'documents']),
  items: z.array(z.object({ id: z.string(), ref: z.string(), label: z.string(), from: z.string().nullable(), to: z.string().nullable(), outcome: z.string() })),
});

/** The annual report's tables as computed from the records, and the records behind each cell (issue 6 §1, §5). */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/annual-reports/:orgCode/:year', {
    config: staff,
    schema: { tags, summary: '按记录计算的年报表格（二、三、四）及校验结果', params, response: { 200: tablesOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.computeTables(req.ctx, req.params.orgCode, req.params.year),
  });

  app.get('/annual-reports/:orgCode/:year/cells/:cell', {
    config: staff,
    schema: { tags, summary: '某一单元格计入的记录（最多 500 条）', params: params.extend({ cell: z.string().max(80).describe('单元格键，如 applications.partial.NATURAL_PERSON') }), response: { 200: cellOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.cellRecords(req.ctx, req.params.orgCode, req.params.year, req.params.cell),
  });
};
