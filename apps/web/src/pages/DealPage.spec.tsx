// The deal page as a broker and a party see it: what it shows, a stage move and its refusals.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import type { DealApprovalState, DealApprovalView, DealEventView, DealStage, DealView } from '@ztt/contracts';
import { approval, Call, dealView, failure, FakeServer, Rendered, renderPage, signOut } from '../../test/page';
import { DealPage } from './DealPage';

const routes = { '/deals/:id': <DealPage /> };

const created: DealEventView = { id: 'e-1', type: 'created', fromStage: null, toStage: null, actorName: '陈立', detail: {}, createdAt: '2026-03-01T08:00:00.000Z' };

/** A server holding one deal at `stage`; a stage move changes it and adds to the timeline. */
function dealServer(start: Partial<DealView> = {}): FakeServer {
  let current = dealView(start);
  const events: DealEventView[] = [created];
  return new FakeServer()
    .on('GET', '/deals/deal-1', () => current)
    .on('GET', '/deals/deal-1/timeline', () => events)
    .on('GET', '/deals/deal-1/documents', [])
    .on('GET', '/deals/deal-1/messages', [])
    .on('POST', '/deals/deal-1/stage', (call: Call) => {
      const { to } = call.body as { to: DealStage };
      events.push({ id: `e-${events.length + 1}`, type: 'stage', fromStage: current.stage, toStage: to, actorName: '陈立', detail: {}, createdAt: '2026-03-02T08:00:00.000Z' });
      current = { ...current, stage: to, version: current.version + 1 };
      return current;
    });
}

const NEXT = '推进到“已联系”';

/** The deal's achievement is a service invention: `latest` is its approval so far; a request makes a pending one. */
function approvalServer(latest: DealApprovalView | null): FakeServer {
  let state: DealApprovalState = { required: true, clearToSign: false, approval: latest };
  return dealServer()
    .on('GET', '/deals/deal-1/approval', () => state)
    .on('POST', '/deals/deal-1/approval', (call: Call) => {
      const { noticeDays } = call.body as { noticeDays: number };
      state = { ...state, approval: approval({ noticeDays }) };
      return state;
    });
}

const card = async () => within(await screen.findByTestId('deal-approval'));

