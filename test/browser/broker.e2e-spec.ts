import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { achievementInput, createOrg, needInput, publishItem, registerUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack, waitForFullTopMenu } from '../harness/browser';
import { eventually, TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s), { worker: true });

describe('browser journey: a broker works a match and the bureau sees it counted', () => {
  it('reads the reason, dismisses with a reason, and the admin’s metrics count it', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局' });
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '李明' });
    expect(
      (await api.call('PUT', '/api/broker/profile', { token: broker.token, body: { chains: ['marine.ranching'], regions: ['potou'], capacity: 20, active: true } })).status,
    ).toBe(200);
    const enterprise = await registerUser(api);
    const university = await registerUser(api);
    const entOrg = (await createOrg(api, enterprise, { verified: true })).id;
    const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学' } })).id;
    await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, {
        title: '养殖尾水生态净化与循环利用集成技术',
        summary: '人工湿地组合工艺处理对虾养殖尾水。',
        keywords: ['尾水处理'],
        cooperationModes: ['transfer'],
      }),
    );
    await eventually('indexed', async () => (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent('尾水')}`)).body.total === 1);
    const needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg, { cooperationModes: ['transfer'] }));
    expect((await api.call('POST', `/api/needs/${needId}/matches/refresh`, { token: enterprise.token })).status).toBe(200);

    // A 1280-pixel laptop screen: the whole top menu fits, the workbench is not folded under "…".
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await signIn(page, api.url, broker);
    await page.getByTestId('nav-broker').waitFor();
    await waitForFullTopMenu(page);
    await page.getByTestId('nav-broker').click();
    const item = page.getByTestId('workbench-item').first();
    await item.waitFor();
    await item.getByTestId('match-reason').filter({ hasText: '同属产业链：现代化海洋牧场' }).waitFor();
    await screenshot(page, '21-broker-workbench');
    // 有用: the broker's verdict shows as a count on the match and in the bureau's metrics.
    await item.locator('[data-testid^="useful-"]').click();
    await item.locator('[data-testid^="useful-"][aria-pressed="true"]').filter({ hasText: '1' }).waitFor();
    await item.locator('[data-testid^="dismiss-"]').click();
    await pickOption(page, 'dismiss-reason', '已有合作');
    await page.getByTestId('dismiss-confirm').click();
    await item.getByTestId('match-status').filter({ hasText: '已排除 · 已有合作' }).waitFor();

    const adminPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 900 } });
    await signIn(adminPage, api.url, admin);
    await adminPage.goto(`${api.url}/admin/matching`);
    await adminPage.getByTestId('dismissed-by-reason').filter({ hasText: '已有合作：1' }).waitFor();
    await adminPage.getByText('李明').waitFor();
    const useful = adminPage.getByTestId('matching-metrics').locator('.ant-statistic').filter({ hasText: '被评为有用' });
    await useful.locator('.ant-statistic-content-value').filter({ hasText: /^1$/ }).waitFor();
    // The admin tunes the model: text relevance counts for more; the page says it was tuned.
    await adminPage.getByTestId('model-edit').click();
    await adminPage.locator('#weights_text').fill('0.6');
    await adminPage.getByTestId('model-save').click();
    await adminPage.getByTestId('model-source').filter({ hasText: '管理员已调整' }).waitFor();
    await adminPage.getByTestId('matching-model').getByText('文本相关度 60%').waitFor();
    await screenshot(adminPage, '22-admin-matching');
  });
});
