import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit/audit.js';
import { publicContentChanged } from '../../platform/http/page-cache.js';
import { shanghaiDate } from '../calendar/calendar.rules.js';
import { annualReports, reportSettings, type AnnualReportRow, type EnteredCell, type ReportSnapshot, type ReportTexts } from './reports.tables.js';
import { authorize, orgsWith } from '../../platform/auth/authorize.js';
import { rowsOf } from '../../platform/db/database.js';
import { DomainError, forbidden, invalid, notFound, unprocessable } from '../../platform/errors/errors.js';
import { organisations } from '../organisations/organisations.tables.js';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '../requests/requests.rules.js';
import { deriveValidity } from '../catalog/catalog.rules.js';
import { publicDocuments } from '../catalog/catalog.tables.js';
import { APPEAL_GROUPS, APPEAL_RESULTS, APPLICANT_COLUMNS, APPLICATION_ROWS, RESULT_ROWS, TEMPLATE_VERSION, type ResultRow, TRIAL_ACTIVE_KEYS, TRIAL_LAST_YEAR, TRIAL_TEMPLATE_VERSION, WITHHELD_ROWS, type AppealGroup, type AppealResult } from './reports.data.js';
import { appCell, appealCell, checkRules, emptyApplications, withTotals, type Cells } from './reports.rules.js';
import { cellLabel } from './reports.layout.js';

/**
 * The annual report's tables computed from the platform's own records (issue 6 §1), for one
 * organisation and year: 二 from the catalogue, 三 from the 依申请公开 cases, 四 from their appeals.
 * Each statement counts in PostgreSQL (a million cases stay one aggregate), and each cell can be
 * opened to the records it counts with the same predicate (`cellRecords`).
 */

/**
 * A case's 办理结果 row (annual-report.md §3.4), from its outcome and for 不予公开 its first reason
 * (R2: one row per case); replies under a special regime go to the organisation's chosen row.
 */
function resultRowSql(specialRegimeRow: ResultRow) {
  if (!RESULT_ROWS.includes(specialRegimeRow)) throw new Error(`not a result row: ${specialRegimeRow}`);
  return sql.raw(`(case
  ${Object.entries(OUTCOMES)
    .filter(([k]) => k !== 'WITHHOLD')
    .map(([k, o]) => `when outcome = '${k}' then '${k === 'SPECIAL_REGIME' ? specialRegimeRow : o.row}'`)
    .join('\n  ')}
  ${Object.entries(WITHHELD_ROWS)
    .map(([reason, row]) => `when outcome = 'WITHHOLD' and reply->'reasons'->>0 = '${reason}' then '${row}'`)
    .join('\n  ')}
  else 'other.other' end)`);
}

/** A case counts from the day the application was received (条例 Art 31); unconfirmed online submissions are not yet applications. */
const receivedSql = sql.raw(`coalesce(received_on, arrived_on)`);

const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** The cases that touch `year`: received by its end and not concluded before its start. */
const casesOf = (orgId: string, year: number, specialRegimeRow: ResultRow) => {
  const { start, end } = yearBounds(year);
  return sql`select id, receipt_no, applicant_type, ${receivedSql} as received, concluded_on, outcome, ${resultRowSql(specialRegimeRow)} as result_row
    from disclosure_requests
    where org_id = ${orgId} and status <> 'awaiting_confirmation' and ${receivedSql} <= ${end}::date and (concluded_on is null or concluded_on >= ${start}::date)`;
};

/** The predicate of one table-三 row over `casesOf` (a row alias `c`). */
function rowPredicate(row: string, year: number): SQL {
  const { start, end } = yearBounds(year);
  if (row === 'newReceived') return sql`c.received >= ${start}::date`;
  if (row === 'carriedIn') return sql`c.received < ${start}::date`;
  if (row === 'carriedOut') return sql`(c.concluded_on is null or c.concluded_on > ${end}::date)`;
  const concluded = sql`c.concluded_on between ${start}::date and ${end}::date`;
  if (row === 'resultTotal') return concluded;
  return sql`${concluded} and c.result_row = ${row}`;
}

