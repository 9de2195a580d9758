import dayjs from 'dayjs';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { authorize, descendantsOf, orgsWith } from '../../platform/auth/authorize.js';
import { audit } from '../../platform/audit/audit.js';
import { hmacSm3Hex, sm4Open, sm4Seal } from '../../platform/crypto/sm.js';
import { sameCode, trackingCodeFor } from '../../platform/crypto/tracking.js';
import { conflict, DomainError, forbidden, invalid, notFound, unprocessable } from '../../platform/errors/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { publicContentChanged } from '../../platform/http/page-cache.js';
import { acceptedType, FILE_TYPES, safeFileName, typeLabels, type FileType } from '../../platform/uploads/sniff.js';
import { departments, organisations, type Organisation } from '../organisations/organisations.tables.js';
import { workingCalendar } from '../calendar/calendar.service.js';
import { addDays, shanghaiDate, YearNotLoadedError, type WorkingCalendar } from '../calendar/calendar.rules.js';
import { checkText } from '../review/checks.rules.js';
import { dictionaryFor } from '../review/review.service.js';
import { detectPii } from '../review/pii.rules.js';
import { maskText, maskValue } from '../review/pii.masking.js';
import {
  actionChecks,
  ACTIONS,
  AWAITING_REPLY,
  canTake,
  CATEGORIES,
  CLOSED,
  DEFAULT_DEADLINES,
  deriveDeadlines,
  handOffs,
  NEAR_DUPLICATE,
  percentile,
  RATINGS,
  REFERRALS,
  similarity,
  STATUSES,
  TRANSITIONS,
  vetoLine,
  type Action,
  type Category,
  type Channel,
  type DeadlineSettings,
  type Deadlines,
  type MessageEvent,
  type Rating,
  type Referral,
  type Status,
} from './messages.rules.js';
import { actionData, type MessageInput, type RegistrationInput } from './messages.contract.js';
import { messageEvents, messageFiles, messages, messageSettings, type Message, type MessageEventRow } from './messages.tables.js';

export interface Writer {
  name: string;
  phone: string;
  email: string;
}
export interface Upload {
  fileName: string;
  mime: string;
  content: Buffer;
}

export const MESSAGE_FILE_TYPES: FileType[] = ['pdf', 'jpg', 'png'];
export const MESSAGE_FILE_MAX = 5 * 1024 * 1024;

const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());
const openWriter = (ctx: Ctx, m: Pick<Message, 'writerSealed'>): Writer => JSON.parse(sm4Open(ctx.keys.sm4, m.writerSealed));
/** The writer as a keyed hash of the phone number: finds the same writer's messages without decrypting. */
const writerKey = (ctx: Ctx, w: Pick<Writer, 'phone' | 'name'>) => hmacSm3Hex(ctx.keys.integrity, `writer|${w.phone.replace(/\D/g, '') || `name:${w.name}`}`);
export const messageCode = (ctx: Pick<Ctx, 'keys'>, id: string) => trackingCodeFor(ctx.keys.integrity, 'message', id);

// ───────────────────────── settings ─────────────────────────

export async function settingsOf(ctx: Ctx, orgId: string): Promise<DeadlineSettings> {
  const [s] = await ctx.db.select().from(messageSettings).where(eq(messageSettings.orgId, orgId));
  if (!s) return DEFAULT_DEADLINES;
  return {
    acceptDays: s.acceptDays,
    transferDays: s.transferDays,
    answerDays: { consult: s.consultDays, suggest: s.suggestDays, complain: s.complainDays, report: s.reportDays },
    extensionMaxDays: s.extensionMaxDays,
    followUpDays: s.followUpDays,
    vetoWarnDays: s.vetoWarnDays,
  };
}

export async function getSettings(ctx: Ctx, orgId: string) {
  await authorize(ctx, 'org.read', orgId);
  const [row] = await ctx.db.select({ orgId: messageSettings.orgId }).from(messageSettings).where(eq(messageSettings.orgId, orgId));
  return { ...(await settingsOf(ctx, orgId)), isDefault: !row, defaults: DEFAULT_DEADLINES };
}

export async function putSettings(ctx: Ctx, orgId: string, s: DeadlineSettings) {
  await authorize(ctx, 'messages.settings', orgId);
  const values = {
    acceptDays: s.acceptDays,
    transferDays: s.transferDays,
    consultDays: s.answerDays.consult,
    suggestDays: s.answerDays.suggest,
    complainDays: s.answerDays.complain,
    reportDays: s.answerDays.report,
    extensionMaxDays: s.extensionMaxDays,
    followUpDays: s.followUpDays,
    vetoWarnDays: s.vetoWarnDays,
    updatedAt: ctx.clock.now(),
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(messageSettings).values({ orgId, ...values }).onConflictDoUpdate({ target: messageSettings.orgId, set: values });
    await audit(tx, { action: 'message.settings', objectType: 'organisation', objectId: orgId, orgId, summary: { ...s } });
  });
  return getSettings(ctx, orgId);
}

// ───────────────────────── events and deadlines ─────────────────────────

const eventsOf = (ctx: Ctx, id: string) => ctx.db.select().from(messageEvents).where(eq(messageEvents.messageId, id)).orderBy(asc(messageEvents.seq));
const toRuleEvents = (events: Pick<MessageEventRow, 'action' | 'onDate' | 'data'>[]): MessageEvent[] => events.map((e) => ({ action: e.action, on: e.onDate, data: e.data }));

