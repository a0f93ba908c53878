// The admin users page grants the county official role (县区科技管理人员) only together with its county: the PUT waits for the county and carries it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react';
import type { Page, UserAdminView } from '@ztt/contracts';
import { PlatformRole, UserStatus } from '@ztt/contracts';
import { Call, FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { AdminUsersPage } from './AdminUsersPage';

const routes = { '/admin/users': <AdminUsersPage /> };
const admin = member({ platformRoles: [PlatformRole.Admin] });
const LIST = '/admin/users?page=1&pageSize=20&q=';

function official(overrides: Partial<UserAdminView> = {}): UserAdminView {
  return {
    id: 'u-9',
    email: 'lin@potou.gov.cn',
    displayName: '林科长',
    status: UserStatus.Active,
    platformRoles: [],
    county: null,
    organisations: [],
    createdAt: '2026-01-02T02:00:00.000Z',
    lastLoginAt: null,
    ...overrides,
  };
}

describe('granting the county official role on the admin users page (AdminUsersPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('asks for the county before saving the role, then saves the role with the chosen county', async () => {
    let user = official();
    const page1 = (items: UserAdminView[]): Page<UserAdminView> => ({ items, total: items.length, page: 1, pageSize: 20 });
    const server = new FakeServer()
      .on('GET', LIST, () => page1([user]))
      .on('PUT', '/admin/users/u-9/roles', (call: Call) => {
        const body = call.body as { roles: PlatformRole[]; county: string | null };
        user = official({ platformRoles: body.roles, county: body.county });
        return user;
      });
    page = renderPage({ at: '/admin/users', routes, server, me: admin });

    expect(await screen.findByText('林科长')).toBeTruthy();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '平台角色' }));
    await page.user.click(await screen.findByText('县区科技管理人员', { selector: '.ant-select-item-option-content' }));
    expect(server.sent('PUT', '/admin/users/u-9/roles')).toHaveLength(0);

    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '所属县（市、区）' }));
    await page.user.click(await screen.findByText('坡头区', { selector: '.ant-select-item-option-content' }));
    expect(await screen.findByText('角色已更新')).toBeTruthy();
    expect(server.sent('PUT', '/admin/users/u-9/roles')[0]?.body).toEqual({ roles: [PlatformRole.CountyOfficial], county: 'potou' });
  });
});
