import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import { XLSX_MIME, sendDownload, toXlsx } from '../export/xlsx.js';
import { formatShanghai } from '../clock/clock.js';
import { audit, verifyAuditChain } from './audit.js';
import { auditEventOut, auditFilter, auditListQuery, exportAuditEvents, listAuditEvents } from './audit.queries.js';
import { actionLabel, OUTCOME_LABELS } from './audit.labels.js';
import { authorize } from '../auth/authorize.js';

const tags = ['审计'];
const staff = { access: 'staff' as const };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', {
    config: staff,
    schema: { tags, summary: '审计记录（审计管理员）', querystring: auditListQuery, response: { 200: z.object({ total: z.number(), items: z.array(auditEventOut) }), ...errorResponses(400, 401, 403) } },
    handler: async (req) => listAuditEvents(req.ctx, req.query),
  });

  app.get('/audit/export.xlsx', {
    config: staff,
    schema: { tags, summary: '导出审计记录为 Excel', querystring: auditFilter, produces: [XLSX_MIME], response: { ...errorResponses(400, 401, 403) } },
    handler: async (req, reply) => {
      const rows = await exportAuditEvents(req.ctx, req.query);
      type R = (typeof rows)[number];
      const body = await toXlsx<R>(
        '审计记录',
        [
          { header: '序号', width: 8, value: (r) => r.seq },
          { header: '时间（北京时间）', width: 20, value: (r) => formatShanghai(new Date(r.at)) },
          { header: '操作人', width: 22, value: (r) => r.actorName },
          { header: '机构', width: 24, value: (r) => r.orgName ?? '' },
          { header: '操作', width: 18, value: (r) => actionLabel(r.action) },
          { header: '操作代码', width: 22, value: (r) => r.action },
          { header: '对象类型', width: 12, value: (r) => r.objectType },
          { header: '对象编号', width: 38, value: (r) => r.objectId },
          { header: '结果', width: 8, value: (r) => OUTCOME_LABELS[r.outcome] ?? r.outcome },
          { header: 'IP 地址', width: 16, value: (r) => r.ip },
          { header: '请求编号', width: 38, value: (r) => r.requestId },
          { header: '摘要', width: 50, value: (r) => JSON.stringify(r.summary) },
        ],
        rows,
        `审计记录（导出时间 ${formatShanghai(req.ctx.clock.now())}，共 ${rows.length} 条）`,
      );
      return sendDownload(reply, body, `审计记录-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.post('/audit/verify', {
    config: staff,
    schema: {
      tags,
      summary: '校验审计链完整性',
      response: {
        200: z.object({
          ok: z.boolean(),
          checked: z.number(),
          lastSeq: z.number(),
          problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
        }),
        ...errorResponses(401, 403),
      },
    },
    handler: async (req) => {
      await authorize(req.ctx, 'audit.read', req.ctx.actor!.orgId!);
      const result = await verifyAuditChain(req.ctx.db, req.ctx.keys.integrity);
      await audit(req.ctx, { action: 'audit.verify', objectType: 'audit', summary: { ok: result.ok, checked: result.checked } });
      return { ok: result.ok, checked: result.checked, lastSeq: result.lastSeq, problems: result.problems };
    },
  });
};
