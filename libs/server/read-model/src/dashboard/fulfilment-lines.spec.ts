import { Dashboard, FulfilmentFigures } from '@ztt/contracts';
import { termsRows } from '../deal-reports/terms-sheet';
import { fulfilmentLines } from './report.service';

const f: FulfilmentFigures = {
  year: 2026,
  period: 2026,
  quarters: [
    { quarter: '2026Q1', contracts: 0, contracted: '0.00', received: '0.00', inventorShare: '0.00' },
    { quarter: '2026Q2', contracts: 3, contracted: '1300000.50', received: '170000.00', inventorShare: '105000.00' },
  ],
  overdue: { count: 1, outstanding: '250000.00', lines: [{ dealId: 'd1', dealTitle: '对虾尾水转让', label: '首期款', dueOn: '2026-05-10', outstanding: '250000.00' }] },
  trials: { started: 4, converted: 1, returned: 1, lapsed: 1, running: 1, conversionRate: 33.3 },
  equity: {
    count: 1,
    valuation: '5000000.00',
    deals: [
      {
        dealId: 'd3',
        dealTitle: '网箱入股',
        signedOn: '2026-04-02',
        valuation: '5000000.00',
        sharePercent: '12.50',
        holder: 'holding_platform',
        holderName: '持股公司',
        valuedBy: '评估公司',
      },
    ],
  },
  byModel: [
    { model: 'transfer', contracts: 1, value: '1000000.00' },
    { model: 'licence', contracts: 0, value: '0.00' },
    { model: null, contracts: 2, value: '88.00' },
  ],
};

describe('the quarterly report’s fulfilment section', () => {
  it('states the quarter’s contracted and received value, the models, overdue, trials and equity', () => {
    const lines = fulfilmentLines('2026Q2', { fulfilment: f } as Dashboard);
    expect(lines).toEqual([
      '本季度签订技术合同 3 份，合同金额 1300000.50 元；实际到账 170000.00 元，其中完成人奖酬 105000.00 元。',
      '按转化方式（2026 年）：转让 1 份 1000000.00 元，未填结构化条款 2 份 88.00 元。',
      '截至报告生成，逾期未付 1 项，合计 250000.00 元。',
      '  · 对虾尾水转让：首期款，2026-05-10 到期，未付 250000.00 元',
      '先用后转（2026 年）：试用 4 项，已转化 1 项，已退回 1 项，逾期未决 1 项，试用中 1 项；转化率 33.3%。',
      '作价入股（2026 年）：1 项，作价金额合计 5000000.00 元。',
      '  · 网箱入股：作价 5000000.00 元，持股 12.50%，持股平台（持股公司），评估公司',
    ]);
    const quiet = fulfilmentLines('2026Q3', {
      fulfilment: { ...f, overdue: { count: 0, outstanding: '0.00', lines: [] }, trials: { ...f.trials, conversionRate: null }, byModel: [] },
    } as unknown as Dashboard);
    expect(quiet).toContain('截至报告生成，无逾期未付款项。');
    expect(quiet).toContain('按转化方式（2026 年）：暂无。');
    expect(quiet.some((l) => l.endsWith('转化率 —。'))).toBe(true);
  });
});

describe('the registration sheet’s terms', () => {
  it('names the model and its fields in Chinese', () => {
    expect(termsRows(null, '2026-01-01', null)).toEqual([['转化方式', '未填结构化条款']]);
    const licence = termsRows(
      { model: 'licence', kind: 'sole', field: '养殖', territory: '湛江市', termMonths: 12, entryFee: '0', stagedPayments: [], royalty: null },
      '2026-01-05',
      null,
    );
    expect(licence).toEqual([
      ['转化方式', '许可'],
      ['许可方式', '排他许可'],
      ['许可实施领域', '养殖'],
      ['许可地域', '湛江市'],
      ['许可期起算日', '2026-01-05'],
      ['许可期限（月）', '12'],
      ['入门费（元）', '0'],
      ['入门费到期日', '2026-01-05'],
      ['里程碑付款', '无'],
      ['提成', '无'],
    ]);
    const trial = termsRows(
      {
        model: 'use_first',
        trialStartsOn: '2026-01-01',
        trialEndsOn: '2026-06-30',
        trialFee: '1000.00',
        conversionOptions: ['transfer'],
        conversionDeadline: '2026-07-31',
        onDecline: 'other',
        declineNote: '按市场价付费',
      },
      '2026-01-01',
      'extended',
    );
    expect(Object.fromEntries(trial)).toMatchObject({ 可转为: '转让', '约定的转化价款（元）': '未约定', 不转化时: '其他：按市场价付费', 试用结果: '已延期' });
  });
});
