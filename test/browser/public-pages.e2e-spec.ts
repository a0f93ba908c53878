import { PlatformRole } from '@ztt/contracts';
import { Browser } from 'playwright-core';
import { screenshot, useBrowserStack } from '../harness/browser';
import { createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { TestApi } from '../harness/test-app';

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

const TITLE = '湛江港散货码头粉尘在线监测与抑尘技术需求';
const SUMMARY = '码头堆场粉尘排放需要实时监测并联动喷淋抑尘，要求在大风天气下稳定运行。';
let needId: string;
let orgId: string;
let owner: TestUser;

beforeAll(async () => {
  const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true, input: { name: '湛江港埠环保科技有限公司' } })).id;
  needId = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: TITLE, summary: SUMMARY }));
});

describe('a published need read in the browser', () => {
  it('shows its title and summary with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    const res = await page.goto(`${api.url}/needs/${needId}`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toBe(`${TITLE} · 技术需求 · 湛江科技成果转化对接平台`);
    expect(await page.locator('#root h1').innerText()).toBe(TITLE);
    expect(await page.locator('#root [data-field="summary"]').innerText()).toBe(SUMMARY);
    expect(await page.locator('#root [data-server-page]').isVisible()).toBe(true);
    await screenshot(page, 'public-need-without-javascript');
    await context.close();
  });

  it('is taken over by the app with JavaScript, the need on screen in every frame and never twice', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1300, height: 900 } });
    // Every animation frame from the first paint of the body on: is the need's title shown, by the server's copy or by the app?
    await context.addInitScript((title: string) => {
      const w = window as unknown as { titleFrames: { shown: boolean; copies: number }[] };
      w.titleFrames = [];
      const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
      const frame = () => {
        if (document.body) {
          const shown = [...document.querySelectorAll('[data-server-page] h1, [data-testid="item-title"]')].filter((el) => visible(el) && el.textContent === title);
          w.titleFrames.push({ shown: shown.length > 0, copies: shown.length });
        }
        if (w.titleFrames.length < 2000) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }, TITLE);
    const page = await context.newPage();
    await page.goto(`${api.url}/needs/${needId}`);

    await page.getByTestId('item-title').filter({ hasText: TITLE }).waitFor({ state: 'visible' });
    await page.locator('[data-server-page]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('item-summary').innerText()).toContain(SUMMARY);
    // The server's copy is gone: the title and the summary are on the page once.
    const text = await page.locator('body').innerText();
    expect(text.split(TITLE).length - 1).toBe(1);
    expect(text.split(SUMMARY).length - 1).toBe(1);

    const frames = await page.evaluate(() => (window as unknown as { titleFrames: { shown: boolean; copies: number }[] }).titleFrames);
    const fromFirstShown = frames.slice(frames.findIndex((f) => f.shown));
    expect(fromFirstShown.length).toBeGreaterThan(0);
    expect(fromFirstShown.filter((f) => !f.shown)).toEqual([]);
    expect(fromFirstShown.filter((f) => f.copies > 1)).toEqual([]);
    await screenshot(page, 'public-need-taken-over');
    await context.close();
  });
});

describe("an organisation's page", () => {
  it('is open to a visitor with JavaScript: its card and its published needs, with no sign-in asked and no credit code', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${api.url}/orgs/${orgId}`);
    await page.getByTestId('org-name').filter({ hasText: '湛江港埠环保科技有限公司' }).waitFor();
    await page.getByTestId('org-published-need').getByTestId('result-title').filter({ hasText: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}`);
    expect(await page.getByTestId('org-join').count()).toBe(0);
    const { creditCode } = (await api.call('GET', `/api/orgs/${orgId}`, { token: owner.token })).body as { creditCode: string };
    expect(await page.locator('body').innerText()).not.toContain(creditCode);
    await page.getByTestId('org-published-need').getByTestId('result-title').filter({ hasText: TITLE }).click();
    await page.waitForURL(`**/needs/${needId}`);
    await screenshot(page, 'public-organisation-page');
    await context.close();
  });
});
