import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/database.js';
import { onPublicContentChange } from '../../platform/http/page-cache.js';
import { shanghaiDate } from '../calendar/calendar.rules.js';
import type { Validity } from './catalog.data.js';
import { highlight, queryTerms, snippet, tsqueryLiteral } from './catalog.search.js';
import { listNodes, validityOf } from './catalog.service.js';
import { documentFiles, publicDocuments, searchTerms, type PublicDocumentRow } from './catalog.tables.js';

/**
 * What the public may read of the catalogue: only `public_documents`, the rows publishing writes.
 * Drafts, reviews and earlier revisions are in other tables and cannot leak through here.
 */

type Db = Pick<Ctx, 'db' | 'clock'>;
export const COLUMN_KINDS = { xxgk: 'DOCUMENT', zcjd: 'INTERPRETATION' } as const;
export type CatalogColumn = keyof typeof COLUMN_KINDS;

export interface BrowseFilter {
  orgIds: string[];
  kind?: 'DOCUMENT' | 'INTERPRETATION';
  nodeId?: string;
  topic?: string;
  fiveOpen?: string;
  genre?: string;
  /** 解读形式 of an interpretation. */
  form?: string;
  year?: number;
  validity?: Validity;
  sort?: 'new' | 'old';
  page: number;
  pageSize: number;
}

/** 有效性 in SQL, the same derivation as `deriveValidity` (§6). */
const validitySql = (on: string) =>
  sql<string>`case when ${publicDocuments.validityOverride} is not null then ${publicDocuments.validityOverride}
    when ${publicDocuments.repealOn} <= ${on}::date then 'REPEALED'
    when ${publicDocuments.expiryOn} < ${on}::date then 'EXPIRED'
    when ${publicDocuments.effectiveOn} > ${on}::date then 'NOT_YET_EFFECTIVE' else 'EFFECTIVE' end`;

async function filterSql(ctx: Db, f: Omit<BrowseFilter, 'page' | 'pageSize' | 'sort'>): Promise<SQL[]> {
  const on = shanghaiDate(ctx.clock.now());
  const where: SQL[] = [eq(publicDocuments.status, 'published'), inArray(publicDocuments.orgId, f.orgIds)];
  if (f.kind) where.push(eq(publicDocuments.kind, f.kind));
  if (f.nodeId && f.orgIds.length === 1) {
    // A node shows its own items and those of the nodes below it.
    const nodes = await listNodes(ctx, f.orgIds[0]);
    const ids = new Set([f.nodeId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const n of nodes) if (n.parentId && ids.has(n.parentId) && !ids.has(n.id)) (ids.add(n.id), (grew = true));
    }
    where.push(inArray(publicDocuments.catalogNodeId, [...ids]));
  }
  if (f.topic) where.push(f.topic.includes('.') ? eq(publicDocuments.topic, f.topic) : sql`${publicDocuments.topic} like ${`${f.topic}%`}`);
  if (f.fiveOpen) where.push(eq(publicDocuments.fiveOpen, f.fiveOpen));
  if (f.genre) where.push(or(eq(publicDocuments.genre, f.genre), eq(publicDocuments.contentType, f.genre))!);
  if (f.form) where.push(sql`${publicDocuments.content}->'interpretation'->>'form' = ${f.form}`);
  if (f.year) where.push(eq(publicDocuments.year, f.year));
  if (f.validity) where.push(sql`${validitySql(on)} = ${f.validity}`);
  return where;
}