/** Deadlines of a message, or none when they would fall in a year whose holidays are not entered. */
function deadlinesOf(status: Status, events: MessageEvent[], cal: WorkingCalendar, settings: DeadlineSettings): Deadlines & { calendarMissing: number | null } {
  try {
    return { ...deriveDeadlines(status, events, cal, settings), calendarMissing: null };
  } catch (e) {
    if (!(e instanceof YearNotLoadedError)) throw e;
    const receivedOn = events[0].on;
    return { receivedOn, acceptBy: receivedOn, acceptedOn: null, transferBy: null, answerBy: null, extensionDays: 0, answeredOn: null, followUpBy: null, vetoOn: vetoLine(receivedOn), due: null, calendarMissing: e.year };
  }
}

async function appendEvent(tx: Ctx, m: Message, action: string, data: Record<string, unknown>, isPublic: boolean, patch: Partial<Message> = {}) {
  const events = await eventsOf(tx, m.id);
  const onDate = today(tx);
  await tx.db.insert(messageEvents).values({
    messageId: m.id,
    seq: events.length + 1,
    action,
    onDate,
    at: tx.clock.now(),
    orgId: tx.actor?.orgId ?? null,
    actorId: tx.actor?.userId ?? null,
    actorName: tx.actor ? tx.actor.displayName : '留言人',
    data,
    public: isPublic,
  });
  const status = (patch.status ?? m.status) as Status;
  const d = deadlinesOf(status, toRuleEvents([...events, { action, onDate, data }]), await workingCalendar(tx), await settingsOf(tx, m.originOrgId));
  const [row] = await tx.db
    .update(messages)
    .set({ ...patch, dueOn: d.due, answerBy: d.answerBy ?? null, updatedAt: tx.clock.now() })
    .where(eq(messages.id, m.id))
    .returning();
  return row;
}

