import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { challengeInput, createOrg, registerUser, TestUser } from '../harness/builders';
import { screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

/*
 * Issue 17 (专家库): on the challenge desk, the admin forming the review panel sees the suggested
 * experts with the reason, and apart the expert linked to the applicant with why; adding the
 * suggestion seats the expert on the panel.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

describe('browser journey: panel suggestions from the expert directory (issue 17)', () => {
  it('shows the fitting expert with the reason, the linked one left out with why, and seats the suggestion on the panel', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const fit = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '浏览器锚泊专家' });
    const linked = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '浏览器关联专家' });
    const lead = await registerUser(api, { displayName: '浏览器揭榜负责人' });
    const owner = await registerUser(api);
    const ownerOrg = (await createOrg(api, owner, { verified: true, input: { name: '浏览器发榜企业' } })).id;
    const applicantOrg = (await createOrg(api, lead, { verified: true, input: { name: '浏览器揭榜公司' } })).id;
    const must = async (res: Promise<{ status: number; body: { id: string } }>, status: number) => {
      const r = await res;
      expect(`${r.status} ${r.status === status ? '' : JSON.stringify(r.body)}`).toBe(`${status} `);
      return r.body.id;
    };
    const profile = async (u: TestUser, extra: Record<string, unknown>) => {
      const id = await must(
        api.call('PUT', '/api/me/expert-profile', {
          token: u.token,
          body: { kind: 'external', chains: ['marine.equipment'], keywords: ['锚泊'], titles: ['研究员'], conflicts: [], ...extra },
        }),
        200,
      );
      await must(api.call('POST', `/api/admin/experts/${id}/review`, { token: admin.token, body: { decision: 'verify' } }), 201);
    };
    await profile(fit, {});
    await profile(linked, { affiliatedOrgIds: [applicantOrg] });
    const challenge = await must(
      api.call('POST', '/api/challenges', {
        token: admin.token,
        body: challengeInput(ownerOrg, owner.id, { title: '浏览器测试：养殖平台锚泊系统攻关', background: '现有锚泊系统在台风中失效。', bounty: '1000000.00', periodMonths: 12 }),
      }),
      201,
    );
    expect((await api.call('POST', `/api/admin/challenges/${challenge}/publish`, { token: admin.token })).status).toBe(200);
    await must(
      api.call('POST', `/api/challenges/${challenge}/applications`, {
        token: lead.token,
        body: {
          orgId: applicantOrg,
          technicalRoute: '吸力锚。',
          indicatorPlans: [{ indicator: 0, plan: '水池试验' }],
          schedule: '12 个月',
          budget: '900000.00',
          budgetNotes: '',
          team: [{ name: '浏览器揭榜负责人', role: '项目负责人' }],
          achievementIds: [],
          ipItems: [],
        },
      }),
      201,
    );

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, admin);
    await page.goto(`${api.url}/admin/challenges/${challenge}`);
    const suggestions = page.getByTestId('panel-suggestions');
    const row = suggestions.locator('tr', { hasText: '浏览器锚泊专家' });
    await row.getByText('同属产业链：海工装备制造；关键词：锚泊').waitFor();
    await page.getByTestId('panel-excluded').getByText('浏览器关联专家：与揭榜方 浏览器揭榜公司 有关联：本人近三年任职或所属机构含浏览器揭榜公司').waitFor();
    expect(await suggestions.locator('tr', { hasText: '浏览器关联专家' }).count()).toBe(0);
    await screenshot(page, '175-panel-suggestions');

    await row.getByTestId(`suggestion-add-${fit.id}`).click();
    await row.getByText('已在评审组').waitFor();
    const panel = await api.call('GET', `/api/admin/challenges/${challenge}/panel`, { token: admin.token });
    expect(panel.body.reviewers.map((r: { userId: string }) => r.userId)).toEqual([fit.id]);
    await page.close();
  });
});