const listColumns = {
  id: publicDocuments.documentId,
  orgId: publicDocuments.orgId,
  kind: publicDocuments.kind,
  indexNo: publicDocuments.indexNo,
  title: publicDocuments.title,
  summary: publicDocuments.summary,
  docNumber: publicDocuments.docNumber,
  topic: publicDocuments.topic,
  genre: publicDocuments.genre,
  contentType: publicDocuments.contentType,
  fiveOpen: publicDocuments.fiveOpen,
  generatedOn: publicDocuments.generatedOn,
  publishedAt: publicDocuments.publishedAt,
  firstPublishedAt: publicDocuments.firstPublishedAt,
  effectiveOn: publicDocuments.effectiveOn,
  repealOn: publicDocuments.repealOn,
  expiryOn: publicDocuments.expiryOn,
  validityOverride: publicDocuments.validityOverride,
  edition: publicDocuments.edition,
};
export type ListItem = Awaited<ReturnType<typeof browse>>['items'][number];

/** The catalogue, filtered, sorted and paginated (法定主动公开内容, 政策解读). */
export async function browse(ctx: Db, f: BrowseFilter) {
  const on = shanghaiDate(ctx.clock.now());
  const where = and(...(await filterSql(ctx, f)));
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(publicDocuments).where(where);
  const order = f.sort === 'old' ? [asc(publicDocuments.publishedAt), asc(publicDocuments.documentId)] : [desc(publicDocuments.publishedAt), desc(publicDocuments.documentId)];
  const rows = await ctx.db
    .select({ ...listColumns, validity: validitySql(on) })
    .from(publicDocuments)
    .where(where)
    .orderBy(...order)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total, items: rows.map((r) => ({ ...r, validity: r.validity as Validity })) };
}

/** Open data: the same filters with a stable cursor (published time, id) instead of page numbers. */
export async function documentsAfter(ctx: Db, f: Omit<BrowseFilter, 'page' | 'pageSize' | 'sort'>, cursor: { at: Date; id: string } | null, limit: number) {
  const on = shanghaiDate(ctx.clock.now());
  const where = await filterSql(ctx, f);
  if (cursor) where.push(or(lt(publicDocuments.publishedAt, cursor.at), and(eq(publicDocuments.publishedAt, cursor.at), lt(publicDocuments.documentId, cursor.id)))!);
  const rows = await ctx.db
    .select({ ...listColumns, validity: validitySql(on) })
    .from(publicDocuments)
    .where(and(...where))
    .orderBy(desc(publicDocuments.publishedAt), desc(publicDocuments.documentId))
    .limit(limit + 1);
  const more = rows.length > limit;
  return { items: rows.slice(0, limit).map((r) => ({ ...r, validity: r.validity as Validity })), more };
}

/** One public item (published or withdrawn), with its related items and today's 有效性. */
export async function publicDocument(ctx: Db, id: string) {
  const [row] = await ctx.db.select().from(publicDocuments).where(eq(publicDocuments.documentId, id));
  if (!row) return null;
  const on = shanghaiDate(ctx.clock.now());
  const related =
    row.status === 'published'
      ? await ctx.db
          .select({ id: publicDocuments.documentId, orgId: publicDocuments.orgId, title: publicDocuments.title, kind: publicDocuments.kind, publishedAt: publicDocuments.publishedAt, contentType: publicDocuments.contentType, form: sql<string | null>`${publicDocuments.content}->'interpretation'->>'form'` })
          .from(publicDocuments)
          .where(and(eq(publicDocuments.status, 'published'), or(eq(publicDocuments.explainsId, row.documentId), row.explainsId ? eq(publicDocuments.documentId, row.explainsId) : sql`false`)))
          .orderBy(asc(publicDocuments.publishedAt))
      : [];
  return { row, validity: validityOf(row, on), related };
}

/** A public attachment: only a file the live edition of a published item lists. */
export async function publicFile(ctx: Db, id: string, fileId: string) {
  const [row] = await ctx.db.select({ status: publicDocuments.status, attachments: publicDocuments.attachments }).from(publicDocuments).where(eq(publicDocuments.documentId, id));
  if (!row || row.status !== 'published' || !row.attachments.some((a) => a.id === fileId)) return null;
  const [f] = await ctx.db.select({ fileName: documentFiles.fileName, type: documentFiles.type, content: documentFiles.content }).from(documentFiles).where(eq(documentFiles.id, fileId));
  return f ?? null;
}

