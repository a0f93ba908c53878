// The admin's KPI register page (issue 17): the indicator's facts, saving a yearly target with its county allocations, and the entries with corrections marked.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type KpiActualView, type KpiIndicatorView, type KpiRegister, KPI_YEARS, PlatformRole, quarterOf } from '@ztt/contracts';
import { Call, FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { AdminKpisPage } from './AdminKpisPage';

const routes = { '/admin/kpis': <AdminKpisPage /> };
const admin = member({ platformRoles: [PlatformRole.Admin] });
const year = Math.min(Math.max(Number(quarterOf(new Date()).slice(0, 4)), KPI_YEARS[0]), KPI_YEARS[KPI_YEARS.length - 1]);

const hte: KpiIndicatorView = {
  code: 'high-tech-enterprises',
  name: '高新技术企业数',
  nameEn: 'High-tech enterprises',
  unit: 'enterprises',
  kind: 'expected',
  measure: 'level',
  source: '市科技局高新技术企业认定名单',
  sourceEn: 'The bureau’s list',
  computed: false,
  byCounty: true,
  baseline: '380.00',
  target2030: '500.00',
  target2030Max: null,
  yearTarget: '404.00',
  actual: '398.00',
  actualQuarter: `${year}Q1`,
  expected: '386.00',
  status: 'on_track',
  track: [],
  allocations: [{ region: 'chikan', target: '60.00' }],
  county: null,
};

const entries: KpiActualView[] = [
  {
    id: 'a2',
    code: 'high-tech-enterprises',
    quarter: `${year}Q1`,
    region: null,
    value: '398.00',
    note: '按认定名单更正',
    evidenceName: '名单.pdf',
    enteredBy: 'u-1',
    enteredByName: '平台管理员',
    enteredAt: `${year}-03-20T02:00:00.000Z`,
    supersededAt: null,
  },
  {
    id: 'a1',
    code: 'high-tech-enterprises',
    quarter: `${year}Q1`,
    region: null,
    value: '395.00',
    note: '',
    evidenceName: '名单.pdf',
    enteredBy: 'u-1',
    enteredByName: '平台管理员',
    enteredAt: `${year}-03-10T02:00:00.000Z`,
    supersededAt: `${year}-03-20T02:00:00.000Z`,
  },
];

function server(): FakeServer {
  const register: KpiRegister = { quarter: `${year}Q1`, year, region: null, indicators: [hte] };
  return new FakeServer()
    .on('GET', `/admin/kpis?quarter=${year}Q1`, register)
    .on('GET', '/admin/kpis/high-tech-enterprises/actuals', entries)
    .on('PUT', `/admin/kpis/high-tech-enterprises/targets/${year}`, (call: Call) => ({ ...register, body: call.body }));
}

describe('the KPI register page (AdminKpisPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('shows the indicator’s baseline, 2030 target and source, saves the yearly target with its county allocations, and lists the entries with corrections marked', async () => {
    const fake = server();
    page = renderPage({ at: '/admin/kpis', routes, server: fake, me: admin });

    expect(await screen.findByText('市科技局高新技术企业认定名单')).toBeTruthy();
    expect(screen.getByText('380 家')).toBeTruthy();
    const target = screen.getByTestId('kpi-target') as HTMLInputElement;
    await waitFor(() => expect(target.value).toBe('404.00'));
    expect((screen.getByTestId('kpi-allocation-target-0') as HTMLInputElement).value).toBe('60.00');

    fireEvent.change(target, { target: { value: '410' } });
    fireEvent.change(screen.getByTestId('kpi-allocation-target-0'), { target: { value: '62' } });
    await page.user.click(screen.getByTestId('kpi-target-save'));
    await waitFor(() => expect(fake.sent('PUT', `/admin/kpis/high-tech-enterprises/targets/${year}`)).toHaveLength(1));
    expect(fake.sent('PUT', `/admin/kpis/high-tech-enterprises/targets/${year}`)[0]?.body).toEqual({ target: '410', allocations: [{ region: 'chikan', target: '62' }] });
    expect(await screen.findByText('已保存年度目标')).toBeTruthy();

    // Every entry: the correction is current, the entry it replaced is marked corrected.

    const history = within(await screen.findByTestId('kpi-history'));
    await history.findByText('按认定名单更正');
    const rows = history.getAllByRole('row');
    expect(
      rows
        .slice(1)
        .map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent))
        .map((cells) => [cells[2], cells[3], cells[4]]),
    ).toEqual([
      ['398', '按认定名单更正', '有效'],
      ['395', '', '已更正'],
    ]);
  });
});
