import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { DomainError, type FieldError } from '../../platform/errors/errors.js';
import { sendDownload } from '../../platform/export/xlsx.js';
import { DOCX_MIME, PDF_MIME } from '../../platform/documents/letter.js';
import { acceptedType, FILE_TYPES, typeLabels } from '../../platform/uploads/sniff.js';
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
const fieldErrors = (issues: z.core.$ZodIssue[]): FieldError[] => issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));

/**
 * The public side of 依申请公开: the application form (multipart, so that identity proof can be
 * attached without JavaScript), the receipt, the tracking page and letter downloads. Every form
 * is rate-limited; the pages with a form key or a result are never cached.
 */
export async function registerRequestPages(app: FastifyInstance, { html, findOrg, site }: Helpers) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 2, fields: 40, fieldSize: 16 * 1024, parts: 45 } });
  const limit = { rateLimit: { max: app.gongkai.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const guide = (org: Organisation) => ({ phone: org.phone, address: org.address });

  app.get<{ Params: { slug: string } }>('/org/:slug/ysqgk/', async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    noStore(reply);
    return html(req, reply, ApplyPage, { org, root, values: {}, errors: [], idempotencyKey: crypto.randomUUID(), guide: guide(org) });
  });

  app.post<{ Params: { slug: string } }>('/org/:slug/ysqgk/', { config: limit }, async (req, reply) => {
    const { org, root } = await findOrg(req, req.params.slug);
    noStore(reply);
    const values: Record<string, string> = {};
    const uploads: requests.Upload[] = [];
    const errors: FieldError[] = [];
    if (!req.isMultipart()) {
      Object.assign(values, (req.body ?? {}) as Record<string, string>);
    } else {
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const content = await part.toBuffer();
            if (!part.filename || content.length === 0) continue;
            const type = acceptedType(content, requests.APPLICANT_FILE_TYPES);
            if (!type) errors.push({ field: part.fieldname, message: `“${part.filename}”不是有效的 ${typeLabels(requests.APPLICANT_FILE_TYPES)} 文件` });
            else uploads.push({ kind: part.fieldname === 'licenceFile' ? 'licence' : 'identity', fileName: part.filename, mime: FILE_TYPES[type].mime, content });
          } else values[part.fieldname] = String(part.value ?? '');
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') errors.push({ field: 'identityFile', message: '上传的文件超过 5 MB，请压缩后重新选择' });
        else if (code?.startsWith('FST_')) errors.push({ field: 'form', message: '表单内容过多或格式有误，请检查后重新提交' });
        else throw e;
      }
    }
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

