import { APPEAL_GROUPS, APPEAL_RESULTS, APPLICANT_COLUMNS, APPLICATION_ROWS, COLUMN_LABELS, type AppealGroup, type AppealResult, type ApplicantColumn } from './reports.data.js';

/**
 * The three tables of the template as grids with their merged cells (annual-report.md §2–§4), so
 * the portal page (HTML) and the Word file lay them out the same way from one description.
 */
export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  header?: boolean;
  /** The cell key of a number (for drill-down links in the console). */
  key?: string;
}
export type Grid = GridCell[][];

const h = (text: string, colSpan?: number, rowSpan?: number): GridCell => ({ text, colSpan, rowSpan, header: true });
/** A number as published: the value, or blank where the platform has no figure. */
export const num = (cells: Record<string, number | null | undefined>, key: string, colSpan?: number): GridCell => {
  const v = cells[key];
  return { text: v === null || v === undefined ? '' : key === 'art20_8.fees.amountWan' ? v.toFixed(4).replace(/\.?0+$/, '') : String(v), key, colSpan };
};

/** 二、主动公开政府信息情况: four blocks on a four-column grid. */
export function activeDisclosureGrid(cells: Record<string, number | null>): Grid {
  const one = (label: string, key: string) => [{ text: label }, num(cells, `art20_1.${key}.issued`), num(cells, `art20_1.${key}.repealed`), num(cells, `art20_1.${key}.inForce`)];
  return [
    [h('第二十条第（一）项', 4)],
    [h('信息内容'), h('本年制发件数'), h('本年废止件数'), h('现行有效件数')],
    one('规章', 'regulations'),
    one('行政规范性文件', 'normativeDocs'),
    [h('第二十条第（五）项', 4)],
    [h('信息内容'), h('本年处理决定数量', 3)],
    [{ text: '行政许可' }, num(cells, 'art20_5.licensing.decisions', 3)],
    [h('第二十条第（六）项', 4)],
    [h('信息内容'), h('本年处理决定数量', 3)],
    [{ text: '行政处罚' }, num(cells, 'art20_6.penalty.decisions', 3)],
    [{ text: '行政强制' }, num(cells, 'art20_6.coercion.decisions', 3)],
    [h('第二十条第（八）项', 4)],
    [h('信息内容'), h('本年收费金额（单位：万元）', 3)],
    [{ text: '行政事业性收费' }, num(cells, 'art20_8.fees.amountWan', 3)],
  ];
}

