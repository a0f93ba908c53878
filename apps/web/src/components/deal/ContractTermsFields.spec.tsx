// The contract tab's 合同条款（转让方式）: structured terms per transfer model, what is sent on save,
// the client-side rules (termsProblems), the schedule preview, and a stored contract's terms loaded back.
import { afterEach, describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ContractTerms, ContractView, DealStage, DealView } from '@ztt/contracts';
import { Call, dealView, failure, FakeServer, Rendered, renderPage, signOut } from '../../../test/page';
import { DealPage } from '../../pages/DealPage';

const routes = { '/deals/:id': <DealPage /> };

const deal = (): DealView =>
  dealView({ stage: 'negotiating' as DealStage, version: 4, coBrokers: [], expectedValue: '1000000', cooperationMode: 'transfer', nextStep: '', nextStepDue: null });

function contract(terms: ContractTerms | null = null): ContractView {
  return {
    dealId: 'deal-1',
    contractNo: 'HT-2026-001',
    contractName: '对虾水质监测系统技术转让合同',
    contractType: '2',
    contractSubtype: '2.1',
    buyer: { name: '湛江海洋科技有限公司', creditCode: '91440800MA4UXXXX1X' },
    seller: { name: '广东海洋大学', creditCode: '12440000455859XXXX' },
    signedOn: '2026-03-15',
    periodStart: '2026-03-15',
    periodEnd: '2027-03-14',
    totalAmount: '1000000',
    techAmount: '1000000',
    paymentTerms: '分期付款',
    terms,
    sourceNeedId: 'need-1',
    sourceAchievementId: 'ach-1',
    sourceChallengeId: null,
    registrationNumber: null,
    registeredOn: null,
    updatedAt: '2026-03-15T08:00:00.000Z',
  };
}

/** The deal with a stored contract (terms as given); PUT records the body and answers the contract. */
function server(terms: ContractTerms | null = null, put: unknown = undefined): FakeServer {
  let stored = contract(terms);
  return new FakeServer()
    .on('GET', '/deals/deal-1', deal())
    .on('GET', '/deals/deal-1/timeline', [])
    .on('GET', '/deals/deal-1/documents', [])
    .on('GET', '/deals/deal-1/messages', [])
    .on('GET', '/deals/deal-1/contract', () => stored)
    .on(
      'PUT',
      '/deals/deal-1/contract',
      put ??
        ((call: Call) => {
          stored = { ...stored, ...(call.body as Partial<ContractView>), updatedAt: '2026-03-16T08:00:00.000Z' };
          return stored;
        }),
    );
}

/** Opens the contract tab and waits for the stored contract in the form. */
async function openContract(page: Rendered) {
  await page.user.click(await screen.findByRole('tab', { name: '技术合同' }));
  await waitFor(() => expect((screen.getByTestId('contract-name') as HTMLInputElement).value).toBe('对虾水质监测系统技术转让合同'));
}

const input = (testid: string) => {
  const el = screen.getByTestId(testid);
  return (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input')) as HTMLInputElement;
};

async function choose(page: Rendered, testid: string, label: string) {
  const select = screen.getByTestId(testid);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent === label);
    if (!found) throw new Error(`no option ${label}`);
    return found as HTMLElement;
  });
  await page.user.click(option);
}

/** Types into an input at once (a change event, as the user's typing ends). */
function fill(_page: Rendered, testid: string, value: string) {
  fireEvent.change(input(testid), { target: { value } });
  return Promise.resolve();
}

