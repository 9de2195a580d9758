import { and, arrayContains, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize, orgsWith } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { invalid, notFound } from '../../platform/errors/errors.js';
import { publicContentChanged } from '../../platform/http/page-cache.js';
import { shanghaiDate } from '../calendar/calendar.rules.js';
import { organisations } from '../organisations/organisations.tables.js';
import { messages } from '../messages/messages.tables.js';
import { answerHtml, answerPlain } from './knowledge.format.js';
import { buildIndex, search, type Index } from './knowledge.search.js';
import { knowledgeEntries, type KnowledgeEntry } from './knowledge.tables.js';
import type { EntryInput } from './knowledge.contract.js';

const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());

/**
 * The index is built in each process and rebuilt when the table changes: every search first
 * reads a stamp (row count and latest change), so an edit made through any process is seen by
 * every channel on the next question.
 */
let cached: { stamp: string; index: Index; rows: Map<string, KnowledgeEntry> } | undefined;
let building: Promise<NonNullable<typeof cached>> | undefined;

async function currentIndex(ctx: Ctx) {
  const [s] = await ctx.db.select({ n: sql<number>`count(*)::int`, m: sql<string>`coalesce(max(${knowledgeEntries.updatedAt})::text, '')` }).from(knowledgeEntries);
  const stamp = `${s.n}|${s.m}`;
  if (cached?.stamp === stamp) return cached;
  building ??= (async () => {
    try {
      const rows = await ctx.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.active, true));
      const index = buildIndex(rows.map((r) => ({ id: r.id, question: r.question, phrasings: r.phrasings, answerText: answerPlain(r.answer) })));
      cached = { stamp, index, rows: new Map(rows.map((r) => [r.id, r])) };
      return cached;
    } finally {
      building = undefined;
    }
  })();
  return building;
}

export const isStale = (e: Pick<KnowledgeEntry, 'reviewBy'>, on: string) => e.reviewBy < on;
const inForce = (e: Pick<KnowledgeEntry, 'validFrom' | 'validTo'>, on: string) => (!e.validFrom || e.validFrom <= on) && (!e.validTo || e.validTo >= on);
const appliesTo = (e: Pick<KnowledgeEntry, 'orgIds'>, orgId?: string) => !orgId || e.orgIds.length === 0 || e.orgIds.includes(orgId);

/** Finds answers for a question; only entries in force that apply to the organisation asked. */
export async function searchKnowledge(ctx: Ctx, q: string, opts: { orgId?: string; limit?: number } = {}) {
  const { index, rows } = await currentIndex(ctx);
  const on = today(ctx);
  const limit = opts.limit ?? 10;
  const hits = search(index, q, 50)
    .map((h) => ({ hit: h, entry: rows.get(h.id)! }))
    .filter(({ entry }) => entry && inForce(entry, on) && appliesTo(entry, opts.orgId))
    .slice(0, limit);
  return hits.map(({ hit, entry }) => ({ ...present(entry, on), score: hit.score, matchedPhrasing: hit.matchedPhrasing, matchedTerms: hit.matchedTerms }));
}

export const present = (e: KnowledgeEntry, on: string) => ({
  id: e.id,
  question: e.question,
  phrasings: e.phrasings,
  answer: e.answer,
  answerHtml: answerHtml(e.answer),
  links: e.links,
  category: e.category,
  orgIds: e.orgIds,
  ownerOrgId: e.ownerOrgId,
  ownerName: e.ownerName,
  validFrom: e.validFrom,
  validTo: e.validTo,
  reviewBy: e.reviewBy,
  stale: isStale(e, on),
  active: e.active,
  sourceMessageId: e.sourceMessageId,
  updatedAt: e.updatedAt.toISOString(),
});

/** One entry for the public pages: in force and active only. */
export async function publicEntry(ctx: Ctx, id: string) {
  const [e] = await ctx.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id));
  if (!e || !e.active || !inForce(e, today(ctx))) throw notFound('问答');
  return present(e, today(ctx));
}

/** The entries the actor's organisation owns or may use, for the console list. */
export async function listEntries(ctx: Ctx, f: { q?: string; filter: 'all' | 'stale' | 'inactive' | 'own' }) {
  await authorize(ctx, 'records.read', ctx.actor!.orgId!);
  const orgId = ctx.actor!.orgId!;
  const on = today(ctx);
  if (f.q) {
    const hits = await searchKnowledge(ctx, f.q, { orgId, limit: 50 });
    return { today: on, items: hits };
  }
  const conds: SQL[] = [or(eq(knowledgeEntries.ownerOrgId, orgId), sql`cardinality(${knowledgeEntries.orgIds}) = 0`, arrayContains(knowledgeEntries.orgIds, [orgId]))!];
  if (f.filter === 'inactive') conds.push(eq(knowledgeEntries.active, false));
  else conds.push(eq(knowledgeEntries.active, true));
  if (f.filter === 'stale') conds.push(sql`${knowledgeEntries.reviewBy} < ${on}`);
  if (f.filter === 'own') conds.push(eq(knowledgeEntries.ownerOrgId, orgId));
  const rows = await ctx.db.select().from(knowledgeEntries).where(and(...conds)).orderBy(asc(knowledgeEntries.category), asc(knowledgeEntries.question));
  return { today: on, items: rows.map((r) => present(r, on)) };
}

