/// <reference lib="dom" />
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axe, describeViolations, useDemoBrowser } from '../browser.js';
import { letterDocx } from '../../src/platform/documents/letter.js';
import { extractSegments } from '../../src/features/review/attachments.js';

/** A reviewer checks a Word attachment before publication and takes the masked copy. */
describe('公开审查 of an attachment in the browser', () => {
  const h = useDemoBrowser();

  it('marks personal data page by page and downloads a copy without it', async () => {
    const page = await (await h.browser.newContext({ bypassCSP: true, acceptDownloads: true })).newPage();
    await page.goto(`${h.demo.base}/admin/`);
    await page.getByLabel('用户名').fill('zhejiang.reviewer');
    await page.getByLabel('密码').fill(h.demo.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
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
});