/**
 * Years that have items, for the year filter. Remembered until public content changes: the
 * query reads every item of the organisations, which a listing or search page must not repeat.
 */
const yearsMemo = new Map<string, number[]>();
onPublicContentChange(() => yearsMemo.clear());
export async function yearsOf(ctx: Db, orgIds: string[], kind?: string) {
  const key = `${kind ?? ''}|${[...orgIds].sort().join(',')}`;
  const known = yearsMemo.get(key);
  if (known) return known;
  const rows = await ctx.db
    .selectDistinct({ year: publicDocuments.year })
    .from(publicDocuments)
    .where(and(eq(publicDocuments.status, 'published'), inArray(publicDocuments.orgId, orgIds), kind ? eq(publicDocuments.kind, kind) : undefined))
    .orderBy(desc(publicDocuments.year));
  const years = rows.map((r) => r.year);
  if (yearsMemo.size > 1000) yearsMemo.clear();
  yearsMemo.set(key, years);
  return years;
}

/** The newest items for feeds and home pages. */
export async function latest(ctx: Db, orgIds: string[], kind: string | undefined, limit: number) {
  return ctx.db
    .select({ id: publicDocuments.documentId, orgId: publicDocuments.orgId, kind: publicDocuments.kind, title: publicDocuments.title, summary: publicDocuments.summary, indexNo: publicDocuments.indexNo, publishedAt: publicDocuments.publishedAt, firstPublishedAt: publicDocuments.firstPublishedAt, updatedAt: publicDocuments.updatedAt })
    .from(publicDocuments)
    .where(and(eq(publicDocuments.status, 'published'), inArray(publicDocuments.orgId, orgIds), kind ? eq(publicDocuments.kind, kind) : undefined))
    .orderBy(desc(publicDocuments.publishedAt))
    .limit(limit);
}

/** Every public item's address data for the sitemap, in pages of `size`. */
export async function sitemapPage(ctx: Db, after: string | null, size: number) {
  return ctx.db
    .select({ id: publicDocuments.documentId, orgId: publicDocuments.orgId, kind: publicDocuments.kind, updatedAt: publicDocuments.updatedAt })
    .from(publicDocuments)
    .where(and(eq(publicDocuments.status, 'published'), after ? gt(publicDocuments.documentId, after) : undefined))
    .orderBy(asc(publicDocuments.documentId))
    .limit(size);
}

export const countPublished = async (ctx: Db) => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(publicDocuments).where(eq(publicDocuments.status, 'published')))[0].n;

// ───────────────────────── search ─────────────────────────

export interface SearchFilter {
  q: string;
  orgIds: string[];
  kind?: 'DOCUMENT' | 'INTERPRETATION';
  genre?: string;
  year?: number;
  validity?: Validity;
  page: number;
  pageSize: number;
}

/**
 * How many of the newest matches are ranked (STACK.md trap 8: ranking every match of 烟草 is what
 * makes it slow). A word nearly every item contains yields the newest 150 body matches plus the
 * newest 50 title matches, ranked; older ones are reached by narrowing (organisation, year, type).
 */
export const RANK_WINDOW = 150;
/** Title matches are few and matter most; this many of them are always ranked, however old. */
const TITLE_WINDOW = 50;
/** The text around a hit that is read for its snippet (`snippet()` shows 120 characters from 40 before the word). */
const SNIPPET_BEFORE = 80;
const SNIPPET_WINDOW = 300;
/** Up to this many candidates, the body's own rank counts too. */
const BODY_RANK_LIMIT = 100;

export interface SearchHit {
  id: string;
  orgId: string;
  kind: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  indexNo: string;
  docNumber: string;
  publishedAt: Date;
  validity: Validity;
  inTitle: boolean;
}

