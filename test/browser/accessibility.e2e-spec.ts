import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../harness/a11y';
import { expectNoSidewaysScroll, openPhoneMenu, PHONE, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { eventually, TestApi } from '../harness/test-app';
import { TestUser } from '../harness/builders';
import { buildWorld, World } from '../harness/world';

let api: TestApi;
let browser: Browser;
let world: World;
// The worker indexes the published items, so the search page has results to check.
useBrowserStack((s) => ({ api, browser } = s), { worker: true });

const contexts = new Map<string, BrowserContext>();
/** One open page per context: the first check loads the app, later checks move within it as a link does. */
const openPages = new Map<BrowserContext, Page>();

type Screen = 'desktop' | 'phone';
const SCREENS: Record<Screen, BrowserContextOptions> = {
  desktop: { viewport: { width: 1300, height: 900 } },
  phone: PHONE,
};

/** A browser context in the language and screen given, signed in as `user` when there is one (once per user, language and screen). */
async function contextFor(locale: 'zh-CN' | 'en', user?: TestUser, screen: Screen = 'desktop'): Promise<BrowserContext> {
  const key = `${locale}:${screen}:${user?.id ?? 'visitor'}`;
  const known = contexts.get(key);
  if (known) return known;
  const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-CN', ...SCREENS[screen] });
  // The app keeps the chosen language here (apps/web/src/i18n/i18n.tsx).
  await context.addInitScript((lng) => window.localStorage.setItem('ztt.locale', lng), locale);
  if (user) {
    const page = await context.newPage();
    await signIn(page, api.url, user);
    await page.close();
  }
  contexts.set(key, context);
  return context;
}

/** Waits until the page has drawn what it loads: no spinner or skeleton, and no animation still running (a fading element has the wrong contrast). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, [data-testid="page-loading"]') &&
      // A looping animation (a badge's pulse) never ends; only a transition on its way matters.
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 15_000 },
  );
}

interface Check {
  name: string;
  path: (w: World) => string;
  /** what shows once the page has its content */
  ready: string;
  as?: (w: World) => TestUser;
}

const PUBLIC: Check[] = [
  { name: 'home', path: () => '/', ready: '[data-testid="home-search"]' },
  { name: 'search with results', path: () => `/search?tab=needs&q=${encodeURIComponent('对虾')}`, ready: '[data-testid="search-total"]' },
  { name: 'a need', path: (w) => `/needs/${w.needA}`, ready: '[data-testid="item-title"]' },
  { name: 'an achievement', path: (w) => `/achievements/${w.achB}`, ready: '[data-testid="item-title"]' },
  { name: 'the challenges board', path: () => '/challenges', ready: '[data-testid="challenge-link"]' },
  { name: 'a challenge', path: (w) => `/challenges/${w.challenge}`, ready: '[data-testid="challenge-title"]' },
  { name: 'stats', path: () => '/stats', ready: '[data-testid="stat-needs"]' },
  { name: 'the broker directory', path: () => '/brokers', ready: '[data-testid="broker-card"]' },
  { name: "a broker's card", path: (w) => `/brokers/${w.brokerX.id}`, ready: '[data-testid="broker-name"]' },
  { name: 'the commissioner roster', path: () => '/commissioners', ready: '[data-testid="commissioner-roster"] tbody tr' },
  { name: 'the expert directory', path: () => '/experts', ready: '[data-testid="expert-directory"]' },
  { name: 'the capacity directory', path: () => '/capacity', ready: '[data-testid="capacity-providers"] tbody tr.ant-table-row' },
  { name: 'a pilot platform', path: (w) => `/capacity/${w.capacityProvider}`, ready: '[data-testid="provider-name"]' },
  { name: 'a shared instrument', path: (w) => `/capacity/instruments/${w.instrument}`, ready: '[data-testid="instrument-title"]' },
  { name: 'login', path: () => '/login', ready: '#email' },
  { name: 'register', path: () => '/register', ready: 'button[type=submit]' },
];

const SIGNED_IN: Check[] = [
  { name: 'my needs', path: () => '/my/needs', ready: '[data-testid="status-filter"]', as: (w) => w.memberA },
  {
    name: 'a need form',
    path: (w) => `/needs/${w.needA}/edit`,
    ready: '[data-testid="field-category"]',
    as: (w) => w.memberA,
  },
  { name: 'notifications', path: () => '/notifications', ready: '[data-testid="notifications-page-read-all"]', as: (w) => w.memberA },
  { name: "a commissioner's services to confirm", path: () => '/my/services', ready: '[data-testid="service-confirm"]', as: (w) => w.memberA },
  // Ready once the plan indicators (the first card) have their rows.
  { name: 'the dashboard, for an admin', path: () => '/admin/dashboard', ready: '[data-testid="kpi-row-contract-value"]', as: (w) => w.admin },
  { name: 'the plan indicators page, for an admin', path: () => '/admin/kpis', ready: '[data-testid="kpi-target"]', as: (w) => w.admin },
  { name: 'a deal, for its broker', path: (w) => `/deals/${w.deal}`, ready: '[data-testid="deal-stage"]', as: (w) => w.brokerX },
  { name: "a deal's edit form, for its broker", path: (w) => `/deals/${w.deal}?tab=edit`, ready: '[data-testid="deal-expected"]', as: (w) => w.brokerX },
  { name: 'a challenge form', path: () => '/challenges/new', ready: '[data-testid="challenge-save"]', as: (w) => w.memberB },
  { name: 'a campaign form, for an admin', path: () => '/admin/campaigns/new', ready: '[data-testid="campaign-title"]', as: (w) => w.admin },
  { name: 'a financing request form', path: () => '/my/financing/new', ready: '[data-testid="financing-amount"]', as: (w) => w.memberA },
  { name: 'a financing request, for its applicant', path: (w) => `/financing/${w.financingRequest}`, ready: '[data-testid="financing-page"]', as: (w) => w.memberA },
  // Ready once the desk has its bookings: the calendar then moves to the day of the one waiting for an answer.
  { name: "a provider's calendar", path: () => '/my/capacity', ready: '[data-testid^="day-booking-"]', as: (w) => w.memberA },
];

