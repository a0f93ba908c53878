import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { createOrg, registerUser } from '../harness/builders';
import { expectNoSidewaysScroll, PHONE, pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { eventually, TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s), { worker: true });

describe('browser journey: an enterprise posts a need → an admin publishes it → a visitor on a phone finds it by a sub-word', () => {
  it('works end to end, and the visitor sees only the public part', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局审核员' });
    const manager = await registerUser(api, { displayName: '吴海' });
    await createOrg(api, manager, { verified: true, input: { name: '湛江湾蓝海水产科技有限公司' } });
    const title = '南美白对虾育苗场水质在线监测系统需求';
    const secret = '现有育苗池 120 口，内部预算 65 万元';

    // The enterprise manager fills in the need and submits it for review.
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 1000 } });
    await signIn(page, api.url, manager);
    await page.goto(`${api.url}/needs/new`);
    await page.getByTestId('field-title').fill(title);
    await page.getByTestId('field-summary').fill('育苗池溶解氧、温度、盐度需要实时在线监测并自动报警，降低育苗死亡率。');
    await pickOption(page, 'chains', '现代化海洋牧场');
    await page.keyboard.press('Escape');
    await pickOption(page, 'region', '坡头区');
    await pickOption(page, 'trl', 'TRL 6');
    await pickOption(page, 'category', '关键共性技术需求');
    // A key generic need is submitted only with measurable acceptance criteria (the need-quality gate).
    await page.getByTestId('field-criteria').fill('溶解氧测量误差 ≤ 0.2 mg/L');
    await pickOption(page, 'cooperationModes', '委托开发');
    await page.keyboard.press('Escape');
    await page.getByTestId('field-budget-min').fill('30');
    await page.getByTestId('field-budget-max').fill('80');
    await page.getByTestId('field-confidential').fill(secret);
    await page.getByTestId('field-contact-name').fill('吴工');
    await screenshot(page, '11-need-form');
    // The first save creates the draft (attachments can be added from then on), then submit.
    await page.getByTestId('save-item').click();
    await page.waitForURL(/\/needs\/[0-9a-f-]{36}\/edit$/);
    await page.getByTestId('save-and-submit').click();
    await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/);
    await page.getByTestId('item-status').filter({ hasText: '待审核' }).waitFor();
    const needId = page.url().split('/').pop() as string;

    // The bureau's admin publishes it from the review queue.
    const adminPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 1000 } });
    await signIn(adminPage, api.url, admin);
    await adminPage.goto(`${api.url}/admin/review?kind=need`);
    await adminPage.getByText(title).first().waitFor();
    await screenshot(adminPage, '12-review-queue');
    await adminPage.getByTestId(`publish-${needId}`).click();
    await adminPage.getByTestId(`review-entry-${needId}`).waitFor({ state: 'detached' });

    // A visitor, not signed in and on a phone, searches for a part of a word and finds it.
    await eventually('the need is searchable', async () => (await api.call('GET', `/api/search/needs?q=${encodeURIComponent('对虾')}`)).body.total === 1);
    const visitor = await browser.newPage({ ...PHONE, locale: 'zh-CN' });
    await visitor.goto(`${api.url}/search?tab=needs&q=${encodeURIComponent('对虾')}`);
    const card = visitor.getByTestId('result-card').filter({ hasText: title });
    await card.waitFor();
    expect(await card.locator('mark').first().textContent()).toMatch(/对虾/);
    await screenshot(visitor, '13-visitor-search');
    await expectNoSidewaysScroll(visitor, 'search');
    await card.getByTestId('result-title').tap();
    await visitor.waitForURL(new RegExp(`/needs/${needId}$`));
    await visitor.getByTestId('item-title').filter({ hasText: title }).waitFor();
    await expectNoSidewaysScroll(visitor, 'need');
    await screenshot(visitor, '14-visitor-detail');
    expect(await visitor.getByTestId('confidential-content').count()).toBe(0);
    expect(await visitor.content()).not.toContain('内部预算 65 万元');

    // The owner, by contrast, sees the confidential part on the same page.
    await page.reload();
    await page.getByTestId('confidential-content').filter({ hasText: secret }).waitFor();
  });
});
