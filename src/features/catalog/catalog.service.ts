import crypto from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { diffWordsWithSpace } from 'diff';
import { type Ctx, inTransaction, systemActor } from '../../platform/context.js';
import { authorize, orgsWith } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { conflict, DomainError, forbidden, invalid, notFound, unprocessable } from '../../platform/errors/errors.js';
import { acceptedType, safeFileName, typeLabels, type FileType } from '../../platform/uploads/sniff.js';
import { publicContentChanged } from '../../platform/http/page-cache.js';
import { organisations } from '../organisations/organisations.tables.js';
import { roleGrants, users } from '../../platform/auth/auth.tables.js';
import { docHref } from '../portal/pages/layout.js';
import { shanghaiDate } from '../calendar/calendar.rules.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import { ATTACHMENT_TYPES, extractSegments, maskDocx } from '../review/attachments.js';
import { extractLinks, MAX_LINKS } from '../review/links.js';
import { CONTENT_TYPES, DISCLOSURE_ATTRIBUTES, FIVE_OPEN, INTERPRETATION_FORMS, TOPIC_LABELS, VALIDITY } from './catalog.data.js';
import { docContentSchema, DOC_CLASSES, guideSchema, normaliseDates, type DocContent, type DocContentInput, type Guide } from './catalog.content.js';
import { bodyText, sanitizeBody } from './catalog.html.js';
import {
  canTakeDoc,
  checkIndexTemplate,
  completeness,
  DEFAULT_INDEX_TEMPLATE,
  DEFAULT_INTERPRETATION_LAG,
  deriveValidity,
  DOC_STATUSES,
  DOC_TRANSITIONS,
  interpretationLateBy,
  PUBLISH_WITHIN_WORKING_DAYS,
  publishChecks,
  publishedLateBy,
  renderIndexNo,
  submitChecks,
  type DocAction,
  type DocStatus,
} from './catalog.rules.js';
import { queryTerms, tsvectorLiteral } from './catalog.search.js';
import { PROFILES } from '../review/pii.masking.js';
import { chainFor, contentPieces, DEFAULT_CHAIN, findingKey, findingsOf, isLastStep, maskContent, mayActAtStep, newReview, profileOf, replacements, type ApprovalChain, type EditionReview, type Piece } from './catalog.review.js';
import { catalogNodes, catalogSettings, documentEditions, documentFiles, documentRevisions, documents, documentStatuses, publicDocuments, searchTerms, type DocumentRow, type EditionRow, type FileRow, type RevisionRow } from './catalog.tables.js';

/**
 * The catalogue of 主动公开 items (issue 3): documents with numbered editions, each edited as
 * immutable revisions, moved through the transition table of `catalog.rules.ts` with an
 * append-only status history. Publishing writes the public row the portal, search and feeds read.
 */

export type DocKind = 'DOCUMENT' | 'INTERPRETATION';
const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());

// ───────────────────────── settings and the 公开目录 tree ─────────────────────────

export async function settingsOf(ctx: Pick<Ctx, 'db'>, orgId: string) {
  const [row] = await ctx.db.select().from(catalogSettings).where(eq(catalogSettings.orgId, orgId));
  return {
    indexTemplate: row?.indexTemplate ?? DEFAULT_INDEX_TEMPLATE,
    indexYearBasis: (row?.indexYearBasis ?? 'published') as 'published' | 'generated',
    interpretationLag: row?.interpretationLag ?? DEFAULT_INTERPRETATION_LAG,
    guide: row?.guide ?? null,
    guideReviewedAt: row?.guideReviewedAt ?? null,
    rulesText: row?.rulesText ?? '',
    approvalChains: row?.approvalChains ?? [],
    isDefault: !row,
  };
}

/** The settings with the organisation's reviewers, whom the approval steps may name. */
const settingsView = async (ctx: Ctx, orgId: string) => ({ ...(await settingsOf(ctx, orgId)), reviewers: await reviewersOf(ctx, orgId) });

export async function getSettings(ctx: Ctx, orgId: string) {
  await authorize(ctx, 'org.read', orgId);
  return settingsView(ctx, orgId);
}

export interface SettingsInput {
  indexTemplate: string;
  indexYearBasis: 'published' | 'generated';
  interpretationLag: number;
  guide: Guide;
  rulesText: string;
  approvalChains: ApprovalChain[];
}

export async function putSettings(ctx: Ctx, orgId: string, input: SettingsInput) {
  await authorize(ctx, 'catalog.settings', orgId);
  const t = checkIndexTemplate(input.indexTemplate);
  if (!t.ok) throw invalid(t.reason, [{ field: 'indexTemplate', message: t.reason }]);
  const guide = guideSchema.parse(input.guide);
  await checkChains(ctx, orgId, input.approvalChains);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const values = { indexTemplate: input.indexTemplate, indexYearBasis: input.indexYearBasis, interpretationLag: input.interpretationLag, guide, guideReviewedAt: now, rulesText: input.rulesText, approvalChains: input.approvalChains, updatedAt: now };
    await tx.db.insert(catalogSettings).values({ orgId, ...values }).onConflictDoUpdate({ target: catalogSettings.orgId, set: values });
    await audit(tx, { action: 'catalog.settings', objectType: 'organisation', objectId: orgId, orgId, summary: { indexTemplate: input.indexTemplate, interpretationLag: input.interpretationLag, chains: input.approvalChains.map((c) => `${c.name}（${c.steps.map((st) => st.name).join('→')}）`) } });
  });
  publicContentChanged();
  return settingsView(ctx, orgId);
}

/** Approval chains name real reviewers of the organisation, a known masking profile, and each content type at most once. */
async function checkChains(ctx: Ctx, orgId: string, chains: ApprovalChain[]) {
  const seen = new Set<string>();
  for (const [i, ch] of chains.entries()) {
    const field = `approvalChains.${i}`;
    if (!PROFILES[ch.profile]) throw invalid(`审核流程“${ch.name}”的脱敏规则无效。`, [{ field, message: '脱敏规则无效' }]);
    for (const t of ch.appliesTo) {
      if (seen.has(t)) throw invalid(`内容类型“${CONTENT_TYPES[t as keyof typeof CONTENT_TYPES] ?? t}”出现在两个审核流程中。`, [{ field, message: '内容类型重复' }]);
      seen.add(t);
    }
  }
  if (chains.filter((c) => c.appliesTo.length === 0).length > 1) throw invalid('只能有一个适用于其他所有内容的审核流程（未选择内容类型）。');
  const named = [...new Set(chains.flatMap((c) => c.steps.flatMap((st) => st.userIds)))];
  if (!named.length) return;
  const reviewers = new Set((await reviewersOf(ctx, orgId)).map((r) => r.id));
  const stranger = named.find((u) => !reviewers.has(u));
  if (stranger) throw invalid('审核环节只能指定本机构具有审核员角色的账号。', [{ field: 'approvalChains', message: '审核人无效' }]);
}

export const listNodes = (ctx: Pick<Ctx, 'db'>, orgId: string) =>
  ctx.db.select().from(catalogNodes).where(eq(catalogNodes.orgId, orgId)).orderBy(asc(catalogNodes.sortOrder), asc(catalogNodes.createdAt));

export async function createNode(ctx: Ctx, orgId: string, input: { name: string; parentId: string | null; sortOrder: number }) {
  await authorize(ctx, 'catalog.settings', orgId);
  if (input.parentId && !(await listNodes(ctx, orgId)).some((n) => n.id === input.parentId)) throw invalid('上级目录不存在。', [{ field: 'parentId', message: '上级目录不存在' }]);
  return inTransaction(ctx, async (tx) => {
    const [n] = await tx.db.insert(catalogNodes).values({ orgId, ...input }).returning();
    await audit(tx, { action: 'catalog.node.create', objectType: 'catalog_node', objectId: n.id, orgId, summary: { name: n.name } });
    publicContentChanged();
    return n;
  });
}