/**
 * Full-text search over published items (issue 3 §8): every word of the query must occur in the
 * title or the body and attachments (AND over jieba words), title matches rank above body
 * matches, then ts_rank, then recency. Titles within a few characters of the query also match
 * (pg_trgm word similarity), ranked after exact title matches, so a typo still finds its document.
 * When no item has every word, items with some of them are shown, most words first (`partial`).
 */
export async function search(ctx: Db, f: SearchFilter) {
  const words = queryTerms(f.q);
  const raw = f.q.trim().slice(0, 60);
  if (!words.length && raw.length < 2) return { total: 0, capped: false, partial: false, hits: [] as SearchHit[], words, suggestion: null as string | null };
  const all = await rankedSearch(ctx, f, words, raw, 'all');
  if (all.total > 0 || words.length < 2) return { ...all, partial: false, suggestion: all.total === 0 ? await didYouMean(ctx, f, words) : null };
  const suggestion = await didYouMean(ctx, f, words);
  const any = await rankedSearch(ctx, f, words, raw, 'any');
  return { ...any, partial: any.total > 0, suggestion };
}

async function rankedSearch(ctx: Db, f: SearchFilter, words: string[], raw: string, mode: 'all' | 'any') {
  const tsq = tsqueryLiteral(words, mode);
  const on = shanghaiDate(ctx.clock.now());
  const filters = and(...(await filterSql(ctx, f)));
  const q = tsq ? sql`${tsq}::tsquery` : sql`''::tsquery`;
  const fuzzy = raw.length >= 3 ? sql`${raw} <% ${publicDocuments.title}` : sql`false`;
  const candidates = sql`
    (select document_id from public_documents where ${filters} and search_title @@ ${q} order by published_at desc limit ${TITLE_WINDOW})
    union
    (select document_id from public_documents where ${filters} and (search_title @@ ${q} or search_body @@ ${q}) order by published_at desc limit ${RANK_WINDOW})
    union
    (select document_id from public_documents where ${filters} and ${fuzzy} order by published_at desc limit 20)`;
  const tier = sql`(case when p.search_title @@ ${q} then 2 when ${raw.length >= 3 ? sql`word_similarity(${raw}, p.title) >= 0.6` : sql`false`} then 1 else 0 end)`;
  // One statement: the capped candidate set, ranked once, counted by a window function; the
  // page's rows are then joined for their text.
  // Only the stretch of body and attachment text around the first matching word leaves the
  // database, not the whole text (up to megabytes per item), for the snippet.
  const wordArray = words.length ? sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]` : sql`array[]::text[]`;
  const around = (text: SQL) => sql`(select case when at is null then '' else substr(${text}, greatest(1, at - ${SNIPPET_BEFORE}), ${SNIPPET_WINDOW}) end
    from (select min(nullif(strpos(lower(${text}), w), 0)) as at from unnest(${wordArray}) w) found)`;
  const rows = rowsOf<Pick<PublicDocumentRow, 'content'> & { id: string; orgId: string; kind: string; title: string; summary: string; indexNo: string; docNumber: string; publishedAt: Date | string; bodyText: string; attachmentText: string; effectiveOn: string | null; repealOn: string | null; expiryOn: string | null; inTitle: boolean; total: number }>(
    await ctx.db.execute(sql`
      with cand as (${candidates}), counted as (
        select document_id, count(*) over () as total from cand
      ), ranked as (
        -- The body's rank separates a few matches; when the word is in hundreds of items it mostly
        -- costs reading their vectors, so then titles and recency decide.
        select p.document_id, p.published_at, ${tier} as tier,
          ts_rank(p.search_title, ${q}) * 4 + (case when c.total <= ${BODY_RANK_LIMIT} then ts_rank(p.search_body, ${q}) else 0 end) as rank, c.total
        from counted c join public_documents p using (document_id)
        order by tier desc, rank desc, p.published_at desc, p.document_id desc
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}
      )
      select p.document_id as id, p.org_id as "orgId", p.kind, p.title, p.summary, p.index_no as "indexNo", p.doc_number as "docNumber",
        p.published_at as "publishedAt", ${around(sql`p.body_text`)} as "bodyText", ${around(sql`p.attachment_text`)} as "attachmentText",
        p.effective_on as "effectiveOn", p.repeal_on as "repealOn", p.expiry_on as "expiryOn", p.content,
        (r.tier = 2) as "inTitle", r.total::int as total
      from ranked r join public_documents p using (document_id)
      order by r.tier desc, r.rank desc, r.published_at desc, r.document_id desc`),
  );
  // Past the last page the window function gives no row: count the candidates then.
  const total = rows.length ? Number(rows[0].total) : f.page > 1 ? rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from (${candidates}) c`))[0].n : 0;
  const capped = total >= RANK_WINDOW;
  const hits: SearchHit[] = rows.map((r) => {
    const text = [r.summary, r.bodyText, r.attachmentText].find((t) => words.some((w) => t.toLowerCase().includes(w))) ?? r.summary;
    return {
      id: r.id,
      orgId: r.orgId,
      kind: r.kind,
      title: r.title,
      titleHtml: highlight(r.title, words),
      snippetHtml: snippet(text, words),
      indexNo: r.indexNo,
      docNumber: r.docNumber,
      publishedAt: new Date(r.publishedAt),
      validity: validityOf({ effectiveOn: dateStr(r.effectiveOn), repealOn: dateStr(r.repealOn), expiryOn: dateStr(r.expiryOn), content: r.content }, on),
      inTitle: r.inTitle,
    };
  });
  return { total, capped, hits, words };
}

