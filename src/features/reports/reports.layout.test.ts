import { describe, expect, it } from 'vitest';
import { applicationsGrid, cellLabel, gridsOf, rowLabel, trialApplicationsGrid } from './reports.layout.js';

/** How many grid columns each row fills, counting cells merged down from rows above. */
function columnsPerRow(g: { colSpan?: number; rowSpan?: number }[][]) {
  const filled = g.map(() => 0);
  g.forEach((row, r) => row.forEach((c) => { for (let i = 0; i < (c.rowSpan ?? 1); i++) filled[r + i] += c.colSpan ?? 1; }));
  return filled;
}

const cells = { 'applications.newReceived.TOTAL': 0, 'applications.disclosed.TOTAL': 4 };

describe('the template’s tables as grids', () => {
  it('lays out table 三 with three header rows and 25 data rows, 办理结果 merged down its 22 rows', () => {
    const g = applicationsGrid(cells);
    expect(g.length).toBe(3 + 25);
    expect(g.flat().find((c) => c.text === '三、本年度办理结果')?.rowSpan).toBe(22);
    expect(g.flat().find((c) => c.text === '（三）不予公开')?.rowSpan).toBe(8);
    expect(columnsPerRow(g)).toEqual(g.map(() => 10));
  });
  it('has one （六）其他处理 row in the trial format, 20 rows in the group', () => {
    const g = trialApplicationsGrid(cells);
    expect(g.length).toBe(3 + 23);
    expect(g.flat().find((c) => c.text === '三、本年度办理结果')?.rowSpan).toBe(20);
    expect(g.flat().some((c) => c.text.includes('逾期不补正'))).toBe(false);
    expect(columnsPerRow(g)).toEqual(g.map(() => 10));
  });
  it('prints zero cells blank only when asked', () => {
    const zero = (blankZeros: boolean) => gridsOf('2021', cells, { blankZeros }).applications.flat().find((c) => c.key === 'applications.newReceived.TOTAL')!.text;
    expect(zero(false)).toBe('0');
    expect(zero(true)).toBe('');
    expect(gridsOf('2021', cells, { blankZeros: true }).applications.flat().find((c) => c.key === 'applications.disclosed.TOTAL')!.text).toBe('4');
  });
  it('names cells and rows in words', () => {
    expect(cellLabel('applications.withheld.thirdParty.NATURAL_PERSON')).toBe('4.保护第三方合法权益，自然人');
    expect(cellLabel('litigationAfterReview.pending')).toBe('行政诉讼（复议后起诉），尚未审结');
    expect(rowLabel('other.other')).toBe('（六）其他处理 3.其他');
    expect(rowLabel('partial')).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
  });
});
