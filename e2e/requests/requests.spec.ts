/// <reference lib="dom" />
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, signInAs, useDemoBrowser } from '../browser.js';

/**
 * 依申请公开 as the two sides meet it: a citizen applies on the portal without an account (and
 * without JavaScript), keeps the receipt, and tracks the case; the officer confirms receipt in
 * the console, where the deadline appears, and the citizen sees the change.
 */
describe('依申请公开 in the browser', () => {
  const h = useDemoBrowser();
  let receiptNo = '';
  let code = '';

  async function fillApplication(page: Page) {
    await page.getByLabel('申请人类型').selectOption('NATURAL_PERSON');
    await page.getByLabel('姓名或名称').fill('李建国');
    await page.getByLabel('证件类型').selectOption('ID_CARD');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('电子邮箱').fill('li@example.cn');
    await page.getByLabel('所需信息的描述').fill('2025年度浙江省烟草专卖零售许可证核发数量统计');
    await page.getByLabel('信息的提供形式').selectOption('ELECTRONIC');
    await page.getByLabel('获取信息的方式').selectOption('EMAIL');
  }

  it('works with JavaScript turned off', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.demo.base}/org/hangzhou/ysqgk/`);
    await fillApplication(page);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    expect(await page.locator('.facts.big dd').first().textContent()).toMatch(/^2026-DEMO33010-\d{5}$/);
    await context.close();
  });

  it('a citizen applies on the portal, sees field errors first, then the receipt, and downloads it', async () => {
    // bypassCSP lets the test inject axe-core; the pages themselves run no script.
    const context = await h.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${h.demo.base}/org/zhejiang/xxgk/`);
    await page.getByRole('link', { name: '在线提交政府信息公开申请' }).click();
    await page.getByRole('heading', { name: '政府信息公开申请' }).waitFor();
    await expectAccessible(page);

    // An empty submission comes back with every problem listed and linked to its field.
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: /提交未成功/ }).waitFor();
    expect(await page.getByRole('link', { name: '请填写申请人姓名或名称' }).count()).toBe(1);
    await expectAccessible(page);

    await fillApplication(page);
    await page.getByLabel('身份证明').setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%测试\n') });
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const facts = await page.locator('.facts.big dd').allTextContents();
    [receiptNo, code] = facts;
    expect(receiptNo).toMatch(/^2026-DEMO00033-\d{5}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word' }).click()]);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toContain('.docx');
    await context.close();
  });

  it('the citizen tracks the case; a wrong code gets the same answer as an unknown number', async () => {
    const page = await (await h.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${h.demo.base}/ysqgk/track`);
    await page.getByLabel('受理编号').fill(receiptNo);
    await page.getByLabel('查询码').fill('ZZZZZZZZ');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('未找到与该受理编号和查询码相符的申请').first().waitFor();
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: `受理编号 ${receiptNo}` }).waitFor();
    expect(await page.locator('.track-result').textContent()).toContain('待确认');
    await expectAccessible(page);
  });

  it('the officer confirms receipt in the console, sees the deadline, and the citizen sees it too', async () => {
    const page = await signInAs(h, 'zhejiang.disclosure_officer');
    // The demo bureau has a case near its deadline and one past it: the header says so on every screen.
    await page.getByRole('button', { name: /期限提醒：2 件申请临近答复期限或已超期，其中 1 件已超期/ }).waitFor();
    await page.getByRole('menuitem', { name: '依申请公开' }).click();
    await page.getByRole('link', { name: receiptNo }).click();
    await page.getByRole('heading', { name: new RegExp(`申请 ${receiptNo}`) }).waitFor();
    expect(await page.getByText('待与申请人确认收到申请').isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: '确认收到申请' }).click();
    const dialog = page.getByRole('dialog', { name: '确认收到申请' });
    await dialog.getByRole('button', { name: '确定' }).click();
    // The demo clock stands at 2026-03-02: 20 working days later is 2026-03-30.
    await page.locator('.ant-alert', { hasText: '答复期限 2026-03-30' }).waitFor();
    expect(await page.getByText('剩 20 个工作日').first().isVisible()).toBe(true);
    await page.getByText('网上提交申请').first().waitFor();

    const citizen = await (await h.browser.newContext()).newPage();
    await citizen.goto(`${h.demo.base}/ysqgk/track`);
    await citizen.getByLabel('受理编号').fill(receiptNo);
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByRole('button', { name: '查询' }).click();
    const result = (await citizen.locator('.track-result').textContent())!;
    expect(result).toContain('已登记');
    expect(result).toContain('2026-03-30');
    expect(result).toContain('确认收到申请');
  });

  it('the officer drafts a reply, the reviewer approves it, the officer delivers it, and the citizen downloads the letter', async () => {
    const signIn = async (username: string) => {
      const page = await signInAs(h, username);
      await page.getByRole('menuitem', { name: '依申请公开' }).click();
      await page.getByRole('link', { name: receiptNo }).click();
      await page.getByRole('heading', { name: new RegExp(`申请 ${receiptNo}`) }).waitFor();
      return page;
    };
    const take = async (page: Page, action: string, fill?: (d: ReturnType<Page['getByRole']>) => Promise<void>) => {
      await page.getByRole('button', { name: action, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: action });
      await fill?.(dialog);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };

    const officer = await signIn('zhejiang.disclosure_officer');
    await take(officer, '拟写答复', async (d) => {
      // An Ant Design select: open it, pick the option, and make sure the choice took (the list animates).
      const option = '予以公开（第三十六条第（二）项）';
      const chosen = d.locator(`.ant-select-content-has-value[title="${option}"]`);
      for (let tries = 0; tries < 3 && (await chosen.count()) === 0; tries++) {
        await d.getByLabel('答复类型').click();
        await officer.locator('.ant-select-item-option', { hasText: option }).click();
        await officer.waitForTimeout(300);
      }
      await chosen.first().waitFor();
      await d.getByLabel(/提供的政府信息或获取途径/).fill('2025年度烟草专卖零售许可证核发情况统计表');
    });
    await take(officer, '提交审核');
    await officer.getByRole('heading', { name: /审核中/ }).waitFor();

    const reviewer = await signIn('zhejiang.reviewer');
    await take(reviewer, '审核通过');
    await reviewer.getByRole('heading', { name: /待送达/ }).waitFor();
    expect(await reviewer.getByText('公开答〔2026〕').first().isVisible()).toBe(true);

    await officer.reload();
    await take(officer, '送达答复');
    await officer.getByRole('heading', { name: /已答复/ }).waitFor();
    await expectAccessible(officer);

    const citizen = await (await h.browser.newContext({ acceptDownloads: true })).newPage();
    await citizen.goto(`${h.demo.base}/ysqgk/track`);
    await citizen.getByLabel('受理编号').fill(receiptNo);
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByRole('button', { name: '查询' }).click();
    const letter = citizen.locator('form.inline-form', { hasText: '政府信息公开申请答复告知书' });
    const [download] = await Promise.all([citizen.waitForEvent('download'), letter.getByRole('button', { name: '下载 Word' }).click()]);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    expect(xml).toContain('李建国：');
    expect(xml).toContain('第三十六条第（二）项');
    expect(xml).toContain('2025年度烟草专卖零售许可证核发情况统计表');
  });
});
