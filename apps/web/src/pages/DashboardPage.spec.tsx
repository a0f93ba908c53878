// The bureau's dashboard, contract fulfilment (issue 15): contracted against received per quarter, overdue lines, 先用后转 trials, 作价入股 and the transfer models.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { type Dashboard, type FulfilmentFigures, type KpiIndicatorView, type KpiRegister, PlatformRole, quarterOf } from '@ztt/contracts';
import { FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { KpiSection } from '../components/dashboard/kpis';
import { DashboardPage } from './DashboardPage';

const routes = { '/admin/dashboard': <DashboardPage /> };
const quarter = quarterOf(new Date());
const year = Number(quarter.slice(0, 4));
const admin = member({ platformRoles: [PlatformRole.Admin] });

function fulfilment(overrides: Partial<FulfilmentFigures> = {}): FulfilmentFigures {
  return {
    year,
    period: year,
    quarters: [1, 2, 3, 4].map((n) => ({
      quarter: `${year}Q${n}`,
      contracts: n === 2 ? 3 : 0,
      contracted: n === 2 ? '1300000.50' : '0.00',
      received: n === 2 ? '170000.00' : n === 3 ? '25000.25' : '0.00',
      inventorShare: n === 2 ? '105000.00' : '0.00',
    })),
    overdue: {
      count: 2,
      outstanding: '280000.00',
      lines: [
        { dealId: 'deal-1', dealTitle: '对虾尾水处理技术转让', label: '首期款', dueOn: '2026-03-10', outstanding: '250000.00' },
        { dealId: 'deal-2', dealTitle: '海水淡化膜许可', label: '入门费', dueOn: '2026-03-20', outstanding: '30000.00' },
      ],
    },
    trials: { started: 4, converted: 1, returned: 1, lapsed: 1, running: 1, conversionRate: 33.3 },
    equity: {
      count: 1,
      valuation: '5000000.00',
      deals: [
        {
          dealId: 'deal-3',
          dealTitle: '深海网箱作价入股',
          signedOn: '2026-04-02',
          valuation: '5000000.00',
          sharePercent: '12.50',
          holder: 'holding_platform',
          holderName: '湛江成果转化持股平台',
          valuedBy: '广东某资产评估有限公司',
        },
      ],
    },
    byModel: [
      { model: 'transfer', contracts: 1, value: '1000000.00' },
      { model: 'licence', contracts: 1, value: '300000.50' },
      { model: 'use_first', contracts: 4, value: '10000.00' },
      { model: 'equity', contracts: 1, value: '5000000.00' },
      { model: null, contracts: 2, value: '88.00' },
    ],
    ...overrides,
  };
}

function dashboard(f: FulfilmentFigures): Dashboard {
  return {
    filters: { quarter },
    byIndustry: [],
    byRegion: [],
    byTrl: [],
    heatmap: [],
    funnel: [],
    contractValue: { year, target: null, quarters: [1, 2, 3, 4].map((n) => ({ quarter: `${year}Q${n}`, contracts: 0, value: '0.00', techValue: '0.00', cumulative: '0.00' })) },
    brokers: [],
    fulfilment: f,
  };
}

function server(f: FulfilmentFigures): FakeServer {
  return new FakeServer()
    .on('GET', `/admin/dashboard?quarter=${quarter}`, dashboard(f))
    .on('GET', '/admin/reports', [])
    .on('GET', `/admin/dashboard/export/overdue?quarter=${quarter}`, {});
}

describe('the dashboard’s fulfilment cards (DashboardPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('draws contracted against received per quarter as grouped columns, with the year’s totals', async () => {
    page = renderPage({ at: '/admin/dashboard', routes, server: server(fulfilment()), me: admin });

    const chart = await screen.findByTestId('chart-fulfilment');
    const quarters = within(chart).getAllByTestId('chart-fulfilment-quarter');
    expect(quarters.map((q) => [q.getAttribute('data-contracted'), q.getAttribute('data-received')])).toEqual([
      ['0.00', '0.00'],
      ['1300000.50', '170000.00'],
      ['0.00', '25000.25'],
      ['0.00', '0.00'],
    ]);
    expect(quarters[1]?.querySelectorAll('rect')).toHaveLength(2);
    expect(screen.getByTestId('fulfilment-totals').textContent).toBe('全年签订合同金额 1,300,000.50 元，实际到账 195,000.25 元，其中完成人奖酬 105,000.00 元');
  });

  it('shows the overdue count, what is owed and the lines with links to their deals, and exports them', async () => {
    const fake = server(fulfilment());
    page = renderPage({ at: '/admin/dashboard', routes, server: fake, me: admin });

    const table = within(await screen.findByTestId('overdue-table'));
    expect(screen.getByTestId('overdue-count').textContent).toContain('2');
    expect(screen.getByTestId('overdue-outstanding').textContent).toContain('280,000.00');
    const link = table.getByText('对虾尾水处理技术转让').closest('a');
    expect(link?.getAttribute('href')).toBe('/deals/deal-1?tab=fulfilment');
    expect(table.getByText('首期款')).toBeTruthy();
    expect(table.getByText('250,000.00')).toBeTruthy();
    expect(table.getByText('2026-03-20')).toBeTruthy();

    await page.user.click(screen.getByTestId('export-overdue'));
    await waitFor(() => expect(fake.sent('GET', `/admin/dashboard/export/overdue?quarter=${quarter}`)).toHaveLength(1));
    for (const chart of ['fulfilment', 'trials', 'equity', 'models']) expect(screen.getByTestId(`export-${chart}`)).toBeTruthy();
  });

  it('shows the trials with their conversion rate, the 作价入股 contracts and the contracts per model', async () => {
    page = renderPage({ at: '/admin/dashboard', routes, server: server(fulfilment()), me: admin });

    const trials = within(await screen.findByTestId('trials'));
    expect(trials.getByText(`${year} 年签订的合同`)).toBeTruthy();
    expect(screen.getByTestId('trials-started').textContent).toContain('4');
    expect(screen.getByTestId('trials-lapsed').textContent).toContain('1');
    expect(screen.getByTestId('trials-rate').textContent).toBe('转化率33.3%');

    const equity = within(screen.getByTestId('equity-table'));
    expect(equity.getByText('深海网箱作价入股')).toBeTruthy();
    expect(equity.getByText('5,000,000.00')).toBeTruthy();
    expect(equity.getByText('12.50%')).toBeTruthy();
    expect(equity.getByText('持股平台（湛江成果转化持股平台）')).toBeTruthy();
    expect(screen.getByTestId('equity-summary').textContent).toContain('1 项，作价金额合计 5,000,000.00 元');

    const models = within(screen.getByTestId('models-table'));
    const rows = models.getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent))).toEqual([
      ['转让', '1', '1,000,000.00'],
      ['许可', '1', '300,000.50'],
      ['先用后转', '4', '10,000.00'],
      ['作价入股', '1', '5,000,000.00'],
      ['未填结构化条款', '2', '88.00'],
    ]);
  });

  it('says when nothing is overdue and no trial is decided yet', async () => {
    page = renderPage({
      at: '/admin/dashboard',
      routes,
      server: server(
        fulfilment({ overdue: { count: 0, outstanding: '0.00', lines: [] }, trials: { started: 1, converted: 0, returned: 0, lapsed: 0, running: 1, conversionRate: null } }),
      ),
      me: admin,
    });

    expect(await screen.findByText('没有逾期未付的款项')).toBeTruthy();
    expect(screen.queryByTestId('overdue-table')).toBeNull();
    expect(screen.getByTestId('trials-rate').textContent).toBe('转化率—');
  });
});

