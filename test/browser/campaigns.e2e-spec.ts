import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { achievementInput, createOrg, needInput, publishItem, registerUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

const bj = new Date(Date.now() + 8 * 3_600_000);
const day = (offset: number) => new Date(bj.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const quarter = `${bj.getUTCFullYear()}Q${Math.floor(bj.getUTCMonth() / 3) + 1}`;

describe('browser journey: a quarterly campaign and the bureau’s dashboard', () => {
  it('an admin invites and opens a campaign, an invited enterprise submits a need, progress shows it against the target, and the dashboard draws the funnel and contract value', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '看板经纪人' });
    const enterprise = await registerUser(api, { displayName: '吴工' });
    const university = await registerUser(api);
    const entOrg = (await createOrg(api, enterprise, { verified: true, input: { name: '湛江征集测试水产有限公司', region: 'potou', industries: ['marine'] } })).id;
    const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江征集测试大学' } })).id;

    // Something for the funnel and the contract-value chart: a match that became a registered contract.
    const achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg));
    const oldNeed = await publishItem(api, 'need', enterprise, admin, needInput(entOrg, { title: '征集前已发布的需求' }));
    const match = (
      await api.db.query(
        `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, status, source, broker_id) VALUES ($1, $2, 0.8, '{}', '{}', '测试', 'deal', 'publication', $3)
         ON CONFLICT (need_id, achievement_id) DO UPDATE SET status = 'deal', broker_id = $3 RETURNING id`,
        [oldNeed, achId, broker.id],
      )
    ).rows[0].id;
    const deal = (
      await api.db.query(
        `INSERT INTO deal (title, match_id, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ('尾水处理对接', $1, $2, $3, $4, 'registered') RETURNING id`,
        [match, entOrg, uniOrg, broker.id],
      )
    ).rows[0].id;
    await api.db.query(`INSERT INTO deal_event (deal_id, type, to_stage) VALUES ($1, 'stage', 'signed'), ($1, 'stage', 'registered')`, [deal]);
    await api.db.query(
      `INSERT INTO contract_registration (deal_id, contract_name, contract_type, contract_subtype, buyer_name, buyer_credit_code, seller_name, seller_credit_code,
         signed_on, period_start, period_end, total_amount, tech_amount, payment_terms, registration_number, registered_on)
       VALUES ($1, '尾水处理技术开发合同', 'dev', 'dev.commissioned', '甲方', '91440800MA00000001', '乙方', '12440000MA00000002', $2, $2, $2, '1800000.00', '1500000.00', '分期', $3, $2)`,
      [deal, day(0), `JOURNEY-${Date.now()}`],
    );

    const created = await api.call('POST', '/api/admin/campaigns', {
      token: admin.token,
      body: {
        title: '旅程测试季度需求征集',
        quarter,
        startsOn: day(-1),
        endsOn: day(20),
        focusIndustries: ['marine'],
        focusRegions: ['potou'],
        targets: [{ dimension: 'region', code: 'potou', kind: 'need', target: 3 }],
        reminderDays: [7],
      },
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.id as string;

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, admin);
    // The editor, as a new campaign starts (the journey's campaign was made through the API above).
    await page.goto(`${api.url}/admin/campaigns/new`);
    await page.getByTestId('campaign-title').fill('示例：下一季度征集');
    await page.getByTestId('target-value').first().waitFor();
    // A target for one organisation: picked by name from the directory, not typed as an id.
    await pickOption(page, 'targets_0_dimension', '机构');
    await pickOption(page, 'targets_0_code', '征集测试水产');
    await page.getByTestId('org-picker').filter({ hasText: '湛江征集测试水产有限公司' }).waitFor();
    await screenshot(page, '40-campaign-editor');
    await page.goto(`${api.url}/admin/campaigns`);
    await page.getByTestId('campaign-link').filter({ hasText: '旅程测试季度需求征集' }).click();
    await page.getByTestId('campaign-heading').waitFor();

    // Invite enterprises in 坡头区, then open.
    await pickOption(page, 'orgTypes', '企业');
    await page.keyboard.press('Escape');
    await pickOption(page, 'regions', '坡头区');
    await page.keyboard.press('Escape');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invitee-table').getByText('湛江征集测试水产有限公司').waitFor();
    await page.getByTestId('campaign-open').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('campaign-status').filter({ hasText: '征集中' }).waitFor();
    await page.getByTestId('campaign-remind').waitFor();
    const invited = await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'campaign.invited' AND user_id = $1`, [enterprise.id]);
    expect(invited.rows[0].n).toBe(1);

    // The invited enterprise reads the invitation and submits a need through the form.
    const ent = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 1000 } });
    await signIn(ent, api.url, enterprise);
    await ent.goto(`${api.url}/notifications`);
    await ent.getByText('邀请参加季度征集').first().waitFor();
    await ent.goto(`${api.url}/needs/new`);
    await ent.getByTestId('field-title').fill('征集期间提交的尾水处理需求');
    await ent.getByTestId('field-summary').fill('对虾养殖尾水氨氮超标，需要一套低成本的尾水处理与回用方案。');
    await pickOption(ent, 'chains', '现代化海洋牧场');
    await ent.keyboard.press('Escape');
    await pickOption(ent, 'region', '坡头区');
    await pickOption(ent, 'trl', 'TRL 6');
    await pickOption(ent, 'category', '关键共性技术需求');
    // A key generic need is submitted only with measurable acceptance criteria (the need-quality gate).
    await ent.getByTestId('field-criteria').fill('溶解氧测量误差 ≤ 0.2 mg/L');
    await pickOption(ent, 'cooperationModes', '委托开发');
    await ent.keyboard.press('Escape');
    await ent.getByTestId('field-contact-name').fill('吴工');
    await ent.getByTestId('save-item').click();
    await ent.waitForURL(/\/needs\/[0-9a-f-]{36}\/edit$/);
    await ent.getByTestId('save-and-submit').click();
    await ent.waitForURL(/\/needs\/[0-9a-f-]{36}$/);
    await ent.getByTestId('item-status').filter({ hasText: '待审核' }).waitFor();
    const needId = ent.url().split('/').pop() as string;

    await page.reload();
    await page.getByTestId('progress-total-needs').filter({ hasText: '1 / 3' }).waitFor();
    await page.getByTestId('invitee-table').getByText('已响应').waitFor();
    await screenshot(page, '41-campaign-progress');
    expect((await api.db.query(`SELECT campaign_id FROM tech_need WHERE id = $1`, [needId])).rows[0].campaign_id).toBe(campaignId);

    // The dashboard: the funnel and the contract value for this quarter.
    await page.goto(`${api.url}/admin/dashboard`);
    const matches = page.getByTestId('chart-funnel-step-matches');
    await matches.waitFor();
    expect(Number(await matches.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('chart-funnel-step-registered').getAttribute('data-value')).toBe('1');
    const bars = page.getByTestId('chart-contract-value-quarter');
    expect(await bars.count()).toBe(4);
    expect(await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).toContain('1800000.00');
    await page.getByTestId('target-amount').fill('5000000');
    await page.getByTestId('target-save').click();
    await page.getByTestId('chart-contract-value-target').waitFor();
    await page.getByTestId('contract-cumulative').filter({ hasText: '1,800,000.00 元 / 年度目标 5,000,000.00 元' }).waitFor();
    await page.getByTestId('chart-industry').waitFor();
    await page.getByTestId('chart-heatmap').waitFor();
    await screenshot(page, '42-dashboard');
    // Filtered to another industry, the contract (a 蓝色海洋 need's) no longer counts, and no share of the city's target is shown.
    await page.getByTestId('filter-industry').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '绿色钢铁' }).first().click();
    await page.getByTestId('contract-filtered').waitFor();
    await page
      .getByTestId('contract-cumulative')
      .filter({ hasText: /：0\.00 元 \/ 年度目标 5,000,000\.00 元/ })
      .waitFor();
    expect(await page.locator('.ant-progress').count()).toBe(0);

    // The public statistics, signed out.
    const anon = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await anon.goto(`${api.url}/stats`);
    await anon.getByTestId('public-industry').waitFor();
    await screenshot(anon, '43-public-stats');
  }, 120_000);
});
