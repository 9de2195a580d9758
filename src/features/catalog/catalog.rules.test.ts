import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUNDLED_NOTICES } from '../calendar/calendar.data.js';
import { exceptionsOf, WorkingCalendar } from '../calendar/calendar.rules.js';
import { GENRES, TOPIC_LABELS, TOPICS, topicCode, VALIDITY } from './catalog.data.js';
import { canTakeDoc, checkDocNumber, checkIndexTemplate, DEFAULT_INDEX_TEMPLATE, deriveValidity, DOC_STATUSES, DOC_TRANSITIONS, interpretationLateBy, publishedLateBy, renderIndexNo, submitChecks } from './catalog.rules.js';

const cal = new WorkingCalendar(new Set(BUNDLED_NOTICES.map((n) => n.year)), BUNDLED_NOTICES.flatMap((n) => exceptionsOf(n.periods)));

describe('catalogue vocabularies (catalog-and-key-areas.md §4–6)', () => {
  it('has the 22 national topics with stable two-level codes, and the 15 公文种类 in order', () => {
    expect(TOPICS).toHaveLength(22);
    expect(TOPIC_LABELS[topicCode(6, 1)]).toBe('工业、交通\\轻工纺织');
    expect(TOPIC_LABELS['02.01']).toBe('综合政务\\政务公开');
    expect(GENRES).toHaveLength(15);
    expect(GENRES[0]).toBe('决议');
    expect(GENRES[14]).toBe('纪要');
    expect(Object.keys(VALIDITY)).toHaveLength(6);
  });
});

describe('发文字号 (GB/T 9704: 六角括号, no 第, no leading zeros)', () => {
  it.each(['国烟法〔2021〕61号', '浙烟专〔2025〕8号', '国办发〔2019〕1号'])('accepts %s', (s) => {
    expect(checkDocNumber(s).ok).toBe(true);
  });
  it.each([
    ['国烟法[2021]61号', '国烟法〔2021〕61号'],
    ['国烟法（2021）第61号', '国烟法〔2021〕61号'],
    ['国烟法【2021】061号', '国烟法〔2021〕61号'],
  ])('refuses %s and suggests %s', (s, suggestion) => {
    expect(checkDocNumber(s)).toMatchObject({ ok: false, suggestion });
  });
  it('refuses what is not a document number at all, without a guess', () => {
    expect(checkDocNumber('2021年第61号文件')).toMatchObject({ ok: false, suggestion: null });
  });
});

describe('索引号 templates (§3: per organisation, sequence per year)', () => {
  it('renders the default pattern', () => {
    expect(renderIndexNo(DEFAULT_INDEX_TEMPLATE, { orgCode: '014416330', year: 2018, seq: 4736 })).toBe('014416330/2018-04736');
    expect(renderIndexNo('{orgCode}-{YYYY}-{seq}', { orgCode: '01527918X', year: 2020, seq: 153077 })).toBe('01527918X-2020-153077');
  });
  it('accepts only templates with a sequence and known tokens', () => {
    expect(checkIndexTemplate(DEFAULT_INDEX_TEMPLATE).ok).toBe(true);
    expect(checkIndexTemplate('{orgCode}/{YYYY}').ok).toBe(false);
    expect(checkIndexTemplate('{orgCode}/{MM}-{seq}').ok).toBe(false);
  });
  it('gives different numbers for different sequences in a year (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), (a, b) => (a === b) === (renderIndexNo(DEFAULT_INDEX_TEMPLATE, { orgCode: 'X', year: 2026, seq: a }) === renderIndexNo(DEFAULT_INDEX_TEMPLATE, { orgCode: 'X', year: 2026, seq: b }))));
  });
});

describe('有效性 derived from dates, with a manual override', () => {
  const base = { effectiveDate: '2026-01-01', repealDate: null, expiryDate: '2030-12-31', override: null };
  it.each([
    ['2025-12-31', 'NOT_YET_EFFECTIVE'],
    ['2026-01-01', 'EFFECTIVE'],
    ['2031-01-01', 'EXPIRED'],
  ])('on %s it is %s', (on, v) => expect(deriveValidity(base, on)).toBe(v));
  it('is repealed from the repeal date, and an override wins', () => {
    expect(deriveValidity({ ...base, repealDate: '2027-06-30' }, '2027-06-30')).toBe('REPEALED');
    expect(deriveValidity({ ...base, override: { validity: 'PARTIALLY_INVALID', reason: '第三条已被新规定替代' } }, '2026-06-01')).toBe('PARTIALLY_INVALID');
  });
});

describe('the document workflow', () => {
  it('moves only along the table, with the reason in Chinese otherwise', () => {
    expect(canTakeDoc('draft', 'submit').ok).toBe(true);
    expect(canTakeDoc('draft', 'publish')).toEqual({ ok: false, reason: '当前状态为“草稿”，不能发布。' });
    expect(canTakeDoc('published', 'withdraw').ok).toBe(true);
    for (const t of Object.values(DOC_TRANSITIONS)) expect(Object.keys(DOC_STATUSES)).toContain(t.to);
  });
  it('needs the 公开属性 at drafting, a reason to withhold, and an interpretation plan for a policy', () => {
    const ok = { title: '关于印发卷烟零售点合理布局规定的通知', disclosureAttribute: 'PROACTIVE' as const, withholdReason: '', isPolicy: false, interpretationPlan: '' };
    expect(submitChecks(ok).ok).toBe(true);
    expect(submitChecks({ ...ok, disclosureAttribute: null }).ok).toBe(false);
    expect(submitChecks({ ...ok, disclosureAttribute: 'NOT_DISCLOSED' }).ok).toBe(false);
    expect(submitChecks({ ...ok, isPolicy: true })).toMatchObject({ ok: false, reason: expect.stringContaining('三同步') });
    expect(submitChecks({ ...ok, isPolicy: true, interpretationPlan: '同步发布文字解读和图解，由专卖监督管理处负责。' }).ok).toBe(true);
  });
});

describe('timeliness', () => {
  it('flags publication later than 20 working days after the information was formed (条例 Art 26)', () => {
    // 2026-03-02 + 20 working days = 2026-03-30.
    expect(publishedLateBy('2026-03-02', '2026-03-30', cal)).toBe(0);
    expect(publishedLateBy('2026-03-02', '2026-04-01', cal)).toBe(2);
    // Across 春节 2026 the holidays do not count.
    expect(publishedLateBy('2026-02-10', '2026-03-16', cal)).toBe(0);
  });
  it('flags an interpretation published more than the configured lag after its policy (三同步)', () => {
    expect(interpretationLateBy('2026-03-02', '2026-03-05', cal)).toBe(0);
    expect(interpretationLateBy('2026-03-02', '2026-03-09', cal)).toBe(2);
    expect(interpretationLateBy('2026-03-02', '2026-03-03', cal, 0)).toBe(1);
  });
});
