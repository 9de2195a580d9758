import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, notFound, type FieldError } from '../../platform/errors/errors.js';
import { fieldErrors, noStore, readUploadForm } from './form-input.js';
import { descendantsOf } from '../../platform/auth/authorize.js';
import type { Organisation } from '../organisations/organisations.tables.js';
import { messageInput, rateInput, trackInput } from '../messages/messages.contract.js';
import { CATEGORIES, type Rating } from '../messages/messages.rules.js';
import * as messages from '../messages/messages.service.js';
import { publicEntry, searchKnowledge } from '../knowledge/knowledge.service.js';
import { HdjlPage, MessageReceiptPage, MessageTrackPage, MSG_TRACK_HREF, PublishedPage, WritePage, ZskEntryPage, ZskPage, type Suggestion } from './pages/messages.js';
import type { Helpers } from './portal.requests.js';

const EMPTY = Object.fromEntries(['category', 'subject', 'content', 'name', 'phone'].map((k) => [k, '']));
const day = /^\d{4}-\d{2}-\d{2}$/;
/** A suggestion is shown before sending a 咨询 only when it matches well. */
const STRONG_MATCH = 0.45;

const toSuggestion = (h: Awaited<ReturnType<typeof searchKnowledge>>[number]): Suggestion => ({ id: h.id, question: h.question, answer: h.answer, matchedPhrasing: h.matchedPhrasing, links: h.links });

/**
 * The public side of 互动交流: the column with published replies, the message form (multipart,
 * no JavaScript needed), the receipt, tracking and rating, and the 智能问答 pages over the same
 * knowledge base as every other channel.
 */