/** Raw `execute` returns dates as strings on one driver and Date objects on the other. */
const dateStr = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? shanghaiDate(v) : String(v).slice(0, 10));

/**
 * “您是不是要找”: a word of the query that no published title contains — alone or joined with the
 * word before or after it, since a typo often splits a word (零售许可正 → 零售 许可 正) — is replaced
 * by the most similar title word (pg_trgm). The corrected query is offered only if it finds something.
 */
async function didYouMean(ctx: Db, f: SearchFilter, words: string[]): Promise<string | null> {
  if (!words.length) return null;
  const known = new Set((await ctx.db.select({ term: searchTerms.term }).from(searchTerms).where(inArray(searchTerms.term, words))).map((r) => r.term));
  const closest = async (w: string) => rowsOf<{ term: string; sim: number }>(await ctx.db.execute(sql`select term, similarity(term, ${w}) as sim from search_terms where term % ${w} order by sim desc, term limit 1`))[0] ?? null;
  const out = [...words];
  let changed = false;
  for (let i = 0; i < out.length; i++) {
    if (known.has(out[i])) continue;
    const tries: { from: number; to: number; text: string }[] = [{ from: i, to: i, text: out[i] }];
    if (i > 0) tries.push({ from: i - 1, to: i, text: out[i - 1] + out[i] });
    if (i + 1 < out.length) tries.push({ from: i, to: i + 1, text: out[i] + out[i + 1] });
    let best: { from: number; to: number; term: string; sim: number } | null = null;
    for (const t of tries) {
      if (t.text.length < 2) continue;
      const c = await closest(t.text);
      if (c && c.term !== t.text && (!best || c.sim > best.sim)) best = { from: t.from, to: t.to, term: c.term, sim: Number(c.sim) };
    }
    if (!best) continue;
    out.splice(best.from, best.to - best.from + 1, best.term);
    changed = true;
    i = best.from;
  }
  if (!changed) return null;
  // Drop the pieces cutForSearch adds inside longer words (零售 inside 零售许可证).
  const suggestion = out.filter((w, i) => !out.some((o, j) => j !== i && o.length > w.length && o.includes(w))).join(' ');
  const check = await rankedSearch(ctx, { ...f, page: 1, pageSize: 1 }, queryTerms(suggestion), suggestion, 'all');
  return check.total > 0 ? suggestion : null;
}
