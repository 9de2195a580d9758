import { z } from 'zod';

/** RFC 9457 problem body, as every error response of the API. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('稳定的错误代码，如 VALIDATION、NOT_FOUND、CONFLICT'),
    detail: z.string().describe('中文说明'),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('错误（application/problem+json）');

/** Response entries for the error statuses a route can return, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}

export const okSchema = z.object({ ok: z.literal(true) });
