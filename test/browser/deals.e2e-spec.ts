import { PlatformRole } from '@ztt/contracts';
import { Browser, Page } from 'playwright-core';
import { achievementInput, createOrg, needInput, publishItem, registerUser } from '../harness/builders';
import { openFromMenu, pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

const PDF = Buffer.from('%PDF-1.4\n% NDA signed by both parties\n%%EOF\n');

/** Fills an Ant Design date picker by its field id and confirms the typed date. */
async function pickDate(page: Page, id: string, date: string): Promise<void> {
  const input = page.locator(`.ant-modal #${id}, .ant-modal [id$="_${id}"]`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('browser journey: from a match to a signed and registered technology contract', () => {
  it('opens a deal from a match, moves it through the NDA to signed, records the contract and its registration number, and the performance page shows the value', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '陈经纪' });
    const enterprise = await registerUser(api, { displayName: '吴工' });
    const university = await registerUser(api);
    const entOrg = await createOrg(api, enterprise, { verified: true, input: { name: '湛江蓝海水产有限公司' } });
    const uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学旅程测试' } });
    const needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
    const achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id, { title: '养殖尾水生态净化与循环利用集成技术' }));
    // A match handed to this broker (matching itself is covered by the matching journeys).
    await api.db.query(
      `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source, broker_id, assigned_at)
       VALUES ($1, $2, 0.82, '{"text":0.9,"chain":1,"keywords":0.8,"trl":1,"mode":0.5,"budget":0.5,"region":0.5,"freshness":1}',
               '{"sharedTerms":["尾水处理"],"sharedChains":["marine.ranching"],"sharedIndustries":["marine"],"needTrl":6,"achievementTrl":7,"sharedModes":[],"withinBudget":null,"sameRegion":false}',
               '共同技术词：尾水处理', 'publication', $3, now())`,
      [needId, achId, broker.id],
    );

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, broker);
    await page.getByTestId('nav-broker').click();
    await page.getByTestId('workbench-item').first().waitFor();
    await page.getByTestId('open-deal').first().click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    await page.getByTestId('deal-stage').filter({ hasText: '线索' }).waitFor();
    const dealId = page.url().split('/').pop() as string;

    // lead → contacted needs nothing; the NDA step needs the uploaded NDA and its date.
    await page.getByTestId('deal-next').click();
    await page.getByTestId('deal-stage').filter({ hasText: '已联系' }).waitFor();
    await page.getByRole('tab', { name: '文件' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '保密协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('deal-document').filter({ hasText: '保密协议.pdf' }).waitFor();
    await page.getByTestId('deal-next').click();
    await pickOption(page, 'documentId', '保密协议');
    await pickDate(page, 'signedOn', '2026-11-10');
    await screenshot(page, '31-deal-nda-gate');
    await page.getByTestId('stage-confirm').click();
    await page.getByTestId('deal-stage').filter({ hasText: '已签保密协议' }).waitFor();
    // The step's toast opens below the header, so the menu stays within reach while it shows.
    const toast = page.locator('.ant-message-notice').filter({ hasText: '已进入“已签保密协议”' });
    await toast.waitFor();
    const header = (await page.locator('.ant-layout-header').boundingBox())!;
    expect(header.y).toBe(0);
    // Toasts slide in, so read where their holder puts them rather than where one is mid-slide.
    const toastsTop = await page.locator('.ant-message', { has: toast }).evaluate((el) => parseFloat(getComputedStyle(el).top));
    expect(toastsTop).toBeGreaterThanOrEqual(header.height);
    // The NDA opened each side's confidential details to the other.
    expect((await api.call('GET', `/api/achievements/${achId}`, { token: enterprise.token })).body.confidentialDetails).toContain('核心配方');

    // On the kanban: drag the card to due diligence, then the keyboard/button alternative for the next step.
    await openFromMenu(page, 'nav-workspace', 'nav-pipeline');
    const card = page.getByTestId('column-nda_signed').getByTestId('deal-card');
    await card.waitFor();
    await card.dragTo(page.getByTestId('column-due_diligence'));
    await page.getByTestId('column-due_diligence').getByTestId('deal-card').waitFor();
    await page.getByTestId('column-due_diligence').getByTestId('deal-next').click();
    await page.getByTestId('column-negotiating').getByTestId('deal-card').waitFor();
    await screenshot(page, '32-deal-pipeline');
    // Signed asks for the contract in the dialog.
    await page.getByTestId('column-negotiating').getByTestId('deal-next').click();
    await page.getByTestId('contract-name').waitFor();
    await page.locator('#contractNo').fill('ZJ-JS-2026-0042');
    await pickOption(page, 'contractType', '技术转让合同');
    await pickOption(page, 'contractSubtype', '专利权转让');
    await page.locator('#buyer_creditCode').fill(entOrg.creditCode);
    await page.locator('#seller_creditCode').fill(uniOrg.creditCode);
    await pickDate(page, 'signedOn', '2026-11-20');
    await pickDate(page, 'periodStart', '2026-12-01');
    await pickDate(page, 'periodEnd', '2027-11-30');
    await page.locator('#totalAmount').fill('1234567.89');
    await page.locator('#techAmount').fill('1000000.00');
    await page.locator('#paymentTerms').fill('签约后 30 日内付 50%，验收后付清');
    await screenshot(page, '33-deal-contract-gate');
    await page.getByTestId('stage-confirm').click();
    await page.getByTestId('column-signed').getByTestId('deal-card').waitFor();

    // Registration: the number and date, on the deal page.
    await page.goto(`${api.url}/deals/${dealId}`);
    await page.getByTestId('deal-stage').filter({ hasText: '已签约' }).waitFor();
    await page.getByTestId('deal-next').click();
    await page.locator('#number').fill('2026440800000042');
    await pickDate(page, 'registeredOn', '2026-11-28');
    await page.getByTestId('stage-confirm').click();
    await page.getByTestId('deal-stage').filter({ hasText: '已认定登记' }).waitFor();
    await page.getByRole('tab', { name: '技术合同' }).click();
    await page.getByTestId('registration-info').filter({ hasText: '2026440800000042' }).waitFor();
    expect(await page.locator('#totalAmount').inputValue()).toBe('1234567.89');
    await page.getByRole('tab', { name: '保密信息' }).click();
    await page.getByTestId('deal-confidential').filter({ hasText: '核心配方与工艺参数' }).waitFor();
    await page.getByRole('tab', { name: '进展时间线' }).click();
    await page.getByTestId('timeline-item').filter({ hasText: '进入“已认定登记”' }).waitFor();
    await screenshot(page, '34-deal-registered');

    // The broker's performance counts the registered contract's value.
    await openFromMenu(page, 'nav-workspace', 'nav-broker-performance');
    await page.getByTestId('performance-value').filter({ hasText: '¥1,234,567.89' }).waitFor();
    await screenshot(page, '35-broker-performance');

    // The need's owner sees the deal and its timeline, but no private notes tab.
    const party = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 900 } });
    await signIn(party, api.url, enterprise);
    await party.goto(`${api.url}/deals`);
    await party.getByTestId('deal-link').first().click();
    await party.getByTestId('deal-stage').filter({ hasText: '已认定登记' }).waitFor();
    await party.getByTestId('timeline-item').first().waitFor();
    expect(await party.getByRole('tab', { name: '私密备注' }).count()).toBe(0);
    await screenshot(party, '36-deal-party-view');
  });
});
