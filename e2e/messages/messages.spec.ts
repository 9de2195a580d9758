/// <reference lib="dom" />
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, signInAs, useDemoBrowser } from '../browser.js';

/**
 * 互动交流 as people meet it: a citizen finds an answer the knowledge base already has before
 * sending a question; another sends a complaint that the provincial bureau forwards to a city
 * bureau, which answers it within the deadline after review; the province publishes it without
 * personal data; the writer rates it; the answer goes into the knowledge base and the service
 * hall finds it.
 */
describe('互动交流 in the browser', () => {
  const h = useDemoBrowser();
  let receiptNo = '';
  let code = '';

  const signIn = (username: string) => signInAs(h, username);

  async function openMessage(page: Page) {
    await page.getByRole('menuitem', { name: '网民留言' }).click();
    await page.getByRole('heading', { name: '网民留言' }).waitFor();
    await page.getByLabel('查找').fill(receiptNo);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('link', { name: receiptNo }).click();
    await page.getByRole('heading', { name: new RegExp(`留言 ${receiptNo}`) }).waitFor();
  }

  /** An Ant Design select: open it, pick the option, and make sure the choice took (the list animates). */
  async function pick(page: Page, scope: Locator, label: string, option: string) {
    const chosen = scope.locator(`.ant-select-content-has-value[title="${option}"]`);
    for (let tries = 0; tries < 3 && (await chosen.count()) === 0; tries++) {
      await scope.getByLabel(label).click();
      await page.locator('.ant-select-item-option', { hasText: option }).first().click();
      await page.waitForTimeout(300);
    }
    await chosen.first().waitFor();
  }

  async function take(page: Page, action: string, fill?: (d: Locator) => Promise<void>) {
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await fill?.(dialog);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('a citizen finds an answer in 智能问答 and, while typing a question, sees it offered before sending', async () => {
    const page = await (await h.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${h.demo.base}/org/zhejiang/`);
    await page.getByRole('navigation', { name: '主栏目' }).getByRole('link', { name: '互动交流' }).click();
    await page.getByRole('heading', { name: '互动交流', level: 1 }).waitFor();
    expect(await page.locator('.qa-list li').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByLabel('搜索已有答案').fill('烟证丢了怎么补');
    await page.getByRole('search', { name: '智能问答' }).getByRole('button', { name: '搜索' }).click();
    await page.getByRole('heading', { name: /找到 \d+ 条答案/ }).waitFor();
    expect(await page.locator('.kb-hit h3').first().textContent()).toBe('烟草专卖零售许可证遗失了怎么补办？');
    await expectAccessible(page);
    await page.locator('.kb-hit h3 a').first().click();
    await page.getByRole('heading', { name: '烟草专卖零售许可证遗失了怎么补办？' }).waitFor();
    await expectAccessible(page);

    // The form offers the same answers while the question is typed.
    await page.goto(`${h.demo.base}/org/zhejiang/hdjl/write`);
    await page.getByLabel('留言类别').selectOption('consult');
    await page.getByLabel('标题').pressSequentially('烟草证到期了怎么续期', { delay: 20 });
    await page.locator('#kb-live a', { hasText: '烟草专卖零售许可证到期了如何延续？' }).waitFor();
    await expectAccessible(page);
  });

  it('another citizen sends a complaint without JavaScript and keeps the number and code', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.demo.base}/org/zhejiang/hdjl/write`);
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.getByRole('heading', { name: /提交未成功/ }).waitFor();
    await page.getByLabel('留言类别').selectOption('complain');
    await page.getByLabel('标题').fill('烟草公司送货总是拖到晚上');
    await page.getByLabel('留言内容').fill('最近一个月卷烟送货经常拖到晚上九点以后，影响营业。我是店主周建华，电话13957112345。');
    await page.getByLabel('姓名').fill('周建华');
    await page.getByLabel('联系电话').fill('13957112345');
    await page.getByLabel('同意在去除个人信息后公开我的留言和答复').check();
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.getByRole('heading', { name: '留言已提交' }).waitFor();
    [receiptNo, code] = await page.locator('.facts.big dd').allTextContents();
    expect(receiptNo).toMatch(/^LY2026-DEMO00033-\d{5}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await context.close();
  });

  it('the province accepts and forwards it to the city bureau, which answers it after review within the deadline', async () => {
    const province = await signIn('zhejiang.message_officer');
    await openMessage(province);
    await expectAccessible(province);
    await take(province, '受理');
    // The demo clock stands at 2026-03-02: a complaint is answered within 15 working days.
    await province.locator('.ant-alert', { hasText: '答复期限 2026-03-23' }).waitFor();
    await take(province, '转办', async (d) => {
      await pick(province, d, '转办给下级机构', '杭州市烟草专卖局');
      await d.getByLabel('转办说明').fill('请核实送货情况后直接答复留言人。');
    });
    await province.getByText('转办链').waitFor();
    expect(await province.locator('.ant-card', { hasText: '转办链' }).textContent()).toContain('浙江省烟草专卖局 → 杭州市烟草专卖局');

    const city = await signIn('hangzhou.message_officer');
    await openMessage(city);
    await take(city, '提交答复审核', async (d) => {
      await d.getByLabel('答复内容').fill('您好！经核实，您所在线路因调整送货路线导致送达推迟，现已恢复原送货时段，并要求客户经理提前电话告知。');
    });
    await city.getByRole('heading', { name: /答复待审核/ }).waitFor();
    const reviewer = await signIn('hangzhou.reviewer');
    await openMessage(reviewer);
    await take(reviewer, '审核通过');
    await reviewer.getByRole('heading', { name: /答复待发送/ }).waitFor();
    await city.reload();
    await take(city, '发送答复');
    await city.getByRole('heading', { name: /已答复/ }).waitFor();
    expect(await city.getByText('已于 2026-03-02 答复').isVisible()).toBe(true);
  });

  it('the citizen reads the reply and rates it; the province publishes it without personal data', async () => {
    const page = await (await h.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${h.demo.base}/hdjl/track`);
    await page.getByLabel('留言编号').fill(receiptNo);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('已恢复原送货时段').waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('转交杭州市烟草专卖局办理');
    await expectAccessible(page);
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByLabel('评价意见（选填）').fill('处理及时');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor();
    expect(await page.getByText('您的评价：').textContent()).toContain('满意');

    const province = await signIn('zhejiang.message_officer');
    await openMessage(province);
    await province.getByRole('button', { name: '公开', exact: true }).click();
    const dialog = province.getByRole('dialog', { name: '公开留言和答复' });
    const content = await dialog.getByLabel('留言内容').inputValue();
    expect(content).not.toContain('13957112345');
    expect(content).toContain('周某某');
    await dialog.getByRole('button', { name: '公开' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await province.getByText('已公开').first().waitFor();

    await page.goto(`${h.demo.base}/org/zhejiang/hdjl/?q=${encodeURIComponent('送货总是拖到晚上')}`);
    await page.getByRole('link', { name: '烟草公司送货总是拖到晚上' }).click();
    await page.getByRole('heading', { name: '答复内容' }).waitFor();
    const body = (await page.locator('main').textContent())!;
    expect(body).toContain('已恢复原送货时段');
    expect(body).not.toContain('13957112345');
    expect(body).not.toContain('周建华');
    await expectAccessible(page);
  });

  it('the answer goes into the knowledge base, and the service hall finds it from the counter console', async () => {
    const province = await signIn('zhejiang.message_officer');
    await openMessage(province);
    await province.getByRole('button', { name: '转为知识库问答' }).click();
    const drawer = province.getByRole('dialog', { name: '由留言答复转为问答' });
    await drawer.getByLabel('标准问题').fill('卷烟送货时间推迟了怎么办？');
    await drawer.getByLabel('相似问法（每行一条）').fill('烟草公司送货太晚\n送货总是拖到晚上');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'hidden' });

    const hall = await signIn('zhejiang.service_staff');
    await hall.getByRole('menuitem', { name: '问答知识库' }).click();
    await hall.getByLabel('输入群众的问题').fill('送货老是很晚怎么办');
    await hall.getByRole('button', { name: '查找答案' }).click();
    await hall.locator('.ant-card-head-title', { hasText: '卷烟送货时间推迟了怎么办？' }).waitFor();
    await expectAccessible(hall);
  });

  it('the supervisor of the province sees the statistics with charts and exports them to Excel', async () => {
    const page = await signIn('zhejiang.message_officer');
    await page.getByRole('menuitem', { name: '网民留言' }).click();
    await page.getByRole('link', { name: '办理统计' }).click();
    await page.getByRole('heading', { name: '留言办理统计' }).waitFor();
    await page.getByRole('img', { name: /按月收到与答复/ }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    expect(fs.readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
  });

  it('an officer registers a 12313 call in the console and reads the number and code to the caller', async () => {
    const page = await signIn('sichuan.message_officer');
    await page.getByRole('menuitem', { name: '网民留言' }).click();
    await page.getByRole('button', { name: '登记留言' }).click();
    const drawer = page.getByRole('dialog', { name: '登记留言（电话、信件、来访）' });
    await drawer.getByLabel('标题').fill('来电咨询烟证延续材料');
    await drawer.getByLabel('内容').fill('来电人询问烟草专卖零售许可证延续需要哪些材料，能否网上办理。');
    await drawer.getByLabel('姓名').fill('刘先生');
    await drawer.getByLabel('联系电话').fill('13800002222');
    await drawer.getByRole('button', { name: '登记' }).click();
    const info = page.getByRole('dialog', { name: '已登记' });
    await info.waitFor();
    expect(await info.textContent()).toMatch(/留言编号 LY2026-DEMO00051-\d{5}，查询码 [2-9A-Z]{8}/);
    await info.getByRole('button').last().click();
    await page.getByRole('heading', { name: /留言 LY2026-DEMO00051-\d{5}/ }).waitFor();
    expect(await page.getByText('12313 热线').isVisible()).toBe(true);
    await expectAccessible(page);
  });
});
