import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { piiInput, piiOut, profileOut } from './review.contract.js';
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

  app.get('/review/pii/profiles', {
    config: { access: 'staff' },
    schema: { tags, summary: '脱敏规则列表', response: { 200: z.object({ items: z.array(profileOut) }), ...errorResponses(401) } },
    handler: async () => ({ items: Object.values(PROFILES) }),
  });
};