export async function updateNode(ctx: Ctx, orgId: string, id: string, input: { name: string; parentId: string | null; sortOrder: number }) {
  await authorize(ctx, 'catalog.settings', orgId);
  const nodes = await listNodes(ctx, orgId);
  if (!nodes.some((n) => n.id === id)) throw notFound('目录');
  // A node cannot move under itself or its own descendants.
  for (let p = input.parentId; p; p = nodes.find((n) => n.id === p)?.parentId ?? null) if (p === id) throw invalid('目录不能移到自身或其下级之下。');
  return inTransaction(ctx, async (tx) => {
    const [n] = await tx.db.update(catalogNodes).set({ ...input, updatedAt: ctx.clock.now() }).where(eq(catalogNodes.id, id)).returning();
    await audit(tx, { action: 'catalog.node.update', objectType: 'catalog_node', objectId: id, orgId, summary: { name: n.name } });
    publicContentChanged();
    return n;
  });
}

export async function deleteNode(ctx: Ctx, orgId: string, id: string) {
  await authorize(ctx, 'catalog.settings', orgId);
  const nodes = await listNodes(ctx, orgId);
  if (!nodes.some((n) => n.id === id)) throw notFound('目录');
  if (nodes.some((n) => n.parentId === id)) throw unprocessable('该目录下还有子目录，请先删除或移走子目录。');
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(documentRevisions).innerJoin(documents, eq(documents.currentEditionId, documentRevisions.editionId)).where(sql`${documentRevisions.content}->>'catalogNodeId' = ${id}`);
  if (n > 0) throw unprocessable(`该目录下还有 ${n} 条信息，请先改到其他目录。`);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(catalogNodes).where(eq(catalogNodes.id, id));
    await audit(tx, { action: 'catalog.node.delete', objectType: 'catalog_node', objectId: id, orgId });
  });
  publicContentChanged();
}

// ───────────────────────── review gate ─────────────────────────

export interface GateFinding {
  check: string;
  message: string;
  /** A blocking finding refuses approval until it is dealt with. */
  blocking: boolean;
}
export type ReviewGate = (ctx: Ctx, item: { orgId: string; content: DocContent; text: string; files: FileRow[] }) => Promise<GateFinding[]>;

const gates = new Map<string, ReviewGate>();
/**
 * The 审核 step is a pluggable gate (issue 3 §3): checks registered here run when an edition is
 * submitted and again when it is approved; the reviewer sees their findings, and a blocking one
 * refuses approval. Returns the unregister function.
 */
export function registerReviewGate(name: string, gate: ReviewGate): () => void {
  gates.set(name, gate);
  return () => gates.delete(name);
}

async function runGates(ctx: Ctx, doc: DocumentRow, content: DocContent): Promise<GateFinding[]> {
  const files = content.attachmentIds.length ? await ctx.db.select().from(documentFiles).where(inArray(documentFiles.id, content.attachmentIds)) : [];
  const text = [content.title, content.summary, bodyText(content.bodyHtml)].join('\n');
  const out: GateFinding[] = [];
  for (const gate of gates.values()) out.push(...(await gate(ctx, { orgId: doc.orgId, content, text, files })));
  return out;
}

// ───────────────────────── reading ─────────────────────────

async function loadForStaff(ctx: Ctx, id: string): Promise<DocumentRow> {
  const [d] = await ctx.db.select().from(documents).where(eq(documents.id, id));
  // Another organisation's drafts do not exist for this actor (SECURITY ACC-02).
  if (!d || !(await orgsWith(ctx, 'records.read')).includes(d.orgId)) throw notFound('信息');
  return d;
}

const currentOf = async (ctx: Pick<Ctx, 'db'>, d: DocumentRow) => {
  const [e] = await ctx.db.select().from(documentEditions).where(eq(documentEditions.id, d.currentEditionId!));
  const [r] = await ctx.db.select().from(documentRevisions).where(eq(documentRevisions.id, e.currentRevisionId!));
  return { edition: e, revision: r };
};

/** Flags a list shows: Art 26 timeliness and 三同步 (computed, never stored). */
async function flagsFor(ctx: Ctx, rows: { doc: DocumentRow; content: DocContent; publishedAt: Date | null }[]) {
  const cal = await workingCalendar(ctx);
  const on = today(ctx);
  const lags = new Map<string, number>();
  const lagOf = async (orgId: string) => lags.get(orgId) ?? (lags.set(orgId, (await settingsOf(ctx, orgId)).interpretationLag), lags.get(orgId)!);
  const policyIds = rows.map((r) => r.content.interpretation?.policyId).filter((x): x is string => !!x);
  const policies = policyIds.length ? await ctx.db.select({ id: publicDocuments.documentId, publishedAt: publicDocuments.firstPublishedAt, title: publicDocuments.title }).from(publicDocuments).where(inArray(publicDocuments.documentId, policyIds)) : [];
  const policyIdsAll = rows.filter((r) => r.content.isPolicy).map((r) => r.doc.id);
  const interpreted = policyIdsAll.length
    ? new Set((await ctx.db.select({ id: publicDocuments.explainsId }).from(publicDocuments).where(and(inArray(publicDocuments.explainsId, policyIdsAll), eq(publicDocuments.status, 'published')))).map((r) => r.id))
    : new Set<string>();
  const out = new Map<string, { lateDays: number; dueBy: string | null; interpretationLateDays: number; missingInterpretation: boolean }>();
  for (const r of rows) {
    const formed = r.content.formedOn ?? r.content.generatedDate;
    let lateDays = 0;
    let dueBy: string | null = null;
    try {
      if (formed) {
        dueBy = cal.addWorkingDays(formed, PUBLISH_WITHIN_WORKING_DAYS);
        lateDays = publishedLateBy(formed, r.publishedAt ? shanghaiDate(r.publishedAt) : on, cal);
      }
    } catch {
      /* a year without a calendar: no flag rather than a wrong one */
    }
    let interpretationLateDays = 0;
    const policy = policies.find((p) => p.id === r.content.interpretation?.policyId);
    if (policy) {
      try {
        interpretationLateDays = interpretationLateBy(shanghaiDate(policy.publishedAt), r.publishedAt ? shanghaiDate(r.publishedAt) : on, cal, await lagOf(r.doc.orgId));
      } catch {
        /* as above */
      }
    }
    out.set(r.doc.id, { lateDays, dueBy, interpretationLateDays, missingInterpretation: r.content.isPolicy && r.publishedAt !== null && !interpreted.has(r.doc.id) });
  }
  return out;
}

export interface ListFilter {
  orgId?: string;
  status?: DocStatus | 'all' | 'late' | 'mine';
  kind?: DocKind;
  q?: string;
  year?: number;
  page: number;
  pageSize: number;
}

/** The console's list: every item of the organisations the actor may read, current edition's content. */
export async function listDocuments(ctx: Ctx, f: ListFilter) {
  const readable = await orgsWith(ctx, 'records.read');
  const orgIds = f.orgId ? readable.filter((id) => id === f.orgId) : readable;
  if (!orgIds.length) return { rows: [], total: 0, today: today(ctx) };
  const where: SQL[] = [inArray(documents.orgId, orgIds)];
  if (f.status && f.status !== 'all' && f.status !== 'late' && f.status !== 'mine') where.push(eq(documents.status, f.status));
  if (f.status === 'mine') where.push(eq(documents.createdBy, ctx.actor?.userId ?? crypto.randomUUID()));
  if (f.kind) where.push(eq(documents.kind, f.kind));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(documents.indexNo, like), sql`${documentRevisions.content}->>'title' ilike ${like}`, sql`${documentRevisions.content}->>'docNumber' ilike ${like}`)!);
  }
  if (f.year) where.push(sql`extract(year from ${documents.createdAt} at time zone 'Asia/Shanghai') = ${f.year}`);
  const query = () =>
    ctx.db
      .select({ doc: documents, content: documentRevisions.content, publishedAt: documentEditions.publishedAt, edition: documentEditions.number, scheduledAt: documentEditions.scheduledAt, orgName: organisations.name })
      .from(documents)
      .innerJoin(documentEditions, eq(documentEditions.id, documents.currentEditionId))
      .innerJoin(documentRevisions, eq(documentRevisions.id, documentEditions.currentRevisionId))
      .innerJoin(organisations, eq(organisations.id, documents.orgId))
      .where(and(...where))
      .orderBy(desc(documents.updatedAt), desc(documents.id));
  const flagged = async (rows: Awaited<ReturnType<typeof query>>) => {
    const flags = await flagsFor(ctx, rows.map((r) => ({ doc: r.doc, content: r.content, publishedAt: r.publishedAt ?? null })));
    return rows.map((r) => summary(r, flags.get(r.doc.id)!));
  };
  if (f.status === 'late') {
    // Lateness is computed on the working-day calendar, not stored: every row is checked.
    const all = (await flagged(await query())).filter((r) => r.lateDays > 0 || r.interpretationLateDays > 0 || r.missingInterpretation);
    return { rows: all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: all.length, today: today(ctx) };
  }
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(documents)
    .innerJoin(documentEditions, eq(documentEditions.id, documents.currentEditionId))
    .innerJoin(documentRevisions, eq(documentRevisions.id, documentEditions.currentRevisionId))
    .where(and(...where));
  const rows = await query().limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  return { rows: await flagged(rows), total, today: today(ctx) };
}