describe('the dashboard’s plan indicators (KPI register, issue 17)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  const indicator = (o: Partial<KpiIndicatorView> & Pick<KpiIndicatorView, 'code' | 'name' | 'unit'>): KpiIndicatorView => ({
    nameEn: o.name,
    kind: 'expected',
    measure: 'level',
    source: '来源',
    sourceEn: 'Source',
    computed: false,
    byCounty: true,
    baseline: '0.00',
    target2030: '0.00',
    target2030Max: null,
    yearTarget: null,
    actual: null,
    actualQuarter: null,
    expected: '0.00',
    status: 'no_data',
    track: [],
    allocations: [],
    county: null,
    ...o,
  });

  it('shows each indicator’s actual, the year’s and 2030 targets, its status with the expected value, and its track as a table', async () => {
    const kpis: KpiRegister = {
      quarter,
      year,
      region: null,
      indicators: [
        indicator({
          code: 'contract-value',
          name: '技术合同认定登记金额',
          unit: 'yuan',
          computed: true,
          measure: 'annual',
          baseline: '150000000.00',
          target2030: '200000000.00',
          yearTarget: '160000000.00',
          actual: '170000000.00',
          actualQuarter: quarter,
          expected: '160000000.00',
          status: 'ahead',
          track: [{ quarter, actual: '170000000.00', expected: '160000000.00' }],
        }),
        indicator({ code: 'pilot-platforms', name: '概念验证和中试平台数', unit: 'platforms', baseline: '1.00', target2030: '3.00', target2030Max: '5.00', expected: '1.40' }),
      ],
    };
    // The section alone, as the dashboard places it (the rest of the page is tested above).
    const fake = new FakeServer().on('GET', `/admin/kpis?quarter=${quarter}`, kpis);
    page = renderPage({ at: '/admin/dashboard', routes: { '/admin/dashboard': <KpiSection quarter={quarter} /> }, server: fake, me: admin });

    const row = within(await screen.findByTestId('kpi-row-contract-value'));
    expect(row.getByTestId('kpi-actual-contract-value').textContent).toBe('17,000.00');
    expect(row.getByText('16,000.00', { selector: 'td.ant-table-cell' })).toBeTruthy();
    expect(row.getByText('20,000.00')).toBeTruthy();
    expect(row.getByTestId('kpi-status-contract-value').textContent).toBe('超前16,000.00');
    expect(row.getByText('预期性')).toBeTruthy();
    expect(row.getByText('平台计算')).toBeTruthy();
    const track = within(row.getByTestId('kpi-track-contract-value-data'));
    expect(track.getByRole('row', { name: `${quarter} 17,000.00 16,000.00` })).toBeTruthy();

    const pilot = within(screen.getByTestId('kpi-row-pilot-platforms'));
    expect(pilot.getByText('3–5')).toBeTruthy();
    expect(pilot.getByTestId('kpi-status-pilot-platforms').getAttribute('data-status')).toBe('no_data');
    expect(pilot.getByTestId('kpi-status-pilot-platforms').textContent).toBe('无数据1.40');
  });
});
