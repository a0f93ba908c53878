// The public county page: the county's counts, its published yearly need list and its KPI allocations (the API serves it without sign-in: counties.e2e-spec).
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { CountyPublicView } from '@ztt/contracts';
import { FakeServer, Rendered, renderPage, signOut } from '../../test/page';
import { CountyPage } from './CountyPage';

const routes = { '/counties/:code': <CountyPage /> };

const POTOU: CountyPublicView = {
  code: 'potou',
  name: '坡头区',
  nameEn: 'Potou District',
  needs: 4,
  achievements: 2,
  challenges: 1,
  deals: 3,
  quarter: '2026Q4',
  year: 2026,
  kpis: [{ code: 'high-tech-enterprises', name: '高新技术企业数', nameEn: 'High-tech enterprises', unit: 'enterprises', allocation: '25.00', actual: '21.00', reached: '84.00' }],
  needList: {
    county: 'potou',
    year: 2026,
    status: 'published',
    publishedAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    entries: [{ title: '对虾工厂化养殖尾水达标处理', chain: 'marine.ranching', description: '养殖集中区尾水达标排放', priority: 'high', needId: null }],
  },
};

describe('the public county page (CountyPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it("shows the county's name, counts, published need list with its priority, and its KPI allocation against the actual", async () => {
    page = renderPage({ at: '/counties/potou', routes, server: new FakeServer().on('GET', '/counties/potou', POTOU) });
    expect(await screen.findByRole('heading', { name: '坡头区' })).toBeTruthy();
    expect(within(screen.getByTestId('county-deals')).getByText('3')).toBeTruthy();
    const list = within(screen.getByTestId('county-need-list'));
    expect(list.getByText('对虾工厂化养殖尾水达标处理')).toBeTruthy();
    expect(list.getByText('现代化海洋牧场')).toBeTruthy();
    expect(list.getByText('高')).toBeTruthy();
    expect(screen.getByText('高新技术企业数')).toBeTruthy();
    expect(screen.getByText('25.00')).toBeTruthy();
    expect(screen.getByText('21.00')).toBeTruthy();
    expect(screen.getByTestId('county-kpi-reached').textContent).toBe('84.00%');
  });

  it('says so when the county has not published its need list', async () => {
    page = renderPage({ at: '/counties/potou', routes, server: new FakeServer().on('GET', '/counties/potou', { ...POTOU, needList: null }) });
    expect(await screen.findByText('本县尚未发布县域产业技术需求清单')).toBeTruthy();
  });
});