function summary(r: { doc: DocumentRow; content: DocContent; publishedAt: Date | null; edition: number; scheduledAt: Date | null; orgName: string }, fl: { lateDays: number; dueBy: string | null; interpretationLateDays: number; missingInterpretation: boolean }) {
  const c = r.content;
  return {
    id: r.doc.id,
    orgId: r.doc.orgId,
    orgName: r.orgName,
    kind: r.doc.kind as DocKind,
    indexNo: r.doc.indexNo,
    title: c.title || '（未命名）',
    docNumber: c.docNumber,
    genre: c.genre ?? (c.contentType ? CONTENT_TYPES[c.contentType] : null),
    topic: c.topic ? TOPIC_LABELS[c.topic] : null,
    disclosureAttribute: c.disclosureAttribute,
    status: r.doc.status,
    statusLabel: DOC_STATUSES[r.doc.status as DocStatus],
    edition: r.edition,
    generatedDate: c.generatedDate,
    formedOn: c.formedOn ?? c.generatedDate,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    updatedAt: r.doc.updatedAt.toISOString(),
    ...fl,
  };
}

/** One item for the console: current content, editions, revisions, history, files, flags and what the actor may do. */
export async function getDocument(ctx: Ctx, id: string) {
  const d = await loadForStaff(ctx, id);
  const { edition, revision } = await currentOf(ctx, d);
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, d.orgId));
  const editions = await ctx.db.select().from(documentEditions).where(eq(documentEditions.documentId, id)).orderBy(asc(documentEditions.number));
  const revisions = await ctx.db
    .select({ id: documentRevisions.id, number: documentRevisions.number, editionId: documentRevisions.editionId, createdByName: documentRevisions.createdByName, createdAt: documentRevisions.createdAt })
    .from(documentRevisions)
    .where(eq(documentRevisions.documentId, id))
    .orderBy(desc(documentRevisions.number));
  const history = await ctx.db.select().from(documentStatuses).where(eq(documentStatuses.documentId, id)).orderBy(asc(documentStatuses.at));
  const files = await ctx.db.select({ id: documentFiles.id, fileName: documentFiles.fileName, type: documentFiles.type, size: documentFiles.size, createdAt: documentFiles.createdAt }).from(documentFiles).where(eq(documentFiles.documentId, id)).orderBy(asc(documentFiles.createdAt));
  const flags = (await flagsFor(ctx, [{ doc: d, content: revision.content, publishedAt: edition.publishedAt }])).get(d.id)!;
  const [pub] = await ctx.db.select({ status: publicDocuments.status, withdrawalReason: publicDocuments.withdrawalReason }).from(publicDocuments).where(eq(publicDocuments.documentId, id));
  const explains = revision.content.interpretation?.policyId ? await titleOf(ctx, revision.content.interpretation.policyId) : null;
  const interpretations = await ctx.db.select({ id: publicDocuments.documentId, title: publicDocuments.title, publishedAt: publicDocuments.publishedAt }).from(publicDocuments).where(eq(publicDocuments.explainsId, id));
  const may = new Set(await permitted(ctx, d.orgId));
  const actions = Object.entries(DOC_TRANSITIONS).map(([action, t]) => {
    const allowedRole = may.has(t.by === 'reviewer' ? 'catalog.review' : 'catalog.edit');
    const v = canTakeDoc(d.status as DocStatus, action as DocAction);
    const reason = !allowedRole ? '您没有此操作的权限' : !v.ok ? v.reason : null;
    return { action, label: t.label, allowed: reason === null, reason };
  });
  const lastReview = [...history].reverse().find((h) => h.action === 'submit');
  // Others who may read the records (a supervisor) see the content as it would be published.
  let content = revision.content;
  if (!may.has('catalog.edit') && !may.has('catalog.review')) {
    const review = edition.review ?? newReview(DEFAULT_CHAIN);
    content = maskContent(content, replacements((await reviewState(ctx, d, content, review)).findings));
  }
  return {
    id: d.id,
    orgId: d.orgId,
    orgName: org.name,
    orgCode: org.code,
    kind: d.kind as DocKind,
    indexNo: d.indexNo,
    status: d.status,
    statusLabel: DOC_STATUSES[d.status as DocStatus],
    edition: { id: edition.id, number: edition.number, status: edition.status, scheduledAt: edition.scheduledAt?.toISOString() ?? null, publishedAt: edition.publishedAt?.toISOString() ?? null, changeNote: edition.changeNote },
    revisionId: revision.id,
    content,
    editions: editions.map((e) => ({ id: e.id, number: e.number, status: e.status, statusLabel: DOC_STATUSES[e.status as DocStatus], publishedAt: e.publishedAt?.toISOString() ?? null, changeNote: e.changeNote })),
    revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), edition: editions.find((e) => e.id === r.editionId)?.number ?? 0 })),
    history: history.map((h) => ({ action: h.action, label: h.action === 'create' ? '创建' : h.action === 'scheduled_publish' ? '定时发布' : (DOC_TRANSITIONS[h.action as DocAction]?.label ?? h.action), status: h.status, comment: h.comment, actorName: h.actorName, at: h.at.toISOString() })),
    files: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    flags,
    // The checks' findings, for the reviewer and for the editor after a return.
    findings: lastReview && ['draft', 'reviewing', 'approved'].includes(d.status) ? await runGates(ctx, d, revision.content) : [],
    publicStatus: pub?.status ?? null,
    publicUrl: pub ? docHref(org, d.kind, d.id) : null,
    withdrawalReason: pub?.withdrawalReason ?? null,
    explains,
    interpretations: interpretations.map((i) => ({ ...i, publishedAt: i.publishedAt.toISOString() })),
    actions,
    mayEdit: may.has('catalog.edit') && d.status === 'draft',
    today: today(ctx),
  };
}

async function titleOf(ctx: Ctx, id: string) {
  const [r] = await ctx.db
    .select({ id: documents.id, title: sql<string>`${documentRevisions.content}->>'title'`, status: documents.status })
    .from(documents)
    .innerJoin(documentEditions, eq(documentEditions.id, documents.currentEditionId))
    .innerJoin(documentRevisions, eq(documentRevisions.id, documentEditions.currentRevisionId))
    .where(eq(documents.id, id));
  return r ?? null;
}

async function permitted(ctx: Ctx, orgId: string) {
  const out: string[] = [];
  for (const p of ['catalog.edit', 'catalog.review'] as const) if ((await orgsWith(ctx, p)).includes(orgId)) out.push(p);
  return out;
}

/** Policies of the organisation an interpretation may explain (for the editor's picker). */
export async function policyChoices(ctx: Ctx, orgId: string) {
  await authorize(ctx, 'records.read', orgId);
  const rows = await ctx.db
    .select({ id: documents.id, title: sql<string>`${documentRevisions.content}->>'title'`, status: documents.status, docNumber: sql<string>`${documentRevisions.content}->>'docNumber'` })
    .from(documents)
    .innerJoin(documentEditions, eq(documentEditions.id, documents.currentEditionId))
    .innerJoin(documentRevisions, eq(documentRevisions.id, documentEditions.currentRevisionId))
    .where(and(eq(documents.orgId, orgId), eq(documents.kind, 'DOCUMENT'), sql`(${documentRevisions.content}->>'isPolicy')::boolean`))
    .orderBy(desc(documents.updatedAt))
    .limit(500);
  return rows;
}

