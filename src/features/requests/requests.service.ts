import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize, orgsWith } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { hmacSm3Hex, sm4Open, sm4Seal } from '../../platform/crypto/sm.js';
import { sameCode, trackingCodeFor } from '../../platform/crypto/tracking.js';
import { DomainError, invalid, notFound, unprocessable } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { letterDocx, letterPdf } from '../../platform/documents/letter.js';
import { acceptedType, FILE_TYPES, safeFileName, typeLabels, type FileType } from '../../platform/uploads/sniff.js';
import { departments, organisations, type Organisation } from '../organisations/organisations.tables.js';
import { roleGrants, users } from '../../platform/auth/auth.tables.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import { shanghaiDate, YearNotLoadedError, type WorkingCalendar } from '../calendar/calendar.rules.js';
import { checkText } from '../review/checks.rules.js';
import { dictionaryFor } from '../review/review.service.js';
import {
  canTake,
  CHANNELS,
  clockChecks,
  CONCLUDED,
  DEFAULT_CLOCK,
  deriveClock,
  feeForNthApplication,
  feeForPages,
  TRANSITIONS,
  type Action,
  type Channel,
  type Clock,
  type ClockEvent,
  type ClockSettings,
  type Status,
} from './requests.rules.js';
import { actionData, type ApplicationInput } from './requests.contract.js';
import { composeLetter, LETTER_KINDS, type LetterKind } from './requests.letters.js';
import { disclosureAppeals, disclosureRequestEvents, disclosureRequestFiles, disclosureRequests, type DisclosureEvent, type DisclosureRequest } from './requests.tables.js';

export interface Applicant {
  name: string;
  contactPerson: string;
  idType: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
}

export interface Upload {
  kind: 'identity' | 'licence' | 'other';
  fileName: string;
  mime: string;
  content: Buffer;
}

const settingsOf = (ctx: Pick<Ctx, 'config'>): ClockSettings => ({ ...DEFAULT_CLOCK, feePausesClock: ctx.config.REQUEST_FEE_PAUSES_CLOCK });
const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());
const openApplicant = (ctx: Ctx, r: Pick<DisclosureRequest, 'applicantSealed'>): Applicant => JSON.parse(sm4Open(ctx.keys.sm4, r.applicantSealed));
const subjectOf = (r: Pick<DisclosureRequest, 'infoTitle' | 'infoDocNo' | 'infoDescription'>) => r.infoTitle || r.infoDocNo || r.infoDescription.slice(0, 60);

/** The applicant's identity document as a keyed hash: same person, same key, without storing the number in clear. */
const applicantKey = (ctx: Ctx, a: Pick<Applicant, 'idType' | 'idNumber'>) => hmacSm3Hex(ctx.keys.integrity, `applicant|${a.idType}|${a.idNumber}`);

/** 查询码 of a case (platform/crypto/tracking.ts). */
export const trackingCode = (ctx: Pick<Ctx, 'keys'>, requestId: string) => trackingCodeFor(ctx.keys.integrity, 'track', requestId);

const toClockEvents = (events: Pick<DisclosureEvent, 'action' | 'onDate' | 'data'>[]): ClockEvent[] => events.map((e) => ({ action: e.action as ClockEvent['action'], on: e.onDate, data: e.data }));

/** The clock of a case, or a clock without a deadline when it falls in a year whose holidays are not entered yet. */
function clockOf(ctx: Ctx, cal: WorkingCalendar, events: Pick<DisclosureEvent, 'action' | 'onDate' | 'data'>[]): Clock & { calendarMissing: number | null } {
  try {
    return { ...deriveClock(toClockEvents(events), cal, today(ctx), settingsOf(ctx)), calendarMissing: null };
  } catch (e) {
    if (!(e instanceof YearNotLoadedError)) throw e;
    const empty = deriveClock([], cal, today(ctx));
    return { ...empty, changes: [{ on: today(ctx), reason: e.detail, due: null }], calendarMissing: e.year };
  }
}

async function eventsOf(ctx: Ctx, requestId: string) {
  return ctx.db.select().from(disclosureRequestEvents).where(eq(disclosureRequestEvents.requestId, requestId)).orderBy(asc(disclosureRequestEvents.seq));
}

/** Appends an event and re-derives the clock columns of the case from the whole log. */
async function appendEvent(tx: Ctx, r: DisclosureRequest, action: string, onDate: string, data: Record<string, unknown>, isPublic: boolean, patch: Partial<DisclosureRequest> = {}) {
  const events = await eventsOf(tx, r.id);
  await tx.db.insert(disclosureRequestEvents).values({
    requestId: r.id,
    seq: events.length + 1,
    action,
    onDate,
    at: tx.clock.now(),
    actorId: tx.actor?.userId ?? null,
    actorName: tx.actor ? tx.actor.displayName : '申请人',
    data,
    public: isPublic,
  });
  const all = [...events, { action, onDate, data }];
  const clock = clockOf(tx, await workingCalendar(tx), all);
  const [row] = await tx.db
    .update(disclosureRequests)
    .set({ ...patch, receivedOn: clock.receivedOn, dueOn: clock.due, paused: clock.paused || null, updatedAt: tx.clock.now() })
    .where(eq(disclosureRequests.id, r.id))
    .returning();
  return row;
}

