import { PlatformRole } from '@ztt/contracts';
import { Browser, Page } from 'playwright-core';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

async function as(user: TestUser): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1300, height: 900 } });
  await signIn(page, api.url, user);
  return page;
}

/**
 * Confirms the open Popconfirm. A click that lands while the popover is still animating in can
 * be lost, so a popover still open a few seconds later gets one more click.
 */
async function confirm(page: Page): Promise<void> {
  const open = page.locator('.ant-popconfirm:visible');
  const ok = open.locator('.ant-btn-primary').last();
  await ok.waitFor();
  await ok.click();
  const closed = await open.waitFor({ state: 'hidden', timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) {
    await ok.click();
    await open.waitFor({ state: 'hidden' });
  }
}

describe('browser journey: 揭榜挂帅 from publication to the first accepted milestone', () => {
  it('admin publishes → researcher applies → reviewer scores → admin awards → team submits a milestone → owner accepts', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局 周主任' });
    const owner = await registerUser(api, { displayName: '吴海（验收人）' });
    const researcher = await registerUser(api, { displayName: '林海教授' });
    const reviewer = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '王芳教授' });
    await createOrg(api, owner, { verified: true, input: { name: '湛江蓝海牧场浏览器测试公司' } });
    await createOrg(api, researcher, { verified: true, input: { type: 'university', name: '湛江海洋大学浏览器测试', region: 'mazhang' } });

    // The admin writes the challenge in the editor and publishes it.
    const adminPage = await as(admin);
    await adminPage.goto(`${api.url}/challenges/new`);
    await pickOption(adminPage, 'ownerOrgId', '湛江蓝海牧场浏览器测试公司');
    await pickOption(adminPage, 'acceptorUserId', '吴海');
    await adminPage.locator('#title').fill('深远海养殖平台抗台风锚泊系统攻关');
    await adminPage.locator('#background').fill('现有锚泊系统在 15 级风况下失效，需要可靠的锚泊与在线监测方案。');
    await adminPage.locator('#indicators_0_name').fill('抗风等级');
    await adminPage.locator('#indicators_0_target').fill('≥ 17');
    await adminPage.locator('#indicators_0_unit').fill('级');
    await adminPage.locator('#indicators_0_verification').fill('水池模型试验与第三方检测');
    await pickOption(adminPage, 'chains', '海洋牧场');
    await adminPage.locator('#bounty').fill('2000000');
    await adminPage.locator('#fundingSource').fill('市财政科技专项');
    await adminPage.locator('#applicationDeadline').click();
    await adminPage.locator('#applicationDeadline').fill('2030-12-31 18:00:00');
    await adminPage.locator('#applicationDeadline').press('Enter');
    await adminPage.getByTestId('rubric-sum').filter({ hasText: '100/100' }).waitFor();
    await screenshot(adminPage, '41-challenge-editor');
    await adminPage.getByTestId('challenge-save-publish').click();
    await adminPage.getByTestId('challenge-status').filter({ hasText: '征集中' }).waitFor();
    const challengeId = new URL(adminPage.url()).pathname.split('/')[2] as string;
    expect(challengeId).toMatch(/^[0-9a-f-]{36}$/);

    // The researcher finds it on the public board and applies for the university.
    const team = await as(researcher);
    await team.getByTestId('nav-challenges').click();
    await team.getByTestId('challenge-link').filter({ hasText: '深远海养殖平台抗台风锚泊系统攻关' }).click();
    await team.getByTestId('challenge-bounty').filter({ hasText: '2,000,000.00 元' }).waitFor();
    await screenshot(team, '42-challenge-detail');
    await team.getByTestId('challenge-apply').click();
    await team.locator('#technicalRoute').fill('张紧式合成纤维缆与吸力锚组合，配合实时张力监测。');
    await team.locator('#plans_0').fill('数值模拟与 1:40 水池模型试验验证 17 级风况。');
    await team.locator('#schedule').fill('第 1–6 月设计，第 7–12 月试验，第 13–24 月示范。');
    await team.locator('#budget').fill('1900000');
    await team.getByTestId('apply-submit').click();
    await team.getByTestId('application-status').filter({ hasText: '已提交' }).waitFor();
    await screenshot(team, '43-challenge-application');

    // The admin forms the panel and starts the review.
    await adminPage.goto(`${api.url}/admin/challenges/${challengeId}`);
    await pickOption(adminPage, 'panel-select', '王芳教授');
    await adminPage.keyboard.press('Escape');
    await adminPage.getByTestId('panel-save').click();
    await adminPage.getByText('评审组已保存并通知专家').waitFor();
    await adminPage.getByTestId('admin-start-review').click();
    await confirm(adminPage);
    await adminPage.getByTestId('challenge-status').filter({ hasText: '评审中' }).waitFor();

    // The reviewer declares, then scores each criterion.
    const expert = await as(reviewer);
    // 揭榜评审 (in the workspace menu) opened by its address: a hover menu is at the mercy of timing on a busy machine.
    await expert.goto(`${api.url}/review/challenges`);
    await expert.getByTestId('review-panel-link').first().click();
    await expert.getByTestId('declaration-submit').click();
    await expert.getByTestId('declared').waitFor();
    await expert.getByTestId('review-open').first().click();
    for (const [i, v] of [90, 80, 85, 70].entries()) await expert.locator(`#scores_${i}`).fill(String(v));
    await screenshot(expert, '44-challenge-score-sheet');
    await expert.getByTestId('score-submit').click();
    // 90×40% + 80×30% + 85×20% + 70×10% = 84.00
    await expert.getByTestId('my-score').filter({ hasText: '84.00' }).waitFor();

    // The admin awards with a rationale; after the objection window, finalises.
    await adminPage.reload();
    await adminPage.getByTestId('ranking').getByText('84.00').first().waitFor();
    await adminPage.locator('[data-testid=ranking] .ant-radio-input').first().check();
    await adminPage.getByTestId('award-rationale').fill('综合得分第一，技术路线成熟可行。');
    await adminPage.getByTestId('award-submit').click();
    await confirm(adminPage);
    await adminPage.getByTestId('challenge-status').filter({ hasText: '公示中' }).waitFor();
    await adminPage.goto(`${api.url}/challenges/${challengeId}/notice`);
    await adminPage.getByTestId('notice-winners').filter({ hasText: '湛江海洋大学浏览器测试' }).waitFor();
    await screenshot(adminPage, '45-challenge-notice');
    // The clock moves past the objection window.
    await api.db.query(`UPDATE challenge SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [challengeId]);
    await api.db.query(`UPDATE challenge_decision SET notice_ends_at = now() - interval '1 second' WHERE challenge_id = $1`, [challengeId]);
    await adminPage.goto(`${api.url}/admin/challenges/${challengeId}`);
    await adminPage.getByTestId('admin-finalise').click();
    await adminPage.getByTestId('challenge-status').filter({ hasText: '实施中' }).waitFor();

    // The team submits its first milestone.
    await team.goto(`${api.url}/challenges/${challengeId}/milestones`);
    const first = team.getByTestId('milestone').first();
    await first.getByTestId('milestone-report').fill('已签订任务书，提交实施方案与水池试验计划。');
    await first.getByTestId('milestone-result-0').fill('设计值 17 级');
    await first.getByTestId('milestone-submit').click();
    await first.getByTestId('milestone-status').filter({ hasText: '待验收' }).waitFor();

    // The owner accepts it; the tranche (60% of the bounty) is recorded.
    const acceptor = await as(owner);
    await acceptor.goto(`${api.url}/challenges/${challengeId}/milestones`);
    const toReview = acceptor.getByTestId('milestone').first();
    await toReview.getByTestId('milestone-comment').fill('同意验收');
    await toReview.getByTestId('milestone-accept').click();
    await toReview.getByTestId('milestone-payment').filter({ hasText: '已记录拨付 1,200,000.00 元' }).waitFor();
    await screenshot(acceptor, '46-challenge-milestone-accepted');
    const paid = await api.db.query(`SELECT p.amount::text AS amount FROM challenge_payment p JOIN challenge_milestone m ON m.id = p.milestone_id WHERE m.challenge_id = $1`, [
      challengeId,
    ]);
    expect(paid.rows).toEqual([{ amount: '1200000.00' }]);
  });
});
