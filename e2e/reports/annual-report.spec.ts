/// <reference lib="dom" />
import fs from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expectAccessible, signInAs, useDemoBrowser } from '../browser.js';

/**
 * The annual report as the bureau meets it (issue 6): with the demo data, the editor of the
 * Zhejiang bureau opens last year's report, checks a figure by opening the cases behind it, enters
 * the figures the platform does not hold with their source, writes the text, a reviewer approves,
 * the editor publishes, and a citizen reads it on the portal and downloads the Word file.
 */
describe('年度报告 in the browser', () => {
  const h = useDemoBrowser();
  const year = new Date().getFullYear() - 1;

  it('an editor drafts last year’s report, checks a figure, enters the rest and writes the text', async () => {
    const page = await signInAs(h, 'zhejiang.editor');
    // The workbench reminds of last year's unpublished report (days left in January, overdue after).
    await page.getByText(`${year} 年政府信息公开工作年度报告（发布期限 ${year + 1}-01-31）`).waitFor();
    await page.getByRole('link', { name: '去编制年度报告' }).waitFor();
    await page.getByRole('menuitem', { name: '年度报告' }).click();
    await page.getByRole('heading', { name: '政府信息公开工作年度报告' }).waitFor();
    await page.getByText('未起草', { exact: true }).waitFor();
    // A figure opens to the cases it counts.
    const received = page.getByRole('button', { name: '一、本年新收政府信息公开申请数量，总计：25' });
    await received.click();
    const drawer = page.getByRole('dialog', { name: /计入的记录/ });
    await drawer.getByRole('row').nth(1).waitFor();
    expect(await drawer.getByRole('row').count()).toBe(21); // header + the first 20 of 25
    await drawer.getByRole('button', { name: /Close|关闭/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    // The figures the platform holds no records of are entered with their source.
    for (const [label, value] of [['行政许可', '1520'], ['行政处罚', '86'], ['行政强制', '3'], ['行政事业性收费', '0']] as const) {
      await page.getByRole('button', { name: new RegExp(`^${label}，.*：未填报$`) }).click();
      const modal = page.getByRole('dialog', { name: /填报/ });
      await modal.getByLabel('数字').fill(value);
      await modal.getByLabel('数据来源').fill('本局行政执法和许可管理系统年度统计');
      await modal.getByRole('button', { name: '保存' }).click();
      await modal.waitFor({ state: 'hidden' });
    }
    await page.getByRole('tab', { name: '文字部分' }).click();
    await page.getByLabel(/（五）监督保障/).fill('将政务公开工作纳入年度绩效考核，开展季度自查。');
    await page.getByLabel(/五、存在的主要问题及改进情况/).fill('政策解读形式较为单一，下一步将增加图解和视频解读。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    await expectAccessible(page);
  });

  it('a reviewer approves it, the editor publishes it, and a citizen reads it and downloads the Word file', async () => {
    const rv = await signInAs(h, 'zhejiang.reviewer');
    await rv.getByRole('menuitem', { name: '年度报告' }).click();
    await rv.getByRole('button', { name: '审核通过' }).click();
    await rv.getByText('已审核', { exact: true }).first().waitFor();
    const ed = await signInAs(h, 'zhejiang.editor');
    await ed.getByRole('menuitem', { name: '年度报告' }).click();
    await ed.getByRole('button', { name: '发布', exact: true }).click();
    await ed.getByText('已发布', { exact: true }).first().waitFor();

    const pub = await (await h.browser.newContext({ bypassCSP: true, acceptDownloads: true })).newPage();
    await pub.goto(`${h.demo.base}/org/zhejiang/xxgk/nb/`);
    await pub.getByRole('link', { name: `浙江省烟草专卖局${year}年政府信息公开工作年度报告` }).click();
    await pub.getByRole('heading', { name: `浙江省烟草专卖局${year}年政府信息公开工作年度报告`, level: 1 }).waitFor();
    await pub.getByText('将政务公开工作纳入年度绩效考核').waitFor();
    await pub.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' }).waitFor();
    await expectAccessible(pub);
    const [download] = await Promise.all([pub.waitForEvent('download'), pub.getByRole('link', { name: /下载 Word 版/ }).click()]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    expect(xml).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(xml.match(/<w:tbl>/g)?.length).toBe(3);
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toContain('1520');
  });
});
