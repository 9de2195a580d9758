import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize, selfAndAncestors } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { DEFAULT_WORDING, checkText, type WordingEntry, type WordingKind } from './checks.rules.js';
import { detectPii } from './pii.rules.js';
import { maskText, PROFILES } from './pii.masking.js';
import { extractSegments, maskDocx } from './attachments.js';
import { wordingEntries, type WordingRow } from './review.tables.js';

/** The dictionary in force for an organisation: the national defaults plus its own and its superiors' active entries. */
export async function dictionaryFor(ctx: Ctx, orgId: string): Promise<WordingEntry[]> {
  // A superior's dictionary applies to its subordinates.
  const ids = await selfAndAncestors(ctx.db, orgId);
  const rows = await ctx.db.select().from(wordingEntries).where(and(inArray(wordingEntries.orgId, ids), eq(wordingEntries.active, true)));
  const own = rows.map((r) => ({ term: r.term, kind: r.kind as WordingKind, suggestion: r.suggestion, note: r.note }));
  const overridden = new Set(own.map((e) => e.term));
  return [...own, ...DEFAULT_WORDING.filter((e) => !overridden.has(e.term))];
}

/**
 * Every automated check on a text, for the organisation the actor works for: personal data (with
 * the masked text), 错敏词 and confidentiality markers. Analysis only: nothing is stored or logged.
 */
export async function reviewText(ctx: Ctx, input: { text: string; profile: string }) {
  const orgId = ctx.actor!.orgId!;
  await authorize(ctx, 'org.read', orgId);
  const spans = detectPii(input.text);
  const profile = PROFILES[input.profile];
  const findings = checkText(input.text, await dictionaryFor(ctx, orgId));
  return { spans, masked: maskText(input.text, spans, profile), profile, findings, blocking: findings.some((f) => f.blocking) };
}

export const presentWording = (r: WordingRow) => ({ id: r.id, orgId: r.orgId, term: r.term, kind: r.kind, suggestion: r.suggestion, note: r.note, active: r.active });

export async function listWording(ctx: Ctx, orgId: string) {
  await authorize(ctx, 'org.read', orgId);
  return ctx.db.select().from(wordingEntries).where(eq(wordingEntries.orgId, orgId)).orderBy(asc(wordingEntries.term));
}

type WordingInput = { term: string; kind: WordingKind; suggestion: string; note: string };

export async function addWording(ctx: Ctx, orgId: string, input: WordingInput): Promise<WordingRow> {
  await authorize(ctx, 'review.dictionary', orgId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(wordingEntries)
      .values({ ...input, orgId, createdBy: ctx.actor?.userId ?? null })
      .returning()
      .catch((e) => {
        if (isUniqueViolation(e)) throw conflict(`词库中已有“${input.term}”。`);
        throw e;
      });
    await audit(tx, { action: 'wording.create', objectType: 'wording', objectId: row.id, orgId, summary: { term: row.term, kind: row.kind } });
    return row;
  });
}

export async function updateWording(ctx: Ctx, orgId: string, id: string, patch: Partial<WordingInput> & { active?: boolean }): Promise<WordingRow> {
  await authorize(ctx, 'review.dictionary', orgId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(wordingEntries)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(and(eq(wordingEntries.id, id), eq(wordingEntries.orgId, orgId)))
      .returning()
      .catch((e) => {
        if (isUniqueViolation(e)) throw conflict(`词库中已有“${patch.term}”。`);
        throw e;
      });
    if (!row) throw notFound('词条');
    await audit(tx, { action: 'wording.update', objectType: 'wording', objectId: id, orgId, summary: { changed: Object.keys(patch) } });
    return row;
  });
}

/**
 * The checks of a text applied to an attachment (issue 4 §9), piece by piece (page, sheet, body,
 * header): personal data, 错敏词 and confidentiality marks. A PDF with personal data blocks
 * publication until a cleaned file is checked clean; a Word file can be masked automatically.
 * Analysis only: the file is neither stored nor logged.
 */
export async function checkAttachment(ctx: Ctx, input: { fileName: string; content: Buffer; profile: string }) {
  const orgId = ctx.actor!.orgId!;
  await authorize(ctx, 'org.read', orgId);
  const { type, segments } = await extractSegments(input.content);
  const dict = await dictionaryFor(ctx, orgId);
  const profile = PROFILES[input.profile];
  const parts = segments.map((s) => {
    const spans = detectPii(s.text);
    return { where: s.where, text: s.text, spans, findings: checkText(s.text, dict), masked: maskText(s.text, spans, profile) };
  });
  const pii = parts.reduce((n, p) => n + p.spans.length, 0);
  const reasons: string[] = [];
  if (parts.some((p) => p.findings.some((f) => f.blocking))) reasons.push('含有密级或内部资料等标识');
  if (type === 'pdf' && pii > 0) reasons.push('PDF 中含有个人信息，须上传处理后的文件并重新检查');
  return { type, parts, piiCount: pii, blocking: reasons.length > 0, reasons, maskable: type === 'docx' && pii > 0 };
}

/** A Word attachment with its personal data removed, by the chosen masking profile. */
export async function maskAttachment(ctx: Ctx, input: { content: Buffer; profile: string }) {
  await authorize(ctx, 'org.read', ctx.actor!.orgId!);
  const { type } = await extractSegments(input.content);
  if (type !== 'docx') throw invalid('只能为 Word（DOCX）文件生成脱敏副本；PDF 请上传处理后的文件。');
  return maskDocx(input.content, PROFILES[input.profile]);
}