export async function registerMessagePages(app: FastifyInstance, { html, findOrg, site }: Helpers) {
  const limit = { rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  app.get<{ Params: { slug: string }; Querystring: Record<string, string> }>('/org/:slug/hdjl/', async (req, reply) => {
    const { org, root, orgs } = await findOrg(req, req.params.slug);
    const q = req.query ?? {};
    // The column of a bureau lists its own and its subordinates' published messages; a filter narrows to one.
    const below = new Set([org.id, ...(await descendantsOf(req.ctx.db, org.id))]);
    const scope = orgs.filter((o) => below.has(o.id));
    const chosen = q.org ? scope.find((o) => o.slug === q.org) : undefined;
    const filters = {
      category: q.category && q.category in CATEGORIES ? q.category : '',
      from: day.test(q.from ?? '') ? q.from : '',
      to: day.test(q.to ?? '') ? q.to : '',
      q: (q.q ?? '').trim().slice(0, 60),
      org: chosen?.slug ?? '',
    };
    const page = Math.max(1, Math.min(1000, Number.parseInt(q.page ?? '1', 10) || 1));
    const pageSize = 20;
    const { items, total } = await messages.publishedMessages(req.ctx, { orgIds: chosen ? [chosen.id] : scope.map((o) => o.id), category: filters.category || undefined, from: filters.from || undefined, to: filters.to || undefined, q: filters.q || undefined, page, pageSize });
    return html(req, reply, HdjlPage, { org, root, items, total, page, pageSize, filters, orgOptions: scope.map((o) => ({ slug: o.slug, name: o.name })) });
  });

  app.get<{ Params: { slug: string; receiptNo: string } }>('/org/:slug/hdjl/ly/:receiptNo', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    const item = await messages.publishedMessage(req.ctx, req.params.receiptNo);
    return html(req, reply, PublishedPage, { org, root, item });
  });

  const writePage = async (req: FastifyRequest, reply: FastifyReply, org: Organisation, root: Organisation, values: Record<string, string>, errors: FieldError[], suggestions: Suggestion[] | null, status = 200) => {
    const idempotencyKey = z.string().uuid().safeParse(values.idempotencyKey).success ? values.idempotencyKey : crypto.randomUUID();
    noStore(reply);
    const { answerDays } = await messages.settingsOf(req.ctx, org.id);
    return html(req, reply, WritePage, { org, root, values, errors, idempotencyKey, suggestions, answerDays }, status);
  };

  app.get<{ Params: { slug: string } }>('/org/:slug/hdjl/write', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    return writePage(req, reply, org, root, {}, [], null);
  });

  app.post<{ Params: { slug: string } }>('/org/:slug/hdjl/write', { config: limit }, async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    const { values, files, errors } = await readUploadForm(req, messages.MESSAGE_FILE_TYPES, 'attachment');
    const uploads: messages.Upload[] = files.map(({ fileName, mime, content }) => ({ fileName, mime, content }));
    // A filled honeypot is a robot: refused plainly, nothing recorded.
    if (values.website) return writePage(req, reply, org, root, { ...values, website: '' }, [{ field: 'form', message: '提交未成功，请刷新页面后重新填写' }], null, 400);
    const lookup = async () => (values.subject ? (await searchKnowledge(req.ctx, values.subject, { orgId: org.id, limit: 5 })).map(toSuggestion) : []);
    if (values.intent === 'lookup') return writePage(req, reply, org, root, values, [], await lookup());
    const parsed = messageInput.safeParse({ ...EMPTY, ...values });
    if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues));
    if (errors.length || !parsed.success) return writePage(req, reply, org, root, values, errors, null, 400);
    // A 咨询 the knowledge base already answers well is shown the answers first (sent anyway on confirmation).
    if (parsed.data.category === 'consult' && values.confirmed !== '1') {
      const strong = (await searchKnowledge(req.ctx, `${parsed.data.subject} ${parsed.data.content}`, { orgId: org.id, limit: 3 })).filter((h) => h.score >= STRONG_MATCH);
      if (strong.length) return writePage(req, reply, org, root, values, [], strong.map(toSuggestion));
    }
    const { message, duplicate, trackingCode } = await messages.submitMessage(req.ctx, org, parsed.data, values.idempotencyKey && z.string().uuid().safeParse(values.idempotencyKey).success ? values.idempotencyKey : crypto.randomUUID(), uploads);
    noStore(reply);
    return html(req, reply, MessageReceiptPage, { org, root, receiptNo: message.receiptNo, code: trackingCode, duplicate }, duplicate ? 200 : 201);
  });

  const trackResult = async (req: FastifyRequest, receiptNo: string, code: string) => {
    const t = await messages.track(req.ctx, receiptNo, code);
    return { ...t, code: code.trim().toUpperCase() };
  };
  const notFoundTrack = [{ field: 'receiptNo', message: '未找到与该留言编号和查询码相符的留言，请核对后重试' }];

  app.get(MSG_TRACK_HREF, async (req, reply) => {
    const { root } = await site(req);
    return html(req, reply, MessageTrackPage, { org: root, root, values: {}, errors: [], result: null });
  });

  app.post(MSG_TRACK_HREF, { config: limit }, async (req, reply) => {
    const { root } = await site(req);
    noStore(reply);
    const values = (req.body ?? {}) as Record<string, string>;
    const parsed = trackInput.safeParse(values);
    if (!parsed.success) return html(req, reply, MessageTrackPage, { org: root, root, values, errors: fieldErrors(parsed.error.issues), result: null }, 400);
    try {
      return html(req, reply, MessageTrackPage, { org: root, root, values, errors: [], result: await trackResult(req, parsed.data.receiptNo, parsed.data.code) });
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'NOT_FOUND') throw e;
      return html(req, reply, MessageTrackPage, { org: root, root, values, errors: notFoundTrack, result: null }, 404);
    }
  });

  app.post('/hdjl/rate', { config: limit }, async (req, reply) => {
    const { root } = await site(req);
    noStore(reply);
    const values = (req.body ?? {}) as Record<string, string>;
    const parsed = rateInput.safeParse(values);
    if (!parsed.success) {
      const base = trackInput.safeParse(values);
      const result = base.success ? await trackResult(req, base.data.receiptNo, base.data.code).catch(() => null) : null;
      return html(req, reply, MessageTrackPage, { org: root, root, values, errors: fieldErrors(parsed.error.issues), result }, 400);
    }
    try {
      await messages.rate(req.ctx, parsed.data.receiptNo, parsed.data.code, parsed.data.rating as Rating, parsed.data.comment);
      return html(req, reply, MessageTrackPage, { org: root, root, values, errors: [], result: await trackResult(req, parsed.data.receiptNo, parsed.data.code), rated: true });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'NOT_FOUND') return html(req, reply, MessageTrackPage, { org: root, root, values, errors: notFoundTrack, result: null }, 404);
      return html(req, reply, MessageTrackPage, { org: root, root, values, errors: [{ field: 'form', message: e.detail }], result: await trackResult(req, parsed.data.receiptNo, parsed.data.code) }, 422);
    }
  });

  app.get<{ Params: { slug: string }; Querystring: { q?: string } }>('/org/:slug/hdjl/zsk', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    const q = String(req.query?.q ?? '').trim().slice(0, 200);
    const items = q ? (await searchKnowledge(req.ctx, q, { orgId: org.id, limit: 10 })).map(toSuggestion) : [];
    // Answers to free questions are not kept in the page cache: any question is a new URL.
    if (q) noStore(reply);
    return html(req, reply, ZskPage, { org, root, q, items });
  });

  app.get<{ Params: { slug: string; id: string } }>('/org/:slug/hdjl/zsk/:id', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    if (!z.string().uuid().safeParse(req.params.id).success) throw notFound('问答');
    const e = await publicEntry(req.ctx, req.params.id);
    return html(req, reply, ZskEntryPage, { org, root, entry: { id: e.id, question: e.question, answer: e.answer, matchedPhrasing: e.question, links: e.links } });
  });
}
