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
const check = z.object({ rule: z.string().describe('R1–R5 见年报格式；T4 表四合计；ENTER 须填报的单元格'), ok: z.boolean(), message: z.string(), cells: z.array(z.string()) });
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

const texts = z.object({
  active: z.string().max(5000).describe('（一）主动公开'),
  requests: z.string().max(5000).describe('（二）依申请公开'),
  management: z.string().max(5000).describe('（三）政府信息管理'),
  platform: z.string().max(5000).describe('（四）政府信息公开平台建设'),
  supervision: z.string().max(5000).describe('（五）监督保障'),
  problems: z.string().max(5000).describe('五、存在的主要问题及改进情况'),
  other: z.string().max(5000).describe('六、其他需要报告的事项'),
});
const enteredOut = z.object({ value: z.number(), note: z.string(), by: z.string(), at: z.string() });
const reportOut = z.object({
  id: z.string().nullable(),
  org: z.object({ id: z.string(), code: z.string(), name: z.string(), slug: z.string() }),
  year: z.number().int(),
  layout: z.enum(['2021', 'trial2019']).describe('2021：现行格式（按记录计算）；trial2019：2019—2020 年试行格式（人工录入）'),
  template: z.string(),
  status: z.enum(['new', 'draft', 'reviewed', 'published']),
  statusLabel: z.string(),
  cells: z.record(z.string(), z.number().nullable()).describe('报告中的数字：计算值，填报或修改过的以填报为准'),
  computed: z.record(z.string(), z.number().nullable()).describe('按记录计算的数字'),
  entered: z.record(z.string(), enteredOut).describe('填报或修改的单元格，含来源或理由'),
  checks: z.array(check),
  texts,
  deadline: z.string().describe('发布期限（次年 1 月 31 日，条例第四十九条）'),
  overdue: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const saveIn = z.object({
  texts,
  entered: z.record(z.string().max(80), z.object({ value: z.number({ message: '请填写数字' }).min(0, '不能为负数').max(1e9), note: z.string().max(300, '说明不能超过 300 个字') })).default({}),
});
const actionIn = z.object({ action: z.enum(['review', 'return', 'publish'], { message: '操作无效' }), comment: z.string().max(1000).default('') });

/** The annual report's tables as computed from the records, and the records behind each cell (issue 6 §1, §5). */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/annual-reports/overview/:year', {
    config: staff,
    schema: {
      tags,
      summary: '本机构及下级机构的年报状态（对照 1 月 31 日期限）和汇总表（非法定报告）',
      params: z.object({ year: params.shape.year }),
      response: {
        200: z.object({
          year: z.number().int(),
          deadline: z.string(),
          daysLeft: z.number().int().nullable().describe('1 月 1 日至期限内为剩余天数，其余时间为 null'),
          items: z.array(z.object({ org: reportOut.shape.org, status: reportOut.shape.status, statusLabel: z.string(), publishedAt: z.string().nullable(), deadline: z.string(), overdue: z.boolean(), failing: z.number().int() })),
          consolidated: z.record(z.string(), z.number()).describe('各机构数字之和，仅供参考'),
        }),
        ...errorResponses(400, 401, 404),
      },
    },
    handler: async (req) => svc.reportOverview(req.ctx, req.params.year),
  });

  const settingsOut = z.object({ specialRegimeRow: z.string().describe('按特定查询程序办理（条例第三十六条第（七）项）的答复计入的行，默认 other.other（待确认）'), blankZeros: z.boolean().describe('为 true 时数字 0 显示为空白'), isDefault: z.boolean() });
  app.get('/annual-reports/settings/:orgCode', {
    config: staff,
    schema: { tags, summary: '年报统计口径设置（国家层面待确认的事项）', params: z.object({ orgCode: params.shape.orgCode }), response: { 200: settingsOut, ...errorResponses(401, 404) } },
    handler: async (req) => svc.getReportSettings(req.ctx, req.params.orgCode),
  });
  app.put('/annual-reports/settings/:orgCode', {
    config: staff,
    schema: { tags, summary: '修改年报统计口径设置', params: z.object({ orgCode: params.shape.orgCode }), body: z.object({ specialRegimeRow: z.string().max(60), blankZeros: z.boolean() }), response: { 200: settingsOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.putReportSettings(req.ctx, req.params.orgCode, req.body),
  });

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

  app.get('/annual-reports/:orgCode/:year/report', {
    config: staff,
    schema: { tags, summary: '年度报告（草稿按记录实时计算；已发布的为锁定的快照）', params, response: { 200: reportOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.getReport(req.ctx, req.params.orgCode, req.params.year),
  });

  app.put('/annual-reports/:orgCode/:year/report', {
    config: staff,
    schema: { tags, summary: '保存年报草稿：文字部分和填报的单元格（须注明来源或理由）', params, body: saveIn, response: { 200: reportOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.saveReport(req.ctx, req.params.orgCode, req.params.year, req.body),
  });

  app.post('/annual-reports/:orgCode/:year/report/actions', {
    config: staff,
    schema: { tags, summary: '年报流程：审核（review）、退回（return）、发布（publish）', params, body: actionIn, response: { 200: reportOut, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    handler: async (req) => svc.reportAction(req.ctx, req.params.orgCode, req.params.year, req.body.action, req.body.comment),
  });
};
