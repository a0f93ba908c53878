import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 科技金融 (docs/domain.md): an applicant organisation's member publishes a financing request on
 * its achievement; a fund's profile is matched to it with reasons; the fund's member sees it on the
 * watchlist without the confidential part until the applicant grants disclosure, expresses interest
 * once; a broker opens a financing deal from the interest and closes it with the arranged amount,
 * and the request is arranged. Technology-only actions are refused on the financing deal.
 */

describe('科技金融: financing requests, matching, disclosure, interest and the financing deal', () => {
  let api: TestApi;
  let admin: TestUser;
  let broker: TestUser;
  let applicant: TestUser;
  let outsider: TestUser;
  let fundMember: TestUser;
  let bankMember: TestUser;
  let applicantOrg: string;
  let fundOrg: string;
  let achievement: string;
  let request: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '金融经纪人' });
    applicant = await registerUser(api, { displayName: '申请企业成员' });
    outsider = await registerUser(api, { displayName: '其他企业成员' });
    fundMember = await registerUser(api, { displayName: '基金投资经理' });
    bankMember = await registerUser(api, { displayName: '银行客户经理' });
    applicantOrg = (await createOrg(api, applicant, { verified: true, input: { name: '湛江蓝藻生物科技有限公司' } })).id;
    await createOrg(api, outsider, { verified: true, input: { name: '湛江其他科技有限公司' } });
    fundOrg = (await createOrg(api, fundMember, { verified: true, input: { name: '湛江海洋产业投资基金', type: 'finance' } })).id;
    await createOrg(api, bankMember, { verified: true, input: { name: '湛江科技支行', type: 'finance' } });
    achievement = await publishItem(api, 'achievement', applicant, admin, achievementInput(applicantOrg, { chains: ['marine.biomed'] }));
    const fund = await api.call('PUT', '/api/finance/profile', {
      token: fundMember.token,
      body: {
        kind: 'fund',
        instruments: ['equity'],
        ticketMin: '3000000.00',
        ticketMax: '20000000.00',
        stages: ['growth', 'expansion'],
        chains: ['marine.biomed'],
        regions: [],
        exclusions: ['房地产'],
        summary: '专注海洋产业的股权投资基金',
      },
    });
    expect(fund.status).toBe(200);
    const bank = await api.call('PUT', '/api/finance/profile', {
      token: bankMember.token,
      body: {
        kind: 'bank',
        instruments: ['loan'],
        ticketMin: '1000000.00',
        ticketMax: '10000000.00',
        stages: ['startup'],
        chains: [],
        regions: [],
        exclusions: ['marine.biomed'],
        summary: '',
      },
    });
    expect(bank.status).toBe(200);
  }, 120_000);
  afterAll(() => api?.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    title: '海洋微藻虾青素产业化项目股权融资',
    summary: '以微藻提取天然虾青素，建设年产 5 吨中试线',
    achievementId: achievement,
    amount: '5000000.00',
    instrument: 'equity',
    stage: 'growth',
    useOfFunds: '购置发酵与提取设备，扩建 GMP 车间',
    raisedSoFar: '1000000.00',
    confidential: { revenue: '12000000.00', valuationBasis: '投前估值 8000 万元，参照可比公司市销率', capTableNotes: '创始团队持股 70%' },
    ...overrides,
  });

  it('refuses bad requests with Chinese messages and creates nothing', async () => {
    const none = await api.call('POST', '/api/financing-requests', { token: applicant.token, body: input({ achievementId: undefined }) });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ field: 'achievementId', code: 'financing_subject_one', message: '请关联一项成果、需求或对接项目（只选一项）' }]);
    const raised = await api.call('POST', '/api/financing-requests', { token: applicant.token, body: input({ raisedSoFar: '6000000.00' }) });
    expect(raised.status).toBe(400);
    expect(raised.body.error.details[0].message).toBe('已融资金额须小于本次融资金额');
    const notOwn = await api.call('POST', '/api/financing-requests', { token: outsider.token, body: input() });
    expect(notOwn.status).toBe(400);
    expect(notOwn.body.error.details[0].message).toBe('只能关联本机构的成果、需求或本机构参与的对接项目');
    const mine = await api.call('GET', '/api/financing-requests/mine', { token: applicant.token });
    expect(mine.body).toEqual([]);
  });

  it('lets the applicant create a draft nobody else sees, then publish it and match it to the fund with reasons', async () => {
    const created = await api.call('POST', '/api/financing-requests', { token: applicant.token, body: input() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', viewerRole: 'applicant', chains: ['marine.biomed'], subject: { kind: 'achievement', id: achievement } });
    request = created.body.id;
    expect((await api.call('GET', `/api/financing-requests/${request}`, { token: fundMember.token })).status).toBe(404);
    expect((await api.call('GET', `/api/financing-requests/${request}`, { token: broker.token })).status).toBe(404);

    const published = await api.call('POST', `/api/financing-requests/${request}/publish`, { token: applicant.token });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('open');
    expect((await api.call('POST', `/api/financing-requests/${request}/publish`, { token: applicant.token })).status).toBe(409);

    const matches = await api.call('GET', `/api/financing-requests/${request}/matches`, { token: applicant.token });
    expect(matches.status).toBe(200);
    // the bank excludes the chain: no pair, no score
    expect(matches.body.map((m: { orgId: string }) => m.orgId)).toEqual([fundOrg]);
    expect(matches.body[0].score).toBe(1);
    expect(matches.body[0].reasons).toEqual(['工具相符：股权投资', '额度在区间内：500万元 ∈ 300万–2000万元', '阶段相符：成长期', '同属产业链：海洋生物医药']);

    const told = JSON.stringify((await api.call('GET', '/api/notifications', { token: fundMember.token })).body);
    expect(told).toContain('有新的融资需求与贵机构匹配');
    expect(told).toContain('同属产业链：海洋生物医药');
    // an outsider (not finance, not broker) sees nothing of it
    expect((await api.call('GET', `/api/financing-requests/${request}`, { token: outsider.token })).status).toBe(404);
    expect((await api.call('GET', '/api/financing-requests', { token: outsider.token })).status).toBe(404);
  });

  it('shows a finance member the public part only, and the confidential part once the applicant grants disclosure', async () => {
    const before = await api.call('GET', `/api/financing-requests/${request}`, { token: fundMember.token });
    expect(before.status).toBe(200);
    expect(before.body.viewerRole).toBe('finance');
    expect(before.body.confidential).toBeUndefined();
    expect(JSON.stringify(before.body)).not.toContain('8000 万元');

    const asked = await api.call('POST', `/api/financing-requests/${request}/disclosures`, { token: fundMember.token });
    expect(asked.status).toBe(201);
    expect((await api.call('POST', `/api/financing-requests/${request}/disclosures`, { token: fundMember.token })).status).toBe(409);
    const stillHidden = await api.call('GET', `/api/financing-requests/${request}`, { token: fundMember.token });
    expect(stillHidden.body.confidential).toBeUndefined();
    expect(stillHidden.body.myDisclosure).toBe('requested');

    // only the applicant decides
    expect(
      (await api.call('POST', `/api/financing-requests/${request}/disclosures/${asked.body.id}/decision`, { token: fundMember.token, body: { decision: 'grant' } })).status,
    ).toBe(404);
    const granted = await api.call('POST', `/api/financing-requests/${request}/disclosures/${asked.body.id}/decision`, { token: applicant.token, body: { decision: 'grant' } });
    expect(granted.status).toBe(200);
    expect(granted.body.status).toBe('granted');
    const after = await api.call('GET', `/api/financing-requests/${request}`, { token: fundMember.token });
    expect(after.body.confidential).toMatchObject({ revenue: '12000000.00', valuationBasis: '投前估值 8000 万元，参照可比公司市销率' });
    // the bank (no grant) still does not see it
    expect((await api.call('GET', `/api/financing-requests/${request}`, { token: bankMember.token })).body.confidential).toBeUndefined();
  });

  it('puts the request on the fund’s watchlist with reasons and takes interest once', async () => {
    const list = await api.call('GET', '/api/finance/watchlist', { token: fundMember.token });
    expect(list.status).toBe(200);
    const item = list.body.find((x: { request: { id: string } }) => x.request.id === request);
    expect(item).toMatchObject({ score: 1, watched: false, interested: false });
    expect(item.reasons).toContain('阶段相符：成长期');
    expect(item.request.confidential).toBeUndefined();
    // the bank's watchlist does not have it (excluded chain)
    const bankList = await api.call('GET', '/api/finance/watchlist', { token: bankMember.token });
    expect(bankList.body.map((x: { request: { id: string } }) => x.request.id)).not.toContain(request);

    expect((await api.call('PUT', `/api/financing-requests/${request}/watch`, { token: fundMember.token })).status).toBe(204);
    const interest = await api.call('POST', `/api/financing-requests/${request}/interests`, { token: fundMember.token, body: { note: '希望安排尽调' } });
    expect(interest.status).toBe(201);
    const again = await api.call('POST', `/api/financing-requests/${request}/interests`, { token: fundMember.token, body: { note: '再次' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('贵机构已对该融资需求表达过意向');
    const told = JSON.stringify((await api.call('GET', '/api/notifications', { token: applicant.token })).body);
    expect(told).toContain('湛江海洋产业投资基金对融资需求“海洋微藻虾青素产业化项目股权融资”表达了意向');
    const watched = (await api.call('GET', '/api/finance/watchlist', { token: fundMember.token })).body[0];
    expect(watched).toMatchObject({ watched: true, interested: true });
  });

  it('lets a broker open a financing deal from the interest and close it with the arranged amount: the request is arranged', async () => {
    const [interest] = (await api.call('GET', `/api/financing-requests/${request}/interests`, { token: broker.token })).body;
    expect((await api.call('POST', `/api/financing-requests/${request}/interests/${interest.id}/deal`, { token: fundMember.token, body: {} })).status).toBe(404);
    const opened = await api.call('POST', `/api/financing-requests/${request}/interests/${interest.id}/deal`, { token: broker.token, body: {} });
    expect(opened.status).toBe(201);
    const dealId = opened.body.dealId;
    expect((await api.call('POST', `/api/financing-requests/${request}/interests/${interest.id}/deal`, { token: broker.token, body: {} })).status).toBe(409);

    let deal = (await api.call('GET', `/api/deals/${dealId}`, { token: broker.token })).body;
    expect(deal).toMatchObject({ kind: 'financing', financingRequestId: request, stage: 'lead', demand: { orgId: applicantOrg }, supply: { orgId: fundOrg } });
    // the broker of the financing deal reads the confidential part
    expect((await api.call('GET', `/api/financing-requests/${request}`, { token: broker.token })).body.confidential).toBeDefined();

    const move = (to: string, extra: Record<string, unknown> = {}) =>
      api.call('POST', `/api/deals/${dealId}/stage`, { token: broker.token, body: { to, version: deal.version, ...extra } });
    for (const to of ['contacted', 'nda_signed', 'due_diligence', 'negotiating']) {
      const r = await move(to);
      expect(r.status).toBe(200);
      deal = r.body;
    }
    // technology-only: no signing, no contract
    expect((await move('signed')).status).toBe(400);
    const approval = await api.call('POST', `/api/deals/${dealId}/approval`, { token: broker.token, body: {} });
    expect(approval.status).toBe(409);
    expect(approval.body.error).toMatchObject({ code: 'NOT_FOR_FINANCING_DEAL', message: '融资对接项目不涉及技术合同、认定登记和履约' });
    const payment = await api.call('POST', `/api/deals/${dealId}/payments`, {
      token: applicant.token,
      body: { scheduleItemId: interest.id, amount: '1.00', paidOn: '2026-12-01' },
    });
    expect(payment.status).toBe(409);
    expect(payment.body.error.code).toBe('NOT_FOR_FINANCING_DEAL');

    const noAmount = await move('closed');
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.details[0].message).toBe('进入“融资已落实”需要填写大于 0 的落实金额（元）');
    const tooMuch = await move('closed', { arrangedAmount: '5000000.01' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details[0].message).toBe('落实金额须大于 0 且不超过融资需求金额 500万元');
    expect((await api.call('GET', `/api/deals/${dealId}`, { token: broker.token })).body.stage).toBe('negotiating');

    const closed = await move('closed', { arrangedAmount: '4500000.00' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ stage: 'closed', arrangedAmount: '4500000.00' });
    const after = await api.call('GET', `/api/financing-requests/${request}`, { token: applicant.token });
    expect(after.body).toMatchObject({ status: 'arranged', arrangedAmount: '4500000.00', dealIds: [dealId] });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: applicant.token })).body)).toContain('融资需求“海洋微藻虾青素产业化项目股权融资”已落实融资');
    // an arranged request leaves the watchlist and cannot be edited
    expect((await api.call('GET', '/api/finance/watchlist', { token: fundMember.token })).body.map((x: { request: { id: string } }) => x.request.id)).not.toContain(request);
    expect((await api.call('POST', `/api/financing-requests/${request}/withdraw`, { token: applicant.token })).status).toBe(409);
  });

  it('refuses a stale edit and lets the applicant withdraw a draft', async () => {
    const other = await api.call('POST', '/api/financing-requests', { token: applicant.token, body: input({ title: '第二轮融资' }) });
    expect(other.status).toBe(201);
    const stale = await api.call('PUT', `/api/financing-requests/${other.body.id}`, { token: applicant.token, body: { ...input({ title: '改名' }), version: 99 } });
    expect(stale.status).toBe(409);
    const withdrawn = await api.call('POST', `/api/financing-requests/${other.body.id}/withdraw`, { token: applicant.token });
    expect(withdrawn.body.status).toBe('withdrawn');
  });
});
