import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { XLSX_MIME, sendDownload, toXlsx } from '../../platform/export/xlsx.js';
import { DOCX_MIME, PDF_MIME } from '../../platform/documents/letter.js';
import { audit } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors/errors.js';
import { formatShanghai } from '../../platform/clock/clock.js';
import { publicOrganisations } from '../organisations/organisations.service.js';
import { idParams } from '../organisations/organisations.contract.js';
import { appealInput, appealOut, actionInput, caseOut, caseSummaryOut, listQuery, publicApplicationInput, registrationInput, trackInput } from './requests.contract.js';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES, STATUSES, type Action } from './requests.rules.js';
import { LETTER_KINDS, type LetterKind } from './requests.letters.js';
import * as svc from './requests.service.js';

const tags = ['依申请公开'];
const staff = { access: 'staff' as const };
const caseParams = z.object({ id: z.string().uuid('申请编号无效') });
const letterQuery = z.object({ format: z.enum(['docx', 'pdf']).default('docx') });
const letterKind = z.enum(Object.keys(LETTER_KINDS) as [LetterKind, ...LetterKind[]], { message: '告知书类型无效' });
const createdOut = z.object({ id: z.string(), receiptNo: z.string(), trackingCode: z.string(), status: z.string(), duplicate: z.boolean() });