// ───────────────────────── writing ─────────────────────────

/** Cleans what the editor sent: sanitised body, attachments that belong to this item, node of this organisation. */
async function normalise(ctx: Ctx, orgId: string, docId: string | null, raw: DocContentInput): Promise<DocContent> {
  const parsed = docContentSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  const c = normaliseDates({ ...parsed.data, bodyHtml: sanitizeBody(parsed.data.bodyHtml) });
  if (c.catalogNodeId && !(await listNodes(ctx, orgId)).some((n) => n.id === c.catalogNodeId)) throw invalid('公开目录不属于本机构。', [{ field: 'catalogNodeId', message: '请重新选择公开目录' }]);
  if (c.attachmentIds.length) {
    const own = docId ? await ctx.db.select({ id: documentFiles.id }).from(documentFiles).where(and(eq(documentFiles.documentId, docId), inArray(documentFiles.id, c.attachmentIds))) : [];
    if (own.length !== new Set(c.attachmentIds).size) throw invalid('附件不属于本条信息。', [{ field: 'attachmentIds', message: '附件无效' }]);
  }
  if (c.interpretation?.policyId) {
    const [p] = await ctx.db.select({ orgId: documents.orgId, kind: documents.kind }).from(documents).where(eq(documents.id, c.interpretation.policyId));
    if (!p || p.kind !== 'DOCUMENT' || !(await orgsWith(ctx, 'records.read')).includes(p.orgId)) throw invalid('所解读的政策文件不存在。', [{ field: 'interpretation.policyId', message: '请重新选择政策文件' }]);
  }
  if (!c.publisher) {
    const [org] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
    c.publisher = org.name;
  }
  return c;
}

async function appendStatus(tx: Ctx, doc: DocumentRow, edition: EditionRow, action: string, status: DocStatus, comment = '') {
  await tx.db.insert(documentStatuses).values({ documentId: doc.id, editionId: edition.id, action, status, comment, actorId: tx.actor?.userId ?? null, actorName: tx.actor?.displayName ?? '系统', at: tx.clock.now() });
}

export async function createDocument(ctx: Ctx, orgId: string, input: { kind: DocKind; content: DocContentInput; sourceKey?: string }) {
  await authorize(ctx, 'catalog.edit', orgId);
  const content = await normalise(ctx, orgId, null, { ...input.content, attachmentIds: [] });
  if (input.kind === 'INTERPRETATION') content.contentType = 'INTERPRETATION';
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const [doc] = await tx.db.insert(documents).values({ orgId, kind: input.kind, status: 'draft', sourceKey: input.sourceKey ?? null, createdBy: tx.actor?.userId ?? null, createdAt: now, updatedAt: now }).returning();
    const [edition] = await tx.db.insert(documentEditions).values({ documentId: doc.id, number: 1, status: 'draft', createdAt: now, updatedAt: now }).returning();
    const [rev] = await tx.db.insert(documentRevisions).values({ documentId: doc.id, editionId: edition.id, number: 1, content, createdBy: tx.actor?.userId ?? null, createdByName: tx.actor?.displayName ?? '系统', createdAt: now }).returning();
    await tx.db.update(documentEditions).set({ currentRevisionId: rev.id }).where(eq(documentEditions.id, edition.id));
    const [d] = await tx.db.update(documents).set({ currentEditionId: edition.id }).where(eq(documents.id, doc.id)).returning();
    await appendStatus(tx, d, edition, 'create', 'draft');
    await audit(tx, { action: 'catalog.create', objectType: 'document', objectId: d.id, orgId, summary: { kind: input.kind, title: content.title } });
    return d;
  });
}

/**
 * Saves the editor's content as a new revision of the current (draft) edition. `baseRevisionId` is
 * the revision the editor started from: if someone saved in between, the save is refused (409)
 * rather than silently overwriting their work.
 */
export async function saveDocument(ctx: Ctx, id: string, input: { baseRevisionId: string; content: DocContentInput; changeNote?: string }) {
  const d = await loadForStaff(ctx, id);
  await authorize(ctx, 'catalog.edit', d.orgId);
  const content = await normalise(ctx, d.orgId, d.id, input.content);
  if (d.kind === 'INTERPRETATION') content.contentType = 'INTERPRETATION';
  return inTransaction(ctx, async (tx) => {
    const [cur] = await tx.db.select().from(documents).where(eq(documents.id, id)).for('update');
    if (cur.status !== 'draft') throw new DomainError('INVALID_TRANSITION', `当前状态为“${DOC_STATUSES[cur.status as DocStatus]}”，不能修改内容；已发布的信息请先“修订”。`);
    const { edition, revision } = await currentOf(tx, cur);
    if (revision.id !== input.baseRevisionId) throw conflict(`${revision.createdByName} 已于 ${revision.createdAt.toISOString().slice(0, 16).replace('T', ' ')} 保存了新的版本，请刷新后再修改。`);
    const changed = JSON.stringify(revision.content) !== JSON.stringify(content);
    const noteChanged = input.changeNote !== undefined && input.changeNote !== edition.changeNote;
    if (!changed && !noteChanged) return { id, revisionId: revision.id, changed: false };
    let revisionId = revision.id;
    if (changed) {
      const [{ max }] = await tx.db.select({ max: sql<number>`max(${documentRevisions.number})::int` }).from(documentRevisions).where(eq(documentRevisions.documentId, id));
      const [rev] = await tx.db.insert(documentRevisions).values({ documentId: id, editionId: edition.id, number: max + 1, content, createdBy: tx.actor?.userId ?? null, createdByName: tx.actor?.displayName ?? '系统', createdAt: tx.clock.now() }).returning();
      revisionId = rev.id;
    }
    await tx.db.update(documentEditions).set({ currentRevisionId: revisionId, changeNote: input.changeNote ?? edition.changeNote, updatedAt: tx.clock.now() }).where(eq(documentEditions.id, edition.id));
    await tx.db.update(documents).set({ updatedAt: tx.clock.now() }).where(eq(documents.id, id));
    await audit(tx, { action: 'catalog.save', objectType: 'document', objectId: id, orgId: d.orgId, summary: { edition: edition.number, title: content.title } });
    return { id, revisionId, changed: true };
  });
}

export const CATALOG_FILE_TYPES: FileType[] = ['pdf', 'docx', 'xlsx', 'jpg', 'png'];
export const CATALOG_FILE_MAX = 20 * 1024 * 1024;

/** An attachment: type by content, size-limited, its text extracted for search. */
export async function addFile(ctx: Ctx, id: string, upload: { fileName: string; content: Buffer }) {
  const d = await loadForStaff(ctx, id);
  await authorize(ctx, 'catalog.edit', d.orgId);
  if (upload.content.length === 0) throw invalid('附件是空文件。');
  if (upload.content.length > CATALOG_FILE_MAX) throw invalid(`附件不能超过 ${CATALOG_FILE_MAX / 1024 / 1024} MB。`);
  const type = acceptedType(upload.content, CATALOG_FILE_TYPES);
  if (!type) throw invalid(`附件只能是 ${typeLabels(CATALOG_FILE_TYPES)} 文件（按文件内容判断）。`);
  let text = '';
  if (type === 'pdf' || type === 'docx' || type === 'xlsx') {
    try {
      text = (await extractSegments(upload.content)).segments.map((s) => s.text).join('\n').slice(0, 1_000_000);
    } catch {
      throw invalid('附件无法读取，文件可能已损坏或加密。');
    }
  }
  return inTransaction(ctx, async (tx) => {
    const [f] = await tx.db
      .insert(documentFiles)
      .values({ documentId: id, fileName: safeFileName(upload.fileName), type, size: upload.content.length, sha256: crypto.createHash('sha256').update(upload.content).digest('hex'), content: upload.content, text, createdBy: tx.actor?.userId ?? null, createdAt: tx.clock.now() })
      .returning({ id: documentFiles.id, fileName: documentFiles.fileName, type: documentFiles.type, size: documentFiles.size });
    await audit(tx, { action: 'catalog.file.upload', objectType: 'document', objectId: id, orgId: d.orgId, summary: { fileId: f.id, type, size: f.size } });
    return f;
  });
}

