import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { INestApplicationContext } from '@nestjs/common';
import { PASSWORD } from './builders';
import { startTestApi, startTestWorker, TestApi } from './test-app';

export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
export const WEB_DIST = path.join(__dirname, '..', '..', 'dist', 'web');

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium is not installed: apt-get install -y chromium (npm test via .ci/run does this)');
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('The web app is not built: run `npm test` (it builds it) or `npm run build:web`');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface BrowserStack {
  api: TestApi;
  browser: Browser;
  worker?: INestApplicationContext;
}

/**
 * For one test file: the API serving the built web app (and the worker, when the journey needs
 * jobs to run, with `workerEnv` over the test settings) and a Chromium, started before its tests
 * and stopped after them.
 */
export function useBrowserStack(ready: (stack: BrowserStack) => void, opts: { worker?: boolean; workerEnv?: Record<string, string> } = {}): void {
  const stack: Partial<BrowserStack> = {};
  beforeAll(async () => {
    stack.api = await startTestApi({ WEB_DIST_DIR: WEB_DIST });
    if (opts.worker) stack.worker = await startTestWorker(stack.api, opts.workerEnv);
    stack.browser = await launchBrowser();
    ready(stack as BrowserStack);
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.worker?.close();
    await stack.api?.close();
  });
}

/** The top menu items folded under "…" because the bar is too narrow (none once the menu has laid itself out). */
export async function waitForFullTopMenu(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-menu-horizontal > .ant-menu-overflow-item[aria-hidden="true"]:not(.ant-menu-overflow-item-rest)').length === 0,
    undefined,
    { timeout: 5_000 },
  );
}

/**
 * Opens an entry of a top-menu submenu by hovering its title. The menu lays itself out again just
 * after a page loads, and its popup animates in: a hover can miss, or the popup can close under the
 * click. Hover and click again until the click lands.
 */
export async function openFromMenu(page: Page, submenuTestId: string, entryTestId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.getByTestId(submenuTestId).hover({ timeout: 5_000 });
      await page.getByTestId(entryTestId).click({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
      await page.mouse.move(0, 0);
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Picks an option of an Ant Design select by (part of) its visible text. Searchable selects get
 * the text typed first, so options beyond the virtual list's first screen are reachable too.
 */
export async function pickOption(page: Page, fieldId: string, text: string): Promise<void> {
  const input = page.locator(`#${fieldId}`);
  // Click the box, not the input: a chosen value is drawn over the input and takes the click.
  const box = page.locator('.ant-select-selector', { has: input });
  // This field's own list (Ant Design names it `<id>_list`), not whichever list happens to be on
  // screen: another select's list may still be fading out.
  const option = page
    .locator('.ant-select-dropdown', { has: page.locator(`[id="${fieldId}_list"]`) })
    .locator('.ant-select-item-option')
    .filter({ hasText: text })
    .first();
  const shown = box.locator('.ant-select-selection-item').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    // Already chosen (a late click did land): clicking again would take it off a multiple select.
    if (attempt > 1 && (await shown.isVisible())) return;
    // On a busy machine the list can open late, or close under the click: open it only when it is
    // closed, click with a short wait, and check that the choice shows in the box, as a person
    // would; otherwise start again.
    if ((await input.getAttribute('aria-expanded')) !== 'true') await box.click();
    if ((await input.getAttribute('readonly')) === null) await input.fill(text);
    const clicked = await option.click({ timeout: 8_000 }).then(
      () => true,
      () => false,
    );
    if (
      clicked &&
      (await shown.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (attempt === 4) throw new Error(`#${fieldId}: "${text}" was picked four times and does not show`);
    await page.keyboard.press('Escape');
  }
}

/** Signs a test user in through the login page and waits for the signed-in app, at any screen size. */
export async function signIn(page: Page, baseUrl: string, user: { email: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  // Signed in, the app leaves the login page; the header shows the user's menu (on a phone, the menu button and its drawer).
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('[data-testid="user-menu"], [data-testid="nav-menu-button"]').first().waitFor();
}

/** A phone opening a WeChat link (issue 16): 390 × 844, touch, a retina screen. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Fails, naming what sticks out, when the page is wider than the screen (sideways scrolling on a phone). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    // What sticks out, so that a failure says where to look.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.getAttribute('class') ?? '').split(' ')[0]} → ${Math.round(e.getBoundingClientRect().right)}px`);
    return width <= window.innerWidth ? 'fits' : `${width}px wide: ${wide.join(', ')}`;
  });
  expect(`${what}: ${overflow}`).toBe(`${what}: fits`);
}

/**
 * Opens the phone menu with the header's menu button and waits until its entries are on screen. The
 * drawer slides in and out: a tap while the last one is still leaving can be lost, so wait for it to
 * be gone and tap again if the drawer has not shown within a few seconds.
 */
export async function openPhoneMenu(page: Page): Promise<void> {
  await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('nav-menu-button').tap();
    const shown = await page
      .locator('.ant-drawer-open')
      .getByTestId('nav-challenges')
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    if (attempt === 3) throw new Error('the phone menu did not open after three taps');
  }
}
