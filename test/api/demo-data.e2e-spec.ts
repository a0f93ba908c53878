import { addDays, beijingDate, scheduleOf, termsProblems } from '@ztt/contracts';
import { PasswordService } from '@ztt/identity';
import { FileStore } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../../tools/seed/demo-data';
import { seed } from '../../tools/seed/seed';
import { login } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

// The demo data `npm start` loads, checked through the API the demo accounts use. Seeded once for
// the whole file; the challenges check goes last because it accepts a milestone.
let api: TestApi;
let first: Record<string, number>;
let again: Record<string, number>;
beforeAll(async () => {
  api = await startTestApi();
  const ds = api.app.get(DataSource);
  const passwords = api.app.get(PasswordService);
  first = await seed(ds, passwords, api.app.get(FileStore));
  again = await seed(ds, passwords, api.app.get(FileStore));
}, 120_000);
afterAll(async () => {
  await api?.close();
});

describe('demo data', () => {
  it('is loaded once: a second run creates nothing', () => {
    expect(first).toMatchObject({ catalogue: 20, deals: 11, campaigns: 4, challenges: 2 });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('has a published pilot base with two shared instruments and a public average, a booking waiting for its operator, and an achievement that moved up in TRL after a run (issue 18)', async () => {
    const directory = await api.call('GET', '/api/capacity/providers?kind=pilot_base');
    const base = directory.body.items.find((p: { name: string }) => p.name === '湛江海洋生物中试基地');
    expect(base).toMatchObject({ trlMin: 4, trlMax: 7, instrumentCount: 2, rating: { count: 4, average: '4.75' } });
    const pilot = await login(api, 'pilot@demo.zj.cn', DEMO_PASSWORD);
    const desk = await api.call('GET', '/api/me/capacity', { token: pilot.accessToken });
    expect(desk.body.instruments.map((i: { name: string }) => i.name).sort()).toEqual(['冷冻干燥机', '液相色谱-质谱联用仪']);
    expect(desk.body.bookings.filter((b: { status: string }) => b.status === 'requested')).toHaveLength(1);
    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const dashboard = await api.call('GET', '/api/admin/dashboard/capacity', { token: admin.accessToken });
    expect(dashboard.body.trlMoves).toEqual([expect.objectContaining({ achievementTitle: '牡蛎壳生物活性钙制备与高值化利用技术', trlBefore: 5, trlReached: 6 })]);
  });

  it('has a bank and a fund with profiles, open financing requests matched with reasons, and the fund’s interest (科技金融, issue 18)', async () => {
    const fund = await login(api, 'fund@demo.zj.cn', DEMO_PASSWORD);
    const watchlist = await api.call('GET', '/api/finance/watchlist', { token: fund.accessToken });
    const calcium = watchlist.body.find((x: { request: { title: string } }) => x.request.title === '牡蛎壳活性钙产业化项目股权融资');
    expect(calcium).toMatchObject({ interested: true, watched: true });
    expect(calcium.reasons).toEqual(expect.arrayContaining(['工具相符：股权投资', '阶段相符：成长期', '同属产业链：海洋生物医药']));
    expect(calcium.request.confidential).toBeUndefined();
    const bank = await login(api, 'bank@demo.zj.cn', DEMO_PASSWORD);
    const bankList = await api.call('GET', '/api/finance/watchlist', { token: bank.accessToken });
    expect(bankList.body.map((x: { request: { title: string } }) => x.request.title)).toEqual(
      expect.arrayContaining(['智能投喂系统量产知识产权质押融资', '循环水养殖尾水处理改造贷款']),
    );
    const broker = await login(api, 'broker@demo.zj.cn', DEMO_PASSWORD);
    const interests = await api.call('GET', `/api/financing-requests/${calcium.request.id}/interests`, { token: broker.accessToken });
    expect(interests.body).toEqual([expect.objectContaining({ orgName: '湛江科创投资基金管理有限公司', dealId: null })]);
  });

  it('has a policy referral waiting for the bank and a held roadshow with two projects, the fund signed up and a follow-up (科技金融 extras, issue 18)', async () => {
    const bank = await login(api, 'bank@demo.zj.cn', DEMO_PASSWORD);
    const referrals = await api.call('GET', '/api/finance/referrals', { token: bank.accessToken });
    expect(referrals.body).toEqual([
      expect.objectContaining({ requestTitle: '循环水养殖尾水处理改造贷款', programme: 'risk_compensation_pool', status: 'sent', bankOrgName: '湛江农商银行科技支行' }),
    ]);
    const marine = await login(api, 'marine@demo.zj.cn', DEMO_PASSWORD);
    const panel = await api.call('GET', `/api/financing-requests/${referrals.body[0].requestId}/referral-panel`, { token: marine.accessToken });
    expect(panel.body.eligibility.find((e: { code: string }) => e.code === 'risk_compensation_pool').eligible).toBe(true);
    const fund = await login(api, 'fund@demo.zj.cn', DEMO_PASSWORD);
    const [held] = (await api.call('GET', '/api/roadshows', { token: fund.accessToken })).body;
    expect(held).toMatchObject({ status: 'held', projects: 2, investors: 2, signUps: 1 });
    const detail = await api.call('GET', `/api/roadshows/${held.id}`, { token: fund.accessToken });
    expect(detail.body).toMatchObject({ signedUp: true, followUps: [expect.objectContaining({ requestTitle: '牡蛎壳活性钙产业化项目股权融资' })] });
    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const figures = await api.call('GET', '/api/admin/dashboard/financing', { token: admin.accessToken });
    expect(figures.body.roadshows).toEqual({ held: 1, projects: 2, followUps: 1 });
    expect(figures.body.referrals).toEqual([{ programme: 'risk_compensation_pool', status: 'sent', count: 1 }]);
  });

  it('has certified brokers in a broker firm, and a rated one whose average is public (issue 17)', async () => {
    const directory = await api.call('GET', '/api/brokers');
    const senior = directory.body.items.find((b: { level: string }) => b.level === 'senior');
    expect(senior).toMatchObject({ certified: true, firm: { name: '湛江湾区技术经理人事务所' }, dealsSigned: 3, rating: { average: '4.50', count: 6 } });
    expect(directory.body.items.find((b: { level: string }) => b.level === 'intermediate')).toMatchObject({ certified: true, rating: null });
    expect(directory.text).not.toContain('@demo.zj.cn');
  });

  it('has a verified expert pool with a 土专家, and the mooring challenge’s panel suggestions leave out the expert who declared a conflict with its applicant', async () => {
    const directory = await api.call('GET', '/api/experts');
    expect(directory.body.total).toBe(5);
    expect(directory.body.items.filter((e: { kind: string }) => e.kind === 'practitioner').map((e: { name: string }) => e.name)).toEqual(['土专家 黄阿福']);
    expect(directory.text).not.toContain('客座研究员');
    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const [open] = (await api.db.query(`SELECT id FROM challenge WHERE title = '深远海养殖平台抗台风锚泊与在线监测系统'`)).rows;
    const panel = await api.call('GET', `/api/admin/challenges/${open.id}/panel-suggestions`, { token: admin.accessToken });
    expect(panel.body.suggestions[0]).toMatchObject({ name: '评审专家 王芳教授', reviewer: true });
    expect(panel.body.suggestions.map((s: { name: string }) => s.name)).toContain('土专家 黄阿福');
    expect(panel.body.excluded).toEqual([expect.objectContaining({ name: '外联专家 刘振华教授', reason: expect.stringContaining('本人声明回避湛江湾海洋装备新型研发机构') })]);
  });

  it('has the plan indicators’ 2026 targets, county allocations and entered actuals with their evidence', async () => {
    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const register = await api.call('GET', '/api/admin/kpis?quarter=2026Q4', { token: admin.accessToken });
    const hte = register.body.indicators.find((i: { code: string }) => i.code === 'high-tech-enterprises');
    expect(hte).toMatchObject({ yearTarget: '404.00', actual: '391.00', actualQuarter: '2026Q2' });
    expect(hte.allocations).toHaveLength(7);
    const entries = await api.call('GET', '/api/admin/kpis/high-tech-enterprises/actuals', { token: admin.accessToken });
    expect(entries.body).toHaveLength(2);
    const file = await fetch(`${api.url}/api/admin/kpi-actuals/${entries.body[0].id}/evidence`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('has deals in several stages and one registered contract', async () => {
    const broker = await login(api, 'broker@demo.zj.cn', DEMO_PASSWORD);
    const mine = await api.call('GET', '/api/deals', { token: broker.accessToken });
    expect(mine.body.items.map((d: { stage: string }) => d.stage).sort()).toEqual(['contacted', 'lead', 'negotiating', 'negotiating', 'registered', 'signed', 'signed']);
    const perf = await api.call('GET', '/api/deals/performance', { token: broker.accessToken });
    expect(perf.body).toMatchObject({ registeredValue: '1234567.89', registeredContracts: 1, dealsFromMatches: 2 });
    expect(perf.body.averageDaysPerStage.lead).toBeCloseTo(3, 0);
    const registered = mine.body.items.find((d: { stage: string }) => d.stage === 'registered');
    const sheet = await fetch(`${api.url}/api/deals/${registered.id}/contract/sheet`, { headers: { authorization: `Bearer ${broker.accessToken}` } });
    expect(sheet.status).toBe(200);

    // The marine farm (a party) sees its deals, and the NDA let it see the university's confidential details.
    const marine = await login(api, 'marine@demo.zj.cn', DEMO_PASSWORD);
    const theirs = await api.call('GET', '/api/deals', { token: marine.accessToken });
    expect(theirs.body.items.length).toBeGreaterThanOrEqual(3);
    expect(theirs.body.items.every((d: { viewerRole: string }) => d.viewerRole === 'party')).toBe(true);
    const ach = await api.call('GET', `/api/achievements/${registered.achievementId}`, { token: marine.accessToken });
    expect(ach.body.confidentialVisible).toBe(true);
  });

  it('has a contract of each transfer model at its stage, with its fulfilment record', async () => {
    const broker = await login(api, 'broker@demo.zj.cn', DEMO_PASSWORD);
    const broker2 = await login(api, 'broker2@demo.zj.cn', DEMO_PASSWORD);
    type Row = { id: string; title: string; stage: string; convertedFromDealId?: string | null };
    const contracts: { deal: Row; token: string; contract: { signedOn: string; terms: Parameters<typeof scheduleOf>[0] | null } }[] = [];
    for (const who of [broker, broker2]) {
      const list = await api.call('GET', '/api/deals?pageSize=50', { token: who.accessToken });
      for (const deal of list.body.items as Row[]) {
        const c = await api.call('GET', `/api/deals/${deal.id}/contract`, { token: who.accessToken });
        if (c.status === 200 && c.body?.terms) contracts.push({ deal, token: who.accessToken, contract: c.body });
      }
    }
    const stages = (model: string) => contracts.filter((c) => c.contract.terms?.model === model).map((c) => c.deal.stage);
    expect(stages('transfer')).toEqual(['registered']);
    expect(stages('licence')).toEqual(['signed']);
    expect(stages('use_first')).toEqual(['signed', 'signed']);
    expect(stages('equity')).toEqual(['fulfilled']);

    for (const { deal, token, contract } of contracts) {
      const terms = contract.terms as Parameters<typeof scheduleOf>[0];
      expect(termsProblems(terms, contract.signedOn)).toEqual([]);
      const f = await api.call('GET', `/api/deals/${deal.id}/fulfilment`, { token });
      expect(f.status).toBe(200);
      const generated = f.body.schedule.filter((i: { kind: string }) => i.kind !== 'royalty_payment');
      expect(generated.map((i: { kind: string; dueOn: string }) => [i.kind, i.dueOn])).toEqual(scheduleOf(terms, contract.signedOn).map((i) => [i.kind, i.dueOn]));
    }

    // 转让: the first instalment paid with the inventors' share, the second overdue since ten days ago.
    const transfer = contracts.find((c) => c.contract.terms?.model === 'transfer') as (typeof contracts)[number];
    const f = (await api.call('GET', `/api/deals/${transfer.deal.id}/fulfilment`, { token: broker.accessToken })).body;
    expect(f.schedule.map((i: { status: string }) => i.status)).toEqual(['paid', 'overdue']);
    expect(f.schedule[1]).toMatchObject({ dueOn: addDays(beijingDate(), -10), amount: '617283.95', paidAmount: '0.00' });
    expect(f.totals).toMatchObject({ paid: '617283.94', overdue: '617283.95' });
    expect(f.payments).toEqual([expect.objectContaining({ status: 'confirmed', amount: '617283.94', inventorShare: '432098.76' })]);

    // 许可: the entry fee paid, the first report accepted and its royalty due, the next period due.
    const licence = contracts.find((c) => c.contract.terms?.model === 'licence') as (typeof contracts)[number];
    const lf = (await api.call('GET', `/api/deals/${licence.deal.id}/fulfilment`, { token: broker.accessToken })).body;
    const kinds = (kind: string) => lf.schedule.filter((i: { kind: string }) => i.kind === kind).map((i: { status: string }) => i.status);
    expect(kinds('entry_fee')).toEqual(['paid']);
    expect(kinds('royalty_report').slice(0, 2)).toEqual(['done', 'due']);
    expect(kinds('royalty_payment')).toEqual(['due']);
    expect(lf.royaltyReports).toEqual([expect.objectContaining({ status: 'accepted', royalty: '55800.00' })]);

    // 先用后转: one trial running, one converted into a licence whose deal is at negotiating, linked both ways.
    const trials = contracts.filter((c) => c.contract.terms?.model === 'use_first');
    const views = await Promise.all(trials.map(async (t) => (await api.call('GET', `/api/deals/${t.deal.id}/fulfilment`, { token: t.token })).body));
    const running = views.find((v) => v.trial.outcome === null);
    expect(running.trial).toMatchObject({ trialEndsOn: addDays(beijingDate(), 20), conversionDeadline: addDays(beijingDate(), 50) });
    const converted = views.find((v) => v.trial.outcome === 'converted');
    const from = trials[views.indexOf(converted)] as (typeof contracts)[number];
    const opened = await api.call('GET', `/api/deals/${converted.trial.convertedDealId}`, { token: broker2.accessToken });
    expect(opened.body.stage).toBe('negotiating');
    const link = await api.call('GET', `/api/deals/${converted.trial.convertedDealId}/fulfilment`, { token: broker2.accessToken });
    expect(link.body.convertedFromDealId).toBe(from.deal.id);
  });

  it("waits for the university's approval of a deal on a service invention", async () => {
    const tto = await login(api, 'tto@demo.zj.cn', DEMO_PASSWORD);
    const queue = await api.call('GET', '/api/approvals', { token: tto.accessToken });
    const pending = queue.body.items.filter((a: { status: string }) => a.status === 'pending');
    expect(pending).toEqual([expect.objectContaining({ achievementTitle: '牡蛎壳生物活性钙制备与高值化利用技术', requestedByName: '技术经纪人 李明' })]);
    expect(queue.body.items.some((a: { status: string }) => a.status === 'approved')).toBe(true);
    const broker = await login(api, 'broker@demo.zj.cn', DEMO_PASSWORD);
    const deal = await api.call('GET', `/api/deals/${pending[0].dealId}`, { token: broker.accessToken });
    expect(deal.body.stage).toBe('negotiating');
    const ach = await api.call('GET', `/api/achievements/${deal.body.achievementId}`);
    expect(ach.body).toMatchObject({ serviceInvention: true, fundingSource: 'municipal', rightsGranted: 'long_term_use' });
  });

  it('has a 科技特派员 assigned to 坡头区, with a confirmed and a waiting service the served enterprise sees (issue 17)', async () => {
    const commissioner = await login(api, 'commissioner@demo.zj.cn', DEMO_PASSWORD);
    const me = await api.call('GET', '/api/commissioner/me', { token: commissioner.accessToken });
    expect(me.body).toMatchObject({ name: '科技特派员 陈海洋研究员', institutionName: '湛江海洋科技大学', regions: ['potou'] });
    const marine = await login(api, 'marine@demo.zj.cn', DEMO_PASSWORD);
    const services = await api.call('GET', '/api/my/services', { token: marine.accessToken });
    expect(services.body.items.map((l: { rating: number | null }) => l.rating)).toEqual([null, 5]);
  });

  it("has a county official for 坡头区 who sees the county's needs, and 坡头区's published 2026 need list on its public page (issue 17)", async () => {
    const official = await login(api, 'county@demo.zj.cn', DEMO_PASSWORD);
    expect((await api.call('GET', '/api/county', { token: official.accessToken })).body).toMatchObject({ code: 'potou', name: '坡头区' });
    const needs = await api.call('GET', '/api/county/needs', { token: official.accessToken });
    expect(needs.body.map((n: { title: string }) => n.title)).toContain('南美白对虾工厂化循环水养殖尾水处理');
    const page = await api.call('GET', '/api/counties/potou');
    expect(page.body.needList).toMatchObject({ year: 2026, status: 'published' });
    expect(page.body.needList.entries.map((e: { title: string }) => e.title)).toEqual(['对虾工厂化养殖尾水达标处理', '红树林湿地生态修复与碳汇监测', '可降解农用地膜推广应用']);
    const reach = await api.call('GET', '/api/county/reach', { token: official.accessToken });
    expect(reach.status).toBe(200);
    const marine = await login(api, 'marine@demo.zj.cn', DEMO_PASSWORD);
    const mine = await api.call('GET', '/api/me', { token: marine.accessToken });
    const org = await api.call('GET', `/api/orgs/${mine.body.memberships[0].organisationId}`, { token: marine.accessToken });
    expect(org.body).toMatchObject({ region: 'potou', town: '南三镇' });
    expect(page.body.needList.entries[0].needId).toBe(needs.body.find((n: { title: string }) => n.title === '南美白对虾工厂化循环水养殖尾水处理').id);
  });

  it('has a reported campaign with its PDF report and an open one in progress', async () => {
    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const list = await api.call('GET', '/api/admin/campaigns', { token: admin.accessToken });
    expect(list.body.map((c: { status: string }) => c.status).sort()).toEqual(['open', 'reported']);
    const open = list.body.find((c: { status: string }) => c.status === 'open');
    expect(open.needs).toBeGreaterThan(0);
    const progress = await api.call('GET', `/api/admin/campaigns/${open.id}/progress`, { token: admin.accessToken });
    expect(progress.body.totals.needs.target).toBe(15);
    expect(progress.body.invitees.length).toBeGreaterThan(3);

    const reports = await api.call('GET', '/api/admin/reports', { token: admin.accessToken });
    expect(reports.body).toHaveLength(1);
    const pdf = await fetch(`${api.url}/api/admin/reports/${reports.body[0].quarter}/pdf`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const dash = await api.call('GET', '/api/admin/dashboard', { token: admin.accessToken });
    expect(dash.body.contractValue.target).toBe('50000000.00');
    expect(dash.body.funnel.some((q: { registered: number }) => q.registered >= 1)).toBe(true);
  });

  it('has an open challenge and an awarded horse race in progress that the demo accounts can work with', async () => {
    const open = await api.call('GET', '/api/challenges?group=open');
    expect(open.body.items.map((c: { title: string }) => c.title)).toContain('深远海养殖平台抗台风锚泊与在线监测系统');
    const awarded = await api.call('GET', '/api/challenges?group=awarded');
    const race = awarded.body.items.find((c: { mode: string }) => c.mode === 'horse_race');
    expect(race).toMatchObject({ status: 'in_progress', bounty: '5000000.00' });

    // The researcher can apply to the open one; the petrochemical owner has a milestone to accept.
    const researcher = await login(api, 'researcher@demo.zj.cn', DEMO_PASSWORD);
    const openId = open.body.items.find((c: { title: string }) => c.title === '深远海养殖平台抗台风锚泊与在线监测系统').id;
    expect((await api.call('GET', `/api/challenges/${openId}`, { token: researcher.accessToken })).body.can.apply).toBe(true);
    const owner = await login(api, 'petrochem@demo.zj.cn', DEMO_PASSWORD);
    const ms = await api.call('GET', `/api/challenges/${race.id}/milestones`, { token: owner.accessToken });
    expect(ms.body.filter((m: { payment: unknown }) => m.payment).map((m: { payment: { amount: string } }) => m.payment.amount)).toEqual(['1500000.00', '1500000.00']);
    const waiting = ms.body.find((m: { can: { review: boolean } }) => m.can.review);
    expect(waiting).toMatchObject({ seq: 2, status: 'submitted', amount: '750000.00' });
    const accepted = await api.call('POST', `/api/challenge-milestones/${waiting.id}/review`, { token: owner.accessToken, body: { decision: 'accepted', comment: '同意' } });
    expect(accepted.body.payment.amount).toBe('750000.00');
    // The reviewer sees the open panel.
    const reviewer = await login(api, 'reviewer@demo.zj.cn', DEMO_PASSWORD);
    const panels = await api.call('GET', '/api/review/challenges', { token: reviewer.accessToken });
    expect(panels.body.map((p: { challenge: { id: string } }) => p.challenge.id)).toContain(openId);
  });
});
