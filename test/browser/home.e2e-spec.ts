import { PlatformRole } from '@ztt/contracts';
import { Browser, BrowserContext } from 'playwright-core';
import { achievementInput, createOrg, needInput, PASSWORD, publishItem, registerUser, TestUser } from '../harness/builders';
import { expectNoSidewaysScroll, openPhoneMenu, PHONE, screenshot, useBrowserStack } from '../harness/browser';
import { eventually, TestApi } from '../harness/test-app';

/*
 * Issue 16: the home page shows what is new and open, and every public page works on a phone
 * (390 × 844, a WeChat link): a menu that reaches 揭榜挂帅 and 登录, sign-in, and no page wider than
 * the screen.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s), { worker: true });

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const quarterNow = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

let admin: TestUser;
let member: TestUser;

/** Published through the API: a need, an achievement, an open challenge and an open campaign. */
async function publishWorld(): Promise<void> {
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '首页浏览器测试 周主任' });
  member = await registerUser(api, { displayName: '首页浏览器测试 吴工' });
  const orgId = (await createOrg(api, member, { verified: true, input: { name: '湛江首页浏览器测试海产公司' } })).id;
  const campaign = await api.call('POST', '/api/admin/campaigns', {
    token: admin.token,
    body: {
      title: '首页浏览器测试季度征集',
      quarter: quarterNow(),
      startsOn: day(-1),
      endsOn: day(20),
      focusIndustries: ['marine'],
      focusRegions: [],
      targets: [],
      reminderDays: [7],
    },
  });
  if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${campaign.text}`);
  await api.call('POST', `/api/admin/campaigns/${campaign.body.id}/open`, { token: admin.token });
  await publishItem(
    api,
    'need',
    member,
    admin,
    needInput(orgId, {
      title: '对虾工厂化养殖尾水处理（首页浏览器测试）',
      summary: '现有养殖尾水氨氮超标，需要一套适合工厂化循环水养殖的尾水处理与回用方案，日处理能力不低于 500 吨。',
    }),
  );
  await publishItem(api, 'achievement', member, admin, achievementInput(orgId, { title: '金鲳鱼病害防控（首页浏览器测试）' }));
  const challenge = await api.call('POST', '/api/challenges', {
    token: admin.token,
    body: {
      ownerOrgId: orgId,
      acceptorUserId: member.id,
      title: '抗台风锚泊系统攻关（首页浏览器测试）',
      background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效，需要可靠的锚泊与监测方案。',
      indicators: [{ name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池模型试验与第三方检测' }],
      chains: ['marine.equipment'],
      bounty: '2000000.00',
      fundingSource: '市财政科技专项',
      applicationDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      periodMonths: 24,
      eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
      mode: 'single',
      teams: 1,
      rubric: [{ name: '技术路线可行性', weight: 100 }],
      milestones: [{ title: '签约启动', deliverables: '实施方案', dueOffsetDays: 30, sharePercent: 100 }],
      firstTrancheMinPercent: 60,
    },
  });
  if (challenge.status !== 201) throw new Error(`challenge: ${challenge.status} ${challenge.text}`);
  const challengeId = challenge.body.id as string;
  const published = await api.call('POST', `/api/admin/challenges/${challengeId}/publish`, { token: admin.token });
  if (published.status !== 200) throw new Error(`publish challenge: ${published.status} ${published.text}`);
  // The search page and the industry links need the need indexed (the worker's relay and index jobs).
  await eventually('the need is searchable', async () => (await api.call<{ total: number }>('GET', '/api/search/needs?industry=marine')).body.total >= 1, 30_000);
}

beforeAll(async () => {
  await publishWorld();
}, 90_000);

describe('browser journey: the home page (issue 16)', () => {
  it('shows the latest needs and achievements, the open challenge with its bounty, the campaign, and industries that open search', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await page.goto(`${api.url}/`);
    await page.getByTestId('home-latest-needs').getByText('对虾工厂化养殖尾水处理（首页浏览器测试）').waitFor();
    await page.getByTestId('home-latest-achievements').getByText('金鲳鱼病害防控（首页浏览器测试）').waitFor();
    const challenge = page.getByTestId('home-challenge').filter({ hasText: '抗台风锚泊系统攻关（首页浏览器测试）' });
    await challenge.getByText('2,000,000.00 元').waitFor();
    await challenge.getByText(/^截止 /).waitFor();
    await page.getByTestId('home-campaign').getByText('首页浏览器测试季度征集').waitFor();
    expect(await page.getByTestId('home-figure-needs').textContent()).toContain('1');
    await screenshot(page, '160-home-desktop');

    // 蓝色海洋 → the needs of that industry in search.
    await page
      .getByTestId('home-industry-marine')
      .getByRole('link', { name: /^需求 / })
      .click();
    await page.waitForURL(/\/search\?tab=needs&industry=marine/);
    await page.getByTestId('result-title').filter({ hasText: '对虾工厂化养殖尾水处理（首页浏览器测试）' }).waitFor();

    // Back home, the challenge card opens the challenge.
    await page.goto(`${api.url}/`);
    await challenge.getByRole('link', { name: '抗台风锚泊系统攻关（首页浏览器测试）' }).click();
    await page.getByTestId('challenge-title').filter({ hasText: '抗台风锚泊系统攻关（首页浏览器测试）' }).waitFor();
    await page.close();
  });
});

describe('browser journey: the public area on a phone, 390 × 844 (issue 16)', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the menu from the header, reaches 揭榜挂帅 and 登录, and signs in', async () => {
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await page.getByTestId('home-latest-needs').getByText('对虾工厂化养殖尾水处理（首页浏览器测试）').waitFor();
    // The header controls are touch targets of at least 44 × 44 px.
    for (const id of ['nav-menu-button', 'language-switch']) {
      const box = await page.getByTestId(id).boundingBox();
      expect({ id, ok: !!box && box.width >= 44 && box.height >= 44 }).toEqual({ id, ok: true });
    }
    await expectNoSidewaysScroll(page, 'home');
    await screenshot(page, '161-home-phone');

    await openPhoneMenu(page);
    await screenshot(page, '162-phone-menu');
    await page.getByTestId('nav-challenges').tap();
    await page.waitForURL(/\/challenges$/);
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.getByText('抗台风锚泊系统攻关（首页浏览器测试）').first().waitFor();

    await openPhoneMenu(page);
    await page.getByTestId('drawer-login').tap();
    await page.waitForURL(/\/login$/);
    await expectNoSidewaysScroll(page, 'login');
    await page.locator('#email').fill(member.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').tap();
    await page.waitForURL(`${api.url}/`);
    await page.getByText('欢迎，首页浏览器测试 吴工').waitFor();

    // Signed in, the menu carries the personal entries and 退出登录 instead of 登录/注册.
    await openPhoneMenu(page);
    await page.getByTestId('drawer-logout').waitFor();
    expect(await page.getByTestId('drawer-login').count()).toBe(0);
    await page.getByTestId('nav-workspace').tap();
    await page.getByTestId('nav-my-needs').tap();
    await page.waitForURL(/\/my\/needs$/);
    await page.getByText('对虾工厂化养殖尾水处理（首页浏览器测试）').first().waitFor();
    await expectNoSidewaysScroll(page, 'my needs');
    await screenshot(page, '163-phone-my-needs');
    await page.close();
  });

  it('keeps the signed-in tables inside the screen: the audit log, users and the review queue scroll inside their cards', async () => {
    const page = await context.newPage();
    await page.goto(`${api.url}/login`);
    await page.locator('#email').fill(admin.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').tap();
    await page.getByText('欢迎，首页浏览器测试 周主任').waitFor();
    for (const [name, path] of [
      ['audit', '/admin/audit'],
      ['users', '/admin/users'],
      ['review', '/admin/review'],
    ] as const) {
      await page.goto(`${api.url}${path}`);
      await page.locator('.ant-table-row, .ant-empty').first().waitFor();
      await expectNoSidewaysScroll(page, name);
      await screenshot(page, `165-phone-${name}`);
    }
    await page.close();
  });
});
