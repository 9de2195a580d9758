import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { DomainError } from '../../platform/errors/errors.js';
import { sendDownload } from '../../platform/export/xlsx.js';
import { DOCX_MIME, PDF_MIME } from '../../platform/documents/letter.js';
import { fieldErrors, noStore, readUploadForm } from './form-input.js';
import type { Organisation } from '../organisations/organisations.tables.js';
import { applicationInput, trackInput } from '../requests/requests.contract.js';
import { LETTER_KINDS, type LetterKind } from '../requests/requests.letters.js';
import * as requests from '../requests/requests.service.js';
import { ApplyPage, ReceiptPage, TRACK_HREF, TrackPage } from './pages/requests.js';
import type { ComponentType } from 'react';

type Html = <P extends object>(req: FastifyRequest, reply: FastifyReply, page: ComponentType<P>, props: Omit<P, 'elder' | 'path'>, status?: number) => FastifyReply;
export interface Helpers {
  html: Html;
  findOrg: (req: FastifyRequest, slug: string) => Promise<{ org: Organisation; root: Organisation; orgs: Organisation[] }>;
  site: (req: FastifyRequest) => Promise<{ root: Organisation; orgs: Organisation[] }>;
}

const MAX_FILE = 5 * 1024 * 1024;
const EMPTY_APPLICATION = Object.fromEntries(['applicantType', 'name', 'idType', 'idNumber', 'phone', 'infoDescription', 'provisionForm', 'delivery'].map((k) => [k, '']));

/**
 * The public side of 依申请公开: the application form (multipart, so that identity proof can be
 * attached without JavaScript), the receipt, the tracking page and letter downloads. Every form
 * is rate-limited; the pages with a form key or a result are never cached.
 */
export async function registerRequestPages(app: FastifyInstance, { html, findOrg, site }: Helpers) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 2, fields: 40, fieldSize: 16 * 1024, parts: 45 } });
  const limit = { rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const guide = (org: Organisation) => ({ phone: org.phone, address: org.address });

  app.get<{ Params: { slug: string } }>('/org/:slug/ysqgk/', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    noStore(reply);
    return html(req, reply, ApplyPage, { org, root, values: {}, errors: [], idempotencyKey: crypto.randomUUID(), guide: guide(org) });
  });

  app.post<{ Params: { slug: string } }>('/org/:slug/ysqgk/', { config: limit }, async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    noStore(reply);
    const { values, files, errors } = await readUploadForm(req, requests.APPLICANT_FILE_TYPES, 'identityFile');
    const uploads: requests.Upload[] = files.map((f) => ({ kind: f.field === 'licenceFile' ? 'licence' : 'identity', fileName: f.fileName, mime: f.mime, content: f.content }));
    const idempotencyKey = z.string().uuid().safeParse(values.idempotencyKey).success ? values.idempotencyKey : crypto.randomUUID();
    // Absent fields read as empty, so each gets its own message rather than a type error.
    const parsed = applicationInput.safeParse({ ...EMPTY_APPLICATION, ...values });
    if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues));
    if (errors.length || !parsed.success) return html(req, reply, ApplyPage, { org, root, values, errors, idempotencyKey, guide: guide(org) }, 400);
    const { request, duplicate, trackingCode } = await requests.submitOnline(req.ctx, org, parsed.data, idempotencyKey, uploads);
    return html(req, reply, ReceiptPage, { org, root, receiptNo: request.receiptNo, code: trackingCode, duplicate }, duplicate ? 200 : 201);
  });

  app.get(TRACK_HREF, async (req, reply) => {
    const { root } = await site(req);
    return html(req, reply, TrackPage, { org: root, root, values: {}, errors: [], result: null });
  });

  app.post(TRACK_HREF, { config: limit }, async (req, reply) => {
    const { root } = await site(req);
    noStore(reply);
    const values = (req.body ?? {}) as Record<string, string>;
    const parsed = trackInput.safeParse(values);
    if (!parsed.success) return html(req, reply, TrackPage, { org: root, root, values, errors: fieldErrors(parsed.error.issues), result: null }, 400);
    try {
      const t = await requests.track(req.ctx, parsed.data.receiptNo, parsed.data.code);
      const result = { receiptNo: t.request.receiptNo, code: parsed.data.code.toUpperCase(), orgName: t.org.name, status: t.request.status, receivedOn: t.clock.receivedOn, due: t.clock.due, daysLeft: t.clock.daysLeft, paused: t.clock.paused || null, events: t.events, letters: t.letters, files: t.files };
      return html(req, reply, TrackPage, { org: root, root, values, errors: [], result });
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'NOT_FOUND') throw e;
      // Unknown number and wrong code read the same (no hint which one was wrong).
      return html(req, reply, TrackPage, { org: root, root, values, errors: [{ field: 'receiptNo', message: '未找到与该受理编号和查询码相符的申请，请核对后重试' }], result: null }, 404);
    }
  });

  app.post('/ysqgk/file', { config: limit }, async (req, reply) => {
    const body = z.object({ receiptNo: z.string(), code: z.string(), fileId: z.string().uuid() }).safeParse(req.body ?? {});
    if (!body.success) throw new DomainError('VALIDATION', '下载请求无效，请返回查询页面重新操作。');
    const f = await requests.publicFile(req.ctx, body.data.receiptNo, body.data.code, body.data.fileId);
    return sendDownload(reply, f.body, f.fileName, f.mime);
  });

  app.post('/ysqgk/letter', { config: limit }, async (req, reply) => {
    const body = z
      .object({ receiptNo: z.string(), code: z.string(), kind: z.enum(Object.keys(LETTER_KINDS) as [LetterKind, ...LetterKind[]]), format: z.enum(['docx', 'pdf']).default('docx') })
      .safeParse(req.body ?? {});
    if (!body.success) throw new DomainError('VALIDATION', '下载请求无效，请返回查询页面重新操作。');
    const { body: file, fileName } = await requests.publicLetter(req.ctx, body.data.receiptNo, body.data.code, body.data.kind, body.data.format);
    return sendDownload(reply, file, fileName, body.data.format === 'pdf' ? PDF_MIME : DOCX_MIME);
  });
}

