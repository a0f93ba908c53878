import { addDays, beijingDate, PlatformRole, weekdayIndex } from '@ztt/contracts';
import { Browser, Page } from 'playwright-core';
import { createOrg, registerUser } from '../harness/builders';
import { pickOption, screenshot, signIn, useBrowserStack } from '../harness/browser';
import { TestApi } from '../harness/test-app';

/*
 * Issue 18 (中试与仪器共享): a researcher finds a shared instrument in the capacity directory and
 * books a slot under its rules; the same slot asked again is refused with the reason shown; the
 * pilot base's operator approves the booking on the calendar and marks it completed; the researcher
 * rates it.
 */

let api: TestApi;
let browser: Browser;
useBrowserStack((s) => ({ api, browser } = s));

const WEEKDAY = { open: '08:30', close: '17:30' };

/** Fills the booking form's date picker with a typed date, confirmed. */
async function pickDate(page: Page, date: string): Promise<void> {
  const input = page.locator('#booking-date');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('browser journey: booking a shared instrument (issue 18)', () => {
  it('finds an instrument, books a slot, is refused the taken slot, and the operator approves and completes it on the calendar before the user rates it', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const operator = await registerUser(api, { displayName: '浏览器中试运营' });
    const researcher = await registerUser(api, { displayName: '浏览器研究员' });
    const orgId = (await createOrg(api, operator, { verified: true, input: { name: '浏览器中试基地公司' } })).id;
    const must = async (res: Promise<{ status: number; body: { id: string } }>, status: number) => {
      const r = await res;
      expect(`${r.status} ${r.status === status ? '' : JSON.stringify(r.body)}`).toBe(`${status} `);
      return r.body.id;
    };
    const provider = await must(
      api.call('POST', '/api/capacity/providers', {
        token: operator.token,
        body: {
          orgId,
          kind: 'pilot_base',
          name: '浏览器海洋生物中试基地',
          capabilities: '发酵放大与冻干',
          tags: ['冻干'],
          chains: ['marine.biomed'],
          trlMin: 4,
          trlMax: 7,
          scale: '',
          batchSize: '',
          priceBasis: 'negotiable',
          contactName: '梁工',
          contactPhone: '0759-1',
          contactEmail: '',
          region: 'mazhang',
          address: '',
        },
      }),
      201,
    );
    const instrument = await must(
      api.call('POST', '/api/capacity/instruments', {
        token: operator.token,
        body: {
          orgId,
          providerId: provider,
          name: '浏览器液质联用仪',
          model: 'LCMS-8060',
          maker: '岛津',
          capabilities: '小分子定量',
          tags: ['质谱'],
          location: '2 号楼',
          hourlyRate: '300.00',
          openingHours: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, null, null],
          minHours: 1,
          maxHours: 4,
          slotMinutes: 30,
          leadHours: 24,
          approvalRequired: true,
        },
      }),
      201,
    );
    for (const [kind, id] of [
      ['providers', provider],
      ['instruments', instrument],
    ])
      expect((await api.call('POST', `/api/admin/capacity/${kind}/${id}/review`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(200);
    let date = addDays(beijingDate(), 9);
    while (weekdayIndex(date) > 4) date = addDays(date, 1);

    // The researcher finds the instrument in the directory and books 09:00–11:00.
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 950 } });
    await signIn(page, api.url, researcher);
    await page.goto(`${api.url}/capacity`);
    await page.getByTestId('capacity-tab-instruments').click();
    const search = page.locator('input[data-testid="instrument-search"], [data-testid="instrument-search"] input').first();
    await search.fill('质谱');
    await search.press('Enter');
    await page.getByTestId('capacity-instruments').getByRole('link', { name: '浏览器液质联用仪' }).click();
    await page.getByTestId('instrument-title').getByText('浏览器液质联用仪').waitFor();
    const book = async () => {
      await pickDate(page, date);
      await pickOption(page, 'start', '09:00');
      await pickOption(page, 'end', '11:00');
      await page.getByTestId('booking-submit').click();
    };
    await book();
    await page.getByText('预约已提交').waitFor();
    await page.getByTestId('instrument-busy').getByText(`${date} 09:00–11:00`).waitFor();
    // The same slot again: refused, with the reason shown.
    await book();
    await page.getByTestId('booking-error').getByText('该时段已被预约，请选择其他时段').waitFor();
    await screenshot(page, '180-instrument-booking-refused');
    const [booking] = (await api.db.query(`SELECT id FROM instrument_booking WHERE instrument_id = $1`, [instrument])).rows as { id: string }[];
    expect(booking).toBeDefined();
    const id = (booking as { id: string }).id;

    // The operator approves it on the calendar, which opens on the booking waiting for an answer, and completes it.
    const desk = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1100 } });
    await signIn(desk, api.url, operator);
    await desk.goto(`${api.url}/my/capacity`);
    const day = desk.getByTestId('capacity-day');
    await day.getByText(`${date} 的安排`).waitFor();
    await day.getByTestId(`booking-approve-${id}`).click();
    await day.getByTestId(`day-booking-${id}`).getByText('已批准').waitFor();
    await day.getByTestId(`booking-complete-${id}`).click();
    await desk.getByTestId('complete-save').click();
    await day.getByTestId(`day-booking-${id}`).getByText('已完成').waitFor();
    await screenshot(desk, '181-provider-calendar');
    await desk.close();

    // The researcher rates it once.
    await page.goto(`${api.url}/my/bookings`);
    await page.getByTestId(`booking-rate-${id}`).click();
    await page.getByTestId('rate-stars').locator('.ant-rate-star').nth(4).click();
    // the fifth star lit: the dialog took the click (it may still be opening on a busy machine)
    await page.getByTestId('rate-stars').locator('.ant-rate-star-full').nth(4).waitFor();
    await page.getByTestId('rate-comment').fill('检测及时');
    await page.getByTestId('rate-save').click();
    await page.getByTestId('my-bookings').getByText('我的评价：5 分（检测及时）').waitFor();
    expect((await api.db.query(`SELECT status, rating FROM instrument_booking WHERE id = $1`, [id])).rows).toEqual([{ status: 'completed', rating: 5 }]);
    await page.close();
  });
});
