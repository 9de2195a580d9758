import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { piiInput, piiOut, profileOut, reviewOut, wordingInput, wordingOut, wordingParams, wordingPatch } from './review.contract.js';
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
