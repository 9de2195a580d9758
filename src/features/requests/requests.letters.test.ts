import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { letterDocx } from '../../platform/documents/letter.js';
import { composeLetter, LETTER_KINDS, type LetterCase } from './requests.letters.js';
import { OUTCOMES, REPLY_OUTCOMES, type Outcome } from './requests.rules.js';

const base: LetterCase = {
  receiptNo: '2026-DEMO00033-00012',
  seq: 12,
  year: 2026,
  trackingCode: 'ABCD2345',
  applicantName: '李建国',
  subject: '2025年度烟草专卖零售许可证核发数量',
  arrivedOn: '2026-03-01',
  receivedOn: '2026-03-02',
  due: '2026-03-30',
  orgName: '浙江省烟草专卖局',
  orgShortName: '浙江省局',
  superiorName: '国家烟草专卖局',
  letterNo: '浙江省局公开答〔2026〕12号',
  reply: null,
};
const reply = (outcome: Outcome, reasons: string[] = []) => ({ ...base, reply: { outcome, reasons, body: '', documents: outcome === 'DISCLOSE' ? '统计表一份' : '' } });
const text = (l: ReturnType<typeof composeLetter>) => [l.title, l.number, l.salutation, ...l.paragraphs, ...(l.items ?? []), ...(l.closing ?? []), l.issuer, l.date].join('\n');

describe('reply letters (告知书) for every outcome', () => {
  it.each(REPLY_OUTCOMES)('%s: addressed, numbered, citing its article and stating remedies', (o) => {
    const l = composeLetter('reply', reply(o, o === 'WITHHOLD' || o === 'PARTIAL' ? ['THIRD_PARTY_RIGHTS'] : []), { on: '2026-03-20', data: {} });
    const t = text(l);
    expect(l.salutation).toBe('李建国：');
    expect(l.number).toBe('浙江省局公开答〔2026〕12号');
    expect(l.date).toBe('2026年3月20日');
    expect(t).toContain('2026-DEMO00033-00012');
    const article = OUTCOMES[o].basis.match(/第[^条]+条/)?.[0];
    if (article) expect(t).toContain(article);
    expect(t).toContain('六十日内向国家烟草专卖局申请行政复议');
    // 复议前置 for refusals (行政复议法 2023 Art 23): no direct lawsuit offered.
    if (OUTCOMES[o].refusal) expect(t).not.toContain('六个月内向人民法院提起行政诉讼');
    else expect(t).toContain('六个月内向人民法院提起行政诉讼');
  });

  it('gives the withholding reason and its article for 不予公开', () => {
    const t = text(composeLetter('reply', reply('WITHHOLD', ['PROCESS_INFO']), { on: '2026-03-20', data: {} }));
    expect(t).toContain('属于四类过程性信息');
    expect(t).toContain('第十六条第二款');
  });

  it('lists every item to correct in one notice, with the deadline and the consequence (Art 30)', () => {
    const l = composeLetter('correction', base, { on: '2026-03-05', data: { items: ['写明文件名称', '说明时间范围'], correctionDueBy: '2026-03-19' } });
    expect(l.items).toEqual(['写明文件名称', '说明时间范围']);
    expect(text(l)).toContain('2026年3月19日前');
    expect(text(l)).toContain('视为放弃申请');
  });

  it('states the fee, its basis and the payment period (国办函〔2020〕109号)', () => {
    const t = text(composeLetter('fee', base, { on: '2026-03-05', data: { method: 'per_application', nth: 11, amount: 100 } }));
    expect(t).toContain('国办函〔2020〕109号');
    expect(t).toContain('人民币 100 元');
    expect(t).toContain('自收到本通知次日起20个工作日内');
  });

  it('writes a Word document in the official layout whose text is the letter', async () => {
    const l = composeLetter('extension', base, { on: '2026-03-20', data: { days: 15, reason: '需要调取档案', approvedBy: '王处长' } });
    const zip = await JSZip.loadAsync(await letterDocx(l));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(LETTER_KINDS.extension.title);
    expect(xml).toContain('答复期限延长15个工作日');
    expect(xml).toContain('仿宋_GB2312');
    // A4 with the GB/T 9704 margins: top 37 mm = 2098 twips.
    expect(xml).toMatch(/w:top="209[0-9]"/);
  });
});