async function applicationCells(ctx: Pick<Ctx, 'db'>, orgId: string, year: number, specialRegimeRow: ResultRow): Promise<Cells> {
  const cells = emptyApplications();
  // The same predicates as the drill-down, so a figure and its list of cases cannot disagree.
  const p = (row: string) => rowPredicate(row, year);
  const rows = rowsOf<{ row: string; col: string; n: number }>(
    await ctx.db.execute(sql`with c as (${casesOf(orgId, year, specialRegimeRow)})
      select 'newReceived' as row, applicant_type as col, count(*)::int as n from c where ${p('newReceived')} group by 2
      union all select 'carriedIn', applicant_type, count(*)::int from c where ${p('carriedIn')} group by 2
      union all select result_row, applicant_type, count(*)::int from c where ${p('resultTotal')} group by 1, 2
      union all select 'carriedOut', applicant_type, count(*)::int from c where ${p('carriedOut')} group by 2`),
  );
  for (const r of rows) {
    const key = appCell(r.row as never, r.col as ApplicantType);
    if (key in cells) cells[key] += Number(r.n);
  }
  return cells;
}

/**
 * Table 四 (§4). Conventions (UNCONFIRMED in the domain file, said so in the report): a case counts
 * in the year it was filed, with its result as of 31 December (尚未审结 if not concluded by then); a
 * lawsuit over a case that had a 行政复议 filed before it is 复议后起诉, otherwise 未经复议直接起诉;
 * a 复议后起诉 case is not counted again under 行政复议.
 */
const appealsOf = (orgId: string, year: number) => {
  const { start, end } = yearBounds(year);
  return sql`select a.id, r.receipt_no, a.kind, a.filed_on, a.body,
      case when a.kind = 'reconsideration' then 'review'
        when exists (select 1 from disclosure_appeals p where p.request_id = a.request_id and p.kind = 'reconsideration' and p.filed_on <= a.filed_on) then 'litigationAfterReview'
        else 'litigationDirect' end as grp,
      case when a.result = 'pending' or a.concluded_on is null or a.concluded_on > ${end}::date then 'pending' else a.result end as res
    from disclosure_appeals a join disclosure_requests r on r.id = a.request_id
    where a.org_id = ${orgId} and a.filed_on between ${start}::date and ${end}::date`;
};

async function appealCells(ctx: Pick<Ctx, 'db'>, orgId: string, year: number): Promise<Cells> {
  const cells: Cells = {};
  for (const g of ['review', 'litigationDirect', 'litigationAfterReview'] as AppealGroup[]) for (const k of ['maintained', 'corrected', 'other', 'pending'] as AppealResult[]) cells[appealCell(g, k)] = 0;
  const rows = rowsOf<{ grp: AppealGroup; res: AppealResult; n: number }>(await ctx.db.execute(sql`select grp, res, count(*)::int as n from (${appealsOf(orgId, year)}) a group by 1, 2`));
  for (const r of rows) cells[appealCell(r.grp, r.res)] = (cells[appealCell(r.grp, r.res)] ?? 0) + Number(r.n);
  return cells;
}

/**
 * Table 二, 第二十条第（一）项 (§2), from the published catalogue: 规章 and 行政规范性文件 by 成文日期
 * (本年制发), by 废止日期 (本年废止), and in force on 31 December (有效 or 部分失效, derived as on the
 * portal). Whether amendments count as 制发 is UNCONFIRMED; here a revised item counts once.
 */
async function catalogueCells(ctx: Pick<Ctx, 'db'>, orgId: string, year: number): Promise<Cells> {
  const cells: Cells = Object.fromEntries(ART20_1_KEYS.map((k) => [k, 0]));
  for (const r of catalogueRecords(await catalogueRows(ctx, orgId), year)) cells[`art20_1.${r.cls}.${r.measure}`]++;
  return cells;
}

/** The organisation's published 规章 and 行政规范性文件. */
const catalogueRows = (ctx: Pick<Ctx, 'db'>, orgId: string): Promise<CatalogueRow[]> =>
  ctx.db
    .select({ id: publicDocuments.documentId, content: publicDocuments.content, effectiveOn: publicDocuments.effectiveOn, repealOn: publicDocuments.repealOn, expiryOn: publicDocuments.expiryOn, generatedOn: publicDocuments.generatedOn })
    .from(publicDocuments)
    .where(and(eq(publicDocuments.orgId, orgId), eq(publicDocuments.status, 'published'), sql`${publicDocuments.content}->>'docClass' in ('REGULATION', 'NORMATIVE')`)) as Promise<CatalogueRow[]>;

type CatalogueRow = { id: string; content: { docClass?: string; writtenDate?: string | null; validityOverride?: { validity: string; reason: string } | null; title?: string }; effectiveOn: string | null; repealOn: string | null; expiryOn: string | null; generatedOn: string };

