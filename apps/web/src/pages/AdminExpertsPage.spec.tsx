// The admins' expert verification page: pending profiles with kind, titles and chains; verifying posts the decision; sending back needs a reason.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ExpertProfileView, Page } from '@ztt/contracts';
import { ExpertKind, ExpertProfileStatus, PlatformRole } from '@ztt/contracts';
import { Call, FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { AdminExpertsPage } from './AdminExpertsPage';

const routes = { '/admin/experts': <AdminExpertsPage /> };
const admin = member({ platformRoles: [PlatformRole.Admin] });

function profile(overrides: Partial<ExpertProfileView> = {}): ExpertProfileView {
  return {
    id: 'p-1',
    userId: 'u-9',
    name: '土专家 黄阿福',
    email: 'huang@example.cn',
    kind: ExpertKind.Practitioner,
    titles: ['乡村工匠'],
    chains: ['marine.ranching'],
    keywords: ['深海网箱'],
    affiliations: '硇洲岛深海网箱养殖户',
    bio: '',
    affiliatedOrgs: [],
    conflicts: [{ orgId: 'o-1', orgName: '湛江某养殖公司', reason: '亲属在该公司任职' }],
    status: ExpertProfileStatus.Pending,
    rejectionReason: null,
    verifiedAt: null,
    updatedAt: '2026-12-01T02:00:00.000Z',
    reviewer: false,
    ...overrides,
  };
}

function server(): FakeServer {
  const page = (items: ExpertProfileView[]): Page<ExpertProfileView> => ({ items, total: items.length, page: 1, pageSize: 20 });
  return new FakeServer().on('GET', '/admin/experts?page=1&pageSize=20&status=pending', page([profile()])).on('POST', '/admin/experts/p-1/review', (call: Call) => {
    const body = call.body as { decision: string; reason?: string };
    return profile(body.decision === 'verify' ? { status: ExpertProfileStatus.Verified } : { status: ExpertProfileStatus.Rejected, rejectionReason: body.reason ?? '' });
  });
}

describe('the expert verification page (AdminExpertsPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists a pending profile with its kind and chains, verifies it, and sends one back only with a reason', async () => {
    const fake = server();
    page = renderPage({ at: '/admin/experts', routes, server: fake, me: admin });

    const list = within(await screen.findByTestId('expert-admin-list'));
    expect(await list.findByText('土专家 黄阿福')).toBeTruthy();
    expect(list.getByText('土专家·田秀才')).toBeTruthy();
    expect(list.getByText('现代化海洋牧场')).toBeTruthy();
    expect(list.getByText('未授予')).toBeTruthy();

    await page.user.click(list.getByTestId('expert-verify-p-1'));
    expect(await screen.findByText('已审核通过')).toBeTruthy();
    expect(fake.sent('POST', '/admin/experts/p-1/review').map((c) => c.body)).toEqual([{ decision: 'verify' }]);

    await page.user.click(list.getByTestId('expert-reject-p-1'));
    const dialog = within(await screen.findByRole('dialog'));
    const ok = screen.getByTestId('expert-reject-confirm') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    fireEvent.change(dialog.getByTestId('expert-reject-reason'), { target: { value: '职称无法核实' } });
    await page.user.click(ok);
    expect(await screen.findByText('已退回')).toBeTruthy();
    expect(fake.sent('POST', '/admin/experts/p-1/review')[1]?.body).toEqual({ decision: 'reject', reason: '职称无法核实' });
  });
});
