import ExcelJS from 'exceljs';
import { PlatformRole, quarterOf } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 政策性金融服务转介 (docs/domain.md): the applicant of an open financing request sees, per policy
 * programme, each condition met or unmet in words; with an explicit consent it refers the request to
 * a bank (a finance organisation whose profile says bank) for a programme it is eligible for; the
 * bank's members see it, read the request's confidential part, and accept or decline with a note;
 * anyone else gets 404. The dashboard's financing figures count what was requested and arranged.
 */

describe('政策性金融服务转介: eligibility, consent, the bank’s decision, and the financing figures', () => {
  let api: TestApi;
  let admin: TestUser;
  let applicant: TestUser;
  let banker: TestUser;
  let investor: TestUser;
  let outsider: TestUser;
  let broker: TestUser;
  let applicantOrg: string;
  let bankOrg: string;
  let fundOrg: string;
  let request: string;
  let outsiderOrg: string;

  const financingRequest = (orgId: string, achievementId: string, overrides: Record<string, unknown> = {}) => ({
    orgId,
    title: '对虾工厂化养殖尾水处理设备产业化贷款',
    summary: '建设年产 50 套尾水处理设备的生产线。',
    achievementId,
    amount: '5000000.00',
    instrument: 'loan',
    stage: 'growth',
    useOfFunds: '生产线建设与流动资金',
    confidential: { revenue: '32000000.00', collateral: '厂房抵押，评估价 800 万元' },
    ...overrides,
  });

  const openRequest = async (body: Record<string, unknown>): Promise<string> => {
    const created = await api.call('POST', '/api/financing-requests', { token: applicant.token, body });
    expect(created.status).toBe(201);
    const published = await api.call('POST', `/api/financing-requests/${created.body.id}/publish`, { token: applicant.token });
    expect(published.status).toBeLessThan(300);
    return created.body.id as string;
  };

  const saveProfile = async (u: TestUser, kind: string) =>
    expect(
      (
        await api.call('PUT', '/api/finance/profile', {
          token: u.token,
          body: {
            kind,
            instruments: ['loan', 'ip_pledge', 'equity'],
            ticketMin: '1000000.00',
            ticketMax: '20000000.00',
            stages: ['growth'],
            chains: [],
            regions: [],
            exclusions: [],
            summary: '',
          },
        })
      ).status,
    ).toBe(200);

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '融资经纪人' });
    applicant = await registerUser(api, { displayName: '申请企业财务总监' });
    banker = await registerUser(api, { displayName: '湛江农商行客户经理' });
    investor = await registerUser(api, { displayName: '蓝海基金投资经理' });
    outsider = await registerUser(api, { displayName: '无关企业员工' });
    applicantOrg = (await createOrg(api, applicant, { verified: true, input: { name: '湛江蓝海水产科技有限公司', credentials: ['sme_tech'] } })).id;
    bankOrg = (await createOrg(api, banker, { verified: true, input: { name: '湛江农村商业银行', type: 'finance' } })).id;
    fundOrg = (await createOrg(api, investor, { verified: true, input: { name: '湛江蓝海创业投资基金', type: 'finance' } })).id;
    outsiderOrg = (await createOrg(api, outsider, { verified: true, input: { name: '湛江无关贸易有限公司' } })).id;
    await saveProfile(banker, 'bank');
    await saveProfile(investor, 'fund');
    const achievement = await publishItem(api, 'achievement', applicant, admin, achievementInput(applicantOrg));
    request = await openRequest(financingRequest(applicantOrg, achievement));
  }, 60_000);
  afterAll(() => api?.close());

  const panel = (u: TestUser) => api.call('GET', `/api/financing-requests/${request}/referral-panel`, { token: u.token });
  const send = (u: TestUser, body: Record<string, unknown>) => api.call('POST', `/api/financing-requests/${request}/referrals`, { token: u.token, body });

  it('shows the applicant each programme with every condition met or unmet in words, and the banks to choose', async () => {
    const res = await panel(applicant);
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.eligibility.map((e: { code: string }) => [e.code, e]));
    expect(byCode.get('risk_compensation_pool')).toMatchObject({ eligible: true, name: { 'zh-CN': '科技信贷风险补偿资金池' } });
    // the achievement lists a granted invention patent, so the IP-pledge whitelist fits a loan too
    expect(byCode.get('ip_pledge_whitelist')).toMatchObject({ eligible: true });
    const insurance = byCode.get('conversion_insurance') as { eligible: boolean; conditions: { met: boolean; text: { 'zh-CN': string } }[] };
    expect(insurance.eligible).toBe(false);
    expect(insurance.conditions.filter((c) => !c.met).map((c) => c.text['zh-CN'])).toEqual(['融资方式为保险', '保险金额不超过 300 万元']);
    expect(res.body.banks).toEqual([{ orgId: bankOrg, name: '湛江农村商业银行' }]);
    expect(res.body.consentText).toBe('同意将本融资需求及机构资质信息发送给所选银行');
    expect(res.body.referrals).toEqual([]);
  });

  it('refuses a referral without consent (400, in Chinese), an ineligible programme (409) and a fund as bank (400), sending nothing', async () => {
    const noConsent = await send(applicant, { programme: 'risk_compensation_pool', bankOrgId: bankOrg, consent: false });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error).toMatchObject({ code: 'REFERRAL_CONSENT_REQUIRED', message: '请先勾选同意将本融资需求及机构资质信息发送给所选银行' });
    const ineligible = await send(applicant, { programme: 'conversion_insurance', bankOrgId: bankOrg, consent: true });
    expect(ineligible.status).toBe(409);
    expect(ineligible.body.error.code).toBe('POLICY_NOT_ELIGIBLE');
    const notABank = await send(applicant, { programme: 'risk_compensation_pool', bankOrgId: fundOrg, consent: true });
    expect(notABank.status).toBe(400);
    expect(notABank.body.error.details).toEqual([expect.objectContaining({ field: 'bankOrgId', message: '请选择已在平台登记的银行' })]);
    expect((await panel(applicant)).body.referrals).toEqual([]);
    expect((await api.call('GET', '/api/finance/referrals', { token: banker.token })).body).toEqual([]);
  });

  it('sends with consent: the bank sees it, is told, and reads the confidential part it could not before; the same referral again is 409', async () => {
    const before = await api.call('GET', `/api/financing-requests/${request}`, { token: banker.token });
    expect(before.status).toBe(200);
    expect(before.body.confidential).toBeUndefined();
    const sent = await send(applicant, { programme: 'risk_compensation_pool', bankOrgId: bankOrg, consent: true });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'sent',
      bankOrgName: '湛江农村商业银行',
      applicantOrgName: '湛江蓝海水产科技有限公司',
      consentByName: '申请企业财务总监',
      amount: '5000000.00',
    });
    const incoming = await api.call('GET', '/api/finance/referrals', { token: banker.token });
    expect(incoming.body.map((r: { id: string }) => r.id)).toEqual([sent.body.id]);
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: banker.token })).body)).toContain('科技信贷风险补偿资金池');
    const after = await api.call('GET', `/api/financing-requests/${request}`, { token: banker.token });
    expect(after.body.confidential).toMatchObject({ collateral: '厂房抵押，评估价 800 万元' });
    const again = await send(applicant, { programme: 'risk_compensation_pool', bankOrgId: bankOrg, consent: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REFERRAL_ALREADY_SENT');
  });

  it('keeps referrals from outsiders: other organisations get 404 on the panel, the send and the decision, and see none', async () => {
    const [id] = (await api.call('GET', '/api/finance/referrals', { token: banker.token })).body.map((r: { id: string }) => r.id);
    expect((await panel(outsider)).status).toBe(404);
    expect((await panel(banker)).status).toBe(404);
    expect((await send(outsider, { programme: 'risk_compensation_pool', bankOrgId: bankOrg, consent: true })).status).toBe(404);
    for (const u of [outsider, investor, applicant]) {
      expect((await api.call('POST', `/api/financing-referrals/${id}/decide`, { token: u.token, body: { decision: 'accept' } })).status).toBe(404);
    }
    expect((await api.call('GET', `/api/financing-referrals/${id}`, { token: outsider.token })).status).toBe(404);
    expect((await api.call('GET', '/api/finance/referrals', { token: investor.token })).body).toEqual([]);
    expect((await api.call('GET', '/api/financing-referrals/00000000-0000-4000-8000-000000000000', { token: banker.token })).status).toBe(404);
  });

  it('the bank declines only with a note, accepts once, and the applicant is told', async () => {
    const [id] = (await api.call('GET', '/api/finance/referrals', { token: banker.token })).body.map((r: { id: string }) => r.id);
    const bare = await api.call('POST', `/api/financing-referrals/${id}/decide`, { token: banker.token, body: { decision: 'decline', note: '  ' } });
    expect(bare.status).toBe(400);
    const accepted = await api.call('POST', `/api/financing-referrals/${id}/decide`, { token: banker.token, body: { decision: 'accept', note: '已安排客户经理对接' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'accepted', bankNote: '已安排客户经理对接' });
    const twice = await api.call('POST', `/api/financing-referrals/${id}/decide`, { token: banker.token, body: { decision: 'decline', note: '改变主意' } });
    expect(twice.status).toBe(409);
    expect((await panel(applicant)).body.referrals).toEqual([expect.objectContaining({ status: 'accepted', bankNote: '已安排客户经理对接' })]);
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: applicant.token })).body)).toContain('银行已受理');
    const audit = await api.call('GET', `/api/admin/audit?action=finance.referral_decided&actorEmail=${encodeURIComponent(banker.email)}`, { token: admin.token });
    expect(audit.body.total).toBe(1);
  });

  it('the dashboard counts the requests published and the financing arranged, by quarter and instrument', async () => {
    // a second request, equity, arranged through a financing deal the broker closes at 3,000,000.50 元
    const achievement = await publishItem(api, 'achievement', applicant, admin, achievementInput(applicantOrg, { title: '海水鱼苗种繁育技术', ipItems: [] }));
    const equity = await openRequest(financingRequest(applicantOrg, achievement, { title: '苗种繁育基地股权融资', instrument: 'equity', amount: '8000000.00' }));
    const interest = await api.call('POST', `/api/financing-requests/${equity}/interests`, { token: investor.token, body: { note: '有兴趣' } });
    expect(interest.status).toBe(201);
    const opened = await api.call('POST', `/api/financing-requests/${equity}/interests/${interest.body.id}/deal`, { token: broker.token, body: {} });
    expect(opened.status).toBe(201);
    const dealId = opened.body.dealId as string;
    for (const to of ['contacted', 'nda_signed', 'due_diligence', 'negotiating', 'closed']) {
      const { version } = (await api.call('GET', `/api/deals/${dealId}`, { token: broker.token })).body;
      const moved = await api.call('POST', `/api/deals/${dealId}/stage`, {
        token: broker.token,
        body: { to, version, ...(to === 'closed' ? { arrangedAmount: '3000000.50' } : {}) },
      });
      expect([200, 201]).toContain(moved.status);
    }
    const figures = await api.call('GET', '/api/admin/dashboard/financing', { token: admin.token });
    expect(figures.status).toBe(200);
    const quarter = quarterOf(new Date());
    expect(figures.body.quarters).toEqual([
      { quarter, instrument: 'equity', requestedCount: 1, requested: '8000000.00', arrangedCount: 1, arranged: '3000000.50' },
      { quarter, instrument: 'loan', requestedCount: 1, requested: '5000000.00', arrangedCount: 0, arranged: '0.00' },
    ]);
    expect(figures.body.referrals).toEqual([{ programme: 'risk_compensation_pool', status: 'accepted', count: 1 }]);
    expect((await api.call('GET', '/api/admin/dashboard/financing', { token: broker.token })).status).toBe(403);
    // the same figures export to .xlsx like the dashboard's other charts
    const xlsx = await fetch(`${api.url}/api/admin/dashboard/export/financing`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['季度', '融资方式', '融资需求数', '需求金额（元）', '达成笔数', '达成金额（元）'],
      [quarter, '股权投资', 1, '8000000.00', 1, '3000000.50'],
      [quarter, '贷款', 1, '5000000.00', 0, '0.00'],
    ]);
  });

  it('an organisation’s admin claims credentials; a changed set is checked again with the verification, the same set is not', async () => {
    const org = (await api.call('GET', `/api/orgs/${outsiderOrg}`, { token: outsider.token })).body;
    expect(org).toMatchObject({ credentials: [], verificationStatus: 'verified' });
    const bad = await api.call('PATCH', `/api/orgs/${outsiderOrg}`, { token: outsider.token, body: { credentials: ['gold_medal'], version: org.version } });
    expect(bad.status).toBe(400);
    const claimed = await api.call('PATCH', `/api/orgs/${outsiderOrg}`, {
      token: outsider.token,
      body: { credentials: ['high_tech_enterprise', 'sme_tech'], version: org.version },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ credentials: ['high_tech_enterprise', 'sme_tech'], verificationStatus: 'unverified' });
    await api.db.query(`UPDATE organisation SET verification_status = 'verified' WHERE id = $1`, [outsiderOrg]);
    const same = await api.call('PATCH', `/api/orgs/${outsiderOrg}`, {
      token: outsider.token,
      body: { credentials: ['sme_tech', 'high_tech_enterprise'], version: claimed.body.version },
    });
    expect(same.body.verificationStatus).toBe('verified');
  });
});
