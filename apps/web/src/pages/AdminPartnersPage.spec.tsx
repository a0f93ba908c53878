// The admin's partner API keys: the list, issuing a key (shown once, with a copy button and a warning), revoking with a confirmation, and the usage log.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CreatedPartnerKey, Page, PartnerKeyView, PartnerUsageEntry } from '@ztt/contracts';
import { PlatformRole } from '@ztt/contracts';
import { Call, failure, FakeServer, member, Rendered, renderPage, signOut } from '../../test/page';
import { AdminPartnersPage } from './AdminPartnersPage';

const routes = { '/admin/partners': <AdminPartnersPage /> };
const admin = member({ platformRoles: [PlatformRole.Admin] });
const KEYS = '/admin/partner-keys?page=1&pageSize=20';
const USAGE = '/admin/partner-keys/usage?page=1&pageSize=20';
const SECRET = 'ztt_3f9a0c1b2d4e_' + 'Yk3'.repeat(14) + 'x';

function key(overrides: Partial<PartnerKeyView> = {}): PartnerKeyView {
  return {
    id: 'key-1',
    keyId: '0a1b2c3d4e5f',
    orgId: 'org-9',
    orgName: '华南技术转移中心',
    name: '成果共享接口',
    scopes: ['catalogue:read', 'challenges:read'] as PartnerKeyView['scopes'],
    ratePerMinute: 120,
    webhookUrl: null,
    expiresAt: '2027-06-30T16:00:00.000Z',
    createdAt: '2026-03-01T02:00:00.000Z',
    lastUsedAt: '2026-03-04T06:30:00.000Z',
    revokedAt: null,
    status: 'active',
    ...overrides,
  };
}

/** One active key with two logged calls; issuing adds a key, revoking marks it revoked. */
function keysServer(): FakeServer {
  let keys = [key()];
  const usage: PartnerUsageEntry[] = [
    { id: '2', keyId: 'key-1', method: 'GET', route: '/api/partner/feed', status: 429, at: '2026-03-04T06:30:00.000Z' },
    { id: '1', keyId: 'key-1', method: 'GET', route: '/api/partner/feed', status: 200, at: '2026-03-04T06:29:00.000Z' },
  ];
  const page = <T,>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, pageSize: 20 });
  return new FakeServer()
    .on('GET', KEYS, () => page(keys))
    .on('GET', USAGE, () => page(usage))
    .on('GET', '/orgs?pageSize=20', page([{ id: 'org-7', name: '湛茂科技合作中心' }]))
    .on('POST', '/admin/partner-keys', (call: Call) => {
      const body = call.body as { name: string; scopes: PartnerKeyView['scopes'] };
      const made = key({ id: 'key-2', keyId: '3f9a0c1b2d4e', orgId: 'org-7', orgName: '湛茂科技合作中心', name: body.name, scopes: body.scopes, lastUsedAt: null });
      keys = [made, ...keys];
      const answer: CreatedPartnerKey = { key: made, secret: SECRET };
      return answer;
    })
    .on('POST', '/admin/partner-keys/key-1/revoke', () => {
      keys = keys.map((k) => (k.id === 'key-1' ? { ...k, status: 'revoked' as const, revokedAt: '2026-03-05T02:00:00.000Z' } : k));
      return keys.find((k) => k.id === 'key-1');
    });
}

describe('the partner API keys page (AdminPartnersPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists the keys with organisation, scopes, limit, expiry, last use and status, and the usage log', async () => {
    page = renderPage({ at: '/admin/partners', routes, server: keysServer(), me: admin });

    const keys = within(await screen.findByTestId('partner-keys'));
    expect(await keys.findByText('华南技术转移中心')).toBeTruthy();
    expect(keys.getByText('成果共享接口')).toBeTruthy();
    expect(keys.getByText('ztt_0a1b2c3d4e5f_…')).toBeTruthy();
    expect(keys.getByText('读取公开目录')).toBeTruthy();
    expect(keys.getByText('读取揭榜挂帅')).toBeTruthy();
    expect(keys.getByText('120')).toBeTruthy();
    expect(keys.getByText('有效')).toBeTruthy();

    const usage = within(screen.getByTestId('partner-usage'));
    expect(await usage.findByText('429')).toBeTruthy();
    expect(usage.getAllByText('GET /api/partner/feed')).toHaveLength(2);
    expect(usage.getAllByText('华南技术转移中心 · 成果共享接口')).toHaveLength(2);
  });

  it('issues a key and shows it once, with a warning and a copy button; closed, it is gone from the page', async () => {
    const server = keysServer();
    page = renderPage({ at: '/admin/partners', routes, server, me: admin });

    await page.user.click(await screen.findByTestId('partner-create'));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.mouseDown(dialog.getByRole('combobox'));
    await page.user.click(await screen.findByText('湛茂科技合作中心', { selector: '.ant-select-item-option-content' }));
    fireEvent.change(dialog.getByTestId('partner-name'), { target: { value: '湛茂成果同步' } });
    await page.user.click(dialog.getByLabelText('读取揭榜挂帅'));
    await page.user.click(dialog.getByTestId('partner-create-submit'));

    const secret = await screen.findByTestId('partner-secret');
    expect(secret.textContent).toBe(SECRET);
    expect(screen.getByText('这是该密钥唯一一次完整显示。请立即复制并安全交给合作机构；平台只保存其摘要，关闭后无法再次查看。')).toBeTruthy();
    const sent = server.sent('POST', '/admin/partner-keys')[0]?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ orgId: 'org-7', name: '湛茂成果同步', scopes: ['catalogue:read', 'challenges:read'], ratePerMinute: 120 });
    expect(new Date(sent.expiresAt as string).getTime()).toBeGreaterThan(Date.now());

    await page.user.click(screen.getByTestId('partner-copy'));
    expect(await screen.findByText('已复制')).toBeTruthy();
    await page.user.click(screen.getByTestId('partner-created-close'));
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
    expect(await within(screen.getByTestId('partner-keys')).findByText('湛茂成果同步')).toBeTruthy();
  });

  it('revokes a key only once confirmed, and shows it revoked', async () => {
    const server = keysServer();
    page = renderPage({ at: '/admin/partners', routes, server, me: admin });

    // The first answer can take a while on a busy machine.
    await page.user.click(await screen.findByTestId('partner-revoke', {}, { timeout: 30_000 }));
    expect(await screen.findByText('吊销密钥「成果共享接口」？吊销后立即失效，无法恢复。')).toBeTruthy();
    expect(server.sent('POST', '/admin/partner-keys/key-1/revoke')).toEqual([]);
    await page.user.click(screen.getByTestId('partner-revoke-confirm'));

    expect(await within(screen.getByTestId('partner-keys')).findByText('已吊销')).toBeTruthy();
    expect(server.sent('POST', '/admin/partner-keys/key-1/revoke')).toHaveLength(1);
    expect(within(screen.getByTestId('partner-keys')).queryByTestId('partner-revoke')).toBeNull();
  });

  it("shows the server's message when revoking is refused", async () => {
    const server = keysServer().on('POST', '/admin/partner-keys/key-1/revoke', failure(409, 'INVALID_STATE', '当前状态下不能执行此操作'));
    page = renderPage({ at: '/admin/partners', routes, server, me: admin });

    // The first answer can take a while on a busy machine.
    await page.user.click(await screen.findByTestId('partner-revoke', {}, { timeout: 30_000 }));
    await page.user.click(await screen.findByTestId('partner-revoke-confirm'));
    expect(await screen.findByText('当前状态下不能执行此操作')).toBeTruthy();
  });
});
