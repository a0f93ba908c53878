import { addDays, beijingDate, PlatformRole } from '@ztt/contracts';
import { Browser, Page } from 'playwright-core';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { ContractParties, contractWithTerms, signedDealWithTerms } from '../harness/contracts';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { eventually, TestApi } from '../harness/test-app';

/*
 * Issue 15 in the browser: after the signature. The enterprise pays and reports, the university
 * confirms and accepts, a 先用后转 trial converts into a licence recorded with its terms, an unpaid
 * instalment goes overdue (the fulfilment scan on the worker) and is then paid, and a contract on a
 * 职务科技成果 is refused at signed until the tech-transfer office approves it.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s), { worker: true, workerEnv: { DEALS_FULFILMENT_SCAN_MS: '300' } });

let admin: TestUser;
let broker: TestUser;
let enterprise: TestUser; // the demand side's admin: pays
let office: TestUser; // the university's admin: its tech-transfer office, receives and approves
let needId: string;
let achId: string;
let parties: ContractParties;
const today = beijingDate();
const PDF = Buffer.from('%PDF-1.4\n% bank slip\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '履约经纪人' });
  enterprise = await registerUser(api, { displayName: '企业财务吴' });
  office = await registerUser(api, { displayName: '技术转移办公室李' });
  const entOrg = await createOrg(api, enterprise, { verified: true, input: { name: '湛江蓝海水产有限公司' } });
  const uniOrg = await createOrg(api, office, { verified: true, input: { type: 'university', name: '湛江海洋科技大学履约旅程' } });
  parties = { buyer: { name: '湛江蓝海水产有限公司', creditCode: entOrg.creditCode }, seller: { name: '湛江海洋科技大学履约旅程', creditCode: uniOrg.creditCode } };
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', office, admin, achievementInput(uniOrg.id, { title: '养殖尾水生态净化与循环利用集成技术' }));
}, 60_000);

async function open(user: TestUser): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
  await signIn(page, api.url, user);
  return page;
}

/** The deal page's 履约 tab. */
async function fulfilmentTab(page: Page, dealId: string): Promise<void> {
  await page.goto(`${api.url}/deals/${dealId}`);
  await page.getByRole('tab', { name: '履约' }).click();
  await page.getByTestId('fulfilment-tab').waitFor();
}

