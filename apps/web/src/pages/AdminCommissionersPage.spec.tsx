// The admin's 科技特派员 roster: the list with specialties and counties, adding a person who holds the role, and the server's refusal shown on its field.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import type { CommissionerCandidate, CommissionerView, Page } from '@ztt/contracts';
import { PlatformRole } from '@ztt/contracts';
import { Call, failure, FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { AdminCommissionersPage } from './AdminCommissionersPage';

const routes = { '/admin/commissioners': <AdminCommissionersPage /> };
const admin = member({ platformRoles: [PlatformRole.Admin] });
const ROSTER = '/admin/commissioners?page=1&pageSize=20';

function entry(overrides: Partial<CommissionerView> = {}): CommissionerView {
  return {
    id: 'c-1',
    userId: 'u-1',
    name: '陈海洋研究员',
    institutionOrgId: 'org-1',
    institutionName: '湛江海洋科技大学',
    chains: ['marine.ranching'],
    keywords: ['对虾'],
    regions: ['xuwen'],
    active: true,
    assignments: [
      { id: 'a-1', commissionerId: 'c-1', region: 'xuwen', town: '下桥镇', servedOrgId: null, servedOrgName: null, startsOn: '2026-01-01', endsOn: '2026-12-31', current: true },
    ],
    createdAt: '2026-01-02T02:00:00.000Z',
    ...overrides,
  };
}

function rosterServer(): FakeServer {
  let entries = [entry()];
  const candidates: CommissionerCandidate[] = [{ userId: 'u-2', name: '李南海副研究员', email: 'li@example.cn' }];
  const page = <T,>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, pageSize: 20 });
  return new FakeServer()
    .on('GET', ROSTER, () => page(entries))
    .on('GET', '/admin/commissioners/candidates', candidates)
    .on('GET', '/orgs?pageSize=20', page([{ id: 'org-2', name: '湛江南海热带农业科学研究院' }]))
    .on('POST', '/admin/commissioners', (call: Call) => {
      const body = call.body as { userId: string; institutionOrgId: string };
      const made = entry({
        id: 'c-2',
        userId: body.userId,
        name: '李南海副研究员',
        institutionOrgId: body.institutionOrgId,
        institutionName: '湛江南海热带农业科学研究院',
        chains: [],
        keywords: [],
        regions: [],
        assignments: [],
      });
      entries = [made, ...entries];
      return made;
    });
}

async function fillNewEntry(page: Rendered) {
  await page.user.click(await screen.findByTestId('commissioner-add'));
  const dialog = within(await screen.findByRole('dialog'));
  fireEvent.mouseDown(dialog.getByLabelText('用户（已授予“科技特派员”角色）'));
  await page.user.click(await screen.findByText('李南海副研究员 · li@example.cn', { selector: '.ant-select-item-option-content' }));
  fireEvent.mouseDown(dialog.getByLabelText('派出单位'));
  await page.user.click(await screen.findByText('湛江南海热带农业科学研究院', { selector: '.ant-select-item-option-content' }));
  await page.user.click(dialog.getByRole('button', { name: /保\s*存/ }));
  return dialog;
}

describe('the 科技特派员 roster page (AdminCommissionersPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists each commissioner with institution, chains, keywords and current counties, and adds a person holding the role', async () => {
    const server = rosterServer();
    page = renderPage({ at: '/admin/commissioners', routes, server, me: admin });

    const roster = within(await screen.findByTestId('commissioner-admin-roster'));
    expect(await roster.findByText('陈海洋研究员')).toBeTruthy();
    expect(roster.getByText('湛江海洋科技大学')).toBeTruthy();
    expect(roster.getByText('现代化海洋牧场')).toBeTruthy();
    expect(roster.getByText('对虾')).toBeTruthy();
    expect(roster.getByText('徐闻县')).toBeTruthy();
    expect(roster.getByText('在册')).toBeTruthy();

    await fillNewEntry(page);
    expect(await screen.findByText('已加入名录')).toBeTruthy();
    expect(server.sent('POST', '/admin/commissioners')[0]?.body).toEqual({ userId: 'u-2', institutionOrgId: 'org-2', chains: [], keywords: [] });
    expect(await roster.findByText('李南海副研究员')).toBeTruthy();
  });

  it("shows the server's refusal on the person's field, in Chinese", async () => {
    const server = rosterServer().on(
      'POST',
      '/admin/commissioners',
      failure(400, 'VALIDATION_FAILED', '提交的内容有误，请检查后重试', [{ field: 'userId', code: 'commissioner_exists', message: '该用户已在科技特派员名录中' }]),
    );
    page = renderPage({ at: '/admin/commissioners', routes, server, me: admin });

    await fillNewEntry(page);
    expect(await screen.findByText('该用户已在科技特派员名录中')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