async function nextSeq(tx: Ctx, orgId: string, year: number): Promise<number> {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`gongkai.request-seq:${orgId}:${year}`}))`);
  const [row] = await tx.db
    .select({ max: sql<number>`coalesce(max(${disclosureRequests.seq}), 0)` })
    .from(disclosureRequests)
    .where(and(eq(disclosureRequests.orgId, orgId), eq(disclosureRequests.year, year)));
  return Number(row.max) + 1;
}

/** What an applicant may upload as identity proof, and what an officer may attach to a reply. */
export const APPLICANT_FILE_TYPES: FileType[] = ['pdf', 'jpg', 'png'];
export const REPLY_FILE_TYPES: FileType[] = ['pdf', 'docx', 'xlsx', 'jpg', 'png'];
export const REPLY_FILE_MAX = 10 * 1024 * 1024;

interface CreateInput {
  org: Organisation;
  application: ApplicationInput;
  channel: Channel;
  arrivedOn: string;
  idempotencyKey: string;
  uploads: Upload[];
}

/**
 * Records a new application. Online, fax and unsigned post wait for confirmation with the
 * applicant; in person and signed-for post are received on the day they arrive (条例 Art 31).
 * The same form submitted twice (same idempotency key) returns the first case.
 */
async function createRequest(ctx: Ctx, input: CreateInput): Promise<{ request: DisclosureRequest; duplicate: boolean }> {
  const { org, application: a } = input;
  const existing = await ctx.db.select().from(disclosureRequests).where(and(eq(disclosureRequests.orgId, org.id), eq(disclosureRequests.idempotencyKey, input.idempotencyKey)));
  if (existing[0]) return { request: existing[0], duplicate: true };
  const applicant: Applicant = { name: a.name, contactPerson: a.contactPerson, idType: a.idType, idNumber: a.idNumber, phone: a.phone, email: a.email, address: a.address, postcode: a.postcode };
  const year = Number(input.arrivedOn.slice(0, 4));
  try {
    return await inTransaction(ctx, async (tx) => {
      const seq = await nextSeq(tx, org.id, year);
      const needsConfirmation = CHANNELS[input.channel].needsConfirmation;
      const [r] = await tx.db
        .insert(disclosureRequests)
        .values({
          orgId: org.id,
          receiptNo: `${year}-${org.code}-${String(seq).padStart(5, '0')}`,
          year,
          seq,
          channel: input.channel,
          applicantType: a.applicantType,
          applicantSealed: sm4Seal(tx.keys.sm4, JSON.stringify(applicant)),
          applicantKey: applicantKey(tx, applicant),
          infoTitle: a.infoTitle,
          infoDocNo: a.infoDocNo,
          infoDescription: a.infoDescription,
          purpose: a.purpose,
          provisionForm: a.provisionForm,
          delivery: a.delivery,
          status: needsConfirmation ? 'awaiting_confirmation' : 'registered',
          arrivedOn: input.arrivedOn,
          idempotencyKey: input.idempotencyKey,
        })
        .returning();
      for (const u of input.uploads)
        await tx.db.insert(disclosureRequestFiles).values({ requestId: r.id, kind: u.kind, fileName: safeFileName(u.fileName), mime: u.mime, size: u.content.length, contentSealed: sm4Seal(tx.keys.sm4, u.content.toString('base64')) });
      const row = await appendEvent(tx, r, 'registered', input.arrivedOn, { channel: input.channel, ...(needsConfirmation ? {} : { receivedOn: input.arrivedOn }) }, true);
      await audit(tx, { action: 'request.create', objectType: 'disclosure_request', objectId: r.id, orgId: org.id, summary: { receiptNo: r.receiptNo, channel: input.channel, files: input.uploads.length } });
      return { request: row, duplicate: false };
    });
  } catch (e) {
    // Two identical submissions at the same moment: the second finds the first.
    if (isUniqueViolation(e)) {
      const again = await ctx.db.select().from(disclosureRequests).where(and(eq(disclosureRequests.orgId, org.id), eq(disclosureRequests.idempotencyKey, input.idempotencyKey)));
      if (again[0]) return { request: again[0], duplicate: true };
    }
    throw e;
  }
}

/** An application made on the portal (no account). */
export async function submitOnline(ctx: Ctx, org: Organisation, application: ApplicationInput, idempotencyKey: string, uploads: Upload[]) {
  for (const u of uploads) {
    const t = acceptedType(u.content, APPLICANT_FILE_TYPES);
    if (!t || FILE_TYPES[t].mime !== u.mime) throw invalid(`附件“${u.fileName}”不是有效的 ${typeLabels(APPLICANT_FILE_TYPES)} 文件。`);
  }
  const { request, duplicate } = await createRequest(ctx, { org, application, channel: 'ONLINE', arrivedOn: today(ctx), idempotencyKey, uploads });
  return { request, duplicate, trackingCode: trackingCode(ctx, request.id) };
}

/** An application that came by post, fax or in person, entered by an officer. */
export async function registerRequest(ctx: Ctx, orgId: string, input: ApplicationInput & { channel: Channel; arrivedOn: string; idempotencyKey: string }) {
  await authorize(ctx, 'requests.handle', orgId);
  if (input.arrivedOn > today(ctx)) throw invalid('到达日期不能晚于今天。', [{ field: 'arrivedOn', message: '到达日期不能晚于今天' }]);
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
  const { request, duplicate } = await createRequest(ctx, { org, application: input, channel: input.channel, arrivedOn: input.arrivedOn, idempotencyKey: input.idempotencyKey, uploads: [] });
  return { request, duplicate, trackingCode: trackingCode(ctx, request.id) };
}

/** Loads a case the actor may read; another organisation's case is 404. */
async function loadForStaff(ctx: Ctx, id: string): Promise<DisclosureRequest> {
  const [r] = await ctx.db.select().from(disclosureRequests).where(eq(disclosureRequests.id, id));
  if (!r) throw notFound('申请');
  await authorize(ctx, 'records.read', r.orgId);
  return r;
}

/** Takes one workflow action: the transition table, then the statutory conditions, then the event. */
export async function act(ctx: Ctx, id: string, action: Action, raw: unknown) {
  const r = await loadForStaff(ctx, id);
  const t = TRANSITIONS[action];
  await authorize(ctx, t.by === 'reviewer' ? 'requests.review' : 'requests.handle', r.orgId);
  const parsed = actionData[action].safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const data = parsed.data as Record<string, unknown>;
  const now = today(ctx);
  return inTransaction(ctx, async (tx) => {
    // Serialise actions on one case: the second of two simultaneous clicks sees the first's result.
    const [cur] = await tx.db.select().from(disclosureRequests).where(eq(disclosureRequests.id, id)).for('update');
    const verdict = canTake(cur.status as Status, action);
    if (!verdict.ok) throw new DomainError('INVALID_TRANSITION', verdict.reason);
    const events = await eventsOf(tx, id);
    const cal = await workingCalendar(tx);
    const clock = clockOf(tx, cal, events);
    const check = clockChecks(action, clock, toClockEvents(events), data, now, settingsOf(tx));
    if (!check.ok) throw unprocessable(check.reason);
    const { onDate, patch, extra } = await prepare(tx, cur, action, data, now, cal);
    const row = await appendEvent(tx, cur, action, onDate, { ...data, ...extra }, t.public, { ...patch, ...(t.to ? { status: t.to } : {}) });
    await audit(tx, { action: `request.${action}`, objectType: 'disclosure_request', objectId: id, orgId: cur.orgId, summary: { receiptNo: cur.receiptNo, from: cur.status, to: row.status } });
    return row;
  });
}

const pastDate = (d: string, now: string, field: string, after?: string) => {
  if (d > now) throw invalid('日期不能晚于今天。', [{ field, message: '日期不能晚于今天' }]);
  if (after && d < after) throw invalid(`日期不能早于 ${after}。`, [{ field, message: `不能早于 ${after}` }]);
  return d;
};

/** Per-action preparation: the day the event counts from, the case fields it changes, data it adds. */
async function prepare(tx: Ctx, r: DisclosureRequest, action: Action, d: Record<string, unknown>, now: string, cal: WorkingCalendar): Promise<{ onDate: string; patch: Partial<DisclosureRequest>; extra: Record<string, unknown> }> {
  const same = { onDate: now, patch: {}, extra: {} };
  switch (action) {
    case 'confirm':
      return { ...same, onDate: pastDate(String(d.confirmedOn), now, 'confirmedOn', r.arrivedOn) };
    case 'request_correction':
      if (String(d.correctionDueBy) <= now) throw invalid('补正期限应晚于今天。', [{ field: 'correctionDueBy', message: '应晚于今天' }]);
      return same;
    case 'receive_correction':
      return { ...same, onDate: pastDate(String(d.receivedOn), now, 'receivedOn') };
    case 'assign': {
      if (d.departmentId) {
        const [dep] = await tx.db.select().from(departments).where(and(eq(departments.id, String(d.departmentId)), eq(departments.orgId, r.orgId)));
        if (!dep) throw invalid('所选内设机构不属于本机关。', [{ field: 'departmentId', message: '内设机构无效' }]);
      }
      if (d.officerId && !(await officersOf(tx, r.orgId)).some((o) => o.id === d.officerId)) throw invalid('所选承办人不是本机关的依申请公开承办人。', [{ field: 'officerId', message: '承办人无效' }]);
      return { ...same, patch: { departmentId: (d.departmentId as string) ?? null, officerId: (d.officerId as string) ?? null } };
    }
    case 'set_deadline':
      if (String(d.due) <= now) throw invalid('答复期限应晚于今天。', [{ field: 'due', message: '应晚于今天' }]);
      cal.isWorkingDay(String(d.due));
      return same;
    case 'fee_notice': {
      // Never both methods on one application (109号 Art 3): the method chosen first stays.
      const n = await nthThisMonth(tx, r);
      const amount = d.method === 'per_volume' ? feeForPages(Number(d.pages ?? 0)) : feeForNthApplication(Number(n));
      if (d.method === 'per_volume' && !d.pages) throw invalid('按量计收须填写页数。', [{ field: 'pages', message: '请填写页数' }]);
      if (amount === 0) throw unprocessable(d.method === 'per_volume' ? '30 页以内不收费（按量计收第一档）。' : `本申请是该申请人本月第 ${n} 件申请，10 件以内不收费（按件计收第一档）。`);
      return { ...same, extra: { amount, nth: Number(n), receivedOn: String(d.receivedOn ?? now) } };
    }
    case 'fee_paid':
      return { ...same, onDate: pastDate(String(d.paidOn), now, 'paidOn') };
    case 'draft_reply': {
      if ((d.outcome === 'WITHHOLD' || d.outcome === 'PARTIAL') && !(d.reasons as string[]).length) throw invalid('不予公开或部分公开须选择不予公开的理由。', [{ field: 'reasons', message: '请选择理由' }]);
      if (['DISCLOSE', 'PARTIAL', 'ALREADY_PUBLIC'].includes(String(d.outcome)) && !String(d.documents).trim())
        throw invalid('请列出提供的政府信息或获取途径。', [{ field: 'documents', message: '请填写提供的信息' }]);
      return { ...same, patch: { outcome: String(d.outcome), reply: { outcome: String(d.outcome), reasons: d.reasons as string[], body: String(d.body), documents: String(d.documents) } } };
    }
    case 'approve_reply': {
      const blocking = (await replyChecks(tx, r)).filter((f) => f.blocking);
      if (blocking.length) throw unprocessable(`答复含有保密标识或严重错误表述（${blocking.map((b) => b.text).join('、')}），请退回修改。`);
      const [org] = await tx.db.select().from(organisations).where(eq(organisations.id, r.orgId));
      return { ...same, patch: { letterNo: `${org.shortName}公开答〔${now.slice(0, 4)}〕${r.seq}号` } };
    }
    case 'return_reply':
      return { ...same, patch: { reply: r.reply ? { ...r.reply, returnedNote: String(d.comment) } : null } };
    case 'deliver':
      return { ...same, onDate: pastDate(String(d.deliveredOn), now, 'deliveredOn', r.arrivedOn), patch: { concludedOn: String(d.deliveredOn) } };
    case 'withdraw':
      return { ...same, patch: { outcome: 'WITHDRAWN', concludedOn: now } };
    case 'abandon':
      return { ...same, patch: { outcome: d.reason === 'unpaid' ? 'ABANDONED_UNPAID' : 'ABANDONED_NO_CORRECTION', concludedOn: now } };
    default:
      return same;
  }
}

/** Attaches a document being disclosed to the reply; possible until the reply is approved. */
export async function addReplyFile(ctx: Ctx, id: string, input: { fileName: string; content: Buffer }) {
  const r = await loadForStaff(ctx, id);
  await authorize(ctx, 'requests.handle', r.orgId);
  if (!['registered', 'processing', 'consulting', 'drafting'].includes(r.status)) throw new DomainError('INVALID_TRANSITION', '答复审核通过后不能再更改附件。');
  if (input.content.length > REPLY_FILE_MAX) throw new DomainError('PAYLOAD_TOO_LARGE', '附件不能超过 10 MB。');
  const t = acceptedType(input.content, REPLY_FILE_TYPES);
  if (!t) throw invalid(`附件应为 ${typeLabels(REPLY_FILE_TYPES)} 文件，且内容与格式相符。`, [{ field: 'content', message: '文件类型不支持' }]);
  return inTransaction(ctx, async (tx) => {
    const [f] = await tx.db
      .insert(disclosureRequestFiles)
      .values({ requestId: id, kind: 'reply', fileName: safeFileName(input.fileName), mime: FILE_TYPES[t].mime, size: input.content.length, contentSealed: sm4Seal(tx.keys.sm4, input.content.toString('base64')) })
      .returning({ id: disclosureRequestFiles.id });
    await audit(tx, { action: 'request.file.add', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { fileId: f.id, type: t, size: input.content.length } });
    return f;
  });
}

export async function removeReplyFile(ctx: Ctx, id: string, fileId: string) {
  const r = await loadForStaff(ctx, id);
  await authorize(ctx, 'requests.handle', r.orgId);
  if (!['registered', 'processing', 'consulting', 'drafting'].includes(r.status)) throw new DomainError('INVALID_TRANSITION', '答复审核通过后不能再更改附件。');
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .delete(disclosureRequestFiles)
      .where(and(eq(disclosureRequestFiles.id, fileId), eq(disclosureRequestFiles.requestId, id), eq(disclosureRequestFiles.kind, 'reply')))
      .returning({ id: disclosureRequestFiles.id });
    if (!gone.length) throw notFound('附件');
    await audit(tx, { action: 'request.file.remove', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { fileId } });
  });
}

const replyFilesOf = (ctx: Ctx, id: string) =>
  ctx.db
    .select({ id: disclosureRequestFiles.id, fileName: disclosureRequestFiles.fileName })
    .from(disclosureRequestFiles)
    .where(and(eq(disclosureRequestFiles.requestId, id), eq(disclosureRequestFiles.kind, 'reply')))
    .orderBy(asc(disclosureRequestFiles.createdAt));

/**
 * Which application of the same applicant this is in its calendar month (按件计收 counts them,
 * 109号 Art 4): those that arrived from the 1st of the month up to this one, across organisations.
 */
async function nthThisMonth(ctx: Ctx, r: DisclosureRequest): Promise<number> {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(disclosureRequests)
    .where(
      and(
        eq(disclosureRequests.applicantKey, r.applicantKey),
        gte(disclosureRequests.arrivedOn, `${r.arrivedOn.slice(0, 7)}-01`),
        // Compared in the database: timestamps there are finer than a JavaScript Date.
        or(lt(disclosureRequests.arrivedOn, r.arrivedOn), and(eq(disclosureRequests.arrivedOn, r.arrivedOn), sql`${disclosureRequests.createdAt} <= (select created_at from disclosure_requests where id = ${r.id})`)),
      ),
    );
  return Number(n);
}

/** The automated review of a reply's text (错敏词, confidentiality markers) before a reviewer approves it. */
async function replyChecks(ctx: Ctx, r: DisclosureRequest) {
  if (!r.reply) return [];
  const dict = await dictionaryFor(ctx, r.orgId);
  // A reply may well say 不予公开 or name an internal document; only 密级 marks and serious wording errors stop it.
  return checkText(`${r.reply.body}\n${r.reply.documents}`, dict).map((f) => ({ ...f, blocking: f.kind === 'classified' || (f.category === 'wording' && f.blocking) }));
}

/** Staff of the organisation who handle applications, for assignment. */
export async function officersOf(ctx: Ctx, orgId: string) {
  return ctx.db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'disclosure_officer'), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

export async function listOfficers(ctx: Ctx, orgId: string) {
  await authorize(ctx, 'records.read', orgId);
  return officersOf(ctx, orgId);
}

type ListFilter = { status: string; q?: string; orgId?: string; page: number; pageSize: number };

/** The case list: the actor's organisation (or, for supervisors, one below it), sorted by deadline. */
export async function listRequests(ctx: Ctx, f: ListFilter) {
  const readable = await orgsWith(ctx, 'records.read');
  const orgIds = f.orgId ? (readable.includes(f.orgId) ? [f.orgId] : []) : ctx.actor?.orgId && readable.includes(ctx.actor.orgId) ? [ctx.actor.orgId] : [];
  if (orgIds.length === 0) throw notFound('机构');
  const cal = await workingCalendar(ctx);
  const now = today(ctx);
  const conds: SQL[] = [orgIds.length === 1 ? eq(disclosureRequests.orgId, orgIds[0]) : inArray(disclosureRequests.orgId, orgIds)];
  const open = isNull(disclosureRequests.concludedOn);
  const soon = Math.max(...ctx.config.REQUEST_REMINDER_DAYS);
  if (f.status === 'open') conds.push(open);
  else if (f.status === 'concluded') conds.push(isNotNull(disclosureRequests.concludedOn));
  else if (f.status === 'overdue') conds.push(open, lt(disclosureRequests.dueOn, now));
  else if (f.status === 'due_soon') conds.push(open, gte(disclosureRequests.dueOn, now), lte(disclosureRequests.dueOn, safeAdd(cal, now, soon)));
  else if (f.status !== 'all') conds.push(eq(disclosureRequests.status, f.status), ...(isConcludedStatus(f.status) ? [] : [open]));
  // A receipt number is looked up exactly (unique index); other text searches the request's wording.
  if (f.q) conds.push(RECEIPT_NO.test(f.q) ? eq(disclosureRequests.receiptNo, f.q) : or(ilike(disclosureRequests.infoTitle, `%${f.q}%`), ilike(disclosureRequests.infoDescription, `%${f.q}%`))!);
  const where = and(...conds);
  const byDeadline = !['all', 'concluded'].includes(f.status) && !isConcludedStatus(f.status);
  const [{ total }] = await ctx.db.select({ total: count() }).from(disclosureRequests).where(where);
  const rows = await ctx.db
    .select()
    .from(disclosureRequests)
    .where(where)
    .orderBy(...(byDeadline ? [sql`${disclosureRequests.dueOn} asc nulls last`, desc(disclosureRequests.createdAt)] : [desc(disclosureRequests.createdAt)]))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total, today: now, items: await summaries(ctx, rows, cal, now) };
}

const RECEIPT_NO = /^\d{4}-[A-Z0-9]+-\d{5}$/;
const isConcludedStatus = (s: string) => (CONCLUDED as readonly string[]).includes(s);

function safeAdd(cal: WorkingCalendar, d: string, n: number) {
  try {
    return cal.addWorkingDays(d, n);
  } catch {
    return d;
  }
}

async function summaries(ctx: Ctx, rows: DisclosureRequest[], cal: WorkingCalendar, now: string) {
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const officerIds = [...new Set(rows.map((r) => r.officerId).filter(Boolean))] as string[];
  const orgs = orgIds.length ? await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const officers = officerIds.length ? await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, officerIds)) : [];
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    orgName: orgs.find((o) => o.id === r.orgId)?.name ?? '',
    receiptNo: r.receiptNo,
    channel: r.channel,
    applicantType: r.applicantType,
    applicantName: openApplicant(ctx, r).name,
    subject: subjectOf(r),
    status: r.status,
    arrivedOn: r.arrivedOn,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    daysLeft: r.dueOn && !r.concludedOn ? safeBetween(cal, now, r.dueOn) : null,
    paused: r.paused,
    outcome: r.outcome,
    concludedOn: r.concludedOn,
    officerName: officers.find((o) => o.id === r.officerId)?.name ?? '',
  }));
}

function safeBetween(cal: WorkingCalendar, a: string, b: string) {
  try {
    return cal.workingDaysBetween(a, b);
  } catch {
    return null;
  }
}

/**
 * Everything the officer's case screen shows. Opening a case shows the applicant's personal data,
 * so each opening is audited (SECURITY LOG-01), unless it is the screen refreshed after an action.
 */
export async function getRequest(ctx: Ctx, id: string, opts: { audited?: boolean } = {}) {
  const r = await loadForStaff(ctx, id);
  if (!opts.audited) await audit(ctx, { action: 'request.view', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { receiptNo: r.receiptNo } });
  const cal = await workingCalendar(ctx);
  const now = today(ctx);
  const events = await eventsOf(ctx, id);
  const clock = clockOf(ctx, cal, events);
  const ces = toClockEvents(events);
  const [summary] = await summaries(ctx, [r], cal, now);
  const files = await ctx.db.select({ id: disclosureRequestFiles.id, kind: disclosureRequestFiles.kind, fileName: disclosureRequestFiles.fileName, mime: disclosureRequestFiles.mime, size: disclosureRequestFiles.size }).from(disclosureRequestFiles).where(eq(disclosureRequestFiles.requestId, id));
  const appeals = await ctx.db.select().from(disclosureAppeals).where(eq(disclosureAppeals.requestId, id)).orderBy(asc(disclosureAppeals.filedOn));
  const n = await nthThisMonth(ctx, r);
  const actions = (Object.keys(TRANSITIONS) as Action[])
    .filter((a) => a !== 'note')
    .map((a) => {
      const v = canTake(r.status as Status, a);
      const c = v.ok ? clockChecks(a, clock, ces, {}, now, settingsOf(ctx)) : v;
      // Conditions that depend on what the officer enters are checked when it is sent.
      const allowed = v.ok && (c.ok || a === 'abandon' || a === 'extend');
      return { action: a, label: TRANSITIONS[a].label, allowed, reason: allowed ? null : ((c.ok ? null : c.reason) ?? null) };
    })
    .filter((a) => a.allowed || canTake(r.status as Status, a.action as Action).ok);
  return {
    ...summary,
    applicant: openApplicant(ctx, r),
    infoTitle: r.infoTitle,
    infoDocNo: r.infoDocNo,
    infoDescription: r.infoDescription,
    purpose: r.purpose,
    provisionForm: r.provisionForm,
    delivery: r.delivery,
    departmentId: r.departmentId,
    officerId: r.officerId,
    reply: r.reply,
    letterNo: r.letterNo,
    clock: { ...clock, paused: clock.paused || null, daysLeft: clock.due && !r.concludedOn ? safeBetween(cal, now, clock.due) : null },
    events: events.map((e) => ({ seq: e.seq, action: e.action, label: eventLabel(e.action, e.data), on: e.onDate, at: e.at.toISOString(), actorName: e.actorName, public: e.public, data: e.data })),
    actions,
    letters: lettersOf(r, events).map((l) => ({ kind: l.kind, title: LETTER_KINDS[l.kind].title, forApplicant: LETTER_KINDS[l.kind].forApplicant })),
    files,
    appeals: appeals.map(presentAppeal),
    feeQuote: { perApplication: feeForNthApplication(Number(n)), nthThisMonth: Number(n) },
    today: now,
    feePausesClock: ctx.config.REQUEST_FEE_PAUSES_CLOCK,
    checks: r.status === 'in_review' || r.status === 'drafting' ? (await replyChecks(ctx, r)).map((f) => ({ text: f.text, category: f.category, kind: f.kind, suggestion: f.suggestion, blocking: f.blocking })) : [],
  };
}

export const eventLabel = (a: string, data: Record<string, unknown> = {}) =>
  a === 'registered' ? (data.channel === 'ONLINE' ? '网上提交申请' : '登记申请') : ((TRANSITIONS as Record<string, { label: string }>)[a]?.label ?? a);

/** The letters a case has produced so far, each with the event it came from. */
function lettersOf(r: DisclosureRequest, events: DisclosureEvent[]): { kind: LetterKind; event: DisclosureEvent | null }[] {
  const out: { kind: LetterKind; event: DisclosureEvent | null }[] = [{ kind: 'receipt', event: events[0] ?? null }];
  const last = (a: string) => [...events].reverse().find((e) => e.action === a) ?? null;
  if (last('request_correction')) out.push({ kind: 'correction', event: last('request_correction') });
  const consult = [...events].reverse().find((e) => e.action === 'start_consultation' && e.data.kind === 'third_party');
  if (consult) out.push({ kind: 'consultation', event: consult });
  if (last('extend')) out.push({ kind: 'extension', event: last('extend') });
  if (last('fee_notice')) out.push({ kind: 'fee', event: last('fee_notice') });
  if (r.reply && r.letterNo) out.push({ kind: 'reply', event: last('deliver') ?? last('approve_reply') });
  return out;
}

async function letterOf(ctx: Ctx, r: DisclosureRequest, kind: LetterKind, format: 'docx' | 'pdf', forApplicant: boolean) {
  const events = await eventsOf(ctx, r.id);
  const found = lettersOf(r, events).find((l) => l.kind === kind);
  // The applicant sees a reply only once it has been delivered.
  if (!found || (forApplicant && (!LETTER_KINDS[kind].forApplicant || (kind === 'reply' && !['replied', 'archived'].includes(r.status))))) throw notFound('告知书');
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, r.orgId));
  const [superior] = org.parentId ? await ctx.db.select().from(organisations).where(eq(organisations.id, org.parentId)) : [];
  const clock = clockOf(ctx, await workingCalendar(ctx), events);
  const files = kind === 'reply' ? (await replyFilesOf(ctx, r.id)).map((f) => f.fileName) : [];
  const letter = composeLetter(
    kind,
    {
      receiptNo: r.receiptNo,
      seq: r.seq,
      year: r.year,
      trackingCode: trackingCode(ctx, r.id),
      applicantName: openApplicant(ctx, r).name,
      subject: subjectOf(r),
      arrivedOn: r.arrivedOn,
      receivedOn: clock.receivedOn,
      due: clock.due,
      orgName: org.name,
      orgShortName: org.shortName,
      superiorName: superior?.name ?? null,
      letterNo: r.letterNo,
      reply: r.reply,
      files,
    },
    found.event ? { on: found.event.onDate, data: found.event.data } : null,
  );
  const body = format === 'pdf' ? await letterPdf(letter) : await letterDocx(letter);
  return { body, fileName: `${LETTER_KINDS[kind].title}-${r.receiptNo}.${format}` };
}

export async function staffLetter(ctx: Ctx, id: string, kind: LetterKind, format: 'docx' | 'pdf') {
  const r = await loadForStaff(ctx, id);
  const out = await letterOf(ctx, r, kind, format, false);
  await audit(ctx, { action: 'request.letter', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { kind, format } });
  return out;
}

export async function staffFile(ctx: Ctx, id: string, fileId: string) {
  const r = await loadForStaff(ctx, id);
  const [f] = await ctx.db.select().from(disclosureRequestFiles).where(and(eq(disclosureRequestFiles.id, fileId), eq(disclosureRequestFiles.requestId, r.id)));
  if (!f) throw notFound('附件');
  await audit(ctx, { action: 'request.file.read', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { fileId } });
  return { body: Buffer.from(sm4Open(ctx.keys.sm4, f.contentSealed), 'base64'), fileName: f.fileName, mime: f.mime };
}

/**
 * The applicant's view by receipt number and 查询码: state, deadline, public timeline, letters.
 * A wrong code and an unknown number get the same answer.
 */
export async function track(ctx: Ctx, receiptNo: string, code: string) {
  const [r] = await ctx.db.select().from(disclosureRequests).where(eq(disclosureRequests.receiptNo, receiptNo.trim()));
  if (!r || !sameCode(trackingCode(ctx, r.id), code)) throw notFound('申请');
  const events = await eventsOf(ctx, r.id);
  const cal = await workingCalendar(ctx);
  const clock = clockOf(ctx, cal, events);
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, r.orgId));
  const publicData = (e: DisclosureEvent): string => {
    const d = e.data;
    if (e.action === 'request_correction') return `需补正事项：${(d.items as string[]).join('；')}。请于 ${d.correctionDueBy} 前补正。`;
    if (e.action === 'extend') return `答复期限延长 ${d.days} 个工作日。`;
    if (e.action === 'fee_notice') return `应缴信息处理费 ${d.amount} 元。`;
    if (e.action === 'set_deadline') return `答复期限确定为 ${d.due}。`;
    if (e.action === 'deliver') return '答复告知书已送达，可在下方下载。';
    return '';
  };
  return {
    request: r,
    org,
    statusLabel: r.status,
    clock: { ...clock, daysLeft: clock.due && !r.concludedOn ? safeBetween(cal, today(ctx), clock.due) : null },
    events: events.filter((e) => e.public).map((e) => ({ on: e.onDate, label: eventLabel(e.action, e.data), detail: publicData(e) })),
    letters: lettersOf(r, events)
      .filter((l) => LETTER_KINDS[l.kind].forApplicant && (l.kind !== 'reply' || ['replied', 'archived'].includes(r.status)))
      .map((l) => ({ kind: l.kind, title: LETTER_KINDS[l.kind].title })),
    files: ['replied', 'archived'].includes(r.status) ? await replyFilesOf(ctx, r.id) : [],
  };
}

/** A document disclosed with a delivered reply, for the applicant. */
export async function publicFile(ctx: Ctx, receiptNo: string, code: string, fileId: string) {
  const { request } = await track(ctx, receiptNo, code);
  if (!['replied', 'archived'].includes(request.status)) throw notFound('附件');
  const [f] = await ctx.db
    .select()
    .from(disclosureRequestFiles)
    .where(and(eq(disclosureRequestFiles.id, fileId), eq(disclosureRequestFiles.requestId, request.id), eq(disclosureRequestFiles.kind, 'reply')));
  if (!f) throw notFound('附件');
  return { body: Buffer.from(sm4Open(ctx.keys.sm4, f.contentSealed), 'base64'), fileName: f.fileName, mime: f.mime };
}

export async function publicLetter(ctx: Ctx, receiptNo: string, code: string, kind: LetterKind, format: 'docx' | 'pdf') {
  const { request } = await track(ctx, receiptNo, code);
  return letterOf(ctx, request, kind, format, true);
}

/** Cases whose deadline is near or past, for the console's reminders: own cases for officers, overdue ones below for supervisors. */
export async function reminders(ctx: Ctx) {
  const readable = await orgsWith(ctx, 'records.read');
  if (!ctx.actor?.orgId || readable.length === 0) return { thresholds: ctx.config.REQUEST_REMINDER_DAYS, items: [] };
  const cal = await workingCalendar(ctx);
  const now = today(ctx);
  const soon = safeAdd(cal, now, Math.max(...ctx.config.REQUEST_REMINDER_DAYS));
  const own = and(eq(disclosureRequests.orgId, ctx.actor.orgId), lte(disclosureRequests.dueOn, soon));
  const below = readable.filter((o) => o !== ctx.actor!.orgId);
  const where = and(isNull(disclosureRequests.concludedOn), isNotNull(disclosureRequests.dueOn), below.length ? or(own, and(inArray(disclosureRequests.orgId, below), lt(disclosureRequests.dueOn, now))) : own);
  const rows = await ctx.db.select().from(disclosureRequests).where(where).orderBy(asc(disclosureRequests.dueOn)).limit(100);
  const items = (await summaries(ctx, rows, cal, now)).filter((s) => s.daysLeft !== null && (s.daysLeft < 0 || ctx.config.REQUEST_REMINDER_DAYS.some((t) => s.daysLeft! <= t)));
  return { thresholds: ctx.config.REQUEST_REMINDER_DAYS, items };
}

export const presentAppeal = (a: typeof disclosureAppeals.$inferSelect) => ({ id: a.id, kind: a.kind as 'reconsideration' | 'litigation', filedOn: a.filedOn, body: a.body, result: a.result, concludedOn: a.concludedOn, note: a.note });

type AppealInput = { kind: 'reconsideration' | 'litigation'; filedOn: string; body: string; result: string; concludedOn: string | null; note: string };

function checkAppeal(a: AppealInput, now: string) {
  if (a.filedOn > now) throw invalid('立案日期不能晚于今天。', [{ field: 'filedOn', message: '不能晚于今天' }]);
  if (a.result !== 'pending' && !a.concludedOn) throw invalid('已审结的案件请填写审结日期。', [{ field: 'concludedOn', message: '请填写审结日期' }]);
  if (a.concludedOn && a.concludedOn < a.filedOn) throw invalid('审结日期不能早于立案日期。', [{ field: 'concludedOn', message: '不能早于立案日期' }]);
}

/** 行政复议 / 行政诉讼 arising from a case (annual report table 四). */
export async function addAppeal(ctx: Ctx, id: string, input: AppealInput) {
  const r = await loadForStaff(ctx, id);
  await authorize(ctx, 'requests.handle', r.orgId);
  checkAppeal(input, today(ctx));
  return inTransaction(ctx, async (tx) => {
    const [a] = await tx.db.insert(disclosureAppeals).values({ ...input, requestId: id, orgId: r.orgId }).returning();
    await audit(tx, { action: 'request.appeal.create', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { appealId: a.id, kind: a.kind, result: a.result } });
    return a;
  });
}

export async function updateAppeal(ctx: Ctx, id: string, appealId: string, input: AppealInput) {
  const r = await loadForStaff(ctx, id);
  await authorize(ctx, 'requests.handle', r.orgId);
  checkAppeal(input, today(ctx));
  return inTransaction(ctx, async (tx) => {
    const [a] = await tx.db
      .update(disclosureAppeals)
      .set({ ...input, updatedAt: tx.clock.now() })
      .where(and(eq(disclosureAppeals.id, appealId), eq(disclosureAppeals.requestId, id)))
      .returning();
    if (!a) throw notFound('复议诉讼记录');
    await audit(tx, { action: 'request.appeal.update', objectType: 'disclosure_request', objectId: id, orgId: r.orgId, summary: { appealId, result: a.result } });
    return a;
  });
}