/** An attachment for staff (any of the item's files). */
export async function fileOf(ctx: Ctx, id: string, fileId: string) {
  const d = await loadForStaff(ctx, id);
  const [f] = await ctx.db.select().from(documentFiles).where(and(eq(documentFiles.id, fileId), eq(documentFiles.documentId, d.id)));
  if (!f) throw notFound('附件');
  // Staff who neither write nor review the items (a supervisor) get the files the public gets.
  if (!(await seesOriginal(ctx, d.orgId))) {
    const [pub] = await ctx.db.select({ attachments: publicDocuments.attachments }).from(publicDocuments).where(eq(publicDocuments.documentId, d.id));
    if (!pub?.attachments.some((a) => a.id === f.id)) throw forbidden('只有信息发布员和审核员可以下载未经去标识化的附件。');
  }
  return f;
}

/** Whether the actor may see an item's unmasked original: those who write or review the organisation's items (issue 4 §10). */
async function seesOriginal(ctx: Ctx, orgId: string) {
  const may = await permitted(ctx, orgId);
  return may.includes('catalog.edit') || may.includes('catalog.review');
}

// ───────────────────────── workflow ─────────────────────────

export interface ActionData {
  comment?: string;
  /** schedule: when to publish. */
  at?: string;
  /** withdraw: the public reason. */
  reason?: string;
  /** approve at the last step: 公开时机 (issue 4 §10); `at` gives the time for 'at'. */
  timing?: 'now' | 'at' | 'hold';
  /** approve at a 保密审查 step: the reason for releasing a confidentiality block. */
  override?: string;
}

/** Takes one workflow action: the transition table, then that action's checks, then the status entry. */
export async function act(ctx: Ctx, id: string, action: DocAction, data: ActionData) {
  const d = await loadForStaff(ctx, id);
  const t = DOC_TRANSITIONS[action];
  await authorize(ctx, t.by === 'reviewer' ? 'catalog.review' : 'catalog.edit', d.orgId);
  const result = await inTransaction(ctx, async (tx) => {
    // Serialise actions on one item: the second of two simultaneous clicks sees the first's result.
    const [cur] = await tx.db.select().from(documents).where(eq(documents.id, id)).for('update');
    const v = canTakeDoc(cur.status as DocStatus, action);
    if (!v.ok) throw new DomainError('INVALID_TRANSITION', v.reason);
    const { edition, revision } = await currentOf(tx, cur);
    const c = revision.content;
    const now = tx.clock.now();
    let status: DocStatus = t.to;
    let comment = data.comment?.trim() ?? '';
    switch (action) {
      case 'submit': {
        const s = submitChecks({ title: c.title, disclosureAttribute: c.disclosureAttribute, withholdReason: c.withholdReason, isPolicy: c.isPolicy, interpretationPlan: c.interpretationPlan });
        if (!s.ok) throw unprocessable(s.reason);
        const problems = completeness(c, cur.kind as DocKind);
        if (problems.length) throw unprocessable(`还有 ${problems.length} 项需要补充：${problems.map((p) => p.message).join('；')}。`, problems);
        if (edition.number > 1 && !edition.changeNote.trim()) throw unprocessable('修订版须填写修订说明（将在网页上公开）。', [{ field: 'changeNote', message: '请填写修订说明' }]);
        // The chain is fixed now: a later change of the settings does not move an item under review.
        const chain = chainFor((await settingsOf(tx, cur.orgId)).approvalChains, c);
        await tx.db.update(documentEditions).set({ review: newReview(chain) }).where(eq(documentEditions.id, edition.id));
        comment = comment || `审核流程：${chain.steps.map((st) => st.name).join(' → ')}`;
        break;
      }
      case 'approve': {
        // Separation of duties: whoever wrote the last revision does not approve it.
        if (revision.createdBy && revision.createdBy === tx.actor?.userId) throw forbidden('不能审核自己起草或修改的内容，请由其他审核员审核。');
        const review = edition.review ?? newReview(DEFAULT_CHAIN);
        const may = mayActAtStep(review, tx.actor?.userId);
        if (!may.ok) throw forbidden(may.reason);
        const step = review.chain.steps[review.step];
        const overrideReason = data.override?.trim() ?? '';
        if (overrideReason) {
          if (!step.secrecy) throw forbidden(`“${step.name}”环节不能放行保密审查问题，须由保密审查环节的审核人办理。`);
          if (overrideReason.length < 4) throw invalid('请写明放行保密审查问题的理由。', [{ field: 'override', message: '请写明理由' }]);
          review.override = { userId: tx.actor?.userId ?? null, name: tx.actor?.displayName ?? '', at: now.toISOString(), reason: overrideReason, step: review.step };
        }
        review.approvals.push({ step: review.step, stepName: step.name, userId: tx.actor?.userId ?? null, name: tx.actor?.displayName ?? '', at: now.toISOString(), comment });
        if (!isLastStep(review)) {
          // An intermediate step: the item stays 待审核 and moves to the next step.
          review.step++;
          status = 'reviewing';
          await tx.db.update(documentEditions).set({ review }).where(eq(documentEditions.id, edition.id));
          comment = `${step.name}：同意${comment ? `。${comment}` : ''}；转“${review.chain.steps[review.step].name}”`;
          break;
        }
        // The last step: every check must pass, then 公开时机.
        const state = await reviewState(tx, cur, c, review);
        const blocking = state.gate.filter((f) => f.blocking);
        if (blocking.length && !review.override)
          throw unprocessable(`保密审查未通过：${blocking.map((f) => f.message).join('；')}。确需发布的，须由保密审查环节的审核人写明理由后放行。`);
        if (state.fileBlockers.length) throw unprocessable(state.fileBlockers.join('；'));
        await tx.db.update(documentEditions).set({ review }).where(eq(documentEditions.id, edition.id));
        comment = `${step.name}：同意${comment ? `。${comment}` : ''}`;
        if (data.timing === 'now') {
          const p = publishChecks(c);
          if (!p.ok) throw unprocessable(p.reason);
          await publishEdition(tx, cur, { ...edition, review }, revision, now);
          status = 'published';
          comment += '；立即发布';
        } else if (data.timing === 'at') {
          const at = scheduleTime(data.at, now);
          await tx.db.update(documentEditions).set({ status: 'scheduled', scheduledAt: at, scheduledBy: tx.actor?.userId ?? null, updatedAt: now }).where(eq(documentEditions.id, edition.id));
          status = 'scheduled';
          comment += `；定于 ${at.toISOString()} 发布`;
        } else comment += '；暂不发布';
        break;
      }
      case 'return':
        if (comment.length < 2) throw invalid('请填写退回修改的意见。', [{ field: 'comment', message: '请填写退回意见' }]);
        await tx.db.update(documentEditions).set({ review: null }).where(eq(documentEditions.id, edition.id));
        break;
      case 'publish': {
        const p = publishChecks(c);
        if (!p.ok) throw unprocessable(p.reason);
        await publishEdition(tx, cur, edition, revision, now);
        break;
      }
      case 'schedule': {
        const p = publishChecks(c);
        if (!p.ok) throw unprocessable(p.reason);
        const at = scheduleTime(data.at, now);
        await tx.db.update(documentEditions).set({ status: 'scheduled', scheduledAt: at, scheduledBy: tx.actor?.userId ?? null, updatedAt: now }).where(eq(documentEditions.id, edition.id));
        comment = `定于 ${at.toISOString()} 发布${comment ? `；${comment}` : ''}`;
        break;
      }
      case 'unschedule':
        await tx.db.update(documentEditions).set({ status: 'approved', scheduledAt: null, scheduledBy: null, updatedAt: now }).where(eq(documentEditions.id, edition.id));
        break;
      case 'withdraw': {
        const reason = data.reason?.trim() ?? '';
        if (reason.length < 4) throw invalid('请填写撤回理由（将在原网址公开）。', [{ field: 'reason', message: '请填写撤回理由' }]);
        comment = reason;
        await tx.db.update(publicDocuments).set({ status: 'withdrawn', withdrawnAt: now, withdrawalReason: reason, bodyText: '', attachmentText: '', searchBody: '', updatedAt: now }).where(eq(publicDocuments.documentId, id));
        break;
      }
      case 'revise': {
        const [e2] = await tx.db.insert(documentEditions).values({ documentId: id, number: edition.number + 1, status: 'draft', createdAt: now, updatedAt: now }).returning();
        const [{ max }] = await tx.db.select({ max: sql<number>`max(${documentRevisions.number})::int` }).from(documentRevisions).where(eq(documentRevisions.documentId, id));
        const [r2] = await tx.db.insert(documentRevisions).values({ documentId: id, editionId: e2.id, number: max + 1, content: c, createdBy: tx.actor?.userId ?? null, createdByName: tx.actor?.displayName ?? '系统', createdAt: now }).returning();
        await tx.db.update(documentEditions).set({ currentRevisionId: r2.id }).where(eq(documentEditions.id, e2.id));
        await tx.db.update(documents).set({ currentEditionId: e2.id, status: 'draft', updatedAt: now }).where(eq(documents.id, id));
        await appendStatus(tx, cur, e2, 'revise', 'draft', comment);
        await audit(tx, { action: 'catalog.revise', objectType: 'document', objectId: id, orgId: cur.orgId, summary: { edition: e2.number } });
        return { status, published: false, revisionId: r2.id };
      }
    }
    if (status === 'draft' || status === 'reviewing' || status === 'approved' || status === 'withdrawn') await tx.db.update(documentEditions).set({ status, updatedAt: now }).where(eq(documentEditions.id, edition.id));
    await tx.db.update(documents).set({ status, updatedAt: now }).where(eq(documents.id, id));
    await appendStatus(tx, cur, edition, action, status, comment);
    await audit(tx, { action: `catalog.${action}`, objectType: 'document', objectId: id, orgId: cur.orgId, summary: { edition: edition.number, from: cur.status, to: status } });
    return { status, published: status === 'published' || action === 'withdraw', revisionId: revision.id };
  });
  if (result.published) publicContentChanged();
  return result;
}