describe('the deal page (DealPage)', () => {
  let page: Rendered | undefined;
  afterEach(() => signOut(page));

  it("shows the deal's stage, both parties with their contacts, the brokers and the expected value", async () => {
    page = renderPage({ at: '/deals/deal-1', routes, server: dealServer() });

    expect((await screen.findByTestId('deal-title')).textContent).toBe('对虾水质监测系统技术转让');
    expect(screen.getByTestId('deal-stage').textContent).toBe('线索');
    expect(screen.getByText('湛江海洋科技有限公司 · 李娜')).toBeTruthy();
    expect(screen.getByText('广东海洋大学 · 王强')).toBeTruthy();
    expect(screen.getByText('陈立、周敏')).toBeTruthy();
    expect(screen.getByText('¥1,234,567.80')).toBeTruthy();
    expect(screen.getByText('委托开发')).toBeTruthy();
    expect((await screen.findByTestId('timeline-item')).textContent).toContain('陈立 · 发起对接');
  });

  it('moves the deal to the next stage through the stage endpoint, and shows the new stage once the deal is read again', async () => {
    const server = dealServer();
    page = renderPage({ at: '/deals/deal-1', routes, server });

    await page.user.click(await screen.findByRole('button', { name: NEXT }));

    expect(await screen.findByText('已进入“已联系”')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('deal-stage').textContent).toBe('已联系'));
    expect(server.sent('POST', '/deals/deal-1/stage').map((c) => c.body)).toEqual([{ to: 'contacted', version: 1 }]);
    expect(server.sent('GET', '/deals/deal-1')).toHaveLength(2);
    // The timeline is invalidated with the deal, so the move shows there too.
    await waitFor(() => expect(screen.getAllByTestId('timeline-item').map((e) => e.textContent)).toContainEqual(expect.stringContaining('进入“已联系”')));
    expect(screen.getByRole('button', { name: '推进到“已签保密协议”' })).toBeTruthy();
  });

  it.each([
    [403, 'FORBIDDEN', '没有权限执行此操作'],
    [409, 'CONFLICT', '内容已被他人修改，请刷新后重试'],
  ])('shows the server message when a stage move is refused with %i, and keeps the stage', async (status, code, text) => {
    const server = dealServer().on('POST', '/deals/deal-1/stage', failure(status, code, text));
    page = renderPage({ at: '/deals/deal-1', routes, server });

    await page.user.click(await screen.findByRole('button', { name: NEXT }));

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.getByTestId('deal-stage').textContent).toBe('线索');
    expect(server.sent('GET', '/deals/deal-1')).toHaveLength(1);
  });

  it('closes the signing dialog on 取消 after the server refused to sign, and the deal stays where it was', async () => {
    const contract = {
      dealId: 'deal-1',
      contractNo: '',
      contractName: '对虾水质监测系统技术转让',
      contractType: 'transfer',
      contractSubtype: 'transfer.patent',
      buyer: { name: '湛江海洋科技有限公司', creditCode: '91440800MA4W3XKX7R' },
      seller: { name: '广东海洋大学', creditCode: '12440000455859088C' },
      signedOn: '2026-11-20',
      periodStart: '2026-12-01',
      periodEnd: '2027-11-30',
      totalAmount: '500000.00',
      techAmount: '500000.00',
      paymentTerms: '一次付清',
      terms: { model: 'transfer', price: '500000.00', instalments: [{ dueOn: '2026-12-20', amount: '500000.00' }] },
      sourceNeedId: null,
      sourceAchievementId: null,
      sourceChallengeId: null,
      registrationNumber: null,
      registeredOn: null,
      updatedAt: '2026-11-20T08:00:00.000Z',
    };
    const refusal = '该成果为职务科技成果，需经成果所属单位审批通过后才能签约';
    const server = dealServer({ stage: 'negotiating' as DealStage })
      .on('GET', '/deals/deal-1/contract', contract)
      .on('POST', '/deals/deal-1/stage', failure(409, 'SERVICE_INVENTION_APPROVAL_REQUIRED', refusal));
    page = renderPage({ at: '/deals/deal-1', routes, server });

    await page.user.click(await screen.findByRole('button', { name: '推进到“已签约”' }));
    const dialog = await screen.findByRole('dialog');
    await page.user.click(within(dialog).getByTestId('stage-confirm'));
    expect(await screen.findByText(refusal)).toBeTruthy();
    // The dialog ignores 取消 while its request is on its way (the 确认 button spins): as a user does, wait until it stops.
    await waitFor(() => expect(within(dialog).getByTestId('stage-confirm').classList.contains('ant-btn-loading')).toBe(false));
    await page.user.click(within(dialog).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('deal-stage').textContent).toBe('商务谈判');
  });

  it('opens the tab the address names (a notification links to ?tab=fulfilment), and the timeline tells a payment in words', async () => {
    const server = dealServer({ stage: 'signed' as DealStage })
      .on('GET', '/deals/deal-1/fulfilment', {
        schedule: [],
        payments: [],
        royaltyReports: [],
        trial: null,
        can: { recordPayment: false, confirmPayment: false, reportRoyalty: false, decideRoyalty: false, decideTrial: false },
        serviceInvention: false,
        totals: { due: '0.00', paid: '0.00', overdue: '0.00' },
        convertedFromDealId: null,
      })
      .on('GET', '/deals/deal-1/contract', null)
      .on('GET', '/deals/deal-1/timeline', [
        created,
        {
          id: 'e-2',
          type: 'fulfilment',
          fromStage: null,
          toStage: null,
          actorName: '吴工',
          detail: { action: 'deal.payment_recorded', item: '首期款', amount: '300000.00' },
          createdAt: '2026-03-03T08:00:00.000Z',
        },
      ]);
    page = renderPage({ at: '/deals/deal-1?tab=fulfilment', routes, server });

    await waitFor(() => expect(screen.getByRole('tab', { name: '履约' }).getAttribute('aria-selected')).toBe('true'));
    await page.user.click(screen.getByRole('tab', { name: '进展时间线' }));
    expect((await screen.findAllByTestId('timeline-item')).map((e) => e.textContent)).toContainEqual(expect.stringContaining('登记付款：首期款 ¥300,000.00'));
  });

  it('asks an expert about the deal from its 专家咨询 tab, sending exactly the question typed, and lists the answer', async () => {
    const answered = {
      id: 'c-1',
      needId: null,
      dealId: 'deal-1',
      subjectTitle: '对虾水质监测系统技术转让',
      orgId: 'org-1',
      requesterName: '吴工',
      question: '监测设备能否耐受高盐雾？',
      preferredExpert: null,
      expertName: '甲锚泊专家',
      status: 'answered',
      answer: '可以，需选用 316L 外壳。',
      declineReason: null,
      createdAt: '2026-11-20T08:00:00.000Z',
      answeredAt: '2026-11-21T08:00:00.000Z',
    };
    const server = dealServer()
      .on('GET', '/deals/deal-1/consultations', [answered])
      .on('GET', '/experts?page=1&pageSize=100', { items: [], total: 0, page: 1, pageSize: 100 })
      .on('POST', '/deals/deal-1/consultations', { ...answered, id: 'c-2', status: 'requested', answer: null, expertName: null });
    page = renderPage({ at: '/deals/deal-1?tab=consultations', routes, server });

    const section = within(await screen.findByTestId('deal-consultations'));
    expect(await section.findByText('答复：可以，需选用 316L 外壳。')).toBeTruthy();
    await page.user.type(section.getByTestId('consult-question'), '现场安装周期多长？');
    await page.user.click(section.getByTestId('consult-send'));
    await waitFor(() => expect(server.sent('POST', '/deals/deal-1/consultations').map((c) => c.body)).toEqual([{ question: '现场安装周期多长？' }]));
  });

  it('shows 待审批 in the 单位审批 card while the organisation has not decided, with the hint that signing waits for it', async () => {
    page = renderPage({ at: '/deals/deal-1', routes, server: approvalServer(approval()) });

    const approvalCard = await card();
    expect(approvalCard.getByTestId('approval-status').textContent).toBe('待审批');
    expect(approvalCard.getByText('该成果为职务科技成果：须经成果所属单位审批通过、公示期满后才能签约。')).toBeTruthy();
    expect(approvalCard.getByText('审批单位：广东海洋大学')).toBeTruthy();
    // One approval at a time: nothing to ask for while this one waits.
    expect(approvalCard.queryByRole('button', { name: '提请单位审批' })).toBeNull();
  });

  it('shows an approval with its notice end date, and a refusal with its reason', async () => {
    const server = approvalServer(approval({ status: 'approved', noticeEndsOn: '2026-03-20', decidedAt: '2026-03-05T08:00:00.000Z' }));
    page = renderPage({ at: '/deals/deal-1', routes, server });
    expect((await card()).getByTestId('approval-status').textContent).toBe('已通过，公示期后 2026-03-20 起可签约');
    signOut(page);
    page.unmount();

    page = renderPage({ at: '/deals/deal-1', routes, server: approvalServer(approval({ status: 'refused', comment: '转让价格低于评估值' })) });
    const refused = await card();
    expect(refused.getByTestId('approval-status').textContent).toBe('已驳回：转让价格低于评估值');
    expect(refused.getByRole('button', { name: '提请单位审批' })).toBeTruthy();
  });

  it('requests the approval with the notice days given, and the card shows 待审批 once the approval is read again', async () => {
    const server = approvalServer(null);
    page = renderPage({ at: '/deals/deal-1', routes, server });

    const approvalCard = await card();
    expect(approvalCard.getByTestId('approval-status').textContent).toBe('未申请');
    const days = approvalCard.getByRole('spinbutton', { name: '公示天数' });
    await page.user.clear(days);
    await page.user.type(days, '15');
    await page.user.click(approvalCard.getByRole('button', { name: '提请单位审批' }));

    expect(await screen.findByText('已提请单位审批')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('approval-status').textContent).toBe('待审批'));
    expect(server.sent('POST', '/deals/deal-1/approval').map((c) => c.body)).toEqual([{ noticeDays: 15 }]);
    expect(server.sent('GET', '/deals/deal-1/approval')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '提请单位审批' })).toBeNull();
  });

  it('shows no approval card on a deal whose achievement is not a service invention', async () => {
    const server = dealServer().on('GET', '/deals/deal-1/approval', { required: false, clearToSign: true, approval: null });
    page = renderPage({ at: '/deals/deal-1', routes, server });

    await screen.findByTestId('deal-title');
    await waitFor(() => expect(page?.queryClient.getQueryData(['deal', 'deal-1', 'approval'])).toEqual({ required: false, clearToSign: true, approval: null }));
    expect(screen.queryByTestId('deal-approval')).toBeNull();
  });

  it('gives a party no stage buttons', async () => {
    page = renderPage({ at: '/deals/deal-1', routes, server: dealServer({ viewerRole: 'party' }) });

    const title = await screen.findByTestId('deal-title');
    expect(within(title.closest('.ant-card') as HTMLElement).queryByRole('button', { name: NEXT })).toBeNull();
    expect(screen.queryByRole('button', { name: '标记未成交' })).toBeNull();
  });

  it('says the page does not exist when the deal is not found (or is not the reader’s)', async () => {
    page = renderPage({ at: '/deals/deal-2', routes, server: dealServer() });

    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });
});