/** Which table-二 cells each catalogue item counts in. */
function catalogueRecords(rows: CatalogueRow[], year: number) {
  const { start, end } = yearBounds(year);
  const out: { id: string; title: string; cls: 'regulations' | 'normativeDocs'; measure: 'issued' | 'repealed' | 'inForce' }[] = [];
  for (const r of rows) {
    const cls = r.content.docClass === 'REGULATION' ? 'regulations' : 'normativeDocs';
    const issued = r.content.writtenDate ?? r.generatedOn;
    const title = r.content.title ?? '';
    if (issued >= start && issued <= end) out.push({ id: r.id, title, cls, measure: 'issued' });
    if (r.repealOn && r.repealOn >= start && r.repealOn <= end) out.push({ id: r.id, title, cls, measure: 'repealed' });
    const validity = deriveValidity({ effectiveDate: r.effectiveOn, repealDate: r.repealOn, expiryDate: r.expiryOn, override: (r.content.validityOverride as never) ?? null }, end);
    if (issued <= end && (validity === 'EFFECTIVE' || validity === 'PARTIALLY_INVALID' || validity === 'AMENDED')) out.push({ id: r.id, title, cls, measure: 'inForce' });
  }
  return out;
}

async function orgByCode(ctx: Ctx, orgCode: string) {
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.code, orgCode));
  if (!org) throw notFound('机构');
  // A superior bureau reads its subordinates' reports (issue 6 §4); another organisation's are not there for this actor.
  await authorize(ctx, 'records.read', org.id);
  return org;
}

const checkYear = (year: number, today: string) => {
  if (!Number.isInteger(year) || year < 2008 || year > Number(today.slice(0, 4))) throw invalid('年度无效：应为 2008 年至今年之间的年份。', [{ field: 'year', message: '年度无效' }]);
};

/** The cells this platform has no records for: entered by staff with their source (issue 6 §1). */
export const ENTERED_ONLY = ['art20_5.licensing.decisions', 'art20_6.penalty.decisions', 'art20_6.coercion.decisions', 'art20_8.fees.amountWan'] as const;

/** All three tables of `year` as computed from the records (entered-only cells are null). */
async function tablesFor(ctx: Ctx, orgId: string, year: number) {
  const { specialRegimeRow } = await settingsFor(ctx, orgId);
  const [apps, previousApps, appeals, catalogue] = await Promise.all([applicationCells(ctx, orgId, year, specialRegimeRow), applicationCells(ctx, orgId, year - 1, specialRegimeRow), appealCells(ctx, orgId, year), catalogueCells(ctx, orgId, year)]);
  const cells = withTotals({ ...apps, ...appeals });
  return {
    activeDisclosure: { ...catalogue, ...Object.fromEntries(ENTERED_ONLY.map((k) => [k, null])) } as Record<string, number | null>,
    applications: Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('applications.'))),
    appeals: Object.fromEntries(Object.entries(cells).filter(([k]) => !k.startsWith('applications.'))),
    previous: withTotals(previousApps),
  };
}

/** All three tables of `year` for the organisation, with the counting rules checked (R1, R3, R4, T4; R5 against the year before). */
export async function computeTables(ctx: Ctx, orgCode: string, year: number) {
  const org = await orgByCode(ctx, orgCode);
  checkYear(year, ctx.clock.now().toISOString());
  const t = await tablesFor(ctx, org.id, year);
  return {
    org: { id: org.id, code: org.code, name: org.name },
    year,
    template: TEMPLATE_VERSION,
    activeDisclosure: t.activeDisclosure,
    applications: t.applications,
    appeals: t.appeals,
    checks: checkRules({ ...t.applications, ...t.appeals }, t.previous),
  };
}