/** 三、收到和处理政府信息公开申请情况: three header rows, 25 data rows, the groups' labels merged down. */
export function applicationsGrid(cells: Record<string, number | null>): Grid {
  const nums = (row: string) => APPLICANT_COLUMNS.map((c) => num(cells, `applications.${row}.${c}`));
  const grid: Grid = [
    [h('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), h('申请人情况', 7)],
    [h('自然人', 1, 2), h('法人或其他组织', 5), h('总计', 1, 2)],
    [h('商业企业'), h('科研机构'), h('社会公益组织'), h('法律服务机构'), h('其他')],
  ];
  const groupSize = (g: string) => APPLICATION_ROWS.filter((r) => r.group === g).length;
  let first = true;
  const seen = new Set<string>();
  for (const r of APPLICATION_ROWS) {
    if (r.group === null) {
      grid.push([{ text: r.label, colSpan: 3 }, ...nums(r.key)]);
      continue;
    }
    const lead: GridCell[] = [];
    if (first) {
      lead.push({ text: '三、本年度办理结果', rowSpan: APPLICATION_ROWS.filter((x) => x.group !== null).length });
      first = false;
    }
    if (r.group === '三、本年度办理结果') lead.push({ text: r.label, colSpan: 2 });
    else {
      if (!seen.has(r.group)) lead.push({ text: r.group, rowSpan: groupSize(r.group) });
      seen.add(r.group);
      lead.push({ text: r.label });
    }
    grid.push([...lead, ...nums(r.key)]);
  }
  return grid;
}

/** 四、政府信息公开行政复议、行政诉讼情况: one row of fifteen numbers under three header rows. */
export function appealsGrid(cells: Record<string, number | null>): Grid {
  const results = Object.keys(APPEAL_RESULTS) as AppealResult[];
  const row = (g: AppealGroup) => results.map((r) => num(cells, `${g}.${r}`));
  return [
    [h(APPEAL_GROUPS.review, 5), h('行政诉讼', 10)],
    [...results.map((r) => h(APPEAL_RESULTS[r], 1, 2)), h('未经复议直接起诉', 5), h('复议后起诉', 5)],
    [...results.map((r) => h(APPEAL_RESULTS[r])), ...results.map((r) => h(APPEAL_RESULTS[r]))],
    [...row('review'), ...row('litigationDirect'), ...row('litigationAfterReview')],
  ];
}

/** 二 in the 2019 trial format (§7): 新制作/新公开/对外公开总数 for documents, 上一年/增减/处理决定 for (五)(六), (八) without decisions, and (九) 政府集中采购. */
export function trialActiveDisclosureGrid(cells: Record<string, number | null>): Grid {
  const three = (label: string, key: string, measures: string[]) => [{ text: label }, ...measures.map((m) => num(cells, `${key}.${m}`))];
  const counts = ['lastYear', 'change', 'decisions'];
  return [
    [h('第二十条第（一）项', 4)],
    [h('信息内容'), h('本年新制作数量'), h('本年新公开数量'), h('对外公开总数量')],
    three('规章', 'trial.art20_1.regulations', ['made', 'published', 'total']),
    three('规范性文件', 'trial.art20_1.normativeDocs', ['made', 'published', 'total']),
    [h('第二十条第（五）项', 4)],
    [h('信息内容'), h('上一年项目数量'), h('本年增/减'), h('处理决定数量')],
    three('行政许可', 'trial.art20_5.licensing', counts),
    three('其他对外管理服务事项', 'trial.art20_5.otherServices', counts),
    [h('第二十条第（六）项', 4)],
    [h('信息内容'), h('上一年项目数量'), h('本年增/减'), h('处理决定数量')],
    three('行政处罚', 'trial.art20_6.penalty', counts),
    three('行政强制', 'trial.art20_6.coercion', counts),
    [h('第二十条第（八）项', 4)],
    [h('信息内容'), h('上一年项目数量'), h('本年增/减', 2)],
    [{ text: '行政事业性收费' }, num(cells, 'trial.art20_8.fees.lastYear'), num(cells, 'trial.art20_8.fees.change', 2)],
    [h('第二十条第（九）项', 4)],
    [h('信息内容'), h('采购项目数量'), h('采购总金额', 2)],
    [{ text: '政府集中采购' }, num(cells, 'trial.art20_9.procurement.projects'), num(cells, 'trial.art20_9.procurement.amount', 2)],
  ];
}

/** 三 in the trial format: the same, except that （六）其他处理 is a single row (20 rows in the group). */
export function trialApplicationsGrid(cells: Record<string, number | null>): Grid {
  const grid = applicationsGrid(cells);
  const at = grid.findIndex((row) => row.some((c) => c.text === '（六）其他处理'));
  const group = grid.findIndex((row) => row.some((c) => c.text === '三、本年度办理结果'));
  // 2019–2020 reports have one 其他处理 figure, kept as `other.other` (§7).
  const single = APPLICANT_COLUMNS.map((c) => num(cells, `applications.other.other.${c}`));
  const out = [...grid.slice(0, at), [{ text: '（六）其他处理', colSpan: 2 }, ...single], ...grid.slice(at + 3)];
  out[group] = out[group].map((c) => (c.text === '三、本年度办理结果' ? { ...c, rowSpan: (c.rowSpan ?? 1) - 2 } : c));
  return out;
}

/** The three tables of a report in its layout; zero cells blank where the organisation prints them so. */
export function gridsOf(layout: '2021' | 'trial2019' | undefined, cells: Record<string, number | null>, opts: { blankZeros?: boolean } = {}) {
  const grids =
    layout === 'trial2019'
      ? { active: trialActiveDisclosureGrid(cells), applications: trialApplicationsGrid(cells), appeals: appealsGrid(cells) }
      : { active: activeDisclosureGrid(cells), applications: applicationsGrid(cells), appeals: appealsGrid(cells) };
  if (!opts.blankZeros) return grids;
  const blank = (g: Grid) => g.map((row) => row.map((c) => (c.key && c.text === '0' ? { ...c, text: '' } : c)));
  return { active: blank(grids.active), applications: blank(grids.applications), appeals: blank(grids.appeals) };
}

/** The template's headings; the trial format words heading 五 differently (§7). */
export const headingsOf = (layout: '2021' | 'trial2019' | undefined) => (layout === 'trial2019' ? { ...SECTIONS, problems: '五、政府信息公开工作存在的主要问题及改进情况' } : SECTIONS);

/** The section headings and sub-headings, exactly as in the template (§1). */
export const SECTIONS = {
  overall: '一、总体情况',
  active: '（一）主动公开',
  requests: '（二）依申请公开',
  management: '（三）政府信息管理',
  platform: '（四）政府信息公开平台建设',
  supervision: '（五）监督保障',
  table2: '二、主动公开政府信息情况',
  table3: '三、收到和处理政府信息公开申请情况',
  table4: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

const ART20: Record<string, string> = {
  'art20_1.regulations': '规章',
  'art20_1.normativeDocs': '行政规范性文件',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  'art20_5.licensing.decisions': '行政许可，本年处理决定数量',
  'art20_6.penalty.decisions': '行政处罚，本年处理决定数量',
  'art20_6.coercion.decisions': '行政强制，本年处理决定数量',
  'art20_8.fees.amountWan': '行政事业性收费，本年收费金额（万元）',
};

/** A cell's name in words (row, then column), for screen readers and for the drill-down's title. */
export function cellLabel(key: string): string {
  const app = /^applications\.(.+)\.([A-Z_]+)$/.exec(key);
  if (app) return `${APPLICATION_ROWS.find((r) => r.key === app[1])?.label ?? app[1]}，${COLUMN_LABELS[app[2] as ApplicantColumn] ?? app[2]}`;
  const appeal = /^(review|litigationDirect|litigationAfterReview)\.(\w+)$/.exec(key);
  if (appeal) return `${APPEAL_GROUPS[appeal[1] as AppealGroup]}，${APPEAL_RESULTS[appeal[2] as AppealResult]}`;
  const doc = /^(art20_1\.\w+)\.(\w+)$/.exec(key);
  if (doc) return `${ART20[doc[1]]}，${ART20[doc[2]]}`;
  return ART20[key] ?? key;
}

/** A row of table 三 with its group, as a person names it: “（六）其他处理 3.其他”. */
export function rowLabel(row: string): string {
  const r = APPLICATION_ROWS.find((x) => x.key === row);
  if (!r) return row;
  return r.group && r.group !== '三、本年度办理结果' ? `${r.group} ${r.label}` : r.label;
}
