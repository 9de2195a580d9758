import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { rowsOf } from '../../platform/db/database.js';
import { invalid, notFound } from '../../platform/errors/errors.js';
import { organisations } from '../organisations/organisations.tables.js';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '../requests/requests.rules.js';
import { deriveValidity } from '../catalog/catalog.rules.js';
import { publicDocuments } from '../catalog/catalog.tables.js';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, TEMPLATE_VERSION, WITHHELD_ROWS, type AppealGroup, type AppealResult } from './reports.data.js';
import { appCell, appealCell, checkRules, emptyApplications, withTotals, type Cells } from './reports.rules.js';

/**
 * The annual report's tables computed from the platform's own records (issue 6 §1), for one
 * organisation and year: 二 from the catalogue, 三 from the 依申请公开 cases, 四 from their appeals.
 * Each statement counts in PostgreSQL (a million cases stay one aggregate), and each cell can be
 * opened to the records it counts with the same predicate (`cellRecords`).
 */

/** A case's 办理结果 row (annual-report.md §3.4), from its outcome and for 不予公开 its first reason (R2: one row per case). */
const resultRowSql = sql.raw(`(case
  ${Object.entries(OUTCOMES)
    .filter(([k]) => k !== 'WITHHOLD')
    .map(([k, o]) => `when outcome = '${k}' then '${o.row}'`)
    .join('\n  ')}
  ${Object.entries(WITHHELD_ROWS)
    .map(([reason, row]) => `when outcome = 'WITHHOLD' and reply->'reasons'->>0 = '${reason}' then '${row}'`)
    .join('\n  ')}
  else 'other.other' end)`);

/** A case counts from the day the application was received (条例 Art 31); unconfirmed online submissions are not yet applications. */
const receivedSql = sql.raw(`coalesce(received_on, arrived_on)`);

const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** The cases that touch `year`: received by its end and not concluded before its start. */
const casesOf = (orgId: string, year: number) => {
  const { start, end } = yearBounds(year);
  return sql`select id, receipt_no, applicant_type, ${receivedSql} as received, concluded_on, outcome, ${resultRowSql} as result_row
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

async function applicationCells(ctx: Pick<Ctx, 'db'>, orgId: string, year: number): Promise<Cells> {
  const cells = emptyApplications();
  const { start, end } = yearBounds(year);
  const rows = rowsOf<{ row: string; col: string; n: number }>(
    await ctx.db.execute(sql`with c as (${casesOf(orgId, year)})
      select case when c.received >= ${start}::date then 'newReceived' else 'carriedIn' end as row, applicant_type as col, count(*)::int as n from c group by 1, 2
      union all
      select result_row, applicant_type, count(*)::int from c where c.concluded_on between ${start}::date and ${end}::date group by 1, 2
      union all
      select 'carriedOut', applicant_type, count(*)::int from c where c.concluded_on is null or c.concluded_on > ${end}::date group by 2`),
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
  const cells: Cells = {};
  for (const k of ['regulations', 'normativeDocs']) for (const m of ['issued', 'repealed', 'inForce']) cells[`art20_1.${k}.${m}`] = 0;
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

/** All three tables of `year` for the organisation, with the counting rules checked (R1, R3, R4, T4; R5 against the year before). */
export async function computeTables(ctx: Ctx, orgCode: string, year: number) {
  const org = await orgByCode(ctx, orgCode);
  checkYear(year, ctx.clock.now().toISOString());
  const [apps, previousApps, appeals, catalogue] = await Promise.all([applicationCells(ctx, org.id, year), applicationCells(ctx, org.id, year - 1), appealCells(ctx, org.id, year), catalogueCells(ctx, org.id, year)]);
  const cells = withTotals({ ...apps, ...appeals });
  return {
    org: { id: org.id, code: org.code, name: org.name },
    year,
    template: TEMPLATE_VERSION,
    activeDisclosure: {
      ...catalogue,
      // 行政许可, 行政处罚, 行政强制 and 收费 come from records this platform does not hold yet: entered by staff with a source note.
      'art20_5.licensing.decisions': null,
      'art20_6.penalty.decisions': null,
      'art20_6.coercion.decisions': null,
      'art20_8.fees.amountWan': null,
    },
    applications: Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('applications.'))),
    appeals: Object.fromEntries(Object.entries(cells).filter(([k]) => !k.startsWith('applications.'))),
    checks: checkRules(cells, withTotals(previousApps)),
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
      await ctx.db.execute(sql`with c as (${casesOf(org.id, year)})
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
    return { kind: 'appeals' as const, items: rows.map((r) => ({ id: r.id, ref: r.receipt_no, label: r.body, from: String(r.filed_on).slice(0, 10), to: null, outcome: r.res })) };
  }
  const doc = /^art20_1\.(regulations|normativeDocs)\.(issued|repealed|inForce)$/.exec(cell);
  if (doc) {
    const rows = await catalogueRows(ctx, org.id);
    const items = catalogueRecords(rows, year).filter((r) => r.cls === doc[1] && r.measure === doc[2]);
    return { kind: 'documents' as const, items: items.map((r) => ({ id: r.id, ref: '', label: r.title, from: null, to: null, outcome: '' })) };
  }
  throw notFound('单元格');
}