/** The records one cell counts (drill-down), so staff can defend each figure. */
export async function cellRecords(ctx: Ctx, orgCode: string, year: number, cell: string) {
  const org = await orgByCode(ctx, orgCode);
  checkYear(year, ctx.clock.now().toISOString());
  const app = /^applications\.([A-Za-z.]+)\.([A-Z_]+)$/.exec(cell);
  if (app) {
    const [, row, col] = app;
    if (!APPLICATION_ROWS.some((r) => r.key === row) || !(APPLICANT_COLUMNS as readonly string[]).includes(col)) throw notFound('单元格');
    const rows = rowsOf<{ id: string; receipt_no: string; applicant_type: string; received: string; concluded_on: string | null; outcome: string | null }>(
      await ctx.db.execute(sql`with c as (${casesOf(org.id, year, (await settingsFor(ctx, org.id)).specialRegimeRow)})
        select id, receipt_no, applicant_type, received::text as received, concluded_on::text as concluded_on, outcome from c
        where ${rowPredicate(row, year)} ${col === 'TOTAL' ? sql`` : sql`and c.applicant_type = ${col}`}
        order by c.received, c.receipt_no limit 500`),
    );
    return {
      kind: 'requests' as const,
      items: rows.map((r) => ({ id: r.id, ref: r.receipt_no, label: APPLICANT_TYPES[r.applicant_type as ApplicantType] ?? r.applicant_type, from: String(r.received).slice(0, 10), to: r.concluded_on ? String(r.concluded_on).slice(0, 10) : null, outcome: r.outcome ? (OUTCOMES[r.outcome as Outcome]?.label ?? r.outcome) : '办理中' })),
    };
  }
  const appeal = /^(review|litigationDirect|litigationAfterReview)\.(maintained|corrected|other|pending|total)$/.exec(cell);
  if (appeal) {
    const rows = rowsOf<{ id: string; receipt_no: string; kind: string; filed_on: string; body: string; res: string }>(
      await ctx.db.execute(sql`select * from (${appealsOf(org.id, year)}) a where a.grp = ${appeal[1]} ${appeal[2] === 'total' ? sql`` : sql`and a.res = ${appeal[2]}`} order by a.filed_on limit 500`),
    );
    return { kind: 'appeals' as const, items: rows.map((r) => ({ id: r.id, ref: r.receipt_no, label: r.body, from: String(r.filed_on).slice(0, 10), to: null, outcome: APPEAL_RESULTS[r.res as AppealResult] ?? r.res })) };
  }
  const doc = /^art20_1\.(regulations|normativeDocs)\.(issued|repealed|inForce)$/.exec(cell);
  if (doc) {
    const rows = await catalogueRows(ctx, org.id);
    const items = catalogueRecords(rows, year).filter((r) => r.cls === doc[1] && r.measure === doc[2]);
    return { kind: 'documents' as const, items: items.map((r) => ({ id: r.id, ref: '', label: r.title, from: null, to: null, outcome: '' })) };
  }
  throw notFound('单元格');
}


// ───────────────────────── the report: texts, entered cells, draft → reviewed → published ─────────────────────────

export const REPORT_STATUSES = { new: '未起草', draft: '草稿', reviewed: '已审核', published: '已发布' } as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;

/** Words that mark a 公开目录 node as a key area of the Seed: procurement and tendering, enforcement and penalties, 双随机一公开, proposals. */
const KEY_AREA_TERMS = ['行政执法', '行政处罚', '双随机', '政府采购', '招标投标', '财政资金', '建议提案', '建议和提案'];

