import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { FieldError } from '../../platform/errors/errors.js';
import { acceptedType, FILE_TYPES, typeLabels, type FileType } from '../../platform/uploads/sniff.js';

/** Server-side helpers of the public forms: reading a form with uploads, field errors, no-store pages. */

export const fieldErrors = (issues: z.core.$ZodIssue[]): FieldError[] => issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));

/** Pages with a one-time form key or a personal result are never cached, here or in the page cache. */
export const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export interface UploadedFile {
  field: string;
  fileName: string;
  mime: string;
  content: Buffer;
}

/**
 * Reads a form as a browser sends it: multipart (fields and files) or urlencoded. Files are
 * accepted by their content, not their name; empty file inputs are skipped; size and count limits
 * (set where multipart is registered) come back as field errors in Chinese, never as a 500.
 */
export async function readUploadForm(req: FastifyRequest, accept: FileType[], sizeErrorField: string) {
  const values: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const errors: FieldError[] = [];
  if (!req.isMultipart()) return { values: { ...((req.body ?? {}) as Record<string, string>) }, files, errors };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (!part.filename || content.length === 0) continue;
        const type = acceptedType(content, accept);
        if (!type) errors.push({ field: part.fieldname, message: `“${part.filename}”不是有效的 ${typeLabels(accept)} 文件` });
        else files.push({ field: part.fieldname, fileName: part.filename, mime: FILE_TYPES[type].mime, content });
      } else values[part.fieldname] = String(part.value ?? '');
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') errors.push({ field: sizeErrorField, message: '上传的文件超过 5 MB，请压缩后重新选择' });
    else if (code?.startsWith('FST_')) errors.push({ field: 'form', message: '表单内容过多或格式有误，请检查后重新提交' });
    else throw e;
  }
  return { values, files, errors };
}
