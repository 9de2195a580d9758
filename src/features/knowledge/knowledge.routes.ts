import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { publicOrganisations } from '../organisations/organisations.service.js';
import { entryInput, entryOut, hitOut, searchQuery } from './knowledge.contract.js';
import * as svc from './knowledge.service.js';

const tags = ['咨询问答知识库'];
const staff = { access: 'staff' as const };
const params = z.object({ id: z.string().uuid('问答编号无效') });
const publicHit = hitOut.pick({ id: true, question: true, answer: true, answerHtml: true, links: true, category: true, score: true, matchedPhrasing: true, matchedTerms: true });

export const knowledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/public/knowledge/search', {
    config: { access: 'public', rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE * 10, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '检索咨询问答知识库',
      description: '门户智能问答、留言表单提示、窗口和电话咨询共用同一检索。按分词、领域词典和同义词匹配标准问题及相似问法，返回匹配的问法作为依据。',
      querystring: searchQuery,
      response: { 200: z.object({ q: z.string(), items: z.array(publicHit) }), ...errorResponses(400, 429) },
    },
    handler: async (req) => {
      const org = req.query.org ? (await publicOrganisations(req.ctx)).find((o) => o.code === req.query.org || o.slug === req.query.org) : undefined;
      const items = await svc.searchKnowledge(req.ctx, req.query.q, { orgId: org?.id, limit: req.query.limit });
      return { q: req.query.q, items };
    },
  });

  app.get('/knowledge', {
    config: staff,
    schema: {
      tags,
      summary: '知识库问答列表（本机关可用的），或按问题检索',
      querystring: z.object({ q: z.string().trim().max(200).optional(), filter: z.enum(['all', 'stale', 'inactive', 'own']).default('all') }),
      response: { 200: z.object({ today: z.string(), items: z.array(entryOut.extend({ score: z.number().optional(), matchedPhrasing: z.string().optional(), matchedTerms: z.array(z.string()).optional() })) }), ...errorResponses(400, 401, 404) },
    },
    handler: async (req) => svc.listEntries(req.ctx, req.query),
  });

  app.post('/knowledge', {
    config: staff,
    schema: {
      tags,
      summary: '新增问答（可由已答复的留言转入）',
      body: entryInput.extend({ sourceMessageId: z.string().uuid('留言编号无效').nullable().default(null) }),
      response: { 201: entryOut, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.createEntry(req.ctx, req.body)),
  });

  app.get('/knowledge/:id', {
    config: staff,
    schema: { tags, summary: '问答详情', params, response: { 200: entryOut, ...errorResponses(400, 401, 404) } },
    handler: async (req) => svc.getEntry(req.ctx, req.params.id),
  });

  app.put('/knowledge/:id', {
    config: staff,
    schema: { tags, summary: '修改问答（各渠道即时生效）', params, body: entryInput.extend({ active: z.boolean().optional() }), response: { 200: entryOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.updateEntry(req.ctx, req.params.id, req.body),
  });

  app.post('/knowledge/:id/reviewed', {
    config: staff,
    schema: { tags, summary: '确认问答已复核，设定下次复核日期', params, body: z.object({ reviewBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD') }), response: { 200: entryOut, ...errorResponses(400, 401, 403, 404) } },
    handler: async (req) => svc.markReviewed(req.ctx, req.params.id, req.body.reviewBy),
  });
};
