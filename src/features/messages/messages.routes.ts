import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { XLSX_MIME, sendDownload, toXlsx } from '../../platform/export/xlsx.js';
import { audit } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors/errors.js';
import { formatShanghai } from '../../platform/clock/clock.js';
import { publicOrganisations } from '../organisations/organisations.service.js';
import { idParams } from '../organisations/organisations.contract.js';
import { actionInput, listQuery, messageOut, publicMessageInput, publishInput, rateInput, registrationInput, settingsInput, statsQuery, summaryOut, trackInput } from './messages.contract.js';
import { CATEGORIES, CHANNELS, RATINGS, STATUSES, type Action, type Category, type Channel, type Rating, type Status } from './messages.rules.js';
import * as svc from './messages.service.js';

const tags = ['互动交流'];
const staff = { access: 'staff' as const };
const params = z.object({ id: z.string().uuid('留言编号无效') });
const createdOut = z.object({ receiptNo: z.string(), trackingCode: z.string(), status: z.string(), duplicate: z.boolean() });
const trackOut = z.object({
  receiptNo: z.string(),
  category: z.string(),
  subject: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  orgName: z.string(),
  handlerName: z.string(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  events: z.array(z.object({ on: z.string(), label: z.string(), detail: z.string() })),
  reply: z.object({ body: z.string(), orgName: z.string(), on: z.string().nullable() }).nullable(),
  rating: z.string().nullable(),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  canRate: z.boolean(),
});
const settingsOut = settingsInput.extend({ isDefault: z.boolean(), defaults: settingsInput });
const statsRow = z.object({
  orgName: z.string(),
  departmentName: z.string().nullable(),
  received: z.number().int(),
  answered: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  satisfied: z.number().int(),
  fair: z.number().int(),
  unsatisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
  approaching: z.number().int(),
  exceeded: z.number().int(),
});
const statsOut = z.object({
  from: z.string(),
  to: z.string(),
  today: z.string(),
  rows: z.array(statsRow),
  byCategory: z.record(z.string(), z.number()),
  byMonth: z.array(z.object({ month: z.string(), received: z.number(), answered: z.number() })),
  warnings: z.array(z.object({ id: z.string(), receiptNo: z.string(), subject: z.string(), orgName: z.string(), receivedOn: z.string(), vetoOn: z.string(), level: z.enum(['approaching', 'exceeded']) })),
});

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicLimit = { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  app.post('/public/messages', {
    config: { access: 'public', rateLimit: publicLimit },
    schema: {
      tags,
      summary: '提交网民留言（咨询、建议、投诉、举报）',
      description: '无需登录。idempotencyKey 由提交方生成（UUID），同一键重复提交返回同一留言。联系方式加密保存，不公开。',
      body: publicMessageInput,
      response: { 201: createdOut, 200: createdOut, ...errorResponses(400, 404, 429) },
    },
    handler: async (req, reply) => {
      const org = (await publicOrganisations(req.ctx)).find((o) => o.code === req.body.orgCode);
      if (!org) throw notFound('留言对象');
      const { message, duplicate, trackingCode } = await svc.submitMessage(req.ctx, org, req.body, req.body.idempotencyKey);
      return reply.code(duplicate ? 200 : 201).send({ receiptNo: message.receiptNo, trackingCode, status: message.status, duplicate });
    },
  });

  app.post('/public/messages/track', {
    config: { access: 'public', rateLimit: publicLimit },
    schema: { tags, summary: '凭留言编号和查询码查询办理情况和答复', body: trackInput, response: { 200: trackOut, ...errorResponses(400, 404, 429) } },
    handler: async (req) => svc.track(req.ctx, req.body.receiptNo, req.body.code),
  });

  app.post('/public/messages/rate', {
    config: { access: 'public', rateLimit: publicLimit },
    schema: { tags, summary: '对答复作出评价（满意、基本满意、不满意）', body: rateInput, response: { 200: trackOut, ...errorResponses(400, 404, 422, 429) } },
    handler: async (req) => {
      await svc.rate(req.ctx, req.body.receiptNo, req.body.code, req.body.rating as Rating, req.body.comment);
      return svc.track(req.ctx, req.body.receiptNo, req.body.code);
    },
  });

  app.get('/messages', {
    config: staff,
    schema: { tags, summary: '留言列表（本机关受理或办理的，按期限排序）', querystring: listQuery, response: { 200: z.object({ total: z.number(), today: z.string(), items: z.array(summaryOut) }), ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.listMessages(req.ctx, req.query),
  });

  app.get('/messages/export.xlsx', {
    config: staff,
    schema: { tags, summary: '导出留言列表为 Excel', querystring: listQuery.omit({ page: true, pageSize: true }), produces: [XLSX_MIME], response: { ...errorResponses(400, 401, 404) } },
    handler: async (req, reply) => {
      const { items } = await svc.listMessages(req.ctx, { ...req.query, page: 1, pageSize: 20_000 });
      type R = (typeof items)[number];
      const body = await toXlsx<R>(
        '网民留言',
        [
          { header: '留言编号', width: 24, value: (r) => r.receiptNo },
          { header: '渠道', width: 12, value: (r) => CHANNELS[r.channel as Channel] ?? r.channel },
          { header: '类别', width: 8, value: (r) => CATEGORIES[r.category as Category] },
          { header: '标题', width: 40, value: (r) => r.subject },
          { header: '留言对象', width: 20, value: (r) => r.originOrgName },
          { header: '承办单位', width: 24, value: (r) => [r.orgName, r.departmentName].filter(Boolean).join(' / ') },
          { header: '状态', width: 12, value: (r) => STATUSES[r.status as Status] },
          { header: '收到日期', width: 12, value: (r) => r.receivedOn },
          { header: '当前期限', width: 12, value: (r) => r.dueOn },
          { header: '剩余工作日', width: 10, value: (r) => r.daysLeft },
          { header: '答复日期', width: 12, value: (r) => r.answeredOn },
          { header: '满意度', width: 10, value: (r) => (r.rating ? RATINGS[r.rating as Rating] : '') },
          { header: '三个月期限', width: 12, value: (r) => r.vetoOn },
        ],
        items,
        `网民留言（导出时间 ${formatShanghai(req.ctx.clock.now())}，共 ${items.length} 件）`,
      );
      await audit(req.ctx, { action: 'message.export', objectType: 'message', summary: { status: req.query.status, rows: items.length } });
      return sendDownload(reply, body, `网民留言-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.get('/messages/reminders', {
    config: staff,
    schema: { tags, summary: '已超期和临近三个月未答复的留言数', response: { 200: z.object({ overdue: z.number().int(), veto: z.number().int() }), ...errorResponses(401) } },
    handler: async (req) => svc.reminders(req.ctx),
  });

  app.get('/messages/stats', {
    config: staff,
    schema: { tags, summary: '留言办理统计（按机构和内设机构）', querystring: statsQuery, response: { 200: statsOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.stats(req.ctx, req.query.from, req.query.to),
  });

  app.get('/messages/stats.xlsx', {
    config: staff,
    schema: { tags, summary: '导出留言办理统计为 Excel', querystring: statsQuery, produces: [XLSX_MIME], response: { ...errorResponses(400, 401, 404) } },
    handler: async (req, reply) => {
      const s = await svc.stats(req.ctx, req.query.from, req.query.to);
      type R = (typeof s.rows)[number];
      const body = await toXlsx<R>(
        '留言办理统计',
        [
          { header: '机构', width: 24, value: (r) => r.orgName },
          { header: '内设机构', width: 16, value: (r) => r.departmentName ?? '（全机构）' },
          { header: '收到', width: 8, value: (r) => r.received },
          { header: '已答复', width: 8, value: (r) => r.answered },
          { header: '按期答复', width: 10, value: (r) => r.onTime },
          { header: '按期率(%)', width: 10, value: (r) => r.onTimeRate },
          { header: '答复用时中位数(工作日)', width: 14, value: (r) => r.medianDays },
          { header: '答复用时90分位(工作日)', width: 14, value: (r) => r.p90Days },
          { header: '满意', width: 8, value: (r) => r.satisfied },
          { header: '基本满意', width: 8, value: (r) => r.fair },
          { header: '不满意', width: 8, value: (r) => r.unsatisfied },
          { header: '满意率(%)', width: 10, value: (r) => r.satisfactionRate },
          { header: '临近三个月', width: 10, value: (r) => r.approaching },
          { header: '超过三个月', width: 10, value: (r) => r.exceeded },
        ],
        s.rows,
        `留言办理统计（${s.from} 至 ${s.to}，导出时间 ${formatShanghai(req.ctx.clock.now())}）`,
      );
      await audit(req.ctx, { action: 'message.export', objectType: 'message', summary: { stats: `${s.from}~${s.to}` } });
      return sendDownload(reply, body, `留言办理统计-${s.from}-${s.to}.xlsx`, XLSX_MIME);
    },
  });

  app.post('/orgs/:orgId/messages', {
    config: staff,
    schema: {
      tags,
      summary: '登记电话（12313）、信件、来访或政务新媒体留言',
      description: '由本机关留言办理人登记，收到日期为当天；返回留言编号和查询码，可告知留言人查询答复。idempotencyKey 相同的重复提交返回同一留言。',
      params: idParams,
      body: registrationInput,
      response: { 201: createdOut.extend({ id: z.string() }), 200: createdOut.extend({ id: z.string() }), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const { message, duplicate, trackingCode } = await svc.registerMessage(req.ctx, req.params.orgId, req.body);
      return reply.code(duplicate ? 200 : 201).send({ id: message.id, receiptNo: message.receiptNo, trackingCode, status: message.status, duplicate });
    },
  });

  app.get('/orgs/:orgId/message-settings', {
    config: staff,
    schema: { tags, summary: '本机关留言办理期限设置', params: idParams, response: { 200: settingsOut, ...errorResponses(401, 404) } },
    handler: async (req) => svc.getSettings(req.ctx, req.params.orgId),
  });

  app.put('/orgs/:orgId/message-settings', {
    config: staff,
    schema: { tags, summary: '修改留言办理期限（工作日）', description: '已受理留言的答复期限在受理时确定，不受修改影响。', params: idParams, body: settingsInput, response: { 200: settingsOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.putSettings(req.ctx, req.params.orgId, req.body),
  });

  app.get('/messages/:id', {
    config: staff,
    schema: { tags, summary: '留言详情：期限、转办链、办理记录、可进行的操作、疑似重复', params, response: { 200: messageOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.getMessage(req.ctx, req.params.id),
  });

  app.post('/messages/:id/actions', {
    config: staff,
    schema: {
      tags,
      summary: '办理操作（受理、不予受理、转办、退回、延期、答复、审核、发送、回访、并案）',
      description: '操作是否可行由状态转换表决定；不满足时返回 409 或 422 并说明原因。',
      params,
      body: actionInput,
      response: { 200: messageOut, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    handler: async (req) => {
      await svc.act(req.ctx, req.params.id, req.body.action as Action, req.body.data);
      return svc.getMessage(req.ctx, req.params.id, { audited: true });
    },
  });

  app.get('/messages/:id/publish-preview', {
    config: staff,
    schema: { tags, summary: '公开前预览：已去除个人信息的留言和答复', params, response: { 200: publishInput, ...errorResponses(401, 404) } },
    handler: async (req) => svc.publishPreview(req.ctx, req.params.id),
  });

  app.post('/messages/:id/publish', {
    config: staff,
    schema: { tags, summary: '在互动交流栏目公开留言和答复', description: '须留言人同意公开；公开内容经个人信息检查，仍含个人信息时拒绝（400）。', params, body: publishInput, response: { 200: messageOut, ...errorResponses(400, 401, 403, 404, 422) } },
    handler: async (req) => {
      await svc.publish(req.ctx, req.params.id, req.body);
      return svc.getMessage(req.ctx, req.params.id, { audited: true });
    },
  });

  app.post('/messages/:id/unpublish', {
    config: staff,
    schema: { tags, summary: '撤下已公开的留言', params, body: z.object({ reason: z.string().trim().min(2, '请填写撤下理由').max(500) }), response: { 200: messageOut, ...errorResponses(400, 401, 403, 404, 422) } },
    handler: async (req) => {
      await svc.unpublish(req.ctx, req.params.id, req.body.reason);
      return svc.getMessage(req.ctx, req.params.id, { audited: true });
    },
  });

  app.get('/messages/:id/files/:fileId', {
    config: staff,
    schema: { tags, summary: '下载留言附件', params: params.extend({ fileId: z.string().uuid('附件编号无效') }), response: { ...errorResponses(400, 401, 404) } },
    handler: async (req, reply) => {
      const f = await svc.fileOf(req.ctx, req.params.id, req.params.fileId);
      return sendDownload(reply, f.body, f.fileName, f.mime);
    },
  });
};