/** Facts for the text sections' first draft (issue 6 §2): staff edit them. */
async function prefill(ctx: Ctx, orgId: string, year: number, cells: Record<string, number | null>): Promise<ReportTexts> {
  const { start, end } = yearBounds(year);
  const [pub] = rowsOf<{ docs: number; interps: number }>(
    await ctx.db.execute(sql`select count(*) filter (where kind = 'DOCUMENT')::int as docs, count(*) filter (where kind = 'INTERPRETATION')::int as interps
      from public_documents where org_id = ${orgId} and status = 'published' and (first_published_at at time zone 'Asia/Shanghai')::date between ${start}::date and ${end}::date`),
  );
  const [masked] = rowsOf<{ n: number; m: number }>(
    await ctx.db.execute(sql`select count(*)::int as n, count(*) filter (where jsonb_array_length(e.review->'published'->'masked') > 0)::int as m
      from document_editions e join documents d on d.id = e.document_id
      where d.org_id = ${orgId} and e.published_at is not null and (e.published_at at time zone 'Asia/Shanghai')::date between ${start}::date and ${end}::date`),
  );
  const [fees] = rowsOf<{ n: number; amount: string | null }>(
    await ctx.db.execute(sql`select count(*)::int as n, sum((select (f.data->>'amount')::numeric from disclosure_request_events f where f.request_id = p.request_id and f.action = 'fee_notice' order by f.seq desc limit 1)) as amount
      from disclosure_request_events p join disclosure_requests r on r.id = p.request_id
      where r.org_id = ${orgId} and p.action = 'fee_paid' and p.on_date between ${start}::date and ${end}::date`),
  );
  // 重点领域 (the Seed's key areas, catalog-and-key-areas.md §11): items published this year under the
  // organisation's 公开目录 nodes whose names name a key area, with the key-area nodes below them.
  const nodes = rowsOf<{ id: string; parent_id: string | null; name: string; n: number }>(
    await ctx.db.execute(sql`select n.id, n.parent_id, n.name, (select count(*)::int from public_documents p where p.catalog_node_id = n.id and p.status = 'published'
        and (p.first_published_at at time zone 'Asia/Shanghai')::date between ${start}::date and ${end}::date) as n
      from catalog_nodes n where n.org_id = ${orgId} order by n.sort_order`),
  );
  const total = (id: string): number => nodes.filter((x) => x.id === id || x.parent_id === id).reduce((a, x) => a + (x.id === id ? Number(x.n) : total(x.id)), 0);
  const keyArea = (name: string) => KEY_AREA_TERMS.some((t) => name.includes(t));
  const areas = nodes
    .filter((x) => keyArea(x.name) && !(x.parent_id && keyArea(nodes.find((p) => p.id === x.parent_id)?.name ?? '')))
    .map((x) => {
      const parts = nodes.filter((y) => y.parent_id === x.id && keyArea(y.name)).map((y) => `${y.name}${total(y.id)}条`);
      return `在“${x.name}”目录公开信息${total(x.id)}条${parts.length ? `（其中${parts.join('、')}）` : ''}`;
    });
  const c = (k: string) => cells[`applications.${k}.TOTAL`] ?? 0;
  const normative = cells['art20_1.normativeDocs.issued'] ?? 0;
  return {
    active: `${year}年，本机关通过门户网站“政府信息公开”专栏主动公开政府信息${Number(pub?.docs ?? 0) + Number(pub?.interps ?? 0)}条，其中文件及其他信息${pub?.docs ?? 0}条、政策解读${pub?.interps ?? 0}篇；制发行政规范性文件${normative}件，现行有效行政规范性文件${cells['art20_1.normativeDocs.inForce'] ?? 0}件。`,
    requests: `${year}年，本机关新收政府信息公开申请${c('newReceived')}件，上年结转${c('carriedIn')}件；办结${c('resultTotal')}件，其中予以公开${c('disclosed')}件、部分公开${c('partial')}件；结转下年度继续办理${c('carriedOut')}件。`,
    management: `严格落实公开前审查制度，${year}年发布的${masked?.n ?? 0}条信息均经保密审查和个人信息审查，其中${masked?.m ?? 0}条作了去标识化处理。`,
    platform: '本机关门户网站设“政府信息公开”专栏，集中发布政府信息公开指南、制度、法定主动公开内容和年度报告，提供全文检索、RSS/Atom 订阅和目录数据下载。',
    supervision: '',
    problems: '',
    other: `${Number(fees?.n ?? 0) > 0 ? `本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费${fees!.n}件，共计${Number(fees!.amount ?? 0).toFixed(2)}元。` : '本年度未收取信息处理费。'}\n重点领域信息公开情况：${areas.length ? `本年${areas.join('；')}。` : '本机关公开目录中尚无重点领域栏目。'}`,
  };
}

/** Cells as reported: computed, then the entered ones, then the totals that depend on them. */
function reportedCells(computed: Record<string, number | null>, entered: Record<string, EnteredCell>) {
  const values = Object.fromEntries(Object.entries(entered).map(([k, e]) => [k, e.value]));
  const merged = { ...computed, ...values } as Record<string, number>;
  return { ...computed, ...withTotals(merged), ...values } as Record<string, number | null>;
}

async function loadReport(ctx: Pick<Ctx, 'db'>, orgId: string, year: number) {
  const [row] = await ctx.db.select().from(annualReports).where(and(eq(annualReports.orgId, orgId), eq(annualReports.year, year)));
  return row ?? null;
}

/**
 * A report as staff work on it: a draft is computed from the records on every read (so a late
 * reply shows up at once); a published one is its locked snapshot. Without a saved draft, the
 * texts are prefilled with computed facts.
 */
