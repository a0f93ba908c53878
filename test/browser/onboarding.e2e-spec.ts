import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import * as fs from 'node:fs';
import { PASSWORD, registerUser, uniqueCreditCode, uniqueEmail } from '../harness/builders';
import { pickOption, screenshot, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

describe('browser journey: register → create organisation → admin verifies → the user sees it verified', () => {
  it('works end to end in Chinese, with screenshots kept', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局审核员' });
    const email = uniqueEmail('web');
    const creditCode = uniqueCreditCode();
    const orgName = '湛江湾海洋牧场科技有限公司';

    // The enterprise manager registers and creates the organisation.
    const user = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await user.goto(`${api.url}/register`);
    await user.locator('#displayName').fill('吴海');
    await user.locator('#email').fill(email);
    await user.locator('#password').fill(PASSWORD);
    await user.locator('button[type=submit]').click();
    await user.waitForURL(/\/onboarding$/);
    await user.getByText('在平台上发布需求或成果需要以机构身份进行').waitFor();

    await user.locator('#name').fill(orgName);
    await pickOption(user, 'type', '企业');
    await user.locator('#creditCode').fill(creditCode.toLowerCase());
    await pickOption(user, 'region', '坡头区');
    await screenshot(user, '01-create-organisation');
    await user.getByTestId('create-org').click();
    await user.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    await user.getByTestId('org-name').filter({ hasText: orgName }).waitFor();
    await user.getByTestId('verification-status').filter({ hasText: '未认证' }).waitFor();
    await user.getByText(creditCode).waitFor();

    await user.getByTestId('submit-verification').click();
    await user.getByTestId('verification-status').filter({ hasText: '认证审核中' }).waitFor();
    await screenshot(user, '02-submitted-for-verification');

    // The bureau's admin signs in and approves it from the verification queue.
    const adminPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await adminPage.goto(`${api.url}/login`);
    await adminPage.locator('#email').fill(admin.email);
    await adminPage.locator('#password').fill(PASSWORD);
    await adminPage.locator('button[type=submit]').click();
    await adminPage.getByText('欢迎，科技局审核员').waitFor();
    await adminPage.goto(`${api.url}/admin/verifications`);
    await adminPage.getByText(orgName).waitFor();
    await screenshot(adminPage, '03-admin-verification-queue');
    await adminPage.getByTestId(`approve-${creditCode}`).click();
    await adminPage.getByText('已通过认证').waitFor();
    await adminPage.getByText(orgName).waitFor({ state: 'detached' });

    // The manager sees the organisation verified.
    await user.reload();
    await user.getByTestId('verification-status').filter({ hasText: '已认证' }).waitFor();
    await user.getByText('已认证机构可以发布技术需求、科技成果和揭榜方案。').waitFor();
    await screenshot(user, '04-organisation-verified');

    const { rows } = await api.db.query('SELECT verification_status, verified_by FROM organisation WHERE credit_code = $1', [creditCode]);
    expect(rows).toEqual([{ verification_status: 'verified', verified_by: admin.id }]);

    // English is one click away, and the choice sticks across reloads.
    await user.getByTestId('language-switch').click();
    await user.getByText('Zhanjiang Tech Transfer', { exact: true }).waitFor();
    await user.reload();
    await user.getByTestId('verification-status').filter({ hasText: 'Verified' }).waitFor();
    await screenshot(user, '05-organisation-verified-en');

    // The reload restored the session from the refresh cookie, which no script can read: the page
    // stores no token (docs/security.md #28).
    const readable = await user.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    expect(readable).not.toMatch(/ztt\.refresh|ztt_refresh|eyJ/);
    const cookies = await user.context().cookies();
    expect(cookies.filter((c) => c.name === 'ztt_refresh')).toEqual([expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' })]);
  });

  it('keeps a person out of admin pages and shows a Chinese error for a wrong password', async () => {
    const u = await registerUser(api);
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${api.url}/login`);
    await page.locator('#email').fill(u.email);
    await page.locator('#password').fill('这不是正确的密码');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('form-error').filter({ hasText: '邮箱或密码不正确' }).waitFor();
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${api.url}/admin/users`);
    await page.getByText('403').waitFor();
    expect(await page.getByText('用户与角色').count()).toBe(0);
  });

  it('downloads my data and deletes the account from the profile page (PIPL)', async () => {
    const u = await registerUser(api, { displayName: '浏览器隐私测试' });
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
    await page.goto(`${api.url}/login`);
    await page.locator('#email').fill(u.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${api.url}/profile`);
    await page.getByTestId('personal-data').getByText('个人信息', { exact: true }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('personal-data-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'));
    expect(exported).toMatchObject({ format: 'ztt-personal-data', account: { id: u.id, email: u.email, displayName: '浏览器隐私测试' } });

    await page.getByTestId('account-delete').click();
    await page.getByText('注销后无法恢复，请确认：').waitFor();
    await page.getByTestId('account-delete-password').fill('不是我的密码');
    await page.getByTestId('account-delete-confirm').click();
    await page.getByText('当前密码不正确').first().waitFor();
    await screenshot(page, '06-delete-account-dialog');
    await page.getByTestId('account-delete-password').fill(PASSWORD);
    await page.getByTestId('account-delete-confirm').click();
    await page.waitForURL(/\/login$/);
    const { rows } = await api.db.query(`SELECT status, display_name FROM app_user WHERE id = $1`, [u.id]);
    expect(rows).toEqual([{ status: 'deleted', display_name: '已注销用户' }]);
  });
});
