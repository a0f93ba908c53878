// The public home page: figures, the latest needs and achievements, the open challenges, industries as entry points and the open campaign, in Chinese and English.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import type { HomeView } from '@ztt/contracts';
import { FakeServer, failure, Rendered, renderPage, signOut } from '../../test/page';
import { useI18n } from '../i18n/i18n';
import { HomePage } from './HomePage';

const routes = { '/': <HomePage /> };

/** The link whose text is `text`, inside `scope`. */
function linkIn(scope: ReturnType<typeof within>, text: string): HTMLAnchorElement {
  const link = scope.getByText(text).closest('a');
  if (!link) throw new Error(`no link "${text}"`);
  return link;
}

function home(overrides: Partial<HomeView> = {}): HomeView {
  return {
    figures: { needs: 339, achievements: 1296, openChallenges: 1, year: 2026, contractValue: '12345678.90', contracts: 7, activeBrokers: 12 },
    latestNeeds: [
      {
        id: 'n-1',
        kind: 'need',
        title: '南美白对虾尾水处理技术需求',
        summary: '现有养殖尾水氨氮超标，需要尾水处理与回用方案。',
        ownerOrgName: '湛江海洋科技有限公司',
        industries: ['marine'],
        region: 'potou',
        trl: 6,
        publishedAt: '2026-03-02T02:00:00.000Z',
      },
    ],
    latestAchievements: [
      {
        id: 'a-1',
        kind: 'achievement',
        title: '金鲳鱼病害综合防控技术',
        summary: '卵形鲳鲹病害早期预警与绿色防控。',
        ownerOrgName: '广东海洋大学',
        industries: ['marine'],
        region: 'mazhang',
        trl: 7,
        publishedAt: '2026-03-01T02:00:00.000Z',
      },
    ],
    openChallenges: [
      {
        id: 'c-1',
        title: '深远海养殖平台抗台风锚泊系统',
        bounty: '3000000.00',
        applicationDeadline: '2026-04-30T15:59:00.000Z',
        ownerOrgName: '湛江湾实验室',
        industries: ['marine'],
        applicationCount: 2,
      },
    ],
    industries: [
      { code: 'petrochem', needs: 4, achievements: 9, challenges: 0 },
      { code: 'steel', needs: 3, achievements: 5, challenges: 0 },
      { code: 'energy', needs: 2, achievements: 8, challenges: 0 },
      { code: 'food', needs: 6, achievements: 11, challenges: 0 },
      { code: 'marine', needs: 21, achievements: 40, challenges: 1 },
    ],
    campaign: {
      id: 'camp-1',
      title: '2026 年第一季度技术需求征集',
      quarter: '2026Q1',
      startsOn: '2026-01-05',
      endsOn: '2026-03-31',
      focusIndustries: ['marine', 'food'],
      focusRegions: ['potou'],
      needs: 8,
      achievements: 3,
    },
    ...overrides,
  };
}

/** Switches the app to English, as the header's language button does. */
function InEnglish() {
  const { setLocale } = useI18n();
  useEffect(() => setLocale('en'), [setLocale]);
  return null;
}

function ChineseAgain() {
  const { setLocale } = useI18n();
  useEffect(() => setLocale('zh-CN'), [setLocale]);
  return null;
}

