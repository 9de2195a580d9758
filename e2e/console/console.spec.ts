/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from '../browser.js';
import { totpCode } from '../../src/platform/auth/totp.js';

/**
 * The administrator's task, step by step: given the demo installation, when the system
 * administrator creates a user with a role, then that user signs in with the one-time password,
 * sets a password, binds an authenticator and signs in with a code; an editor of two bureaus
 * switches between them; and the audit administrator finds the user's creation in the audit trail.
 */
describe('the staff console', () => {
  const h = useDemoBrowser();

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${h.demo.base}/admin/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }
  const signOut = (page: Page) => page.getByRole('button', { name: '退出登录' }).click();

  it('creates a user with a role; the user sets a password, binds TOTP and signs in with a code; the audit shows it', async () => {
    const page = await h.browser.newPage();
    await signIn(page, 'guojiaju.sys_admin', h.demo.password);
    await page.getByRole('heading', { name: '工作台' }).waitFor();

    // Given the system administrator, when a user is created with the editor role…
    await page.getByRole('menuitem', { name: '人员与角色' }).click();
    await page.getByRole('heading', { name: '人员与角色' }).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('li.ming');
    await dialog.getByLabel('姓名').fill('李明');
    await dialog.getByRole('checkbox', { name: '信息发布员' }).check();
    await dialog.getByRole('button', { name: '新建' }).click();
    const oneTime = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('cell', { name: 'li.ming' }).waitFor();
    await signOut(page);

    // …then the user must replace the one-time password…
    await signIn(page, 'li.ming', oneTime);
    await page.getByLabel('一次性密码').fill(oneTime);
    await page.getByLabel('新密码', { exact: true }).fill('Li-Ming-Open-Gov-2026');
    await page.getByLabel('再次输入新密码').fill('Li-Ming-Open-Gov-2026');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();

    // …binds an authenticator with the QR code (typing the key, as a phone would read it)…
    await page.getByRole('menuitem', { name: '个人设置' }).click();
    await page.getByLabel('当前密码').last().fill('Li-Ming-Open-Gov-2026');
    await page.getByRole('button', { name: '生成绑定二维码' }).click();
    await page.getByRole('img', { name: /验证器绑定二维码/ }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('验证器显示的 6 位验证码').fill(totpCode(secret, h.demo.clock.now()));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await page.getByText('已绑定验证器').waitFor();
    await signOut(page);

    // …and from now on signs in with a code from the authenticator.
    h.demo.clock.advanceMinutes(1);
    await signIn(page, 'li.ming', 'Li-Ming-Open-Gov-2026');
    await page.getByLabel('动态验证码').fill(totpCode(secret, h.demo.clock.now()));
    await page.getByRole('button', { name: '验证' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(await page.getByText('信息发布员').first().isVisible()).toBe(true);
    await signOut(page);

    // The audit administrator sees the creation in the audit trail.
    await signIn(page, 'guojiaju.audit_admin', h.demo.password);
    await page.getByRole('menuitem', { name: '审计记录' }).click();
    await page.getByRole('heading', { name: '审计记录' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '新建用户' }).filter({ hasText: '国家局系统管理员' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('li.ming');
    await page.close();
  });

  it('lets a user who works for two bureaus switch between them', async () => {
    const page = await h.browser.newPage();
    await signIn(page, 'zhejiang.editor', h.demo.password);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(await page.locator('.ant-select-content, .ant-select-selection-item').first().textContent()).toContain('浙江省烟草专卖局');
    await page.getByTestId('org-switch').click();
    // antd lists options twice: a hidden role=option list for screen readers and the visible items.
    await page.locator('.ant-select-item-option', { hasText: '杭州市烟草专卖局' }).click();
    await page.getByText('已切换到杭州市烟草专卖局').waitFor();
    // The choice lives in the server-side session: it survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(await page.getByTestId('org-switch').textContent()).toContain('杭州市烟草专卖局');
    expect(await page.locator('.ant-descriptions').textContent()).toContain('杭州市烟草专卖局');
    await page.close();
  });

  it('computes a statutory due date on the working-day calendar and lists the notices behind it', async () => {
    const page = await h.browser.newPage();
    await signIn(page, 'zhejiang.disclosure_officer', h.demo.password);
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    const from = page.getByLabel('起算日');
    await from.click();
    await from.fill('2026-09-30');
    await from.press('Enter');
    await page.getByLabel('工作日数').fill('20');
    await page.getByRole('button', { name: '计算' }).click();
    await page.getByText('自 2026-09-30 起第 20 个工作日是 2026-11-03（周二）。').waitFor();
    expect(await page.getByRole('row').filter({ hasText: '国办发明电〔2024〕12号' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /录入 2027 年安排/ }).count()).toBe(0); // only the national system administrator
    await page.close();
  });

  it('checks a reply before publication: personal data marked and masked, an outdated name corrected, a secrecy mark blocking', async () => {
    const page = await h.browser.newPage();
    await signIn(page, 'zhejiang.reviewer', h.demo.password);
    await page.getByRole('menuitem', { name: '公开审查' }).click();
    await page.getByRole('heading', { name: '公开审查' }).waitFor();
    await page.getByLabel('待检查的文本').fill('内部资料\n申请人：张伟，身份证号码：11010519491231002X，联系电话：13800138000。经国家工商总局同意……');
    await page.getByRole('button', { name: '检查' }).click();
    await page.getByText('涉密不上网').waitFor();
    expect(await page.getByTestId('masked-text').textContent()).toContain('申请人：张某，身份证号码：110105********002X，联系电话：138****8000');
    expect(await page.getByRole('row').filter({ hasText: '国家工商总局' }).textContent()).toContain('国家市场监督管理总局');
    await page.close();
  });
});