/** `texts: false` skips prefilling the texts of an unsaved draft (the overview does not show them). */
export async function getReport(ctx: Ctx, orgCode: string, year: number, opts: { texts?: boolean } = {}) {
  const org = await orgByCode(ctx, orgCode);
  checkYear(year, ctx.clock.now().toISOString());
  checkReportYear(year);
  const row = await loadReport(ctx, org.id, year);
  if (row?.snapshot && row.status === 'published') return presentReport(org, year, row, row.snapshot.cells, row.snapshot.computed, row.snapshot.checks, row.snapshot.texts, ctx);
  if (year <= TRIAL_LAST_YEAR) {
    // An earlier year's report in the trial format: every figure entered by hand from the published report.
    const entered = row?.entered ?? {};
    const cells = Object.fromEntries(trialKeys().map((k) => [k, entered[k]?.value ?? null]));
    return presentReport(org, year, row, cells, {}, checkRules(cells as Cells), row?.texts ?? EMPTY_TEXTS, ctx);
  }
  const t = await tablesFor(ctx, org.id, year);
  const computed = { ...t.activeDisclosure, ...t.applications, ...t.appeals };
  const entered = row?.entered ?? {};
  const cells = reportedCells(computed, entered);
  const checks = [...checkRules(cells as Cells, t.previous), ...ENTERED_ONLY.filter((k) => entered[k] === undefined).map((k) => ({ rule: 'ENTER' as const, ok: false, message: `“${cellLabel(k)}”须填报（本平台尚无相应记录），并注明数据来源。`, cells: [k] }))];
  const texts = row?.texts ?? (opts.texts === false ? EMPTY_TEXTS : await prefill(ctx, org.id, year, cells));
  return presentReport(org, year, row, cells, computed, checks, texts, ctx);
}

/** Reports exist from 2019, the first year with uniform tables (the trial format). */
function checkReportYear(year: number) {
  if (year < 2019) throw invalid('2019 年以前的年度报告没有统一的表格格式，不能在此编制或录入。', [{ field: 'year', message: '年度无效' }]);
}

const EMPTY_TEXTS: ReportTexts = { active: '', requests: '', management: '', platform: '', supervision: '', problems: '', other: '' };
const layoutOf = (year: number) => (year <= TRIAL_LAST_YEAR ? ('trial2019' as const) : ('2021' as const));

const ART20_1_KEYS = ['regulations', 'normativeDocs'].flatMap((k) => ['issued', 'repealed', 'inForce'].map((m) => `art20_1.${k}.${m}`));
const APPEAL_KEYS = (Object.keys(APPEAL_GROUPS) as AppealGroup[]).flatMap((g) => (Object.keys(APPEAL_RESULTS) as AppealResult[]).map((r) => appealCell(g, r)));
/** Every cell of a trial-format report: its own table 二, then 三 and 四 as today. */
const trialKeys = () => [...TRIAL_ACTIVE_KEYS, ...Object.keys(emptyApplications()), ...APPEAL_KEYS];
/** Every cell a report of `year` has, in its layout. */
const cellKeysOf = (year: number) => (layoutOf(year) === 'trial2019' ? trialKeys() : [...ART20_1_KEYS, ...ENTERED_ONLY, ...Object.keys(emptyApplications()), ...APPEAL_KEYS]);

function presentReport(org: { id: string; code: string; name: string; slug: string }, year: number, row: AnnualReportRow | null, cells: Record<string, number | null>, computed: Record<string, number | null>, checks: { rule: string; ok: boolean; message: string; cells: string[] }[], texts: ReportTexts, ctx: Ctx) {
  const today = shanghaiDate(ctx.clock.now());
  const deadline = `${year + 1}-01-31`;
  const layout = layoutOf(year);
  return {
    id: row?.id ?? null,
    org: { id: org.id, code: org.code, name: org.name, slug: org.slug },
    year,
    layout,
    template: layout === 'trial2019' ? TRIAL_TEMPLATE_VERSION : TEMPLATE_VERSION,
    status: (row?.status ?? 'new') as ReportStatus,
    statusLabel: REPORT_STATUSES[(row?.status ?? 'new') as ReportStatus],
    cells,
    computed,
    entered: row?.entered ?? {},
    checks,
    texts,
    deadline,
    overdue: layout === '2021' && row?.status !== 'published' && today > deadline,
    publishedAt: row?.publishedAt?.toISOString() ?? null,
    updatedAt: row?.updatedAt?.toISOString() ?? null,
  };
}