async function nextSeq(tx: Ctx, orgId: string, year: number): Promise<number> {
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`gongkai.message-seq:${orgId}:${year}`}))`);
  const [row] = await tx.db
    .select({ max: sql<number>`coalesce(max(${messages.seq}), 0)::int` })
    .from(messages)
    .where(and(eq(messages.originOrgId, orgId), eq(messages.year, year)));
  return Number(row.max) + 1;
}

// ───────────────────────── intake ─────────────────────────

/**
 * Records a message from the portal or the API. The same form sent twice (same idempotency key)
 * returns the first message; the writer's details are sealed and never logged.
 */
export async function submitMessage(ctx: Ctx, org: Organisation, input: MessageInput, idempotencyKey: string, uploads: Upload[] = [], channel: Channel = 'ONLINE') {
  for (const u of uploads) {
    const t = acceptedType(u.content, MESSAGE_FILE_TYPES);
    if (!t || FILE_TYPES[t].mime !== u.mime) throw invalid(`附件“${u.fileName}”不是有效的 ${typeLabels(MESSAGE_FILE_TYPES)} 文件。`);
    if (u.content.length > MESSAGE_FILE_MAX) throw new DomainError('PAYLOAD_TOO_LARGE', '附件不能超过 5 MB。');
  }
  const find = async () => (await ctx.db.select().from(messages).where(and(eq(messages.originOrgId, org.id), eq(messages.idempotencyKey, idempotencyKey))))[0];
  const existing = await find();
  if (existing) return { message: existing, duplicate: true, trackingCode: messageCode(ctx, existing.id) };
  const writer: Writer = { name: input.name, phone: input.phone, email: input.email };
  const on = today(ctx);
  const year = Number(on.slice(0, 4));
  try {
    const message = await inTransaction(ctx, async (tx) => {
      const seq = await nextSeq(tx, org.id, year);
      const [m] = await tx.db
        .insert(messages)
        .values({
          originOrgId: org.id,
          orgId: org.id,
          receiptNo: `LY${year}-${org.code}-${String(seq).padStart(5, '0')}`,
          channel,
          year,
          seq,
          category: input.category,
          subject: input.subject,
          content: input.content,
          writerSealed: sm4Seal(tx.keys.sm4, JSON.stringify(writer)),
          writerKey: writerKey(tx, writer),
          publishConsent: input.publishConsent,
          status: 'received',
          receivedOn: on,
          idempotencyKey,
          createdAt: tx.clock.now(),
        })
        .returning();
      for (const u of uploads)
        await tx.db.insert(messageFiles).values({ messageId: m.id, fileName: safeFileName(u.fileName), mime: u.mime, size: u.content.length, contentSealed: sm4Seal(tx.keys.sm4, u.content.toString('base64')) });
      const row = await appendEvent(tx, m, 'submitted', { category: input.category, channel }, true);
      await audit(tx, { action: 'message.create', objectType: 'message', objectId: m.id, orgId: org.id, summary: { receiptNo: m.receiptNo, category: input.category, channel, files: uploads.length } });
      return row;
    });
    return { message, duplicate: false, trackingCode: messageCode(ctx, message.id) };
  } catch (e) {
    if (isUniqueViolation(e)) {
      const again = await find();
      if (again) return { message: again, duplicate: true, trackingCode: messageCode(ctx, again.id) };
    }
    throw e;
  }
}

/** A message taken by phone (12313), letter, visit or new media, registered by the bureau's 留言办理人. */
export async function registerMessage(ctx: Ctx, orgId: string, input: RegistrationInput) {
  await authorize(ctx, 'messages.handle', orgId);
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, orgId));
  const { channel, idempotencyKey, ...message } = input;
  return submitMessage(ctx, org, message, idempotencyKey, [], channel);
}

// ───────────────────────── staff access ─────────────────────────

/** A message is the business of the organisation handling it and of the one it was addressed to. */
async function loadForStaff(ctx: Ctx, id: string): Promise<Message> {
  const [m] = await ctx.db.select().from(messages).where(eq(messages.id, id));
  if (!m) throw notFound('留言');
  const readable = await orgsWith(ctx, 'records.read');
  if (!readable.includes(m.orgId) && !readable.includes(m.originOrgId)) throw notFound('留言');
  return m;
}

const orgNames = async (ctx: Ctx, ids: string[]) => {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map<string, string>();
  const rows = await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
};
const departmentNames = async (ctx: Ctx, ids: (string | null)[]) => {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map<string, string>();
  const rows = await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
};

// ───────────────────────── workflow ─────────────────────────

/** Takes one workflow action: the transition table, then the per-action conditions, then the event. */
export async function act(ctx: Ctx, id: string, action: Action, raw: unknown) {
  const m = await loadForStaff(ctx, id);
  const t = TRANSITIONS[action];
  // The addressed organisation keeps sight of a message it handed down, but only the handler acts on it.
  if (!(await orgsWith(ctx, 'records.read')).includes(m.orgId)) {
    const [handler] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, m.orgId));
    throw forbidden(`该留言已转由${handler?.name ?? '其他机关'}办理，本机关只能查看办理情况。`);
  }
  await authorize(ctx, t.by === 'reviewer' ? 'messages.review' : 'messages.handle', m.orgId);
  const parsed = actionData[action].safeParse(raw ?? {});
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  const data = parsed.data as Record<string, unknown>;
  return inTransaction(ctx, async (tx) => {
    // Serialise actions on one message: the second of two simultaneous clicks sees the first's result.
    const [cur] = await tx.db.select().from(messages).where(eq(messages.id, id)).for('update');
    // Handed to another organisation between reading and locking: its staff act on it now.
    if (cur.orgId !== m.orgId) throw conflict('该留言刚刚转办或退回，请刷新后再操作。');
    const verdict = canTake(cur.status as Status, action);
    if (!verdict.ok) throw new DomainError('INVALID_TRANSITION', verdict.reason);
    const events = await eventsOf(tx, id);
    const settings = await settingsOf(tx, cur.originOrgId);
    const check = actionChecks(action, toRuleEvents(events), data, settings);
    if (!check.ok) throw unprocessable(check.reason);
    const { patch, extra } = await prepare(tx, cur, action, data, settings, toRuleEvents(events));
    const row = await appendEvent(tx, cur, action, { ...data, ...extra }, t.public, { ...patch, ...(t.to ? { status: t.to } : {}) });
    if (action === 'send_reply') await replyToMerged(tx, row);
    await audit(tx, { action: `message.${action}`, objectType: 'message', objectId: id, orgId: cur.orgId, summary: { receiptNo: cur.receiptNo, from: cur.status, to: row.status } });
    return row;
  });
}

async function prepare(tx: Ctx, m: Message, action: Action, d: Record<string, unknown>, settings: DeadlineSettings, events: MessageEvent[]): Promise<{ patch: Partial<Message>; extra: Record<string, unknown> }> {
  const none = { patch: {}, extra: {} };
  const [handler] = await tx.db.select().from(organisations).where(eq(organisations.id, m.orgId));
  switch (action) {
    case 'accept': {
      if (d.departmentId) await departmentOf(tx, m.orgId, String(d.departmentId));
      // The answer period is fixed at acceptance (a later change of settings does not move it).
      return { patch: { departmentId: (d.departmentId as string) ?? null }, extra: { answerDays: settings.answerDays[m.category as Category] } };
    }
    case 'decline':
      return { patch: {}, extra: { referralLabel: REFERRALS[d.referral as Referral] } };
    case 'transfer': {
      if (!d.toOrgId === !d.toDepartmentId) throw invalid('请选择转办的下级机构或内设机构（二者选一）。', [{ field: 'toOrgId', message: '请选择转办对象' }]);
      const cal = await workingCalendar(tx);
      const answerBy = deriveDeadlines(m.status as Status, events, cal, settings).answerBy;
      const due = (d.due as string | null) ?? answerBy;
      if (due && due < today(tx)) throw invalid('办理期限不能早于今天。', [{ field: 'due', message: '不能早于今天' }]);
      if (due && answerBy && due > answerBy) throw invalid(`办理期限不能晚于答复期限 ${answerBy}。`, [{ field: 'due', message: `不能晚于 ${answerBy}` }]);
      const late = events.find((e) => e.action === 'accept') ? cal.workingDaysBetween(events.find((e) => e.action === 'accept')!.on, today(tx)) > settings.transferDays : false;
      if (d.toOrgId) {
        const below = await descendantsOf(tx.db, m.orgId);
        if (!below.includes(String(d.toOrgId)) || d.toOrgId === m.orgId) throw invalid('只能转办给本机关的下级机构。', [{ field: 'toOrgId', message: '机构无效' }]);
        const [to] = await tx.db.select().from(organisations).where(eq(organisations.id, String(d.toOrgId)));
        return {
          patch: { orgId: to.id, departmentId: null, handlerDueOn: due },
          extra: { fromOrgId: m.orgId, fromOrgName: handler.name, toOrgId: to.id, toOrgName: to.name, toDepartmentName: null, due, reason: d.note, late },
        };
      }
      const dep = await departmentOf(tx, m.orgId, String(d.toDepartmentId));
      return { patch: { departmentId: dep.id, handlerDueOn: due }, extra: { fromOrgId: m.orgId, fromOrgName: handler.name, toOrgId: m.orgId, toOrgName: handler.name, toDepartmentName: dep.name, due, reason: d.note, late } };
    }
    case 'send_back': {
      // Back to the organisation that handed it here (the last transfer into this organisation).
      const into = [...events].reverse().find((e) => e.action === 'transfer' && e.data.toOrgId === m.orgId && e.data.fromOrgId !== m.orgId);
      if (!into) throw unprocessable('该留言不是上级机关转办来的，不能退回；如不属于本机关职责，请不予受理并说明转介渠道。');
      const [to] = await tx.db.select().from(organisations).where(eq(organisations.id, String(into.data.fromOrgId)));
      return { patch: { orgId: to.id, departmentId: null, handlerDueOn: null }, extra: { fromOrgId: m.orgId, fromOrgName: handler.name, toOrgId: to.id, toOrgName: to.name, toDepartmentName: null } };
    }
    case 'draft_reply':
      return { patch: { reply: { body: String(d.body), orgName: handler.name } }, extra: {} };
    case 'approve_reply': {
      const blocking = (await replyChecks(tx, m)).filter((f) => f.blocking);
      if (blocking.length) throw unprocessable(`答复含有保密标识或严重错误表述（${blocking.map((b) => b.text).join('、')}），请退回修改。`);
      return { patch: { reply: { ...m.reply!, approvedBy: tx.actor?.displayName ?? '' } }, extra: {} };
    }
    case 'return_reply':
      return { patch: { reply: m.reply ? { ...m.reply, returnedNote: String(d.comment) } : null }, extra: {} };
    case 'send_reply':
      return { patch: { answeredOn: today(tx) }, extra: {} };
    case 'merge': {
      if (d.intoId === m.id) throw invalid('不能与自身并案。');
      const [into] = await tx.db.select().from(messages).where(eq(messages.id, String(d.intoId)));
      if (!into || (into.orgId !== m.orgId && into.originOrgId !== m.originOrgId)) throw notFound('并入的留言');
      if (!AWAITING_REPLY.includes(into.status as Status)) throw unprocessable(`留言 ${into.receiptNo} 已${STATUSES[into.status as Status]}，只能并入尚未答复的留言。`);
      return { patch: { mergedInto: into.id }, extra: { intoReceiptNo: into.receiptNo } };
    }
    default:
      return none;
  }
}

async function departmentOf(tx: Ctx, orgId: string, id: string) {
  const [dep] = await tx.db.select().from(departments).where(and(eq(departments.id, id), eq(departments.orgId, orgId)));
  if (!dep) throw invalid('所选内设机构不属于本机关。', [{ field: 'departmentId', message: '内设机构无效' }]);
  return dep;
}

/** A reply sent on a case also answers every message merged into it (one reply to all writers). */
async function replyToMerged(tx: Ctx, m: Message) {
  const merged = await tx.db.select().from(messages).where(and(eq(messages.mergedInto, m.id), eq(messages.status, 'merged')));
  for (const c of merged) {
    await appendEvent(tx, c, 'send_reply', { mergedReply: m.receiptNo }, true, { status: 'answered', reply: m.reply, answeredOn: m.answeredOn });
    await audit(tx, { action: 'message.send_reply', objectType: 'message', objectId: c.id, orgId: c.orgId, summary: { receiptNo: c.receiptNo, mergedInto: m.receiptNo } });
  }
}

/** The automated review of a reply (密级 marks and serious wording errors block approval). */
async function replyChecks(ctx: Ctx, m: Message) {
  if (!m.reply) return [];
  const dict = await dictionaryFor(ctx, m.orgId);
  return checkText(m.reply.body, dict).map((f) => ({ ...f, blocking: f.kind === 'classified' || (f.category === 'wording' && f.blocking) }));
}

// ───────────────────────── duplicates ─────────────────────────

/** Messages from the same writer, or with nearly the same text to the same organisation, within 90 days. */
async function duplicatesOf(ctx: Ctx, m: Message) {
  const since = addDays(m.receivedOn, -90);
  const until = addDays(m.receivedOn, 90);
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(and(ne(messages.id, m.id), gte(messages.receivedOn, since), lte(messages.receivedOn, until), or(eq(messages.writerKey, m.writerKey), eq(messages.originOrgId, m.originOrgId), eq(messages.orgId, m.orgId))))
    .orderBy(desc(messages.receivedOn))
    .limit(500);
  const text = `${m.subject}${m.content}`;
  return rows
    .map((r) => ({ r, sim: similarity(text, `${r.subject}${r.content}`) }))
    .filter(({ r, sim }) => r.writerKey === m.writerKey || sim >= NEAR_DUPLICATE)
    .map(({ r, sim }) => ({ id: r.id, receiptNo: r.receiptNo, subject: r.subject, status: r.status, receivedOn: r.receivedOn, reason: (r.writerKey === m.writerKey ? 'same_writer' : 'similar') as 'same_writer' | 'similar', similarity: Math.round(sim * 100) / 100 }))
    .slice(0, 20);
}

// ───────────────────────── reading ─────────────────────────

const vetoWarning = (m: Pick<Message, 'status' | 'receivedOn'>, on: string, warnDays: number): 'approaching' | 'exceeded' | null => {
  if (!AWAITING_REPLY.includes(m.status as Status)) return null;
  const line = vetoLine(m.receivedOn);
  if (on > line) return 'exceeded';
  return addDays(line, -warnDays) <= on ? 'approaching' : null;
};

async function summaries(ctx: Ctx, rows: Message[]) {
  const on = today(ctx);
  const cal = await workingCalendar(ctx);
  const names = await orgNames(ctx, rows.flatMap((r) => [r.orgId, r.originOrgId]));
  const deps = await departmentNames(ctx, rows.map((r) => r.departmentId));
  const warn = new Map<string, number>();
  for (const o of new Set(rows.map((r) => r.originOrgId))) warn.set(o, (await settingsOf(ctx, o)).vetoWarnDays);
  return rows.map((r) => {
    let daysLeft: number | null = null;
    try {
      daysLeft = r.dueOn ? cal.workingDaysBetween(on, r.dueOn) : null;
    } catch (e) {
      if (!(e instanceof YearNotLoadedError)) throw e;
    }
    return {
      id: r.id,
      receiptNo: r.receiptNo,
      channel: r.channel,
      category: r.category,
      subject: r.subject,
      status: r.status,
      originOrgId: r.originOrgId,
      originOrgName: names.get(r.originOrgId) ?? '',
      orgId: r.orgId,
      orgName: names.get(r.orgId) ?? '',
      departmentName: r.departmentId ? (deps.get(r.departmentId) ?? null) : null,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      daysLeft,
      answeredOn: r.answeredOn,
      vetoOn: vetoLine(r.receivedOn),
      vetoWarning: vetoWarning(r, on, warn.get(r.originOrgId) ?? DEFAULT_DEADLINES.vetoWarnDays),
      rating: r.rating,
      published: r.publishedAt !== null,
      mergedInto: r.mergedInto,
    };
  });
}

const RECEIPT_NO = /^LY\d{4}-[A-Z0-9]+-\d{5}$/;
type ListFilter = { status: string; category?: string; q?: string; page: number; pageSize: number };

/** Messages handled by or addressed to the actor's organisation, most urgent first. */
export async function listMessages(ctx: Ctx, f: ListFilter) {
  const orgId = ctx.actor?.orgId;
  if (!orgId) throw notFound('机构');
  await authorize(ctx, 'records.read', orgId);
  const on = today(ctx);
  const cal = await workingCalendar(ctx);
  const conds: SQL[] = [or(eq(messages.orgId, orgId), eq(messages.originOrgId, orgId))!];
  const open = notInArray(messages.status, CLOSED);
  // A 留言编号 is looked up whatever its status (the officer has the number from the writer).
  const byNumber = !!f.q && RECEIPT_NO.test(f.q);
  if (byNumber) conds.push(eq(messages.receiptNo, f.q!));
  else if (f.status === 'open') conds.push(open);
  else if (f.status === 'closed') conds.push(inArray(messages.status, CLOSED));
  else if (f.status === 'overdue') conds.push(open, lt(messages.dueOn, on));
  else if (f.status === 'due_soon') {
    let soon = on;
    try {
      soon = cal.addWorkingDays(on, 2);
    } catch (e) {
      if (!(e instanceof YearNotLoadedError)) throw e;
    }
    conds.push(open, gte(messages.dueOn, on), lte(messages.dueOn, soon));
  } else if (f.status === 'veto') {
    const warnDays = (await settingsOf(ctx, orgId)).vetoWarnDays;
    // Received on or before the day whose 3-month line is `warnDays` from today.
    const lineDay = addDays(on, warnDays);
    const latest = dayjs(lineDay).subtract(3, 'month').format('YYYY-MM-DD');
    conds.push(inArray(messages.status, AWAITING_REPLY), lte(messages.receivedOn, latest));
  } else if (f.status !== 'all') conds.push(eq(messages.status, f.status));
  if (f.category) conds.push(eq(messages.category, f.category));
  if (f.q && !byNumber) conds.push(or(ilike(messages.subject, `%${f.q}%`), ilike(messages.content, `%${f.q}%`))!);
  const where = and(...conds);
  const byDeadline = !['all', 'closed', ...CLOSED].includes(f.status);
  const [{ total }] = await ctx.db.select({ total: count() }).from(messages).where(where);
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(where)
    .orderBy(...(byDeadline ? [sql`${messages.dueOn} asc nulls last`, asc(messages.createdAt)] : [desc(messages.createdAt)]))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total, today: on, items: await summaries(ctx, rows) };
}

/** Overdue and veto-line counts for the console's reminder badge. */
export async function reminders(ctx: Ctx) {
  const orgId = ctx.actor?.orgId;
  if (!orgId) return { overdue: 0, veto: 0 };
  const readable = await orgsWith(ctx, 'records.read');
  if (!readable.includes(orgId)) return { overdue: 0, veto: 0 };
  const on = today(ctx);
  const mine = or(eq(messages.orgId, orgId), eq(messages.originOrgId, orgId))!;
  const [{ overdue }] = await ctx.db.select({ overdue: count() }).from(messages).where(and(mine, notInArray(messages.status, CLOSED), lt(messages.dueOn, on)));
  const { total: veto } = await listMessages(ctx, { status: 'veto', page: 1, pageSize: 1 });
  return { overdue: Number(overdue), veto: Number(veto) };
}

/** A message with everything the handling screen shows. Opening it is audited (it shows personal data). */
export async function getMessage(ctx: Ctx, id: string, opts: { audited?: boolean } = {}) {
  const m = await loadForStaff(ctx, id);
  const events = await eventsOf(ctx, id);
  const cal = await workingCalendar(ctx);
  const settings = await settingsOf(ctx, m.originOrgId);
  const d = deadlinesOf(m.status as Status, toRuleEvents(events), cal, settings);
  const [summary] = await summaries(ctx, [m]);
  const names = await orgNames(ctx, events.map((e) => e.orgId ?? ''));
  const files = await ctx.db.select({ id: messageFiles.id, fileName: messageFiles.fileName, mime: messageFiles.mime, size: messageFiles.size }).from(messageFiles).where(eq(messageFiles.messageId, id));
  const readable = await orgsWith(ctx, 'records.read');
  const canHandle = readable.includes(m.orgId) && (await can(ctx, 'messages.handle', m.orgId));
  const canReview = readable.includes(m.orgId) && (await can(ctx, 'messages.review', m.orgId));
  const actions = ACTIONS.map((a) => {
    const t = TRANSITIONS[a];
    const allowedRole = t.by === 'reviewer' ? canReview : canHandle;
    const v = canTake(m.status as Status, a);
    return { action: a, label: t.label, allowed: allowedRole && v.ok, reason: !allowedRole ? '无此操作权限' : v.ok ? null : v.reason };
  });
  const below = canHandle ? await descendantsOf(ctx.db, m.orgId) : [];
  const subOrgs = below.length ? await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(and(inArray(organisations.id, below), ne(organisations.id, m.orgId), eq(organisations.active, true))) : [];
  const deps = await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, m.orgId)).orderBy(asc(departments.sortOrder));
  const mergedHere = await ctx.db.select({ id: messages.id, receiptNo: messages.receiptNo, subject: messages.subject }).from(messages).where(eq(messages.mergedInto, id));
  if (!opts.audited) await audit(ctx, { action: 'message.view', objectType: 'message', objectId: id, orgId: m.orgId, summary: { receiptNo: m.receiptNo } });
  return {
    ...summary,
    content: m.content,
    writer: openWriter(ctx, m),
    publishConsent: m.publishConsent,
    reply: m.reply,
    ratingComment: m.ratingComment,
    publicText: m.publicText,
    deadlines: { ...d, handlerDueOn: m.handlerDueOn },
    events: events.map((e) => ({ seq: e.seq, action: e.action, label: eventLabel(e.action), on: e.onDate, at: e.at.toISOString(), orgName: names.get(e.orgId ?? '') ?? '', actorName: e.actorName, public: e.public, data: e.data })),
    handOffs: handOffs(toRuleEvents(events)),
    files,
    actions,
    duplicates: AWAITING_REPLY.includes(m.status as Status) ? await duplicatesOf(ctx, m) : [],
    mergedHere,
    transferTargets: { organisations: subOrgs, departments: deps },
    checks: await replyChecks(ctx, m),
    canPublish: m.publishConsent && ['answered', 'visited'].includes(m.status) && (await can(ctx, 'messages.handle', m.originOrgId)),
    today: today(ctx),
  };
}

async function can(ctx: Ctx, permission: Parameters<typeof authorize>[1], orgId: string) {
  return (await orgsWith(ctx, permission)).includes(orgId);
}

const EVENT_LABELS: Record<string, string> = { submitted: '提交留言', rated: '留言人评价', published: '公开答复', unpublished: '撤下公开' };
export const eventLabel = (a: string) => EVENT_LABELS[a] ?? TRANSITIONS[a as Action]?.label ?? a;

export async function fileOf(ctx: Ctx, id: string, fileId: string) {
  const m = await loadForStaff(ctx, id);
  const [f] = await ctx.db.select().from(messageFiles).where(and(eq(messageFiles.id, fileId), eq(messageFiles.messageId, id)));
  if (!f) throw notFound('附件');
  await audit(ctx, { action: 'message.file.download', objectType: 'message', objectId: id, orgId: m.orgId, summary: { fileId } });
  return { fileName: f.fileName, mime: f.mime, body: Buffer.from(sm4Open(ctx.keys.sm4, f.contentSealed), 'base64') };
}

// ───────────────────────── publication ─────────────────────────

/** The question and answer with personal data masked, as a starting point for what is published. */
export async function publishPreview(ctx: Ctx, id: string) {
  const m = await loadForStaff(ctx, id);
  if (m.publicText) return m.publicText;
  const w = openWriter(ctx, m);
  const mask = (t: string) => maskWriter(maskText(t, detectPii(t)), w);
  return { subject: mask(m.subject), content: mask(m.content), reply: mask(m.reply?.body ?? '') };
}

/** The writer's own name, phone and e-mail are known exactly: they are masked wherever they appear, whatever the detector finds. */
const writerValues = (w: Writer) =>
  [
    { value: w.name, masked: maskValue(w.name, 'surname') },
    { value: w.phone.replace(/\s/g, ''), masked: maskValue(w.phone, 'keep3last4') },
    { value: w.email, masked: w.email ? maskValue(w.email, 'domain') : '' },
  ].filter((x) => x.value.length >= 2);
const maskWriter = (t: string, w: Writer) => writerValues(w).reduce((acc, x) => acc.split(x.value).join(x.masked), t);

/**
 * Publishes a replied message in the addressed organisation's 互动交流 column. Only with the
 * writer's consent, and only when the review finds no personal data left in what is published.
 */
export async function publish(ctx: Ctx, id: string, text: { subject: string; content: string; reply: string }) {
  const m = await loadForStaff(ctx, id);
  await authorize(ctx, 'messages.handle', m.originOrgId);
  if (!m.publishConsent) throw unprocessable('留言人未同意公开，不能公开。');
  if (!['answered', 'visited'].includes(m.status)) throw unprocessable('只有已答复的留言才能公开。');
  const w = openWriter(ctx, m);
  const found = (['subject', 'content', 'reply'] as const).flatMap((k) => [
    ...detectPii(text[k]).map((s) => ({ field: k, text: s.text })),
    ...writerValues(w)
      .filter((x) => text[k].replace(/\s/g, '').includes(x.value))
      .map((x) => ({ field: k, text: x.masked })),
  ]);
  if (found.length)
    throw invalid(
      `公开内容中仍有个人信息（${found.map((f) => f.text).join('、')}），请去除后再公开。`,
      found.map((f) => ({ field: f.field, message: `含有个人信息：${f.text}` })),
    );
  const dict = await dictionaryFor(ctx, m.originOrgId);
  const blocking = checkText(`${text.subject}\n${text.content}\n${text.reply}`, dict).filter((f) => f.kind === 'classified' || (f.category === 'wording' && f.blocking));
  if (blocking.length) throw unprocessable(`公开内容含有保密标识或严重错误表述（${blocking.map((b) => b.text).join('、')}）。`);
  const row = await inTransaction(ctx, async (tx) => {
    const r = await appendEvent(tx, m, 'published', {}, false, { publishedAt: tx.clock.now(), publicText: text });
    await audit(tx, { action: 'message.publish', objectType: 'message', objectId: id, orgId: m.originOrgId, summary: { receiptNo: m.receiptNo } });
    return r;
  });
  publicContentChanged();
  return row;
}

export async function unpublish(ctx: Ctx, id: string, reason: string) {
  const m = await loadForStaff(ctx, id);
  await authorize(ctx, 'messages.handle', m.originOrgId);
  if (!m.publishedAt) throw unprocessable('该留言未公开。');
  await inTransaction(ctx, async (tx) => {
    await appendEvent(tx, m, 'unpublished', { reason }, false, { publishedAt: null });
    await audit(tx, { action: 'message.unpublish', objectType: 'message', objectId: id, orgId: m.originOrgId, summary: { receiptNo: m.receiptNo } });
  });
  publicContentChanged();
}

export interface PublishedFilter {
  orgIds: string[];
  category?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Published questions and answers for the portal column. */
export async function publishedMessages(ctx: Ctx, f: PublishedFilter) {
  const conds: SQL[] = [isNotNull(messages.publishedAt), inArray(messages.originOrgId, f.orgIds)];
  if (f.category) conds.push(eq(messages.category, f.category));
  if (f.from) conds.push(gte(messages.receivedOn, f.from));
  if (f.to) conds.push(lte(messages.receivedOn, f.to));
  if (f.q) conds.push(sql`(${messages.publicText}->>'subject' ilike ${`%${f.q}%`} or ${messages.publicText}->>'content' ilike ${`%${f.q}%`})`);
  const where = and(...conds);
  const [{ total }] = await ctx.db.select({ total: count() }).from(messages).where(where);
  const rows = await ctx.db
    .select({ receiptNo: messages.receiptNo, category: messages.category, receivedOn: messages.receivedOn, answeredOn: messages.answeredOn, publicText: messages.publicText, originOrgId: messages.originOrgId, replyOrg: sql<string>`${messages.reply}->>'orgName'` })
    .from(messages)
    .where(where)
    .orderBy(desc(messages.answeredOn), desc(messages.receiptNo))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const names = await orgNames(ctx, rows.map((r) => r.originOrgId));
  return { total: Number(total), items: rows.map((r) => ({ ...r, publicText: r.publicText!, orgName: names.get(r.originOrgId) ?? '' })) };
}

export async function publishedMessage(ctx: Ctx, receiptNo: string) {
  const [m] = await ctx.db.select().from(messages).where(and(eq(messages.receiptNo, receiptNo), isNotNull(messages.publishedAt)));
  if (!m) throw notFound('留言');
  const names = await orgNames(ctx, [m.originOrgId]);
  return { receiptNo: m.receiptNo, category: m.category, receivedOn: m.receivedOn, answeredOn: m.answeredOn, publicText: m.publicText!, orgName: names.get(m.originOrgId) ?? '', replyOrg: m.reply?.orgName ?? '', originOrgId: m.originOrgId };
}

// ───────────────────────── the writer ─────────────────────────

const PUBLIC_DETAIL: Record<string, (d: Record<string, unknown>) => string> = {
  decline: (d) => `不予受理：${d.reason}${d.referral && d.referral !== 'none' ? `。建议通过${d.referralLabel}反映。` : ''}`,
  transfer: (d) => `转交${d.toDepartmentName ?? d.toOrgName}办理${d.due ? `，办理期限 ${d.due}` : ''}。`,
  send_back: (d) => `${d.fromOrgName}退回${d.toOrgName}：${d.reason}`,
  extend: (d) => `答复期限延长 ${d.days} 个工作日：${d.reason}`,
  merge: (d) => `与内容相同的留言 ${d.intoReceiptNo} 合并办理，答复将一并送达。`,
  send_reply: (d) => (d.mergedReply ? `已随留言 ${d.mergedReply} 一并答复。` : '已答复，答复内容见下方。'),
};

/** What the writer sees with the receipt number and code; a wrong code reads as not found. */
export async function track(ctx: Ctx, receiptNo: string, code: string) {
  const [m] = await ctx.db.select().from(messages).where(eq(messages.receiptNo, receiptNo.trim()));
  if (!m || !sameCode(messageCode(ctx, m.id), code)) throw notFound('留言');
  const events = await eventsOf(ctx, m.id);
  const names = await orgNames(ctx, [m.originOrgId, m.orgId]);
  const [s] = await summaries(ctx, [m]);
  return {
    receiptNo: m.receiptNo,
    category: m.category,
    subject: m.subject,
    status: m.status,
    statusLabel: STATUSES[m.status as Status],
    orgName: names.get(m.originOrgId) ?? '',
    handlerName: names.get(m.orgId) ?? '',
    receivedOn: m.receivedOn,
    dueOn: m.dueOn,
    daysLeft: s.daysLeft,
    events: events.filter((e) => e.public).map((e) => ({ on: e.onDate, label: eventLabel(e.action), detail: PUBLIC_DETAIL[e.action]?.(e.data) ?? '' })),
    reply: ['answered', 'visited'].includes(m.status) && m.reply ? { body: m.reply.body, orgName: m.reply.orgName, on: m.answeredOn } : null,
    rating: m.rating,
    ratingLabel: m.rating ? RATINGS[m.rating as Rating] : null,
    ratingComment: m.ratingComment,
    canRate: ['answered', 'visited'].includes(m.status) && !m.rating,
  };
}

/** The writer's rating of the reply, once. */
export async function rate(ctx: Ctx, receiptNo: string, code: string, rating: Rating, comment: string) {
  const [m] = await ctx.db.select().from(messages).where(eq(messages.receiptNo, receiptNo.trim()));
  if (!m || !sameCode(messageCode(ctx, m.id), code)) throw notFound('留言');
  if (!['answered', 'visited'].includes(m.status)) throw unprocessable('留言答复后才能评价。');
  await inTransaction(ctx, async (tx) => {
    const [cur] = await tx.db.select().from(messages).where(eq(messages.id, m.id)).for('update');
    if (cur.rating) throw unprocessable('您已评价过该答复，感谢您的反馈。');
    await appendEvent(tx, cur, 'rated', { rating }, false, { rating, ratingComment: comment || null, ratedAt: tx.clock.now() });
    await audit(tx, { action: 'message.rate', objectType: 'message', objectId: m.id, orgId: m.orgId, summary: { receiptNo: m.receiptNo, rating } });
  });
}

// ───────────────────────── statistics ─────────────────────────

/**
 * Per organisation (the actor's and, for supervisors, those below) and per department: received,
 * answered, on time, working days to answer (median, 90th percentile), ratings, and messages near
 * or past the 3-month line.
 */
export async function stats(ctx: Ctx, from: string, to: string) {
  const orgId = ctx.actor?.orgId;
  if (!orgId) throw notFound('机构');
  await authorize(ctx, 'records.read', orgId);
  if (to < from) throw invalid('结束日期不能早于开始日期。', [{ field: 'to', message: '不能早于开始日期' }]);
  const orgIds = (await orgsWith(ctx, 'records.read')).filter((id, i, a) => a.indexOf(id) === i);
  // Only the columns the figures need: a year of a large bureau's messages stays small in memory.
  const rows = await ctx.db
    .select({
      id: messages.id,
      receiptNo: messages.receiptNo,
      subject: messages.subject,
      category: messages.category,
      status: messages.status,
      orgId: messages.orgId,
      originOrgId: messages.originOrgId,
      departmentId: messages.departmentId,
      receivedOn: messages.receivedOn,
      answerBy: messages.answerBy,
      answeredOn: messages.answeredOn,
      rating: messages.rating,
    })
    .from(messages)
    .where(and(or(inArray(messages.originOrgId, orgIds), inArray(messages.orgId, orgIds)), gte(messages.receivedOn, from), lte(messages.receivedOn, to)));
  const cal = await workingCalendar(ctx);
  const on = today(ctx);
  const names = await orgNames(ctx, [...orgIds, ...rows.map((r) => r.orgId)]);
  const deps = await departmentNames(ctx, rows.map((r) => r.departmentId));
  type Acc = { key: string; orgName: string; departmentName: string | null; received: number; answered: number; onTime: number; days: number[]; ratings: Record<Rating, number>; approaching: number; exceeded: number };
  const groups = new Map<string, Acc>();
  const acc = (key: string, orgName: string, departmentName: string | null) => {
    if (!groups.has(key)) groups.set(key, { key, orgName, departmentName, received: 0, answered: 0, onTime: 0, days: [], ratings: { satisfied: 0, fair: 0, unsatisfied: 0 }, approaching: 0, exceeded: 0 });
    return groups.get(key)!;
  };
  const byCategory: Record<string, number> = Object.fromEntries(Object.keys(CATEGORIES).map((k) => [k, 0]));
  const byMonth = new Map<string, { received: number; answered: number }>();
  const warnings: { id: string; receiptNo: string; subject: string; orgName: string; receivedOn: string; vetoOn: string; level: 'approaching' | 'exceeded' }[] = [];
  const warnDays = new Map<string, number>();
  for (const o of new Set(rows.map((r) => r.originOrgId))) warnDays.set(o, (await settingsOf(ctx, o)).vetoWarnDays);
  for (const r of rows) {
    if (r.status === 'merged') continue;
    byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
    const month = r.receivedOn.slice(0, 7);
    const mm = byMonth.get(month) ?? { received: 0, answered: 0 };
    mm.received++;
    const targets = [acc(r.orgId, names.get(r.orgId) ?? '', null)];
    if (r.departmentId) targets.push(acc(`${r.orgId}|${r.departmentId}`, names.get(r.orgId) ?? '', deps.get(r.departmentId) ?? ''));
    const warn = vetoWarning(r, on, warnDays.get(r.originOrgId)!);
    if (warn) warnings.push({ id: r.id, receiptNo: r.receiptNo, subject: r.subject, orgName: names.get(r.orgId) ?? '', receivedOn: r.receivedOn, vetoOn: vetoLine(r.receivedOn), level: warn });
    let days: number | null = null;
    if (r.answeredOn) {
      mm.answered++;
      try {
        days = cal.workingDaysBetween(r.receivedOn, r.answeredOn);
      } catch (e) {
        if (!(e instanceof YearNotLoadedError)) throw e;
      }
    }
    byMonth.set(month, mm);
    for (const g of targets) {
      g.received++;
      if (r.answeredOn) {
        g.answered++;
        if (r.answerBy && r.answeredOn <= r.answerBy) g.onTime++;
        if (days !== null) g.days.push(days);
      }
      if (r.rating) g.ratings[r.rating as Rating]++;
      if (warn) g[warn]++;
    }
  }
  const out = [...groups.values()]
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN'))
    .map((g) => {
      const rated = g.ratings.satisfied + g.ratings.fair + g.ratings.unsatisfied;
      return {
        orgName: g.orgName,
        departmentName: g.departmentName,
        received: g.received,
        answered: g.answered,
        onTime: g.onTime,
        onTimeRate: g.answered ? Math.round((g.onTime / g.answered) * 1000) / 10 : null,
        medianDays: percentile(g.days, 50),
        p90Days: percentile(g.days, 90),
        satisfied: g.ratings.satisfied,
        fair: g.ratings.fair,
        unsatisfied: g.ratings.unsatisfied,
        satisfactionRate: rated ? Math.round(((g.ratings.satisfied + g.ratings.fair) / rated) * 1000) / 10 : null,
        approaching: g.approaching,
        exceeded: g.exceeded,
      };
    });
  return {
    from,
    to,
    today: on,
    rows: out,
    byCategory,
    byMonth: [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
    warnings: warnings.sort((a, b) => (a.vetoOn < b.vetoOn ? -1 : 1)),
  };
}