describe('the home page (HomePage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('shows the headline figures, the contract value this year in 万元', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home()) });

    const figures = within(await screen.findByTestId('home-figures'));
    expect(await figures.findByText('已发布需求')).toBeTruthy();
    expect(within(screen.getByTestId('home-figure-needs')).getByText('339')).toBeTruthy();
    expect(within(screen.getByTestId('home-figure-achievements')).getByText('1,296')).toBeTruthy();
    expect(figures.getByText('2026 年技术合同登记额')).toBeTruthy();
    expect(within(screen.getByTestId('home-figure-contract-value')).getByText('1,234.56 万元')).toBeTruthy();
    expect(figures.getByText('已登记合同 7 项')).toBeTruthy();
    expect(within(screen.getByTestId('home-figure-brokers')).getByText('12')).toBeTruthy();
  });

  it('lists the latest needs and achievements, each linking to its page', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home()) });

    const needs = within(await screen.findByTestId('home-latest-needs'));
    const need = (await needs.findByText('南美白对虾尾水处理技术需求')).closest('a') as HTMLAnchorElement;
    expect(need.getAttribute('href')).toBe('/needs/n-1');
    expect(needs.getByText('湛江海洋科技有限公司')).toBeTruthy();
    expect(needs.getByText('坡头区')).toBeTruthy();
    const achievements = within(screen.getByTestId('home-latest-achievements'));
    expect(linkIn(achievements, '金鲳鱼病害综合防控技术').getAttribute('href')).toBe('/achievements/a-1');
    expect(linkIn(achievements, '查看更多').getAttribute('href')).toBe('/search?tab=achievements&sort=newest');
  });

  it('shows each open challenge with its bounty and deadline', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home()) });

    const challenge = within(await screen.findByTestId('home-challenge'));
    expect(linkIn(challenge, '深远海养殖平台抗台风锚泊系统').getAttribute('href')).toBe('/challenges/c-1');
    expect(challenge.getByText('3,000,000.00 元')).toBeTruthy();
    expect(challenge.getByText('截止 2026/4/30')).toBeTruthy();
    expect(challenge.getByText('已揭榜 2 家')).toBeTruthy();
  });

  it('says so when no challenge is open', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home({ openChallenges: [] })) });
    expect(await within(await screen.findByTestId('home-challenges')).findByText('暂无正在揭榜的榜单')).toBeTruthy();
  });

  it('offers the industries as entry points into search, 四绿一蓝 first, with their counts', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home()) });

    const industries = within(await screen.findByTestId('home-industries'));
    await industries.findByText('蓝色海洋');
    const names = [...screen.getByTestId('home-industries').querySelectorAll('a')].map((a) => a.textContent).filter((n) => /^(绿色|蓝色)/.test(n ?? ''));
    expect(names).toEqual(['绿色石化', '绿色钢铁', '绿色能源', '绿色食品', '蓝色海洋']);
    const marine = within(screen.getByTestId('home-industry-marine'));
    expect(linkIn(marine, '需求 21').getAttribute('href')).toBe('/search?tab=needs&industry=marine');
    expect(linkIn(marine, '成果 40').getAttribute('href')).toBe('/search?tab=achievements&industry=marine');
    expect(marine.getByText('榜单 1')).toBeTruthy();
  });

  it('shows the open quarterly campaign, and nothing when none is open', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home()) });

    const campaign = within(await screen.findByTestId('home-campaign'));
    expect(campaign.getByText('2026 年第一季度技术需求征集')).toBeTruthy();
    expect(campaign.getByText('2026Q1 · 2026-01-05 至 2026-03-31')).toBeTruthy();
    expect(campaign.getByText('绿色食品')).toBeTruthy();
    expect(campaign.getByText('已征集并发布：需求 8 项，成果 3 项')).toBeTruthy();
    expect(campaign.getByText('发布技术需求').closest('button')).toBeTruthy();
    signOut(page);
    page.unmount();

    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', home({ campaign: null })) });
    expect(await screen.findByTestId('home-figures')).toBeTruthy();
    expect(await within(screen.getByTestId('home-challenges')).findByText('深远海养殖平台抗台风锚泊系统')).toBeTruthy();
    expect(screen.queryByTestId('home-campaign')).toBeNull();
  });

  it('tells the reader when the home page cannot be read, with the server’s message', async () => {
    page = renderPage({ at: '/', routes, server: new FakeServer().on('GET', '/home', failure(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')) });
    expect(await screen.findByText('首页数据暂时无法加载')).toBeTruthy();
    expect(screen.getByText('服务暂时不可用，请稍后再试')).toBeTruthy();
  });

  it('reads in English', async () => {
    const server = new FakeServer().on('GET', '/home', home());
    page = renderPage({
      at: '/',
      routes: {
        '/': (
          <>
            <InEnglish />
            <HomePage />
          </>
        ),
      },
      server,
    });
    try {
      expect(await screen.findByText('Published needs')).toBeTruthy();
      expect(screen.getByText('Registered contract value, 2026')).toBeTruthy();
      expect(within(screen.getByTestId('home-figure-contract-value')).getByText('1,234.56 (10k CNY)')).toBeTruthy();
      expect(screen.getByText('Latest technology needs')).toBeTruthy();
      expect(screen.getByText('Open challenges')).toBeTruthy();
      expect(screen.getByText('Closes 4/30/2026')).toBeTruthy();
      expect(screen.getByText('Quarterly call open now')).toBeTruthy();
      expect(linkIn(within(screen.getByTestId('home-industry-marine')), 'Blue ocean economy').getAttribute('href')).toBe('/search?tab=needs&industry=marine');
      expect(linkIn(within(screen.getByTestId('home-industry-marine')), 'Needs 21')).toBeTruthy();
    } finally {
      page.unmount();
      page = renderPage({ at: '/', routes: { '/': <ChineseAgain /> }, server });
    }
  });
});
