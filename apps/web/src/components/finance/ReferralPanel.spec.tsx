// The policy referral panel of a financing request: each programme with its conditions met or unmet; an eligible one offers the banks,
// the consent and the send button; sending without the consent sends nothing; with it the referral goes to the chosen bank.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ReferralPanelView, ReferralView } from '@ztt/contracts';
import { ReferralStatus } from '@ztt/contracts';
import { Call, FakeServer, Rendered, renderPage, signOut } from '../../../test/page';
import { ReferralPanel } from './ReferralPanel';

const routes = { '/financing/r-1': <ReferralPanel requestId="r-1" /> };
const zh = (s: string) => ({ 'zh-CN': s, en: s });

function panel(referrals: ReferralView[] = []): ReferralPanelView {
  return {
    eligibility: [
      {
        code: 'risk_compensation_pool',
        name: zh('科技信贷风险补偿资金池'),
        description: zh('合作银行发放的信用贷款，损失由资金池分担。'),
        eligible: true,
        conditions: [
          { kind: 'instrument', met: true, text: zh('融资方式为贷款') },
          { kind: 'credential_any', met: true, text: zh('具有高新技术企业或科技型中小企业资质') },
        ],
      },
      {
        code: 'conversion_insurance',
        name: zh('科技成果转化保险'),
        description: zh('为成果转化风险投保。'),
        eligible: false,
        conditions: [
          { kind: 'instrument', met: false, text: zh('融资方式为保险') },
          { kind: 'org_verified', met: true, text: zh('申请机构已通过平台认证') },
        ],
      },
    ],
    banks: [{ orgId: 'bank-1', name: '湛江农村商业银行' }],
    referrals,
    consentText: '同意将本融资需求及机构资质信息发送给所选银行',
  };
}

const sent: ReferralView = {
  id: 'ref-1',
  requestId: 'r-1',
  requestTitle: '尾水处理设备产业化贷款',
  applicantOrgId: 'o-1',
  applicantOrgName: '湛江蓝海水产科技有限公司',
  programme: 'risk_compensation_pool',
  programmeName: zh('科技信贷风险补偿资金池'),
  bankOrgId: 'bank-1',
  bankOrgName: '湛江农村商业银行',
  amount: '5000000.00',
  instrument: 'loan',
  status: ReferralStatus.Sent,
  bankNote: null,
  consentAt: '2026-12-06T02:00:00.000Z',
  consentByName: '财务总监',
  decidedAt: null,
  createdAt: '2026-12-06T02:00:00.000Z',
};

describe('the policy referral panel (ReferralPanel)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('shows each programme’s conditions, sends nothing without consent, and refers to the chosen bank with it', async () => {
    let referrals: ReferralView[] = [];
    const fake = new FakeServer()
      .on('GET', '/financing-requests/r-1/referral-panel', () => panel(referrals))
      .on('POST', '/financing-requests/r-1/referrals', (call: Call) => {
        referrals = [sent];
        return { ...sent, bankOrgId: (call.body as { bankOrgId: string }).bankOrgId };
      });
    page = renderPage({ at: '/financing/r-1', routes, server: fake });

    const pool = await screen.findByTestId('programme-risk_compensation_pool-verdict');
    expect(pool.textContent).toBe('符合条件');
    expect(screen.getByTestId('programme-conversion_insurance-verdict').textContent).toBe('暂不符合');
    expect(screen.getByTestId('condition-risk_compensation_pool-credential_any').textContent).toContain('具有高新技术企业或科技型中小企业资质');
    expect(screen.getByTestId('condition-risk_compensation_pool-credential_any').getAttribute('data-met')).toBe('true');
    // the ineligible programme, opened, says which condition fails and offers no send button
    await page.user.click(screen.getByText('科技成果转化保险'));
    expect((await screen.findByTestId('condition-conversion_insurance-instrument')).getAttribute('data-met')).toBe('false');
    expect(screen.queryByTestId('referral-send-conversion_insurance')).toBeNull();

    fireEvent.mouseDown(within(screen.getByTestId('referral-bank-risk_compensation_pool')).getByRole('combobox'));
    await page.user.click(await screen.findByText('湛江农村商业银行', { selector: '.ant-select-item-option-content' }));
    await page.user.click(screen.getByTestId('referral-send-risk_compensation_pool'));
    expect(await screen.findByText('请勾选同意后再发送')).toBeTruthy();
    expect(fake.sent('POST', '/financing-requests/r-1/referrals')).toEqual([]);

    await page.user.click(screen.getByText('同意将本融资需求及机构资质信息发送给所选银行'));
    await page.user.click(screen.getByTestId('referral-send-risk_compensation_pool'));
    expect(await screen.findByText('已转介给银行')).toBeTruthy();
    expect(fake.sent('POST', '/financing-requests/r-1/referrals').map((c) => c.body)).toEqual([{ programme: 'risk_compensation_pool', bankOrgId: 'bank-1', consent: true }]);
    const list = within(await screen.findByTestId('referral-list'));
    expect(await list.findByText('已转介')).toBeTruthy();
    expect(list.getByText('湛江农村商业银行')).toBeTruthy();
  });
});
