/// <reference lib="dom" />
import fs from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { testApp, type TestEnv } from '../test/harness.js';
import { seedDemo } from '../src/platform/db/seed.js';
import { ADMIN_DIST } from '../src/app.js';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app, listening on a loopback port, on a fresh database with the demo seed. */
export async function startDemo(): Promise<TestEnv & { base: string; password: string }> {
  if (!fs.existsSync(`${ADMIN_DIST}/index.html`)) throw new Error('The console is not built: run `npm run build` first (npm test does).');
  const env = await testApp();
  const { password } = await seedDemo(env.ctx);
  const address = await env.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...env, base: address, password: password! };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules and returns the violations. */
export async function axe(page: Page): Promise<AxeResults['violations']> {
  // Colours are judged at rest: finite animations and transitions (a panel opening, a dialog fading) end first.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2000)),
    ]),
  );
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // The console's transient toasts (“已保存”) fade in and out on their own and are announced to screen readers; they are not scanned.
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run({ exclude: ['.ant-message'] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations;
  });
}

export const describeViolations = (v: AxeResults['violations']) => v.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');

/** Fails the test with the list of violations when axe-core finds any on the page. */
export async function expectAccessible(page: Page) {
  const v = await axe(page);
  expect(v, describeViolations(v)).toEqual([]);
}

/** A new browser context signed in to the console as a demo account (after any clock jump: sessions end). */
export async function signInAs(h: { demo: { base: string; password: string }; browser: Browser }, username: string): Promise<Page> {
  const page = await (await h.browser.newContext({ bypassCSP: true, acceptDownloads: true })).newPage();
  await page.goto(`${h.demo.base}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(h.demo.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return page;
}

/** A demo installation and a browser for one spec file, closed after it. */
export function useDemoBrowser() {
  const h = {} as { demo: Awaited<ReturnType<typeof startDemo>>; browser: Browser };
  beforeAll(async () => {
    h.demo = await startDemo();
    h.browser = await launch();
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.demo?.close();
  });
  return h;
}

/** A workflow button of the console's item page, its dialog filled by `fill`, confirmed, and closed. */
export async function takeAction(page: Page, action: string, fill?: (d: Locator) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await fill?.(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Opens a catalogue item in the console by its title. */
export async function openCatalogItem(page: Page, title: string) {
  await page.getByRole('menuitem', { name: '主动公开' }).click();
  await page.getByRole('heading', { name: '主动公开信息' }).waitFor();
  await page.getByLabel('查找').fill(title.slice(0, 20));
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { name: title }).waitFor();
}