function scheduleTime(given: string | undefined, now: Date): Date {
  const at = given ? new Date(given) : null;
  if (!at || Number.isNaN(at.getTime())) throw invalid('请选择发布时间。', [{ field: 'at', message: '请选择发布时间' }]);
  if (at.getTime() <= now.getTime() + 60_000) throw invalid('定时发布时间须晚于当前时间至少 1 分钟；要立即发布请选“立即发布”。', [{ field: 'at', message: '须晚于当前时间' }]);
  return at;
}

/** Publishes an edition: assigns the 索引号 on first publication, supersedes the previous edition, writes the public row. */
async function publishEdition(tx: Ctx, doc: DocumentRow, edition: EditionRow, revision: RevisionRow, now: Date) {
  let c = revision.content;
  let indexNo = doc.indexNo;
  if (!indexNo) {
    const s = await settingsOf(tx, doc.orgId);
    const year = Number((s.indexYearBasis === 'generated' && c.generatedDate ? c.generatedDate : shanghaiDate(now)).slice(0, 4));
    // One number at a time per organisation and year (advisory lock: works on PGlite and PostgreSQL).
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`catalog.index:${doc.orgId}:${year}`}))`);
    const [{ max }] = await tx.db.select({ max: sql<number>`coalesce(max(${documents.indexSeq}), 0)::int` }).from(documents).where(and(eq(documents.orgId, doc.orgId), eq(documents.indexYear, year)));
    const [org] = await tx.db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, doc.orgId));
    indexNo = renderIndexNo(s.indexTemplate, { orgCode: org.code, year, seq: max + 1 });
    await tx.db.update(documents).set({ indexNo, indexYear: year, indexSeq: max + 1 }).where(eq(documents.id, doc.id));
  }
  if (doc.liveEditionId && doc.liveEditionId !== edition.id) await tx.db.update(documentEditions).set({ status: 'superseded', updatedAt: now }).where(eq(documentEditions.id, doc.liveEditionId));
  await tx.db.update(documentEditions).set({ status: 'published', publishedAt: now, scheduledAt: null, updatedAt: now }).where(eq(documentEditions.id, edition.id));
  await tx.db.update(documents).set({ liveEditionId: edition.id }).where(eq(documents.id, doc.id));

  // What the public gets is the masked content and masked attachment copies (issue 4 §3, §9).
  const masked = await maskedForPublication(tx, doc, edition, c, now);
  const ordered = masked.files;
  c = masked.content;
  const editions = await tx.db.select().from(documentEditions).where(and(eq(documentEditions.documentId, doc.id), inArray(documentEditions.status, ['published', 'superseded'])));
  const notes = editions.filter((e) => e.number > 1 && e.publishedAt).map((e) => ({ edition: e.number, on: shanghaiDate(e.id === edition.id ? now : e.publishedAt!), note: e.changeNote }));
  const [prev] = await tx.db.select({ first: publicDocuments.firstPublishedAt }).from(publicDocuments).where(eq(publicDocuments.documentId, doc.id));
  const text = bodyText(c.bodyHtml);
  const attachmentText = ordered.map((f) => `${f.fileName}\n${f.text}`).join('\n');
  const row = {
    orgId: doc.orgId,
    kind: doc.kind,
    status: 'published',
    indexNo,
    title: c.title,
    summary: c.summary,
    content: c,
    topic: c.topic,
    genre: c.genre,
    contentType: c.contentType,
    fiveOpen: c.fiveOpen,
    catalogNodeId: c.catalogNodeId,
    docNumber: c.docNumber,
    generatedOn: c.generatedDate ?? shanghaiDate(now),
    effectiveOn: c.effectiveDate,
    repealOn: c.repealDate,
    expiryOn: c.expiryDate,
    validityOverride: c.validityOverride?.validity ?? null,
    year: Number(shanghaiDate(prev?.first ?? now).slice(0, 4)),
    explainsId: c.interpretation?.policyId ?? null,
    edition: edition.number,
    firstPublishedAt: prev?.first ?? now,
    publishedAt: now,
    revisionNotes: notes,
    attachments: ordered.map((f) => ({ id: f.id, name: f.fileName, type: f.type, size: f.size })),
    bodyText: text,
    attachmentText,
    searchTitle: tsvectorLiteral(`${c.title} ${c.docNumber} ${c.keywords.join(' ')}`),
    searchBody: tsvectorLiteral(`${c.summary}\n${text}\n${attachmentText}`.slice(0, 400_000)),
    withdrawnAt: null,
    withdrawalReason: null,
    updatedAt: now,
  };
  await tx.db.insert(publicDocuments).values({ documentId: doc.id, ...row }).onConflictDoUpdate({ target: publicDocuments.documentId, set: row });
  const words = queryTerms(c.title).filter((w) => w.length >= 2);
  if (words.length) await tx.db.insert(searchTerms).values(words.map((term) => ({ term }))).onConflictDoNothing();
}

/**
 * 定时发布 (issue 3 §2): the scheduled edition row is the durable job. Every process runs this on
 * a timer; `SKIP LOCKED` lets exactly one of them publish each due edition, and an edition due
 * while the platform was stopped is published on the next run after start.
 */
export async function publishDue(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db.select({ id: documentEditions.id, documentId: documentEditions.documentId }).from(documentEditions).where(and(eq(documentEditions.status, 'scheduled'), lte(documentEditions.scheduledAt, now))).orderBy(asc(documentEditions.scheduledAt)).limit(100);
  let n = 0;
  for (const item of due) {
    const done = await inTransaction({ ...ctx, actor: systemActor('scheduler') }, async (tx) => {
      const [e] = await tx.db.select().from(documentEditions).where(and(eq(documentEditions.id, item.id), eq(documentEditions.status, 'scheduled'))).for('update', { skipLocked: true });
      if (!e) return false;
      const [doc] = await tx.db.select().from(documents).where(eq(documents.id, e.documentId)).for('update');
      const [rev] = await tx.db.select().from(documentRevisions).where(eq(documentRevisions.id, e.currentRevisionId!));
      await publishEdition(tx, doc, e, rev, now);
      await tx.db.update(documents).set({ status: 'published', updatedAt: now }).where(eq(documents.id, doc.id));
      await appendStatus(tx, doc, e, 'scheduled_publish', 'published', `按计划于 ${e.scheduledAt!.toISOString()} 发布`);
      await audit(tx, { action: 'catalog.scheduled_publish', objectType: 'document', objectId: doc.id, orgId: doc.orgId, summary: { edition: e.number, scheduledBy: e.scheduledBy } });
      return true;
    });
    if (done) n++;
  }
  if (n) publicContentChanged();
  return n;
}

// ───────────────────────── 公开审查: findings, decisions, masking (issue 4) ─────────────────────────

const attachmentsOf = async (ctx: Pick<Ctx, 'db'>, c: DocContent): Promise<FileRow[]> => {
  const files = c.attachmentIds.length ? await ctx.db.select().from(documentFiles).where(inArray(documentFiles.id, c.attachmentIds)) : [];
  return c.attachmentIds.map((fid) => files.find((f) => f.id === fid)!).filter(Boolean);
};

const segmentsOf = async (f: FileRow) => (ATTACHMENT_TYPES.includes(f.type as FileType) ? (await extractSegments(Buffer.from(f.content))).segments : []);

/**
 * Everything the last step and publication decide on: the gate's findings (confidentiality,
 * 错敏词), the personal data in the texts and attachments with the decisions taken, and the
 * attachments that cannot be masked automatically (PDF, Excel: a cleaned file must be uploaded).
 */
async function reviewState(ctx: Ctx, doc: DocumentRow, c: DocContent, review: EditionReview, detail = false) {
  const files = await attachmentsOf(ctx, c);
  // The reviewer's screen shows where in a file (page, sheet) a value is; deciding needs only the text extracted at upload.
  const segments = async (f: FileRow) => (detail ? await segmentsOf(f) : [{ where: '', text: f.text }]);
  const perFile = await Promise.all(files.map(async (f) => ({ file: f, pieces: contentPieces({ title: '', summary: '', bodyHtml: '' }, [{ fileName: f.fileName, segments: await segments(f) }]) })));
  const pieces: Piece[] = [...contentPieces(c, []), ...perFile.flatMap((p) => p.pieces)];
  const profile = profileOf(review);
  const findings = findingsOf(pieces, profile, review.decisions);
  const toMask = new Set(findings.filter((f) => f.decision?.action !== 'keep').map((f) => f.key));
  const fileState = perFile.map(({ file, pieces: ps }) => ({ file, toMask: ps.reduce((n, p) => n + p.spans.filter((sp) => toMask.has(sp.key)).length, 0) }));
  const fileBlockers = fileState
    .filter((f) => f.toMask > 0 && f.file.type !== 'docx')
    .map((f) => `附件“${f.file.fileName}”含有 ${f.toMask} 处个人信息，${typeLabels([f.file.type as FileType])}文件不能自动去除，须上传处理后的文件并重新检查，或逐项确认保留`);
  return { gate: await runGates(ctx, doc, c), pieces, findings, profile, fileState, fileBlockers };
}

/**
 * The content and attachments as published: values not kept are replaced by their masked form;
 * a Word attachment with personal data is replaced by a masked copy made now (the original stays
 * with the edition for staff). What was masked, kept and copied is recorded with the edition.
 */
async function maskedForPublication(tx: Ctx, doc: DocumentRow, edition: EditionRow, c: DocContent, now: Date): Promise<{ content: DocContent; files: FileRow[] }> {
  const review = edition.review ?? newReview(DEFAULT_CHAIN);
  const state = await reviewState(tx, doc, c, review);
  if (state.fileBlockers.length) throw unprocessable(state.fileBlockers.join('；'));
  const pairs = replacements(state.findings);
  const content = maskContent(c, pairs);
  // A value split by formatting (part of a number in bold) is found in the text but not replaced in the HTML.
  const visible = [content.title, content.summary, bodyText(content.bodyHtml)].join('\n');
  const left = pairs.find(([from]) => visible.includes(from));
  if (left) throw unprocessable('正文中有个人信息被格式标记隔开，无法自动去标识化：请退回起草人在正文中直接修改后重新报审。');
  const files: FileRow[] = [];
  const copies: { from: string; to: string; fileName: string }[] = [];
  const keep = (sp: { type: Parameters<typeof findingKey>[0]; text: string }) => review.decisions[findingKey(sp.type, sp.text)]?.action === 'keep';
  for (const { file, toMask } of state.fileState) {
    if (toMask === 0) {
      files.push(file);
      continue;
    }
    const { file: bytes } = await maskDocx(Buffer.from(file.content), state.profile, keep);
    const text = (await extractSegments(bytes)).segments.map((sg) => sg.text).join('\n');
    const [copy] = await tx.db
      .insert(documentFiles)
      .values({ documentId: doc.id, fileName: file.fileName, type: file.type, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), content: bytes, text, maskedFrom: file.id, createdBy: tx.actor?.userId ?? null, createdAt: now })
      .returning();
    files.push(copy);
    copies.push({ from: file.id, to: copy.id, fileName: file.fileName });
  }
  const record: EditionReview['published'] = {
    at: now.toISOString(),
    profile: state.profile.key,
    masked: state.findings.filter((f) => f.decision?.action !== 'keep').map((f) => ({ key: f.key, type: f.type, as: f.masked, occurrences: f.occurrences })),
    kept: state.findings.filter((f) => f.decision?.action === 'keep').map((f) => ({ key: f.key, type: f.type, reason: f.decision!.reason })),
    files: copies,
  };
  await tx.db.update(documentEditions).set({ review: { ...review, published: record } }).where(eq(documentEditions.id, edition.id));
  return { content: { ...content, attachmentIds: files.map((f) => f.id) }, files };
}

/** The reviewer's screen: chain and progress, findings in place, decisions, masked preview and its diff. */
export async function reviewView(ctx: Ctx, id: string) {
  const d = await loadForStaff(ctx, id);
  // The unmasked values are shown only to those who write or review the organisation's items.
  if (!(await seesOriginal(ctx, d.orgId))) throw forbidden('只有信息发布员和审核员可以查看审查结果。');
  const may = new Set(await permitted(ctx, d.orgId));
  const { edition, revision } = await currentOf(ctx, d);
  const c = revision.content;
  const review = edition.review ?? newReview(chainFor((await settingsOf(ctx, d.orgId)).approvalChains, c));
  const state = await reviewState(ctx, d, c, review, true);
  const preview = maskContent(c, replacements(state.findings));
  const diffOf = (label: string, before: string, after: string) => ({ label, parts: diffWordsWithSpace(before, after).map((p) => ({ text: p.value, change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const) })) });
  const canAct = d.status === 'reviewing' && may.has('catalog.review') && mayActAtStep(review, ctx.actor?.userId).ok && revision.createdBy !== ctx.actor?.userId;
  const VIEW_LIMIT = 30_000;
  return {
    status: d.status,
    chain: review.chain,
    step: review.step,
    approvals: review.approvals,
    override: review.override,
    published: review.published ?? null,
    profile: { key: state.profile.key, label: state.profile.label, note: state.profile.note },
    canAct,
    isLastStep: isLastStep(review),
    findings: state.findings,
    pieces: state.pieces.map((p) => ({ where: p.where, text: p.text.slice(0, VIEW_LIMIT), truncated: p.text.length > VIEW_LIMIT, spans: p.spans.filter((sp) => sp.end <= VIEW_LIMIT) })),
    gate: state.gate,
    blockers: [
      ...(state.gate.some((f) => f.blocking) && !review.override ? ['存在保密审查问题（密级标识、内部资料等），须修改或由保密审查环节写明理由放行'] : []),
      ...state.fileBlockers,
    ],
    files: state.fileState.map((f) => ({ id: f.file.id, fileName: f.file.fileName, type: f.file.type, toMask: f.toMask, outcome: (f.toMask === 0 ? 'unchanged' : f.file.type === 'docx' ? 'masked_copy' : 'blocked') as 'unchanged' | 'masked_copy' | 'blocked' })),
    // Links of the body and the attachments, checked on request from the reviewer's screen (issue 4 §8).
    links: [...new Set([...[...c.bodyHtml.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')), ...extractLinks(state.pieces.map((p) => p.text).join('\n'))])].filter((u) => /^https?:\/\//i.test(u)).slice(0, MAX_LINKS),
    diff: [diffOf('名称', c.title, preview.title), diffOf('内容概述', c.summary, preview.summary), diffOf('正文', bodyText(c.bodyHtml), bodyText(preview.bodyHtml))].filter((x) => x.parts.some((p) => p.change !== 'same')),
    maskedBodyHtml: preview.bodyHtml,
  };
}

/** A reviewer accepts a finding's masking or keeps the value with a reason (issue 4 §10); audited without the value. */
export async function decidePii(ctx: Ctx, id: string, input: { key: string; action: 'mask' | 'keep'; reason: string }) {
  const d = await loadForStaff(ctx, id);
  await authorize(ctx, 'catalog.review', d.orgId);
  const reason = input.reason.trim();
  if (input.action === 'keep' && reason.length < 4) throw invalid('保留原文（不去标识化）须写明理由，例如“系公职人员履职信息”。', [{ field: 'reason', message: '请写明理由' }]);
  await inTransaction(ctx, async (tx) => {
    const [cur] = await tx.db.select().from(documents).where(eq(documents.id, id)).for('update');
    if (cur.status !== 'reviewing') throw new DomainError('INVALID_TRANSITION', '只有待审核的信息可以作出去标识化决定。');
    const { edition, revision } = await currentOf(tx, cur);
    const review = edition.review ?? newReview(DEFAULT_CHAIN);
    const may = mayActAtStep(review, tx.actor?.userId);
    if (!may.ok) throw forbidden(may.reason);
    const state = await reviewState(tx, cur, revision.content, review);
    const finding = state.findings.find((f) => f.key === input.key);
    if (!finding) throw notFound('审查发现');
    review.decisions[input.key] = { action: input.action, reason, userId: tx.actor?.userId ?? null, name: tx.actor?.displayName ?? '', at: tx.clock.now().toISOString() };
    await tx.db.update(documentEditions).set({ review }).where(eq(documentEditions.id, edition.id));
    await audit(tx, { action: 'catalog.pii_decision', objectType: 'document', objectId: id, orgId: cur.orgId, summary: { edition: edition.number, finding: input.key, type: finding.type, decision: input.action, reason } });
  });
  return reviewView(ctx, id);
}

/** The organisation's reviewers, for naming them in approval steps. */
export async function reviewersOf(ctx: Pick<Ctx, 'db'>, orgId: string) {
  return ctx.db.select({ id: users.id, name: users.displayName, username: users.username }).from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId)).where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'reviewer'))).orderBy(asc(users.username));
}

// ───────────────────────── comparing revisions ─────────────────────────

const FIELD_LABELS: [keyof DocContent, string, (c: DocContent) => string][] = [
  ['title', '名称', (c) => c.title],
  ['summary', '内容概述', (c) => c.summary],
  ['publisher', '发布机构', (c) => [c.publisher, ...c.jointPublishers].join('、')],
  ['docNumber', '发文字号', (c) => c.docNumber],
  ['writtenDate', '成文日期', (c) => c.writtenDate ?? ''],
  ['generatedDate', '生成日期', (c) => c.generatedDate ?? ''],
  ['effectiveDate', '实施日期', (c) => c.effectiveDate ?? ''],
  ['repealDate', '废止日期', (c) => c.repealDate ?? ''],
  ['validityOverride', '有效性（手工设定）', (c) => (c.validityOverride ? `${VALIDITY[c.validityOverride.validity]}：${c.validityOverride.reason}` : '')],
  ['topic', '主题分类', (c) => (c.topic ? TOPIC_LABELS[c.topic] : '')],
  ['genre', '公文种类', (c) => c.genre ?? ''],
  ['contentType', '内容类型', (c) => (c.contentType ? CONTENT_TYPES[c.contentType] : '')],
  ['docClass', '文件类别', (c) => DOC_CLASSES[c.docClass]],
  ['fiveOpen', '五公开', (c) => (c.fiveOpen ? FIVE_OPEN[c.fiveOpen] : '')],
  ['disclosureAttribute', '公开属性', (c) => (c.disclosureAttribute ? DISCLOSURE_ATTRIBUTES[c.disclosureAttribute] : '')],
  ['withholdReason', '不予公开理由', (c) => c.withholdReason],
  ['keywords', '关键词', (c) => c.keywords.join('、')],
  ['interpretationPlan', '解读方案', (c) => c.interpretationPlan],
  ['interpretation', '解读', (c) => (c.interpretation ? `${INTERPRETATION_FORMS[c.interpretation.form]}${c.interpretation.conference?.transcript ? `\n${c.interpretation.conference.transcript}` : ''}` : '')],
  ['attachmentIds', '附件', (c) => c.attachmentIds.join('\n')],
  ['bodyHtml', '正文', (c) => bodyText(c.bodyHtml)],
];

/** Two revisions as a readable diff: per changed field, runs of unchanged, added and removed text. */
export async function compareRevisions(ctx: Ctx, id: string, fromId: string, toId: string) {
  const d = await loadForStaff(ctx, id);
  const revs = await ctx.db.select().from(documentRevisions).where(and(eq(documentRevisions.documentId, d.id), inArray(documentRevisions.id, [fromId, toId])));
  const a = revs.find((r) => r.id === fromId);
  const b = revs.find((r) => r.id === toId);
  if (!a || !b) throw notFound('版本');
  const fileNames = new Map((await ctx.db.select({ id: documentFiles.id, name: documentFiles.fileName }).from(documentFiles).where(eq(documentFiles.documentId, d.id))).map((f) => [f.id, f.name]));
  const fields = FIELD_LABELS.map(([key, label, show]) => {
    const render = (c: DocContent) => (key === 'attachmentIds' ? c.attachmentIds.map((x) => fileNames.get(x) ?? x).join('\n') : show(c));
    const before = render(a.content);
    const after = render(b.content);
    if (before === after) return null;
    return { key, label, parts: diffWordsWithSpace(before, after).map((p) => ({ text: p.value, change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const) })) };
  }).filter((x) => x !== null);
  return { from: { id: a.id, number: a.number, createdAt: a.createdAt.toISOString(), by: a.createdByName }, to: { id: b.id, number: b.number, createdAt: b.createdAt.toISOString(), by: b.createdByName }, fields };
}

// ───────────────────────── public validity ─────────────────────────

/** 有效性 of a public row today (derived from its dates unless overridden, §6). */
export const validityOf = (r: { effectiveOn: string | null; repealOn: string | null; expiryOn: string | null; content: DocContent }, on: string) =>
  deriveValidity({ effectiveDate: r.effectiveOn, repealDate: r.repealOn, expiryDate: r.expiryOn, override: r.content.validityOverride }, on);

/** Rebuilds the search vectors of every public row (after the segmentation dictionary changes). */
export async function reindexPublic(ctx: Ctx) {
  const rows = await ctx.db.select({ id: publicDocuments.documentId, title: publicDocuments.title, docNumber: publicDocuments.docNumber, content: publicDocuments.content, summary: publicDocuments.summary, bodyText: publicDocuments.bodyText, attachmentText: publicDocuments.attachmentText, status: publicDocuments.status }).from(publicDocuments);
  for (const r of rows) {
    await ctx.db
      .update(publicDocuments)
      .set({
        searchTitle: tsvectorLiteral(`${r.title} ${r.docNumber} ${r.content.keywords.join(' ')}`),
        searchBody: r.status === 'published' ? tsvectorLiteral(`${r.summary}\n${r.bodyText}\n${r.attachmentText}`.slice(0, 400_000)) : '',
      })
      .where(eq(publicDocuments.documentId, r.id));
  }
  publicContentChanged();
  return rows.length;
}

