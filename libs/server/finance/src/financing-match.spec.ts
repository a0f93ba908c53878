import { FinanceProfileSide, FinancingRequestSide, scoreFinancing } from './financing-match';

const request: FinancingRequestSide = {
  title: '海洋微藻活性物质产业化',
  summary: '以微藻提取虾青素，建设中试线',
  useOfFunds: '购置发酵设备',
  amount: '5000000.00',
  instrument: 'equity',
  stage: 'growth',
  chains: ['marine.biomed'],
  region: 'xiashan',
};

const fund: FinanceProfileSide = {
  instruments: ['equity'],
  ticketMin: '3000000.00',
  ticketMax: '20000000.00',
  stages: ['growth', 'expansion'],
  chains: ['marine.biomed', 'marine.ranching'],
  regions: [],
  exclusions: [],
};

describe('scoring a financing request against a finance profile', () => {
  it('explains a full fit in Chinese and English, instrument, amount, stage and chain', () => {
    const s = scoreFinancing(request, fund);
    expect(s?.score).toBe(1);
    expect(s?.reasons).toEqual(['工具相符：股权投资', '额度在区间内：500万元 ∈ 300万–2000万元', '阶段相符：成长期', '同属产业链：海洋生物医药']);
    expect(s?.reasonsEn[0]).toBe('Instrument fits: Equity investment');
    expect(s?.reasonsEn[1]).toBe('Amount within the ticket range: CNY 5,000,000 ∈ CNY 3,000,000–CNY 20,000,000');
  });

  it('gives no amount reason and a lower score when the amount is outside the ticket range', () => {
    const s = scoreFinancing({ ...request, amount: '25000000.00' }, fund);
    expect(s?.score).toBe(0.75);
    expect(s?.reasons.some((r) => r.startsWith('额度'))).toBe(false);
  });

  it('scores a bank offering loans low for an equity request, with only what fits', () => {
    const bank: FinanceProfileSide = { ...fund, instruments: ['loan', 'ip_pledge'], stages: ['startup'], chains: ['food.processing'], regions: ['chikan'] };
    const s = scoreFinancing(request, bank);
    expect(s?.score).toBe(0.25);
    expect(s?.reasons).toEqual(['额度在区间内：500万元 ∈ 300万–2000万元']);
  });

  it('names the region when the request is within the service area', () => {
    expect(scoreFinancing(request, { ...fund, regions: ['xiashan'] })?.reasons).toContain('服务区域内：霞山区');
  });

  it('removes the pair (no score) when a chain or a keyword is excluded', () => {
    expect(scoreFinancing(request, { ...fund, exclusions: ['marine.biomed'] })).toBeNull();
    expect(scoreFinancing(request, { ...fund, exclusions: ['虾青素'] })).toBeNull();
    expect(scoreFinancing(request, { ...fund, exclusions: ['房地产'] })).not.toBeNull();
  });

  it('compares amounts exactly, to the fen, at the range edges', () => {
    expect(scoreFinancing({ ...request, amount: '20000000.00' }, fund)?.score).toBe(1);
    expect(scoreFinancing({ ...request, amount: '20000000.01' }, fund)?.score).toBe(0.75);
  });
});