/** Saves the texts and the entered cells of a draft (issue 6 §2): each entered or overridden cell needs its note. */
export async function saveReport(ctx: Ctx, orgCode: string, year: number, input: { texts: ReportTexts; entered: Record<string, { value: number; note: string }> }) {
  const org = await orgByCode(ctx, orgCode);
  await authorize(ctx, 'catalog.edit', org.id);
  checkYear(year, ctx.clock.now().toISOString());
  checkReportYear(year);
  const known = new Set(cellKeysOf(year));
  const now = ctx.clock.now();
  const entered: Record<string, EnteredCell> = {};
  const trial = layoutOf(year) === 'trial2019';
  for (const [k, e] of Object.entries(input.entered)) {
    if (trial && !e.note.trim()) e.note = '按已发布的年度报告录入';
    if (!known.has(k)) throw invalid(`没有单元格“${k}”。`, [{ field: `entered.${k}`, message: '单元格无效' }]);
    if (e.note.trim().length < 2) throw invalid((ENTERED_ONLY as readonly string[]).includes(k) ? `“${cellLabel(k)}”须注明数据来源。` : `修改“${cellLabel(k)}”须说明理由。`, [{ field: `entered.${k}`, message: '请注明来源或理由' }]);
    entered[k] = { value: e.value, note: e.note.trim(), by: ctx.actor?.displayName ?? '', at: now.toISOString() };
  }
  await inTransaction(ctx, async (tx) => {
    const [cur] = await tx.db.select().from(annualReports).where(and(eq(annualReports.orgId, org.id), eq(annualReports.year, year))).for('update');
    if (cur && cur.status !== 'draft') throw new DomainError('INVALID_TRANSITION', `年报当前为“${REPORT_STATUSES[cur.status as ReportStatus]}”，不能修改；审核人退回后方可修改。`);
    // An entry kept unchanged keeps who entered it and when.
    for (const [k, e] of Object.entries(entered)) if (cur?.entered[k] && cur.entered[k].value === e.value && cur.entered[k].note === e.note) entered[k] = cur.entered[k];
    const values = { texts: input.texts, entered, updatedBy: tx.actor?.userId ?? null, updatedAt: now };
    if (cur) await tx.db.update(annualReports).set(values).where(eq(annualReports.id, cur.id));
    else await tx.db.insert(annualReports).values({ orgId: org.id, year, status: 'draft', layout: layoutOf(year), ...values });
    await audit(tx, { action: 'report.save', objectType: 'annual_report', objectId: cur?.id ?? `${org.code}/${year}`, orgId: org.id, summary: { year, entered: Object.keys(entered) } });
  });
  return getReport(ctx, orgCode, year);
}

/**
 * review (a reviewer who did not write the last save; every rule must hold and every entered-only
 * cell be filled), return (to the draft, with a comment), publish (locks the snapshot and shows it
 * on the portal's 政府信息公开年报 column).
 */
export async function reportAction(ctx: Ctx, orgCode: string, year: number, action: 'review' | 'return' | 'publish', comment = '') {
  const org = await orgByCode(ctx, orgCode);
  await authorize(ctx, action === 'publish' ? 'catalog.edit' : 'catalog.review', org.id);
  const view = await getReport(ctx, orgCode, year);
  await inTransaction(ctx, async (tx) => {
    const [cur] = await tx.db.select().from(annualReports).where(and(eq(annualReports.orgId, org.id), eq(annualReports.year, year))).for('update');
    const from = (cur?.status ?? 'new') as ReportStatus;
    const allowed = { review: 'draft', return: 'reviewed', publish: 'reviewed' } as const;
    if (!cur || from !== allowed[action]) throw new DomainError('INVALID_TRANSITION', `年报当前为“${REPORT_STATUSES[from]}”，不能${{ review: '审核', return: '退回', publish: '发布' }[action]}。`);
    const now = tx.clock.now();
    if (action === 'review') {
      if (cur.updatedBy && cur.updatedBy === tx.actor?.userId) throw forbidden('不能审核自己起草或修改的年报，请由其他审核员审核。');
      const failing = view.checks.filter((c) => !c.ok && c.rule !== 'R5');
      if (failing.length) throw unprocessable(`还有 ${failing.length} 项校验未通过：${failing.map((c) => c.message).join('；')}`);
      await tx.db.update(annualReports).set({ status: 'reviewed', reviewedBy: tx.actor?.userId ?? null, updatedAt: now }).where(eq(annualReports.id, cur.id));
    } else if (action === 'return') {
      if (comment.trim().length < 2) throw invalid('请填写退回意见。', [{ field: 'comment', message: '请填写退回意见' }]);
      await tx.db.update(annualReports).set({ status: 'draft', updatedAt: now }).where(eq(annualReports.id, cur.id));
    } else {
      const snapshot: ReportSnapshot = { template: view.template, layout: view.layout, blankZeros: (await settingsFor(tx, org.id)).blankZeros, orgName: org.name, cells: view.cells, computed: view.computed, entered: cur.entered, checks: view.checks, texts: cur.texts, publishedAt: now.toISOString() };
      await tx.db.update(annualReports).set({ status: 'published', snapshot, publishedAt: now, updatedAt: now }).where(eq(annualReports.id, cur.id));
    }
    await audit(tx, { action: `report.${action}`, objectType: 'annual_report', objectId: cur.id, orgId: org.id, summary: { year, from, comment: comment.trim() || undefined } });
  });
  if (action === 'publish') publicContentChanged();
  return getReport(ctx, orgCode, year);
}

