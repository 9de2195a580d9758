import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { attachmentInput, attachmentOut, linksInput, linksOut, piiInput, piiOut, profileOut, reviewOut, wordingInput, wordingOut, wordingParams, wordingPatch } from './review.contract.js';
import { DomainError } from '../../platform/errors/errors.js';
import { sendDownload } from '../../platform/export/xlsx.js';
import { FILE_TYPES, safeFileName } from '../../platform/uploads/sniff.js';
import { checkLinks } from './links.js';
import { idParams } from '../organisations/organisations.contract.js';
import * as svc from './review.service.js';
import { detectPii } from './pii.rules.js';
import { maskText, PROFILES } from './pii.masking.js';

const tags = ['公开审查'];

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  // The text is analysed in memory and neither stored nor logged: no state changes, nothing to audit.
  app.post('/review/pii', {
    config: { access: 'staff' },
    bodyLimit: 2 * 1024 * 1024,
    schema: {
      tags,
      summary: '检查文本中的个人信息并按规则脱敏',
      description: '识别姓名、身份证号、手机和固定电话、银行卡号、电子邮箱、住址、车牌号、烟草专卖零售许可证号；不识别机关公开的电话、地址、邮箱、文号、统一社会信用代码、执法人员姓名和已隐名的姓名。',
      body: piiInput,
      response: { 200: piiOut, ...errorResponses(400, 401, 403, 413) },
    },
    handler: async (req) => {
      const spans = detectPii(req.body.text);
      const profile = PROFILES[req.body.profile];
      return { spans, masked: maskText(req.body.text, spans, profile), profile };
    },
  });

  app.post('/review/check', {
    config: { access: 'staff' },
    bodyLimit: 2 * 1024 * 1024,
    schema: {
      tags,
      summary: '公开前检查：个人信息、错敏词、保密标识',
      description: '按当前机构（及其上级机构）的错敏词库和国家默认词库检查；出现密级或内部资料等标识时 blocking 为 true。',
      body: piiInput,
      response: { 200: reviewOut, ...errorResponses(400, 401, 403, 413) },
    },
    handler: async (req) => svc.reviewText(req.ctx, req.body),
  });

  const MAX_ATTACHMENT = 10 * 1024 * 1024;
  const decode = (b64: string) => {
    const content = Buffer.from(b64, 'base64');
    if (content.length > MAX_ATTACHMENT) throw new DomainError('PAYLOAD_TOO_LARGE', '附件不能超过 10 MB。');
    return content;
  };

  app.post('/review/attachment', {
    config: { access: 'staff' },
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: '检查附件（DOCX、XLSX、PDF）中的个人信息、错敏词和保密标识',
      description: '按页（PDF）、工作表（XLSX）、正文/页眉/页脚（DOCX）给出结果。PDF 含个人信息或任何附件含保密标识时 blocking 为 true。文件不保存。',
      body: attachmentInput,
      response: { 200: attachmentOut, ...errorResponses(400, 401, 403, 413) },
    },
    handler: async (req) => svc.checkAttachment(req.ctx, { fileName: req.body.fileName, content: decode(req.body.contentBase64), profile: req.body.profile }),
  });

  app.post('/review/attachment/masked', {
    config: { access: 'staff' },
    bodyLimit: 15 * 1024 * 1024,
    schema: { tags, summary: '生成去除个人信息的 Word 副本', body: attachmentInput, produces: [FILE_TYPES.docx.mime], response: { ...errorResponses(400, 401, 403, 413) } },
    handler: async (req, reply) => {
      const { file, masked } = await svc.maskAttachment(req.ctx, { content: decode(req.body.contentBase64), profile: req.body.profile });
      reply.header('x-masked-count', String(masked));
      return sendDownload(reply, file, `脱敏-${safeFileName(req.body.fileName).replace(/\.docx$/i, '')}.docx`, FILE_TYPES.docx.mime);
    },
  });

  app.post('/review/links', {
    config: { access: 'staff', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '检查文本中的链接能否访问',
      description: '只检查 http、https 链接，每次最多 50 个，每个 5 秒超时；内网地址不予检查。',
      body: linksInput,
      response: { 200: linksOut, ...errorResponses(400, 401, 429) },
    },
    handler: async (req) => ({ items: await checkLinks(req.body.text, { allowPrivate: app.gongkai.config.LINK_CHECK_ALLOW_PRIVATE }) }),
  });

  app.get('/orgs/:orgId/wording', {
    config: { access: 'staff' },
    schema: { tags, summary: '本机构错敏词库', params: idParams, response: { 200: z.object({ items: z.array(wordingOut) }), ...errorResponses(400, 401, 404) } },
    handler: async (req) => ({ items: (await svc.listWording(req.ctx, req.params.orgId)).map(svc.presentWording) }),
  });

  app.post('/orgs/:orgId/wording', {
    config: { access: 'staff' },
    schema: { tags, summary: '新增错敏词', params: idParams, body: wordingInput, response: { 201: wordingOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req, reply) => reply.code(201).send(svc.presentWording(await svc.addWording(req.ctx, req.params.orgId, req.body))),
  });

  app.patch('/orgs/:orgId/wording/:id', {
    config: { access: 'staff' },
    schema: { tags, summary: '修改或停用错敏词', params: wordingParams, body: wordingPatch, response: { 200: wordingOut, ...errorResponses(400, 401, 403, 404, 409) } },
    handler: async (req) => svc.presentWording(await svc.updateWording(req.ctx, req.params.orgId, req.params.id, req.body)),
  });

  app.get('/review/pii/profiles', {
    config: { access: 'staff' },
    schema: { tags, summary: '脱敏规则列表', response: { 200: z.object({ items: z.array(profileOut) }), ...errorResponses(401) } },
    handler: async () => ({ items: Object.values(PROFILES) }),
  });
};