async function pickDate(_page: Rendered, testid: string, value: string) {
  const el = input(testid);
  fireEvent.mouseDown(el);
  fireEvent.focus(el);
  fireEvent.change(el, { target: { value } });
  fireEvent.keyDown(el, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(el);
  await waitFor(() => expect(el.value).toBe(value));
}

async function fillTransfer(page: Rendered, price: string, instalments: [string, string, string?][]) {
  await choose(page, 'terms-model', '转让');
  await fill(page, 'terms-price', price);
  for (const [i, [dueOn, amount, label]] of instalments.entries()) {
    if (i > 0) await page.user.click(screen.getByTestId('terms-instalment-add'));
    await pickDate(page, `terms-instalment-${i}-due`, dueOn);
    await fill(page, `terms-instalment-${i}-amount`, amount);
    if (label) await fill(page, `terms-instalment-${i}-label`, label);
  }
}

const scheduleRows = () =>
  within(screen.getByTestId('terms-schedule'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));

describe('the contract terms (ContractTermsFields)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it('sends 转让 with two instalments as the exact terms body on save', async () => {
    const s = server();
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    await fillTransfer(page, '1000000.5', [
      ['2026-04-01', '400000', '首付款'],
      ['2026-09-30', '600000.50'],
    ]);
    expect(screen.getByTestId('terms-instalments-sum').textContent).toBe('各期合计 1000000.50 元，转让价款 1000000.50 元 · 相符');
    await page.user.click(screen.getByTestId('contract-save'));

    await waitFor(() => expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    const body = s.sent('PUT', '/deals/deal-1/contract')[0]?.body as Record<string, unknown>;
    expect(body.terms).toEqual({
      model: 'transfer',
      price: '1000000.5',
      instalments: [
        { dueOn: '2026-04-01', amount: '400000', label: '首付款' },
        { dueOn: '2026-09-30', amount: '600000.50' },
      ],
    });
    expect(body.signedOn).toBe('2026-03-15');
    expect(body).not.toHaveProperty('termsStored');
  });

  it('shows the Chinese problem and sends nothing when the instalments do not add up to the price', async () => {
    const s = server();
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    await fillTransfer(page, '1000000', [
      ['2026-04-01', '400000'],
      ['2026-09-30', '500000'],
    ]);
    expect(screen.getByTestId('terms-instalments-sum').textContent).toBe('各期合计 900000.00 元，转让价款 1000000.00 元 · 相差 100000.00 元');
    await page.user.click(screen.getByTestId('contract-save'));

    expect(await screen.findByText('各期付款之和（900000.00 元）应等于转让价款（1000000.00 元）')).toBeTruthy();
    expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(0);

    // Mended, the problem goes and the contract is sent.
    await fill(page, 'terms-instalment-1-amount', '600000');
    await waitFor(() => expect(screen.queryByText('各期付款之和（900000.00 元）应等于转让价款（1000000.00 元）')).toBeNull());
    await page.user.click(screen.getByTestId('contract-save'));
    await waitFor(() => expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
  });

  it('shows a payment due before signing on its date, and sends nothing', async () => {
    const s = server();
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    await fillTransfer(page, '1000', [['2026-03-01', '1000']]);
    await page.user.click(screen.getByTestId('contract-save'));

    expect(await screen.findByText('付款日期不能早于签订日期（2026-03-15）')).toBeTruthy();
    expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(0);
  });

  it('sends 许可 with its royalty', async () => {
    const s = server();
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    await choose(page, 'terms-model', '许可');
    await page.user.click(within(screen.getByTestId('terms-licence-kind')).getByLabelText('独占许可'));
    await fill(page, 'terms-licence-field', '水产养殖水质监测');
    await fill(page, 'terms-licence-territory', '广东省');
    await fill(page, 'terms-licence-term-months', '24');
    await fill(page, 'terms-licence-entry-fee', '200000');
    await page.user.click(screen.getByRole('switch', { name: '提成' }));
    await fill(page, 'terms-royalty-rate', '5.5');
    await page.user.click(within(screen.getByTestId('terms-royalty-base')).getByLabelText('利润'));
    await fill(page, 'terms-royalty-minimum', '50000');
    await page.user.click(within(screen.getByTestId('terms-royalty-period')).getByLabelText('年度'));
    await page.user.click(screen.getByTestId('contract-save'));

    await waitFor(() => expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    expect((s.sent('PUT', '/deals/deal-1/contract')[0]?.body as Record<string, unknown>).terms).toEqual({
      model: 'licence',
      kind: 'exclusive',
      field: '水产养殖水质监测',
      territory: '广东省',
      termMonths: 24,
      entryFee: '200000',
      stagedPayments: [],
      royalty: { rate: '5.5', base: 'profit', minimumAnnual: '50000', reportingPeriod: 'yearly' },
    });
  });

  it('previews the fulfilment schedule the terms make, by date', async () => {
    page = renderPage({ at: '/deals/deal-1', routes, server: server() });
    await openContract(page);

    await choose(page, 'terms-model', '转让');
    expect(screen.getByTestId('terms-schedule').textContent).toContain('条款和签订日期填写完整后，这里显示生成的履约计划');
    await fill(page, 'terms-price', '1000000');
    await pickDate(page, 'terms-instalment-0-due', '2026-09-30');
    await fill(page, 'terms-instalment-0-amount', '700000');
    await page.user.click(screen.getByTestId('terms-instalment-add'));
    await pickDate(page, 'terms-instalment-1-due', '2026-04-01');
    await fill(page, 'terms-instalment-1-amount', '300000');

    await waitFor(() =>
      expect(scheduleRows()).toEqual([
        ['2026-04-01', '第2期转让价款', '¥300,000.00'],
        ['2026-09-30', '第1期转让价款', '¥700,000.00'],
      ]),
    );
  });

  it('loads a stored contract’s 许可 terms back into the form, previews them, and sends them unchanged', async () => {
    const stored: ContractTerms = {
      model: 'licence',
      kind: 'sole',
      field: '对虾养殖',
      territory: '湛江市',
      startsOn: '2026-04-01',
      termMonths: 12,
      entryFee: '100000.00',
      entryFeeDueOn: '2026-04-15',
      stagedPayments: [{ milestone: '中试完成', dueOn: '2026-10-01', amount: '50000.00' }],
      royalty: { rate: '3', base: 'sales', minimumAnnual: '0', reportingPeriod: 'half_yearly' },
    };
    const s = server(stored);
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    expect(screen.getByTestId('terms-model').textContent).toBe('许可');
    expect((within(screen.getByTestId('terms-licence-kind')).getByLabelText('排他许可') as HTMLInputElement).checked).toBe(true);
    expect(input('terms-licence-field').value).toBe('对虾养殖');
    expect(input('terms-licence-starts-on').value).toBe('2026-04-01');
    expect(input('terms-licence-term-months').value).toBe('12');
    expect(input('terms-licence-entry-fee-due-on').value).toBe('2026-04-15');
    expect(input('terms-staged-0-milestone').value).toBe('中试完成');
    expect(input('terms-staged-0-due').value).toBe('2026-10-01');
    expect(screen.getByRole('switch', { name: '提成' }).getAttribute('aria-checked')).toBe('true');
    expect(input('terms-royalty-rate').value).toBe('3');
    expect(scheduleRows()).toEqual([
      ['2026-04-15', '入门费', '¥100,000.00'],
      ['2026-10-01', '中试完成', '¥50,000.00'],
      ['2026-10-01', '第1期提成报告（2026-04-01 至 2026-09-30）', '—'],
      ['2027-04-01', '第2期提成报告（2026-10-01 至 2027-03-31）', '—'],
    ]);

    await page.user.click(screen.getByTestId('contract-save'));
    await waitFor(() => expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    expect((s.sent('PUT', '/deals/deal-1/contract')[0]?.body as Record<string, unknown>).terms).toEqual(stored);
  });

  it('clears the terms of a stored contract when 不填结构化条款 is chosen, and leaves them out of one that never had any', async () => {
    const withTerms = server({ model: 'equity', valuation: '3000000', valuedBy: '湛江某资产评估公司', sharePercent: '15', holder: 'university', lockUpMonths: 36 });
    page = renderPage({ at: '/deals/deal-1', routes, server: withTerms });
    await openContract(page);
    expect(input('terms-equity-valuation').value).toBe('3000000');
    await choose(page, 'terms-model', '不填结构化条款');
    await page.user.click(screen.getByTestId('contract-save'));
    await waitFor(() => expect(withTerms.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    expect((withTerms.sent('PUT', '/deals/deal-1/contract')[0]?.body as Record<string, unknown>).terms).toBeNull();
    signOut(page);
    page.unmount();

    const without = server();
    page = renderPage({ at: '/deals/deal-1', routes, server: without });
    await openContract(page);
    expect(screen.getByTestId('terms-model').textContent).toBe('不填结构化条款');
    await page.user.click(screen.getByTestId('contract-save'));
    await waitFor(() => expect(without.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    expect(without.sent('PUT', '/deals/deal-1/contract')[0]?.body).not.toHaveProperty('terms');
  });

  it('puts the server’s field problems on the terms fields', async () => {
    const s = server(
      null,
      failure(422, 'VALIDATION_FAILED', '请检查填写的内容', [
        { field: 'terms.instalments.0.dueOn', code: 'terms_due_before_signing', message: '付款日期不能早于签订日期（2026-03-15）' },
      ]),
    );
    page = renderPage({ at: '/deals/deal-1', routes, server: s });
    await openContract(page);

    await fillTransfer(page, '1000', [['2026-04-01', '1000']]);
    await page.user.click(screen.getByTestId('contract-save'));

    await waitFor(() => expect(s.sent('PUT', '/deals/deal-1/contract')).toHaveLength(1));
    const row = screen.getByTestId('terms-instalment-0');
    expect(await within(row).findByText('付款日期不能早于签订日期（2026-03-15）')).toBeTruthy();
  });
});