async function checkInput(ctx: Ctx, input: EntryInput) {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) throw invalid('失效日期不能早于生效日期。', [{ field: 'validTo', message: '不能早于生效日期' }]);
  if (input.orgIds.length) {
    const found = await ctx.db.select({ id: organisations.id }).from(organisations).where(sql`${organisations.id} = any(${input.orgIds})`);
    if (found.length !== new Set(input.orgIds).size) throw invalid('适用机构中有不存在的机构。', [{ field: 'orgIds', message: '机构无效' }]);
  }
}

export async function getEntry(ctx: Ctx, id: string) {
  const [e] = await ctx.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id));
  if (!e) throw notFound('问答');
  await authorize(ctx, 'records.read', ctx.actor!.orgId!);
  return present(e, today(ctx));
}

/**
 * Adds an entry owned by the actor's organisation. With `sourceMessageId` it promotes a replied
 * message: the message must have been answered and be one the actor may read.
 */
export async function createEntry(ctx: Ctx, input: EntryInput & { sourceMessageId?: string | null }) {
  const orgId = ctx.actor!.orgId!;
  await authorize(ctx, 'knowledge.edit', orgId);
  await checkInput(ctx, input);
  if (input.sourceMessageId) {
    const [m] = await ctx.db.select().from(messages).where(eq(messages.id, input.sourceMessageId));
    const readable = await orgsWith(ctx, 'records.read');
    if (!m || !(readable.includes(m.orgId) || readable.includes(m.originOrgId))) throw notFound('留言');
    if (!m.reply || !['answered', 'visited'].includes(m.status)) throw invalid('只有已答复的留言才能转为知识库问答。');
  }
  return inTransaction(ctx, async (tx) => {
    const [e] = await tx.db
      .insert(knowledgeEntries)
      .values({ ...input, ownerOrgId: orgId, ownerName: input.ownerName || tx.actor!.displayName, sourceMessageId: input.sourceMessageId ?? null, createdAt: tx.clock.now(), updatedAt: tx.clock.now() })
      .returning();
    await audit(tx, { action: input.sourceMessageId ? 'knowledge.promote' : 'knowledge.create', objectType: 'knowledge_entry', objectId: e.id, orgId, summary: { question: e.question.slice(0, 60), sourceMessageId: input.sourceMessageId ?? undefined } });
    return present(e, today(tx));
  }).finally(publicContentChanged);
}

async function loadOwned(ctx: Ctx, id: string) {
  const [e] = await ctx.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id));
  if (!e) throw notFound('问答');
  await authorize(ctx, 'knowledge.edit', e.ownerOrgId);
  return e;
}

export async function updateEntry(ctx: Ctx, id: string, input: EntryInput & { active?: boolean }) {
  const before = await loadOwned(ctx, id);
  await checkInput(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const [e] = await tx.db.update(knowledgeEntries).set({ ...input, updatedAt: tx.clock.now() }).where(eq(knowledgeEntries.id, id)).returning();
    const changed = (Object.keys(input) as (keyof EntryInput)[]).filter((k) => JSON.stringify(before[k as keyof KnowledgeEntry]) !== JSON.stringify(input[k]));
    await audit(tx, { action: 'knowledge.update', objectType: 'knowledge_entry', objectId: id, orgId: e.ownerOrgId, summary: { changed } });
    return present(e, today(tx));
  }).finally(publicContentChanged);
}

/** Marks an entry reviewed: the answer was checked and stays as it is until the next date. */
export async function markReviewed(ctx: Ctx, id: string, reviewBy: string) {
  await loadOwned(ctx, id);
  if (reviewBy <= today(ctx)) throw invalid('下次复核日期应晚于今天。', [{ field: 'reviewBy', message: '应晚于今天' }]);
  return inTransaction(ctx, async (tx) => {
    const [e] = await tx.db.update(knowledgeEntries).set({ reviewBy, updatedAt: tx.clock.now() }).where(eq(knowledgeEntries.id, id)).returning();
    await audit(tx, { action: 'knowledge.review', objectType: 'knowledge_entry', objectId: id, orgId: e.ownerOrgId, summary: { reviewBy } });
    return present(e, today(tx));
  });
}
