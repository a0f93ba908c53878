import { PlatformRole } from '@ztt/contracts';
import { Browser, Page } from 'playwright-core';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

/*
 * Issue 18 (科技金融), done when "a financing request is matched to a fund, with reasons, and handed
 * to a broker who closes it": the applicant publishes a financing request on its achievement; the
 * fund's member sees it on the watchlist with the reasons and expresses interest; a broker opens a
 * financing deal from the interest and moves it to 融资已落实 with the arranged amount; the
 * applicant sees the request arranged.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

describe('browser journey: a financing request matched to a fund and closed by a broker (issue 18)', () => {
  it('goes from the applicant’s form through the fund’s watchlist and the broker’s financing deal to 已完成融资', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '浏览器金融经纪人' });
    const applicant = await registerUser(api, { displayName: '浏览器融资企业成员' });
    const fund = await registerUser(api, { displayName: '浏览器基金经理' });
    const applicantOrg = (await createOrg(api, applicant, { verified: true, input: { name: '浏览器海洋生物科技公司' } })).id;
    await createOrg(api, fund, { verified: true, input: { name: '浏览器海洋产业基金', type: 'finance' } });
    await publishItem(api, 'achievement', applicant, admin, achievementInput(applicantOrg, { title: '浏览器海藻多糖提取技术', chains: ['marine.biomed'] }));
    const profile = await api.call('PUT', '/api/finance/profile', {
      token: fund.token,
      body: {
        kind: 'fund',
        instruments: ['equity'],
        ticketMin: '5000000.00',
        ticketMax: '50000000.00',
        stages: ['growth', 'expansion'],
        chains: ['marine.biomed'],
        regions: [],
        exclusions: [],
        summary: '',
      },
    });
    expect(profile.status).toBe(200);

    const as = async (user: TestUser): Promise<Page> => {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
      await signIn(page, api.url, user);
      return page;
    };

    // The applicant fills the form and publishes.
    const mine = await as(applicant);
    await mine.goto(`${api.url}/my/financing/new`);
    await pickOption(mine, 'subjectId', '浏览器海藻多糖提取技术');
    await mine.getByTestId('financing-title').fill('浏览器海藻多糖产业化股权融资');
    await mine.getByTestId('financing-amount').fill('8000000');
    await mine.getByTestId('financing-use').fill('建设提取生产线');
    await mine.getByTestId('financing-revenue').fill('3200000');
    await mine.getByTestId('financing-save').click();
    await mine.getByTestId('financing-publish').click();
    await mine.getByTestId('financing-status').getByText('融资中').waitFor();
    const requestId = new URL(mine.url()).pathname.split('/').pop() as string;
    // 政策性金融服务转介 on the same page: an equity request fits no policy programme, and each says which condition fails
    await mine.getByTestId('programme-risk_compensation_pool-verdict').getByText('暂不符合').waitFor();
    await mine.getByTestId('programme-risk_compensation_pool').click();
    await mine.getByTestId('condition-risk_compensation_pool-instrument').getByText('融资方式为贷款').waitFor();

    // The fund's member sees it on the watchlist with the reasons, and expresses interest.
    const investor = await as(fund);
    await investor.goto(`${api.url}/finance/watchlist`);
    const item = investor.getByTestId('watchlist-item').filter({ hasText: '浏览器海藻多糖产业化股权融资' });
    await item.getByText('同属产业链：海洋生物医药').waitFor();
    await item.getByText('额度在区间内：800万元 ∈ 500万–5000万元').waitFor();
    await item.getByText('阶段相符：成长期').waitFor();
    await screenshot(investor, '180-finance-watchlist');
    await item.getByTestId('interest-open').click();
    await investor.getByTestId('interest-note').fill('希望安排尽职调查');
    await investor.getByTestId('interest-confirm').click();
    await item.getByTestId('interest-done').waitFor();
    // without a granted disclosure the fund sees no financial details
    await investor.goto(`${api.url}/financing/${requestId}`);
    await investor.getByTestId('financing-confidential-hidden').waitFor();
    await investor.close();

    // The broker opens a financing deal from the interest and moves it to 融资已落实.
    const desk = await as(broker);
    await desk.goto(`${api.url}/financing/${requestId}`);
    await desk.getByTestId('financing-interest-item').filter({ hasText: '浏览器海洋产业基金' }).getByTestId('financing-open-deal').click();
    await desk.waitForURL(/\/deals\//);
    for (const stage of ['已联系', '已签保密协议', '尽职调查', '商务谈判']) {
      await desk.getByTestId('deal-next').click();
      await desk.getByTestId('deal-stage').getByText(stage).waitFor();
    }
    await desk.getByTestId('deal-next').click();
    await desk.getByTestId('arranged-amount').fill('7500000');
    await desk.getByTestId('stage-confirm').click();
    await desk.getByTestId('deal-stage').getByText('融资已落实').waitFor();
    await desk.getByTestId('deal-arranged-amount').getByText('已落实融资 ¥7,500,000.00').waitFor();
    await screenshot(desk, '181-financing-deal-closed');
    await desk.close();

    // The applicant sees the request arranged.
    await mine.goto(`${api.url}/financing/${requestId}`);
    await mine.getByTestId('financing-status').getByText('已完成融资').waitFor();
    await mine.getByTestId('financing-arranged').getByText('7,500,000.00 元').waitFor();
    await screenshot(mine, '182-financing-arranged');
    await mine.close();
  });
});
