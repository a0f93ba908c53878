import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { createOrg, registerUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

/*
 * Issue 16: a platform admin issues a partner organisation an API key on /admin/partners, sees it
 * once, the partner reads the change feed with it, and once the admin revokes it the same key is
 * refused.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

/** The partner's call: a plain request with the key in `X-Api-Key`, as a partner's server makes it. */
const readFeed = (key: string) => fetch(`${api.url}/api/partner/feed`, { headers: { 'X-Api-Key': key } });

describe('browser journey: a partner API key, issued, used and revoked (issue 16)', () => {
  it('issues a catalogue:read key shown once, which reads the feed until the admin revokes it in the page', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const partner = await registerUser(api);
    await createOrg(api, partner, { verified: true, input: { name: '华南技术转移中心浏览器测试' } });

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, admin);
    await page.goto(`${api.url}/admin/partners`);
    await page.getByTestId('partner-keys').getByText('尚未签发密钥').waitFor();

    // Issue: the organisation, a name, and only the catalogue scope (the form's default).
    await page.getByTestId('partner-create').click();
    await page.getByTestId('partner-name').waitFor();
    await pickOption(page, 'orgId', '华南技术转移中心浏览器测试');
    await page.getByTestId('partner-name').fill('湛茂成果共享');
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('partner-name') });
    expect(await dialog.getByRole('checkbox', { name: '读取公开目录' }).isChecked()).toBe(true);
    for (const other of ['读取揭榜挂帅', '提交需求与成果', '新内容推送']) expect(await dialog.getByRole('checkbox', { name: other }).isChecked()).toBe(false);
    await page.getByTestId('partner-create-submit').click();

    // Shown once: the whole key, with the warning, copied from the page.
    const secretShown = page.getByTestId('partner-secret');
    await secretShown.waitFor();
    const secret = ((await secretShown.textContent()) ?? '').trim();
    expect(secret).toMatch(/^ztt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await page.getByText('这是该密钥唯一一次完整显示').waitFor();
    await screenshot(page, '170-partner-key-shown-once');
    await page.getByTestId('partner-created-close').click();
    await secretShown.waitFor({ state: 'detached' });
    // Once closed, the key is nowhere in the page; the list names it by its public part only.
    const row = page.getByTestId('partner-keys').locator('tr', { hasText: '湛茂成果共享' });
    await row.getByTestId('partner-key-status').filter({ hasText: '有效' }).waitFor();
    await row.getByText(`${secret.split('_').slice(0, 2).join('_')}_…`).waitFor();
    expect(await page.content()).not.toContain(secret);

    // The partner reads the feed with it.
    const allowed = await readFeed(secret);
    expect(allowed.status).toBe(200);
    expect(Array.isArray(((await allowed.json()) as { entries: unknown }).entries)).toBe(true);

    // Revoke, confirmed in the popover.
    await row.getByTestId('partner-revoke').click();
    await page.getByText('吊销密钥「湛茂成果共享」？').waitFor();
    await page.getByTestId('partner-revoke-confirm').click();
    await page.locator('.ant-message-notice').filter({ hasText: '密钥已吊销' }).waitFor();
    await row.getByTestId('partner-key-status').filter({ hasText: '已吊销' }).waitFor();
    expect(await row.getByTestId('partner-revoke').count()).toBe(0);
    await screenshot(page, '171-partner-key-revoked');

    // The same key is now refused.
    const refused = await readFeed(secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('API_KEY_INVALID');
  });
});
