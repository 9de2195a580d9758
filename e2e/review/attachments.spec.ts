/// <reference lib="dom" />
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axe, describeViolations, expectAccessible, openCatalogItem, signInAs, takeAction, useDemoBrowser } from '../browser.js';
import { letterDocx } from '../../src/platform/documents/letter.js';
import { extractSegments } from '../../src/features/review/attachments.js';

/** A reviewer checks a Word attachment before publication; a reviewer takes a catalogue item with an applicant's data through the last step. */
describe('公开审查 in the browser', () => {
  const h = useDemoBrowser();

  it('marks personal data page by page and downloads a copy without it', async () => {
    const page = await signInAs(h, 'zhejiang.reviewer');
    await page.getByRole('menuitem', { name: '公开审查' }).click();
    await page.getByRole('tab', { name: '附件检查' }).click();

    const docx = await letterDocx({ title: '行政处罚决定书', paragraphs: ['当事人：李建国，身份证号码：11010519491231002X，联系电话：13800138000。'], issuer: '浙江省烟草专卖局', date: '2026年3月2日' });
    await page.getByLabel(/附件（Word、Excel 或 PDF/).setInputFiles({ name: '决定书.docx', mimeType: 'application/octet-stream', buffer: docx });
    await page.getByRole('button', { name: '检查附件' }).click();
    await page.getByText('个人信息 3 处').first().waitFor();
    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载去除个人信息的 Word 副本' }).click()]);
    const { segments } = await extractSegments(fs.readFileSync((await download.path())!));
    const text = segments.map((s) => s.text).join('\n');
    expect(text).toContain('当事人：');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13800138000');
  });

  it('the 保密审查 step sees the applicant’s data marked, decides, compares, and publishes it masked on the portal and in the Word file', async () => {
    const TITLE = '关于向周建华公告送达《不予行政许可决定书》的公告';
    const ID = '330106198503121231';
    const page = await signInAs(h, 'zhejiang.reviewer');
    await openCatalogItem(page, TITLE);
    const panel = page.locator('.review-panel');
    await panel.getByText('办公室（保密审查）').first().waitFor();
    await panel.getByText(/科室负责人/).first().waitFor();
    const idRow = panel.getByRole('row', { name: new RegExp(ID) });
    await idRow.getByText('默认去标识化').waitFor();
    await idRow.getByRole('button', { name: /采纳去标识化/ }).click();
    await idRow.getByText(/采纳去标识化（/).waitFor();
    // 公告送达 must name the person served: the reviewer keeps the name, with the reason.
    const nameRow = panel.getByRole('row').filter({ hasText: '姓名' }).filter({ hasText: '周建华' });
    await nameRow.getByRole('button', { name: /保留原文/ }).click();
    const keep = page.getByRole('dialog', { name: '保留原文（不去标识化）' });
    await keep.getByLabel('理由').fill('公告送达须载明受送达人姓名');
    await keep.getByRole('button', { name: '保留原文' }).click();
    await keep.waitFor({ state: 'hidden' });
    await nameRow.getByText(/保留原文（.*）：公告送达须载明/).waitFor();
    // The agency's hotline is not personal data.
    expect(await panel.getByRole('row', { name: /12313/ }).count()).toBe(0);
    await panel.getByRole('button', { name: '原文（标出个人信息）' }).click();
    await panel.locator('mark.finding', { hasText: ID }).first().waitFor();
    await panel.getByRole('button', { name: '发布预览：原文与拟发布内容对照' }).click();
    await panel.locator('del.diff-del', { hasText: '13957123456' }).first().waitFor();
    await panel.locator('ins.diff-add', { hasText: '139****3456' }).first().waitFor();
    await expectAccessible(page);

    await takeAction(page, '审核通过', async (d) => {
      await d.getByText('公开时机').waitFor();
      await d.getByRole('radio', { name: '立即发布' }).check();
    });
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await panel.getByText('发布时的去标识化记录').waitFor();

    const pub = await (await h.browser.newContext({ bypassCSP: true, acceptDownloads: true })).newPage();
    const url = await page.getByRole('link', { name: '在网站查看' }).first().getAttribute('href');
    await pub.goto(new URL(url!, h.demo.base).toString());
    await pub.getByRole('heading', { name: TITLE }).waitFor();
    const html = await pub.content();
    for (const v of [ID, '13957123456', '华星科技大厦2幢1203室']) expect(html).not.toContain(v);
    expect(html).toContain('330106********1231');
    expect(html).toContain('12313');
    await expectAccessible(pub);
    const [download] = await Promise.all([pub.waitForEvent('download'), pub.getByRole('link', { name: /不予行政许可决定书\.docx/ }).first().click()]);
    const text = (await extractSegments(fs.readFileSync((await download.path())!))).segments.map((s) => s.text).join('\n');
    expect(text).toContain('不予行政许可决定书');
    expect(text).not.toContain(ID);
    expect(text).not.toContain('13957123456');
  });
});