export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicLimit = { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  app.post('/public/requests', {
    config: { access: 'public', rateLimit: publicLimit },
    schema: {
      tags,
      summary: '提交政府信息公开申请（互联网渠道）',
      description: '无需登录。idempotencyKey 由提交方生成（UUID）；同一键重复提交返回同一申请，不重复登记。收到申请之日以双方确认之日为准（条例第三十一条）。',
      body: publicApplicationInput,
      response: { 201: createdOut, 200: createdOut, ...errorResponses(400, 404, 429) },
    },
    handler: async (req, reply) => {
      const org = (await publicOrganisations(req.ctx)).find((o) => o.code === req.body.orgCode);
      if (!org) throw notFound('受理机关');
      const { request, duplicate, trackingCode } = await svc.submitOnline(req.ctx, org, req.body, req.body.idempotencyKey, []);
      return reply.code(duplicate ? 200 : 201).send({ id: request.id, receiptNo: request.receiptNo, trackingCode, status: request.status, duplicate });
    },
  });

  app.post('/public/requests/track', {
    config: { access: 'public', rateLimit: publicLimit },
    schema: {
      tags,
      summary: '凭受理编号和查询码查询办理进度',
      description: '编号或查询码有误与申请不存在的答复相同（404），并受频率限制。',
      body: trackInput,
      response: {
        200: z.object({
          receiptNo: z.string(),
          orgName: z.string(),
          status: z.string(),
          statusLabel: z.string(),
          receivedOn: z.string().nullable(),
          due: z.string().nullable(),
          daysLeft: z.number().int().nullable(),
          events: z.array(z.object({ on: z.string(), label: z.string(), detail: z.string() })),
          letters: z.array(z.object({ kind: z.string(), title: z.string() })),
        }),
        ...errorResponses(400, 404, 429),
      },
    },
    handler: async (req) => {
      const t = await svc.track(req.ctx, req.body.receiptNo, req.body.code);
      return { receiptNo: t.request.receiptNo, orgName: t.org.name, status: t.request.status, statusLabel: STATUSES[t.request.status as keyof typeof STATUSES], receivedOn: t.clock.receivedOn, due: t.clock.due, daysLeft: t.clock.daysLeft, events: t.events, letters: t.letters };
    },
  });

  app.get('/requests', {
    config: staff,
    schema: { tags, summary: '申请列表（按答复期限排序）', querystring: listQuery, response: { 200: z.object({ total: z.number(), today: z.string(), items: z.array(caseSummaryOut) }), ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.listRequests(req.ctx, req.query),
  });

  app.get('/requests/export.xlsx', {
    config: staff,
    schema: { tags, summary: '导出申请列表为 Excel', querystring: listQuery.omit({ page: true, pageSize: true }), produces: [XLSX_MIME], response: { ...errorResponses(400, 401, 404) } },
    handler: async (req, reply) => {
      const { items } = await svc.listRequests(req.ctx, { ...req.query, page: 1, pageSize: 10_000 });
      type R = (typeof items)[number];
      const body = await toXlsx<R>(
        '政府信息公开申请',
        [
          { header: '受理编号', width: 24, value: (r) => r.receiptNo },
          { header: '申请人', width: 16, value: (r) => r.applicantName },
          { header: '申请人类型', width: 12, value: (r) => APPLICANT_TYPES[r.applicantType as keyof typeof APPLICANT_TYPES] ?? r.applicantType },
          { header: '所需信息', width: 40, value: (r) => r.subject },
          { header: '渠道', width: 14, value: (r) => CHANNELS[r.channel as keyof typeof CHANNELS]?.label ?? r.channel },
          { header: '状态', width: 10, value: (r) => STATUSES[r.status as keyof typeof STATUSES] ?? r.status },
          { header: '收到申请日期', width: 14, value: (r) => r.receivedOn },
          { header: '答复期限', width: 14, value: (r) => r.dueOn },
          { header: '剩余工作日', width: 10, value: (r) => r.daysLeft },
          { header: '承办人', width: 12, value: (r) => r.officerName },
          { header: '办理结果', width: 24, value: (r) => (r.outcome ? OUTCOMES[r.outcome as keyof typeof OUTCOMES]?.label : '') },
          { header: '办结日期', width: 14, value: (r) => r.concludedOn },
        ],
        items,
        `政府信息公开申请（导出时间 ${formatShanghai(req.ctx.clock.now())}，共 ${items.length} 件）`,
      );
      await audit(req.ctx, { action: 'request.export', objectType: 'disclosure_request', summary: { status: req.query.status, rows: items.length } });
      return sendDownload(reply, body, `政府信息公开申请-${formatShanghai(req.ctx.clock.now(), false)}.xlsx`, XLSX_MIME);
    },
  });

  app.get('/requests/reminders', {
    config: staff,
    schema: { tags, summary: '临近答复期限和已超期的申请', response: { 200: z.object({ thresholds: z.array(z.number()), items: z.array(caseSummaryOut) }), ...errorResponses(401) } },
    handler: async (req) => svc.reminders(req.ctx),
  });

  app.get('/orgs/:orgId/request-officers', {
    config: staff,
    schema: { tags, summary: '本机关依申请公开承办人', params: idParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }), ...errorResponses(401, 404) } },
    handler: async (req) => ({ items: await svc.listOfficers(req.ctx, req.params.orgId) }),
  });

  app.post('/orgs/:orgId/requests', {
    config: staff,
    schema: {
      tags,
      summary: '登记来信、传真或当面提交的申请',
      description: '当面提交和邮寄签收的，到达之日即收到申请之日；传真和平常信函须与申请人确认后起算（条例第三十一条）。',
      params: idParams,
      body: registrationInput,
      response: { 201: createdOut, 200: createdOut, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const { request, duplicate, trackingCode } = await svc.registerRequest(req.ctx, req.params.orgId, req.body);
      return reply.code(duplicate ? 200 : 201).send({ id: request.id, receiptNo: request.receiptNo, trackingCode, status: request.status, duplicate });
    },
  });

  app.get('/requests/:id', {
    config: staff,
    schema: { tags, summary: '申请详情：期限、办理记录、可进行的操作、告知书', params: caseParams, response: { 200: caseOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.getRequest(req.ctx, req.params.id),
  });

  app.post('/requests/:id/actions', {
    config: staff,
    schema: {
      tags,
      summary: '办理操作（确认、补正、征求意见、延期、收费、答复、送达、归档等）',
      description: '操作是否可行由状态转换表和条例规定的期限条件决定；不满足时返回 409（状态不允许）或 422（期限条件不满足），并说明原因。',
      params: caseParams,
      body: actionInput,
      response: { 200: caseOut, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    handler: async (req) => {
      await svc.act(req.ctx, req.params.id, req.body.action as Action, req.body.data);
      return svc.getRequest(req.ctx, req.params.id, { audited: true });
    },
  });

  app.get('/requests/:id/letters/:kind', {
    config: staff,
    schema: { tags, summary: '下载告知书（Word 或 PDF）', params: caseParams.extend({ kind: letterKind }), querystring: letterQuery, produces: [DOCX_MIME, PDF_MIME], response: { ...errorResponses(400, 401, 404, 422) } },
    handler: async (req, reply) => {
      const { body, fileName } = await svc.staffLetter(req.ctx, req.params.id, req.params.kind, req.query.format);
      return sendDownload(reply, body, fileName, req.query.format === 'pdf' ? PDF_MIME : DOCX_MIME);
    },
  });

  app.get('/requests/:id/files/:fileId', {
    config: staff,
    schema: { tags, summary: '下载申请人上传的材料', params: caseParams.extend({ fileId: z.string().uuid('附件编号无效') }), response: { ...errorResponses(400, 401, 404) } },
    handler: async (req, reply) => {
      const f = await svc.staffFile(req.ctx, req.params.id, req.params.fileId);
      return sendDownload(reply, f.body, f.fileName, f.mime);
    },
  });

  app.post('/requests/:id/files', {
    config: staff,
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: '为答复添加提供的政府信息（附件）',
      description: 'PDF、Word、Excel、JPG、PNG，按内容识别类型，不超过 10 MB；内容以 base64 传送。答复审核通过后不能再更改。',
      params: caseParams,
      body: z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(120), contentBase64: z.string().min(1, '文件为空') }),
      response: { 201: z.object({ id: z.string() }), ...errorResponses(400, 401, 403, 404, 409, 413) },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.addReplyFile(req.ctx, req.params.id, { fileName: req.body.fileName, content: Buffer.from(req.body.contentBase64, 'base64') })),
  });

  app.delete('/requests/:id/files/:fileId', {
    config: staff,
    schema: { tags, summary: '删除答复附件', params: caseParams.extend({ fileId: z.string().uuid('附件编号无效') }), response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => {
      await svc.removeReplyFile(req.ctx, req.params.id, req.params.fileId);
      return reply.code(204).send(null);
    },
  });

  app.post('/requests/:id/appeals', {
    config: staff,
    schema: { tags, summary: '登记行政复议或行政诉讼', params: caseParams, body: appealInput, response: { 201: appealOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req, reply) => reply.code(201).send(svc.presentAppeal(await svc.addAppeal(req.ctx, req.params.id, req.body))),
  });

  app.put('/requests/:id/appeals/:appealId', {
    config: staff,
    schema: { tags, summary: '更新行政复议或行政诉讼结果', params: caseParams.extend({ appealId: z.string().uuid('记录编号无效') }), body: appealInput, response: { 200: appealOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.presentAppeal(await svc.updateAppeal(req.ctx, req.params.id, req.params.appealId, req.body)),
  });
};
