// The approval queue of an organisation's admins (its tech-transfer office): pending and decided approvals, approving and refusing.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import type { DealApprovalView, Page } from '@ztt/contracts';
import { approval, Call, failure, FakeServer, Rendered, renderPage, signOut } from '../../test/page';
import { ApprovalsPage } from './ApprovalsPage';

const routes = { '/my/approvals': <ApprovalsPage /> };

const QUEUE = '/approvals?pageSize=100';

/** A queue of one pending approval and one refused last week; a decision changes the pending one. */
function queueServer(): FakeServer {
  let items = [
    approval(),
    approval({ id: 'appr-0', dealTitle: '深海网箱抗风浪设计', status: 'refused', comment: '合同价格过低', decidedByName: '李娜', decidedAt: '2026-02-25T08:00:00.000Z' }),
  ];
  const page = (): Page<DealApprovalView> => ({ items, total: items.length, page: 1, pageSize: 100 });
  return new FakeServer().on('GET', QUEUE, page).on('POST', '/approvals/appr-1/decision', (call: Call) => {
    const { decision, comment } = call.body as { decision: 'approve' | 'refuse'; comment?: string };
    const decided = approval({
      status: decision === 'approve' ? 'approved' : 'refused',
      comment: comment ?? null,
      noticeEndsOn: decision === 'approve' ? '2026-03-20' : null,
      decidedByName: '李娜',
      decidedAt: '2026-03-05T08:00:00.000Z',
    });
    items = [decided, ...items.filter((a) => a.id !== 'appr-1')];
    return decided;
  });
}

describe('the approval queue (ApprovalsPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('lists the pending approvals with their deal, achievement, requester and notice days, and the decided ones below', async () => {
    page = renderPage({ at: '/my/approvals', routes, server: queueServer() });

    const pending = within(await screen.findByTestId('approvals-pending'));
    expect(await pending.findByText('对虾水质监测系统技术转让')).toBeTruthy();
    expect(pending.getByText('池塘溶解氧传感器')).toBeTruthy();
    expect(pending.getByText('陈立')).toBeTruthy();
    expect(pending.getByText('15')).toBeTruthy();
    const decided = within(screen.getByTestId('approvals-decided'));
    expect(decided.getByText('深海网箱抗风浪设计')).toBeTruthy();
    expect(decided.getByText('已驳回：合同价格过低')).toBeTruthy();
  });

  it('approves a pending approval, which then shows among the decided with its notice end date', async () => {
    const server = queueServer();
    page = renderPage({ at: '/my/approvals', routes, server });

    await page.user.click(await screen.findByTestId('approval-approve'));

    await waitFor(() => expect(within(screen.getByTestId('approvals-decided')).getByText('已通过，公示期后 2026-03-20 起可签约')).toBeTruthy());
    expect(server.sent('POST', '/approvals/appr-1/decision').map((c) => c.body)).toEqual([{ decision: 'approve' }]);
    expect(within(screen.getByTestId('approvals-pending')).queryByTestId('approval-approve')).toBeNull();
  });

  it('refuses only with a reason, given in the dialog', async () => {
    const server = queueServer();
    page = renderPage({ at: '/my/approvals', routes, server });

    await page.user.click(await screen.findByTestId('approval-refuse'));
    const dialog = within(await screen.findByRole('dialog'));
    await page.user.click(dialog.getByTestId('approval-refuse-confirm'));
    expect(await dialog.findByText('请填写驳回理由')).toBeTruthy();
    expect(server.sent('POST', '/approvals/appr-1/decision')).toEqual([]);

    await page.user.type(dialog.getByTestId('approval-comment'), '转让价格低于评估值');
    await page.user.click(dialog.getByTestId('approval-refuse-confirm'));

    await waitFor(() => expect(within(screen.getByTestId('approvals-decided')).getByText('已驳回：转让价格低于评估值')).toBeTruthy());
    expect(server.sent('POST', '/approvals/appr-1/decision').map((c) => c.body)).toEqual([{ decision: 'refuse', comment: '转让价格低于评估值' }]);
  });

  it("shows the server's message when a decision is refused, and keeps the approval pending", async () => {
    const server = queueServer().on('POST', '/approvals/appr-1/decision', failure(409, 'INVALID_STATE', '当前状态下不能执行此操作'));
    page = renderPage({ at: '/my/approvals', routes, server });

    await page.user.click(await screen.findByTestId('approval-approve'));

    expect(await screen.findByText('当前状态下不能执行此操作')).toBeTruthy();
    expect(within(screen.getByTestId('approvals-pending')).getByText('对虾水质监测系统技术转让')).toBeTruthy();
  });
});
