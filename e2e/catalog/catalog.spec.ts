/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Document, Packer, Paragraph } from 'docx';
import { expectAccessible, openCatalogItem, signInAs, takeAction, useDemoBrowser } from '../browser.js';
import { publishDue } from '../../src/features/catalog/catalog.service.js';

/**
 * Proactive disclosure as people meet it: an editor drafts a policy with an attachment and its
 * interpretation, a reviewer approves, the policy goes out at the scheduled time, a citizen finds
 * it in the catalogue and by a phrase from its attachment, then a revision and a withdrawal behave
 * as the public expects (dated note; a 410 notice at the same address).
 */
describe('主动公开 in the browser', () => {
  const h = useDemoBrowser();
  const TITLE = '浙江省烟草专卖局关于优化卷烟零售许可证跨区迁址办理的通知';
  const PHRASE = '迁址前后两个经营场所均须实地核查';
  let policyUrl = '';

  const signIn = (username: string) => signInAs(h, username);

  /** An Ant Design select; `typed` filters a long searchable list first (its options are virtualised). */
  async function pick(page: Page, label: string, option: string, typed?: string) {
    const item = page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).first();
    const chosen = item.locator(`.ant-select-content-has-value[title="${option.replace(/\\/g, '\\\\')}"]`);
    for (let tries = 0; tries < 3 && (await chosen.count()) === 0; tries++) {
      await page.getByLabel(label, { exact: true }).click();
      if (typed) await page.keyboard.type(typed);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
      await page.waitForTimeout(300);
    }
    await chosen.first().waitFor();
  }

  const take = takeAction;
  const openItem = openCatalogItem;

  it('an editor drafts a policy with an attachment and its interpretation, and submits both', async () => {
    const page = await signIn('zhejiang.editor');
    await page.getByRole('menuitem', { name: '主动公开' }).click();
    await page.getByRole('button', { name: '起草文件' }).click();
    await page.getByRole('heading', { name: '起草文件' }).waitFor();
    await page.getByLabel('名称', { exact: true }).fill(TITLE);
    await page.getByLabel('内容概述').fill('明确零售户跨区迁址的申请材料、核查要求和办理时限。');
    await page.locator('#body-editor').click();
    await page.keyboard.type('一、零售户跨区迁址的，应当重新申请烟草专卖零售许可证。');
    await pick(page, '公开目录', '规范性文件');
    await pick(page, '主题分类', '工业、交通\\轻工纺织', '轻工纺织');
    await pick(page, '五公开', '决策公开');
    await pick(page, '公文种类', '通知');
    await page.getByLabel('发文字号').fill('浙烟专〔2026〕31号');
    await page.getByLabel('成文日期').fill('2026-02-27');
    await page.getByLabel('生成日期').fill('2026-02-27');
    await page.getByLabel('信息形成或变更日期').fill('2026-02-27');
    await page.getByLabel('实施日期').fill('2026-04-01');
    await page.getByRole('switch', { name: '政策文件（需要解读）' }).click();
    await page.getByLabel('解读方案（三同步：与政策同步报审）').fill('专卖监督管理处起草文字解读，与通知同步报审、同步发布。');
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    await page.waitForURL(/\/admin\/catalog\/[0-9a-f-]{36}$/);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-')), '迁址办理流程.docx');
    fs.writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children: ['跨区迁址办理流程', `${PHRASE}，核查通过后换发许可证。`].map((t) => new Paragraph(t)) }] })));
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('link', { name: '迁址办理流程.docx' }).waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: '随本版发布：迁址办理流程.docx' }).isChecked()).toBe(true);
    await expectAccessible(page);
    await take(page, '提交审核');
    await page.getByText('待审核', { exact: true }).first().waitFor();

    await page.goto(`${h.demo.base}/admin/catalog/new?kind=INTERPRETATION`);
    await page.getByRole('heading', { name: '起草政策解读' }).waitFor();
    await page.getByLabel('名称', { exact: true }).fill('《关于优化卷烟零售许可证跨区迁址办理的通知》解读');
    await page.getByLabel('内容概述').fill('解读跨区迁址办理的变化和零售户需要准备的材料。');
    await page.locator('#body-editor').click();
    await page.keyboard.type('本次通知将跨区迁址纳入一次办理，减少零售户跑腿。');
    await pick(page, '解读的政策文件', `${TITLE}（浙烟专〔2026〕31号）`, '跨区迁址');
    await pick(page, '公开目录', '规范性文件');
    await pick(page, '主题分类', '工业、交通\\轻工纺织', '轻工纺织');
    await pick(page, '五公开', '决策公开');
    await page.getByLabel('生成日期').fill('2026-02-27');
    await page.getByRole('button', { name: '保存草稿', exact: true }).click();
    await page.waitForURL(/\/admin\/catalog\/[0-9a-f-]{36}$/);
    await take(page, '提交审核');
    await page.getByText('待审核', { exact: true }).first().waitFor();
  });

  it('a reviewer approves both; the editor schedules the policy and it goes out at that time', async () => {
    const rv = await signIn('zhejiang.reviewer');
    for (const t of [TITLE, '《关于优化卷烟零售许可证跨区迁址办理的通知》解读']) {
      await openItem(rv, t);
      // The bureau reviews 通知 in two steps (demo settings); the interpretation in one.
      if (t === TITLE) {
        await take(rv, '审核通过', (d) => d.getByLabel('意见（可选）').fill('同意'));
        await rv.getByText(/科室负责人.*同意/).first().waitFor();
      }
      await take(rv, '审核通过', async (d) => {
        await d.getByLabel('意见（可选）').fill('同意发布');
        await d.getByRole('radio', { name: '暂不发布（由发布员择时发布）' }).check();
      });
      await rv.getByText('已审核', { exact: true }).first().waitFor();
    }
    const ed = await signIn('zhejiang.editor');
    await openItem(ed, TITLE);
    await take(ed, '定时发布', (d) => d.getByLabel('发布时间').fill('2026-03-03T08:00'));
    await ed.getByText('定时发布', { exact: true }).first().waitFor();
    expect((await (await fetch(`${h.demo.base}/search?q=${encodeURIComponent(PHRASE)}`)).text())).not.toContain(TITLE);
    h.demo.clock.set(new Date('2026-03-03T08:30:00Z'));
    expect(await publishDue(h.demo.ctx)).toBeGreaterThanOrEqual(1);
    // A day later: the session of yesterday has ended, so sign in again.
    const ed2 = await signIn('zhejiang.editor');
    await openItem(ed2, '《关于优化卷烟零售许可证跨区迁址办理的通知》解读');
    await take(ed2, '发布');
    await ed2.getByText('已发布', { exact: true }).first().waitFor();
  });

  it('a citizen finds it in the catalogue and by a phrase from its attachment, with correct metadata; the pages pass axe', async () => {
    const page = await (await h.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${h.demo.base}/org/zhejiang/`);
    await page.getByRole('navigation', { name: '主栏目' }).getByRole('link', { name: '信息公开' }).click();
    await page.getByRole('heading', { name: '政府信息公开', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: /法定主动公开内容/ }).first().click();
    await page.getByRole('heading', { name: '法定主动公开内容', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '筛选条件' }).getByRole('link', { name: '规范性文件' }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    policyUrl = page.url();
    const meta = await page.locator('.meta-table').innerText();
    for (const s of ['DEMO00033/2026-', '浙烟专〔2026〕31号', '工业、交通\\轻工纺织', '2026-02-27', '2026-03-03', '尚未生效']) expect(meta).toContain(s);
    // The interpretation is linked from the policy, and the policy from the interpretation.
    await page.getByRole('region', { name: '相关解读' }).getByRole('link', { name: '《关于优化卷烟零售许可证跨区迁址办理的通知》解读' }).click();
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await expectAccessible(page);
    await page.goBack();
    await expectAccessible(page);

    await page.getByRole('search', { name: '全站搜索' }).getByLabel('搜索').fill(PHRASE);
    await page.getByRole('search', { name: '全站搜索' }).getByRole('button', { name: '搜索' }).click();
    await page.getByRole('heading', { name: '站内搜索' }).waitFor();
    expect(await page.locator('.search-hits h3').first().innerText()).toBe(TITLE);
    expect(await page.locator('.search-hits mark').count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it('a revision shows a dated note at the same address; a withdrawal leaves a 410 notice there', async () => {
    h.demo.clock.set(new Date('2026-03-10T02:00:00Z'));
    const ed = await signIn('zhejiang.editor');
    await openItem(ed, TITLE);
    await take(ed, '修订');
    await ed.getByLabel('修订说明（在网页上公开，注明修改了什么）').fill('补充了迁址期间暂停营业的说明。');
    await ed.locator('#body-editor').click();
    await ed.keyboard.press('End');
    await ed.keyboard.type('迁址期间应当暂停营业。');
    await ed.getByRole('button', { name: '保存草稿', exact: true }).click();
    await ed.getByText('已保存').first().waitFor();
    await ed.getByRole('checkbox').nth(0).waitFor();
    await take(ed, '提交审核');
    const rv = await signIn('zhejiang.reviewer');
    await openItem(rv, TITLE);
    await take(rv, '审核通过');
    await rv.getByText(/科室负责人.*同意/).first().waitFor();
    await take(rv, '审核通过', (d) => d.getByRole('radio', { name: '暂不发布（由发布员择时发布）' }).check());
    await rv.getByText('已审核', { exact: true }).first().waitFor();
    await ed.reload();
    await ed.getByRole('heading', { name: TITLE }).waitFor();
    await take(ed, '发布');
    await ed.getByText('已发布', { exact: true }).first().waitFor();
    // Two revisions compared as a readable diff.
    const boxes = ed.locator('.ant-card', { hasText: '修订版本' }).locator('.ant-table-row .ant-checkbox-input');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await ed.getByRole('button', { name: '比较所选两个版本' }).click();
    await ed.getByRole('dialog', { name: '版本比较' }).locator('ins', { hasText: '暂停营业' }).first().waitFor();
    await ed.keyboard.press('Escape');

    const pub = await (await h.browser.newContext({ bypassCSP: true })).newPage();
    await pub.goto(policyUrl);
    expect(await pub.locator('main').innerText()).toContain('2026-03-10 修订（第 2 版）：补充了迁址期间暂停营业的说明。');

    await take(ed, '撤回', (d) => d.getByLabel('撤回理由（将在原网址公开）').fill('本通知内容已并入新的许可证管理办法。'));
    await ed.getByText('已撤回', { exact: true }).first().waitFor();
    const res = await pub.goto(policyUrl);
    expect(res!.status()).toBe(410);
    expect(await pub.locator('main').innerText()).toContain('本通知内容已并入新的许可证管理办法。');
    await expectAccessible(pub);
  });
});
