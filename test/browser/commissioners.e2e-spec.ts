import { beijingDate, PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { createOrg, registerUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';
import { PDF } from '../harness/world';

/*
 * Issue 17 part 3: a 科技特派员 logs a service on the workbench with a scan of the sign-in sheet;
 * the served enterprise's member follows the notification to /my/services, confirms and rates it.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

describe('browser journey: a commissioner logs a service and the served enterprise confirms it (issue 17)', () => {
  it('logs a service with a file on /my/commissioner, and the enterprise member confirms it with 5 stars on /my/services', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const commissioner = await registerUser(api, { roles: [PlatformRole.Commissioner], displayName: '陈海洋研究员' });
    const member = await registerUser(api, { displayName: '徐闻合作社社长' });
    const institute = (await createOrg(api, admin, { verified: true, input: { name: '广东海洋大学浏览器测试', type: 'university' } })).id;
    const coop = (await createOrg(api, member, { verified: true, input: { name: '徐闻对虾养殖合作社浏览器测试', region: 'xuwen' } })).id;
    const entry = await api.call('POST', '/api/admin/commissioners', {
      token: admin.token,
      body: { userId: commissioner.id, institutionOrgId: institute, chains: ['marine.ranching'], keywords: ['对虾'] },
    });
    expect(entry.status).toBe(201);
    const year = beijingDate().slice(0, 4);
    const assigned = await api.call('POST', `/api/admin/commissioners/${entry.body.id}/assignments`, {
      token: admin.token,
      body: { region: 'xuwen', servedOrgId: coop, startsOn: `${year}-01-01` },
    });
    expect(assigned.status).toBe(201);

    // The commissioner logs today's visit and attaches the sign-in sheet.
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, commissioner);
    await page.goto(`${api.url}/my/commissioner`);
    await page.getByTestId('log-place').waitFor();
    await pickOption(page, 'servedOrgId', '徐闻对虾养殖合作社浏览器测试');
    await page.getByTestId('log-place').fill('徐闻县下桥镇育苗场');
    await page.getByTestId('log-content').fill('现场指导对虾育苗池水质调控');
    await page.getByTestId('log-submit').click();
    await page.locator('.ant-message-notice').filter({ hasText: '服务已登记，已通知服务对象确认' }).waitFor();
    const logged = page.getByTestId('service-log').filter({ hasText: '现场指导对虾育苗池水质调控' });
    await logged.getByTestId('service-unconfirmed').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '签到表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await logged.getByTestId('service-file').filter({ hasText: '签到表.pdf' }).waitFor();
    await screenshot(page, '180-commissioner-service-logged');

    // The cooperative's member follows the notification and confirms with 5 stars.
    const served = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(served, api.url, member);
    await served.goto(`${api.url}/notifications`);
    await served.getByText('科技特派员登记了一次服务，请确认').click();
    await served.waitForURL(/\/my\/services$/);
    const item = served.getByTestId('service-log').filter({ hasText: '现场指导对虾育苗池水质调控' });
    await item.getByText('陈海洋研究员（科技特派员）').waitFor();
    await item.getByTestId('service-confirm').click();
    await served.getByTestId('service-rating').getByRole('radio').nth(4).click();
    await served.getByTestId('service-comment').fill('指导到位，问题已解决');
    await served.getByTestId('service-confirm-ok').click();
    await served.locator('.ant-message-notice').filter({ hasText: '已确认，感谢您的评价' }).waitFor();
    await item.getByTestId('service-confirmed').waitFor();
    await item.getByText('评分：5 分').waitFor();
    expect(await item.getByTestId('service-confirm').count()).toBe(0);
    await screenshot(served, '181-commissioner-service-confirmed');

    // Back on the workbench, the commissioner sees the confirmation and can add no more files.
    await page.reload();
    await logged.getByTestId('service-confirmed').waitFor();
    expect(await logged.getByTestId('log-upload').count()).toBe(0);
  });
});