/** The portal's 政府信息公开年报 column: an organisation's published reports, newest first. */
export async function publishedReports(ctx: Pick<Ctx, 'db'>, orgId: string) {
  return ctx.db.select({ year: annualReports.year, publishedAt: annualReports.publishedAt }).from(annualReports).where(and(eq(annualReports.orgId, orgId), eq(annualReports.status, 'published'))).orderBy(desc(annualReports.year));
}

export async function publishedReport(ctx: Pick<Ctx, 'db'>, orgId: string, year: number) {
  const row = await loadReport(ctx, orgId, year);
  return row?.status === 'published' && row.snapshot ? row.snapshot : null;
}

/**
 * A superior bureau's view of `year` (issue 6 §4): every organisation the actor may read, with its
 * report's status against the 31 January deadline (条例 Art 49), and a consolidated table that sums
 * their figures — a working summary, not a statutory report (annual-report.md §5: whether a
 * system-wide report is required is UNCONFIRMED).
 */
export async function reportOverview(ctx: Ctx, year: number) {
  checkYear(year, ctx.clock.now().toISOString());
  const ids = await orgsWith(ctx, 'records.read');
  if (!ids.length) throw notFound('机构');
  const orgs = await ctx.db.select().from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.sortOrder));
  const items = [];
  const sum: Record<string, number> = {};
  for (const org of orgs) {
    const r = await getReport(ctx, org.code, year, { texts: false });
    items.push({ org: r.org, status: r.status, statusLabel: r.statusLabel, publishedAt: r.publishedAt, deadline: r.deadline, overdue: r.overdue, failing: r.checks.filter((c) => !c.ok && c.rule !== 'R5').length });
    for (const [k, v] of Object.entries(r.cells)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
  }
  const today = shanghaiDate(ctx.clock.now());
  const deadline = `${year + 1}-01-31`;
  // Reminders run from 1 January to the deadline.
  const remind = today >= `${year + 1}-01-01` && today <= deadline;
  return { year, deadline, daysLeft: remind ? Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000) : null, items, consolidated: sum };
}

// ───────────────────────── settings where the template is UNCONFIRMED ─────────────────────────

export async function settingsFor(ctx: Pick<Ctx, 'db'>, orgId: string) {
  const [row] = await ctx.db.select().from(reportSettings).where(eq(reportSettings.orgId, orgId));
  return { specialRegimeRow: (row?.specialRegimeRow ?? 'other.other') as ResultRow, blankZeros: row?.blankZeros ?? false, isDefault: !row };
}

export async function getReportSettings(ctx: Ctx, orgCode: string) {
  const org = await orgByCode(ctx, orgCode);
  return settingsFor(ctx, org.id);
}

/** Changes an organisation's counting choices; a published report keeps the figures it was published with. */
export async function putReportSettings(ctx: Ctx, orgCode: string, input: { specialRegimeRow: string; blankZeros: boolean }) {
  const org = await orgByCode(ctx, orgCode);
  await authorize(ctx, 'catalog.settings', org.id);
  if (!(RESULT_ROWS as readonly string[]).includes(input.specialRegimeRow)) throw invalid('请选择“办理结果”中的一行。', [{ field: 'specialRegimeRow', message: '行无效' }]);
  const values = { specialRegimeRow: input.specialRegimeRow, blankZeros: input.blankZeros, updatedAt: ctx.clock.now() };
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(reportSettings).values({ orgId: org.id, ...values }).onConflictDoUpdate({ target: reportSettings.orgId, set: values });
    await audit(tx, { action: 'report.settings', objectType: 'organisation', objectId: org.id, orgId: org.id, summary: { specialRegimeRow: input.specialRegimeRow, blankZeros: input.blankZeros } });
  });
  return settingsFor(ctx, org.id);
}
