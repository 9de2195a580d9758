import { APPEAL_GROUPS, APPEAL_RESULTS, APPLICANT_COLUMNS, APPLICATION_ROWS, COLUMN_LABELS, RESULT_ROWS, type AppealGroup, type AppealResult, type ApplicantColumn, type ApplicationRow } from './reports.data.js';

/**
 * The annual report's arithmetic, pure (annual-report.md §3.3, §4): totals filled in and the
 * counting rules checked. Cells are keyed as in the domain file: `applications.<row>.<column>`,
 * `review.<result>`, `litigationDirect.<result>`, `litigationAfterReview.<result>`.
 */

export type Cells = Record<string, number>;
export const appCell = (row: ApplicationRow, col: ApplicantColumn) => `applications.${row}.${col}`;
export const appealCell = (group: AppealGroup, result: AppealResult) => `${group}.${result}`;

export interface RuleCheck {
  rule: 'R1' | 'R3' | 'R4' | 'R5' | 'T4';
  ok: boolean;
  message: string;
  /** The cells the rule reads, for showing where it fails. */
  cells: string[];
}

/** Every cell of table 三 at zero. */
export function emptyApplications(): Cells {
  const out: Cells = {};
  for (const r of APPLICATION_ROWS) for (const c of APPLICANT_COLUMNS) out[appCell(r.key, c)] = 0;
  return out;
}

/** Fills （七）总计 (R3) and the 总计 column (R4) from the counted cells. */
export function withTotals(cells: Cells): Cells {
  const out = { ...cells };
  for (const c of APPLICANT_COLUMNS) if (c !== 'TOTAL') out[appCell('resultTotal', c)] = RESULT_ROWS.reduce((n, r) => n + (out[appCell(r, c)] ?? 0), 0);
  for (const r of APPLICATION_ROWS) out[appCell(r.key, 'TOTAL')] = APPLICANT_COLUMNS.filter((c) => c !== 'TOTAL').reduce((n, c) => n + (out[appCell(r.key, c)] ?? 0), 0);
  for (const g of Object.keys(APPEAL_GROUPS) as AppealGroup[]) out[appealCell(g, 'total')] = (['maintained', 'corrected', 'other', 'pending'] as const).reduce((n, k) => n + (out[appealCell(g, k)] ?? 0), 0);
  return out;
}

/**
 * R1 (勾稽, the template's header note), R3 (（七）总计 is the sum of the result rows), R4 (总计 is
 * the sum of the six applicant columns), T4 (table 四's totals) and, given last year's cells, R5
 * (上年结转 = last year's 结转下年度, a warning only: the template does not state it).
 */
export function checkRules(cells: Cells, previous?: Cells | null): RuleCheck[] {
  const v = (k: string) => cells[k] ?? 0;
  const out: RuleCheck[] = [];
  for (const c of APPLICANT_COLUMNS) {
    const ks = [appCell('newReceived', c), appCell('carriedIn', c), appCell('resultTotal', c), appCell('carriedOut', c)];
    const left = v(ks[0]) + v(ks[1]);
    const right = v(ks[2]) + v(ks[3]);
    out.push({ rule: 'R1', ok: left === right, message: `${COLUMN_LABELS[c]}：本年新收 + 上年结转（${left}）${left === right ? '=' : '≠'} 办理结果总计 + 结转下年度（${right}）`, cells: ks });
    const rows = RESULT_ROWS.map((r) => appCell(r, c));
    const sum = rows.reduce((n, k) => n + v(k), 0);
    out.push({ rule: 'R3', ok: sum === v(appCell('resultTotal', c)), message: `${COLUMN_LABELS[c]}：（七）总计 ${v(appCell('resultTotal', c))}，各项办理结果之和 ${sum}`, cells: [...rows, appCell('resultTotal', c)] });
  }
  for (const r of APPLICATION_ROWS) {
    const parts = APPLICANT_COLUMNS.filter((c) => c !== 'TOTAL').map((c) => appCell(r.key, c));
    const sum = parts.reduce((n, k) => n + v(k), 0);
    out.push({ rule: 'R4', ok: sum === v(appCell(r.key, 'TOTAL')), message: `“${r.label}”：总计 ${v(appCell(r.key, 'TOTAL'))}，各类申请人之和 ${sum}`, cells: [...parts, appCell(r.key, 'TOTAL')] });
  }
  for (const g of Object.keys(APPEAL_GROUPS) as AppealGroup[]) {
    const parts = (['maintained', 'corrected', 'other', 'pending'] as const).map((k) => appealCell(g, k));
    const sum = parts.reduce((n, k) => n + v(k), 0);
    out.push({ rule: 'T4', ok: sum === v(appealCell(g, 'total')), message: `${APPEAL_GROUPS[g]}：总计 ${v(appealCell(g, 'total'))}，${Object.values(APPEAL_RESULTS).slice(0, 4).join('、')}之和 ${sum}`, cells: [...parts, appealCell(g, 'total')] });
  }
  if (previous)
    for (const c of APPLICANT_COLUMNS) {
      const now = v(appCell('carriedIn', c));
      const before = previous[appCell('carriedOut', c)] ?? 0;
      out.push({ rule: 'R5', ok: now === before, message: `${COLUMN_LABELS[c]}：上年结转 ${now}，上一年度报告的结转下年度 ${before}（提示，模板未明文规定）`, cells: [appCell('carriedIn', c)] });
    }
  return out;
}