/** The signed-in forms a phone user is most likely to open from a notification. */
const SIGNED_IN_ON_A_PHONE = ['a need form', 'a deal, for its broker', 'a challenge form', 'a financing request form', "a provider's calendar"];

async function expectNoViolations(page: Page, shot: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) await screenshot(page, shot);
  // The readable list names each rule, element and reason, so a failure says what to fix.
  expect(describeViolations(violations)).toBe('');
}

/**
 * Opens `path` in the context's page: the first time by loading the app, then by the app's own
 * navigation (what following a link in it does), through a page it does not have, so nothing of
 * the page before can stand in for the one awaited. Loading the app and its script for every check
 * took a third of this file's time.
 */
async function open(context: BrowserContext, path: string): Promise<Page> {
  const known = openPages.get(context);
  if (!known) {
    const page = await context.newPage();
    openPages.set(context, page);
    await page.goto(`${api.url}${path}`);
    return page;
  }
  const go = (to: string) =>
    known.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, to);
  await go('/a11y-between-pages');
  await known.locator('.ant-result-404').waitFor();
  await go(path);
  return known;
}

async function check(c: Check, locale: 'zh-CN' | 'en', screen: Screen = 'desktop'): Promise<void> {
  const context = await contextFor(locale, c.as?.(world), screen);
  const shot = `a11y-${locale}${screen === 'phone' ? '-phone' : ''}-${c.name.replace(/[^a-z]+/gi, '-')}`;
  const page = await open(context, c.path(world));
  try {
    await page.locator(c.ready).first().waitFor();
    await settled(page);
    expect(new URL(page.url()).pathname).toBe(c.path(world).split('?')[0]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    await expectNoViolations(page, shot);
    if (screen === 'phone') await expectNoSidewaysScroll(page, c.name);
  } catch (e) {
    // The next check starts from a fresh load rather than from a page left in an unknown state.
    openPages.delete(context);
    await page.close();
    throw e;
  }
}

beforeAll(async () => {
  world = await buildWorld(api);
  await eventually('the needs are searchable', async () => (await api.call('GET', `/api/search/needs?q=${encodeURIComponent('对虾')}`)).body.total >= 1, 30_000);
});

afterAll(async () => {
  for (const c of contexts.values()) await c.close();
});

describe('accessibility: WCAG 2.1 A/AA (axe-core) with no violation', () => {
  describe('public pages, in Chinese', () => {
    it.each(PUBLIC.map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, 'zh-CN'));
  });

  describe('signed-in pages, in Chinese', () => {
    it.each(SIGNED_IN.map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, 'zh-CN'));
  });

  describe('public pages, in Chinese, on a phone (390 × 844)', () => {
    it.each(PUBLIC.map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, 'zh-CN', 'phone'));

    it('the home page with the phone menu open', async () => {
      const context = await contextFor('zh-CN', undefined, 'phone');
      const page = await context.newPage();
      try {
        await page.goto(`${api.url}/`);
        await page.locator('[data-testid="home-search"]').first().waitFor();
        await settled(page);
        await openPhoneMenu(page);
        // The drawer slides in: check it once it is still.
        await settled(page);
        expect(await page.locator('.ant-drawer-open').getByTestId('drawer-login').isVisible()).toBe(true);
        await expectNoViolations(page, 'a11y-zh-CN-phone-menu');
      } finally {
        await page.close();
      }
    });
  });

  describe('signed-in forms, in Chinese, on a phone (390 × 844)', () => {
    it.each(SIGNED_IN.filter((c) => SIGNED_IN_ON_A_PHONE.includes(c.name)).map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, 'zh-CN', 'phone'));
  });

  describe('in English', () => {
    it.each(PUBLIC.filter((c) => c.name === 'home' || c.name === 'search with results').map((c) => [c.name, c] as const))('%s', async (_name, c) => check(c, 'en'));
  });
});

describe('accessibility: the keyboard', () => {
  it('Tab reaches the main navigation and the search box, and the focused element shows a visible focus indicator', async () => {
    const context = await contextFor('zh-CN');
    const page = await context.newPage();
    try {
      await page.goto(`${api.url}/`);
      await page.locator('[data-testid="home-search"]').first().waitFor();
      await settled(page);
      const reached = { nav: false, search: false };
      const unmarked: string[] = [];
      for (let i = 0; i < 40 && !(reached.nav && reached.search); i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          // A focus ring is an outline or a box shadow, on the element or (Ant Design's inputs) on its wrapper.
          const ringed = (s: CSSStyleDeclaration) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          const wrapper = el.closest('.ant-input-affix-wrapper, .ant-input-search, .ant-select-selector, .ant-menu-item, .ant-menu-submenu-title');
          return {
            what: `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 30)}`,
            inNav: !!el.closest('nav, [role="navigation"], .ant-menu'),
            isSearch: !!el.closest('[data-testid="home-search"]'),
            visible: ringed(style) || (!!wrapper && (ringed(getComputedStyle(wrapper)) || (wrapper.matches(':focus-within') && ringed(getComputedStyle(wrapper))))),
          };
        });
        if (!focus) continue;
        if (focus.inNav) reached.nav = true;
        if (focus.isSearch) reached.search = true;
        if (!focus.visible) unmarked.push(focus.what);
      }
      expect(reached).toEqual({ nav: true, search: true });
      expect(unmarked).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
