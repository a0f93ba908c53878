// Brokers as a profession: the public directory (level, firm, record, the rating only from 3) and a party rating the broker on the deal page.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { DealBrokerRatingState, DealStage, Page, PublicBrokerCard } from '@ztt/contracts';
import { Call, dealView, FakeServer, Rendered, renderPage, signOut } from '../../test/page';
import { BrokerDirectoryPage } from './BrokerDirectoryPage';
import { DealPage } from './DealPage';

const routes = { '/brokers': <BrokerDirectoryPage />, '/deals/:id': <DealPage /> };

function broker(overrides: Partial<PublicBrokerCard>): PublicBrokerCard {
  return {
    userId: 'b-1',
    displayName: '技术经纪人 李明',
    chains: ['marine.ranching'],
    regions: ['potou'],
    level: 'senior',
    certified: true,
    firm: { id: 'firm-1', name: '湛江湾区技术经理人事务所' },
    dealsSigned: 3,
    registeredContractValue: '1234567.89',
    rating: { average: '4.50', count: 6 },
    ...overrides,
  };
}

describe('brokers as a profession (BrokerDirectoryPage, the deal page’s rating)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists each broker’s level, firm, record and rating, and says when a rating is not public yet', async () => {
    const items = [
      broker({}),
      broker({ userId: 'b-2', displayName: '技术经纪人 赵倩', level: 'intermediate', firm: null, dealsSigned: 0, registeredContractValue: '0.00', rating: null }),
    ];
    const server = new FakeServer().on('GET', '/brokers?page=1&pageSize=20', { items, total: 2, page: 1, pageSize: 20 } satisfies Page<PublicBrokerCard>);
    page = renderPage({ at: '/brokers', routes, server });

    const [first, second] = await screen.findAllByTestId('broker-card');
    const a = within(first as HTMLElement);
    expect(a.getByText('技术经纪人 李明')).toBeTruthy();
    expect(a.getByText('高级技术经纪人')).toBeTruthy();
    expect(a.getByText('持证')).toBeTruthy();
    expect(a.getByText('湛江湾区技术经理人事务所')).toBeTruthy();
    expect(a.getByText('促成签约：3 · 登记技术合同金额：¥1,234,567.89')).toBeTruthy();
    expect(a.getByText('4.50')).toBeTruthy();
    const b = within(second as HTMLElement);
    expect(b.getByText('中级技术经纪人')).toBeTruthy();
    expect(b.getByText('评价不足 3 条，暂不公开')).toBeTruthy();
  });

  it('lets a party rate the broker of a signed deal once, and then shows the side as rated', async () => {
    let state: DealBrokerRatingState = { brokerId: 'b-1', open: true, ratedSides: [], canRateSides: ['demand'], ratings: [] };
    const server = new FakeServer()
      .on('GET', '/deals/deal-1', dealView({ stage: 'signed' as DealStage, viewerRole: 'party' }))
      .on('GET', '/deals/deal-1/timeline', [])
      .on('GET', '/deals/deal-1/documents', [])
      .on('GET', '/deals/deal-1/messages', [])
      .on('GET', '/deals/deal-1/broker-rating', () => state)
      .on('POST', '/deals/deal-1/broker-rating', () => {
        state = { ...state, ratedSides: ['demand'], canRateSides: [] };
        return state;
      });
    page = renderPage({ at: '/deals/deal-1', routes, server });

    const panel = within(await screen.findByTestId('broker-rating-panel'));
    await page.user.click(panel.getAllByRole('radio')[3] as HTMLElement);
    await page.user.type(panel.getByTestId('broker-rate-comment'), '推进有力');
    await page.user.click(panel.getByTestId('broker-rate-submit'));

    expect((await screen.findByTestId('broker-rated')).textContent).toContain('已评价：需方');
    expect(server.sent('POST', '/deals/deal-1/broker-rating').map((c: Call) => c.body)).toEqual([{ score: 4, comment: '推进有力' }]);
  });
});