describe('browser journey: a 职务科技成果 contract waits for the university’s approval', () => {
  it('is refused at signed with the reason, the office approves in its queue, then the broker signs', async () => {
    const inventionId = await publishItem(
      api,
      'achievement',
      office,
      admin,
      achievementInput((await api.call('GET', `/api/achievements/${achId}`)).body.ownerOrgId, {
        title: '职务科技成果：对虾病害快速检测技术',
        serviceInvention: true,
        fundingSource: 'provincial',
        rightsGranted: 'long_term_use',
      }),
    );
    const opened = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: inventionId, title: '对虾病害检测技术转让' } });
    await api.db.query(`UPDATE deal SET stage = 'negotiating' WHERE id = $1`, [opened.body.id]);
    const contract = contractWithTerms(parties, { model: 'transfer', price: '1000000.00', instalments: [{ dueOn: addDays(today, 30), amount: '1000000.00' }] }, today);
    expect((await api.call('PUT', `/api/deals/${opened.body.id}/contract`, { token: broker.token, body: contract })).status).toBe(200);

    const page = await open(broker);
    await page.goto(`${api.url}/deals/${opened.body.id}`);
    await page.getByTestId('deal-approval').filter({ hasText: '未申请' }).waitFor();
    await page.getByTestId('deal-next').click();
    await page.getByTestId('stage-confirm').click();
    await page.getByText('该成果为职务科技成果，需经成果所属单位审批通过后才能签约').first().waitFor();
    await screenshot(page, '41-service-invention-refused');
    // The dialog stays open with what was typed; once it is no longer busy, the broker closes it.
    await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    expect(await page.getByTestId('deal-stage').textContent()).toContain('商务谈判');
    await page.getByTestId('approval-request').click();
    await page.getByTestId('deal-approval').filter({ hasText: '待审批' }).waitFor();

    const tto = await open(office);
    await tto.goto(`${api.url}/my/approvals`);
    await tto.getByTestId('approvals-pending').filter({ hasText: '对虾病害检测技术转让' }).waitFor();
    await screenshot(tto, '42-approvals-queue');
    await tto.getByTestId('approval-approve').first().click();
    await tto.getByTestId('approvals-decided').filter({ hasText: '对虾病害检测技术转让' }).waitFor();

    await page.reload();
    await page.getByTestId('deal-approval').filter({ hasText: '可以签约' }).waitFor();
    await page.getByTestId('deal-next').click();
    await page.getByTestId('stage-confirm').click();
    await page.getByTestId('deal-stage').filter({ hasText: '已签约' }).waitFor();
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'deal.approval%' ORDER BY id`, [opened.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['deal.approval_requested', 'deal.approval_approved']);
    await page.close();
    await tto.close();
  });
});

describe('browser journey: a 先用后转 trial becomes a licence, and its royalties are reported and accepted', () => {
  it('the enterprise converts the trial, the broker records the licence with its royalty terms and signs, the enterprise reports sales, the university accepts', async () => {
    const trialId = await signedDealWithTerms(
      api,
      broker,
      { needId, achievementId: achId, title: '尾水净化技术先用后转', parties },
      {
        model: 'use_first',
        trialStartsOn: addDays(today, -90),
        trialEndsOn: addDays(today, 10),
        trialFee: '0',
        conversionOptions: ['licence', 'transfer'],
        conversionDeadline: addDays(today, 40),
        onDecline: 'stop_use',
      },
      90,
    );
    const ent = await open(enterprise);
    await fulfilmentTab(ent, trialId);
    await ent.getByTestId('fulfilment-trial').waitFor();
    await ent.getByTestId('trial-convert-licence').click();
    await ent.getByTestId('trial-convert-licence-confirm').click();
    await ent.getByTestId('trial-converted-link').waitFor();
    await screenshot(ent, '43-trial-converted');
    await ent.getByTestId('trial-converted-link').click();
    await ent.getByTestId('deal-stage').filter({ hasText: '商务谈判' }).waitFor();
    const licenceId = ent.url().split('/').pop() as string;
    expect(licenceId).not.toBe(trialId);

    // The broker records the licence: the contract's registration fields, then its terms in the form.
    expect(
      (await api.call('PUT', `/api/deals/${licenceId}/contract`, { token: broker.token, body: { ...contractWithTerms(parties, undefined, today), terms: undefined } })).status,
    ).toBe(200);
    const page = await open(broker);
    await page.goto(`${api.url}/deals/${licenceId}`);
    await page.getByRole('tab', { name: '技术合同' }).click();
    await pickOption(page, 'terms_model', '许可');
    await page.getByTestId('terms-licence-kind').getByText('普通许可').click();
    await page.getByTestId('terms-licence-field').fill('对虾养殖尾水处理');
    await page.getByTestId('terms-licence-territory').fill('湛江市');
    await page.getByTestId('terms-licence-term-months').fill('24');
    await page.getByTestId('terms-royalty').click();
    await page.getByTestId('terms-royalty-rate').fill('3.5');
    await page.getByTestId('terms-royalty-minimum').fill('100000');
    await page.getByTestId('terms-royalty-period').getByText('半年').click();
    await page.getByTestId('terms-schedule').filter({ hasText: '第1年度最低提成' }).waitFor();
    await screenshot(page, '44-licence-terms');
    await page.getByTestId('contract-save').click();
    await eventually('licence terms saved', async () => (await api.call('GET', `/api/deals/${licenceId}/contract`, { token: broker.token })).body?.terms?.model === 'licence');
    const terms = (await api.call('GET', `/api/deals/${licenceId}/contract`, { token: broker.token })).body.terms;
    expect(terms).toMatchObject({
      model: 'licence',
      kind: 'ordinary',
      termMonths: 24,
      royalty: { rate: '3.5', base: 'sales', minimumAnnual: '100000', reportingPeriod: 'half_yearly' },
    });
    await page.getByTestId('deal-next').click();
    await page.getByTestId('stage-confirm').click();
    await page.getByTestId('deal-stage').filter({ hasText: '已签约' }).waitFor();

    // The enterprise reports the first half year's sales; the royalty shows as it is typed.
    await fulfilmentTab(ent, licenceId);
    await ent.getByTestId('converted-from-link').waitFor();
    const firstReport = (await api.call('GET', `/api/deals/${licenceId}/fulfilment`, { token: broker.token })).body.schedule.find(
      (l: { kind: string }) => l.kind === 'royalty_report',
    ) as {
      seq: number;
    };
    await ent.getByTestId(`report-royalty-${firstReport.seq}`).click();
    await ent.getByTestId('royalty-base').fill('1234567.89');
    await ent.getByTestId('royalty-computed').filter({ hasText: '43,209.88' }).waitFor();
    await ent.getByTestId('royalty-submit').click();
    await ent.getByTestId('fulfilment-royalties').filter({ hasText: '43,209.88' }).waitFor();

    const uni = await open(office);
    await fulfilmentTab(uni, licenceId);
    const report = (await api.call('GET', `/api/deals/${licenceId}/fulfilment`, { token: broker.token })).body.royaltyReports[0] as { id: string };
    await uni.getByTestId(`accept-royalty-${report.id}`).click();
    await uni.getByTestId(`schedule-status-${firstReport.seq}`).filter({ hasText: '已完成' }).waitFor();
    await uni.getByTestId('fulfilment-schedule').filter({ hasText: '应付提成' }).waitFor();
    await screenshot(uni, '45-royalty-accepted');
    for (const p of [ent, page, uni]) await p.close();
  });
});

describe('browser journey: an instalment goes overdue and is then paid', () => {
  it('the scan marks it 已逾期, the enterprise records the payment with its bank slip, the university confirms, and it reads 已付清', async () => {
    const dealId = await signedDealWithTerms(
      api,
      broker,
      { needId, achievementId: achId, title: '尾水净化技术转让', parties },
      {
        model: 'transfer',
        price: '800000.00',
        instalments: [
          { dueOn: addDays(today, -10), amount: '300000.00', label: '首期款' },
          { dueOn: addDays(today, 60), amount: '500000.00', label: '尾款' },
        ],
      },
      60,
    );
    const ent = await open(enterprise);
    await eventually('overdue', async () => {
      const view = (await api.call('GET', `/api/deals/${dealId}/fulfilment`, { token: broker.token })).body;
      return view.schedule[0].status === 'overdue';
    });
    await fulfilmentTab(ent, dealId);
    await ent.getByTestId('schedule-status-1').filter({ hasText: '已逾期' }).waitFor();
    await ent.getByTestId('totals-overdue').filter({ hasText: '300,000.00' }).waitFor();
    await screenshot(ent, '46-instalment-overdue');

    await ent.getByTestId('record-payment-1').click();
    expect(await ent.getByTestId('payment-amount').inputValue()).toBe('300000.00');
    const chooser = ent.waitForEvent('filechooser');
    await ent.getByTestId('payment-proof').click();
    await (await chooser).setFiles({ name: '银行回单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await ent.getByTestId('payment-submit').click();
    await ent.getByTestId('fulfilment-payments').filter({ hasText: '银行回单.pdf' }).waitFor();

    const uni = await open(office);
    await fulfilmentTab(uni, dealId);
    const payment = (await api.call('GET', `/api/deals/${dealId}/fulfilment`, { token: broker.token })).body.payments[0] as { id: string };
    await uni.getByTestId(`confirm-payment-${payment.id}`).click();
    await uni.getByTestId('schedule-status-1').filter({ hasText: '已付清' }).waitFor();
    await uni.getByTestId('totals-paid').filter({ hasText: '300,000.00' }).waitFor();
    await screenshot(uni, '47-instalment-paid');
    const audit = await api.db.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action IN ('deal.schedule_overdue', 'deal.payment_recorded', 'deal.payment_confirmed') ORDER BY id`,
      [dealId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['deal.schedule_overdue', 'deal.payment_recorded', 'deal.payment_confirmed']);
    await ent.close();
    await uni.close();
  });
});
