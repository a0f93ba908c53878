import { Achievement, TechNeed } from '@ztt/catalogue';
import { FinanceProfileView, FINANCING_STRONG_MATCH, FinancingInstrument, FinancingRequestStatus, FinancingStage } from '@ztt/contracts';
import { FinanceProfile, FinancingInterest, FinancingMatch, FinancingRequest, FinancingWatch, scoreFinancing } from '@ztt/finance';
import { Organisation, User } from '@ztt/identity';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const orgName = (key: string) => DEMO_ORGS.find((o) => o.key === key)?.name ?? '';

/** A demo finance organisation's profile, as the API shows one, with the organisation and its member to create. */
type DemoProfile = Omit<FinanceProfileView, 'orgId' | 'orgName' | 'updatedAt'> & { org: string; email: string };

/** 湛江农商银行科技支行 (loans and IP pledges, 100万–1000万) and the 海洋产业 fund (equity, 500万–5000万, growth/expansion, marine chains). */
const PROFILES: DemoProfile[] = [
  {
    org: 'bank',
    email: 'bank@demo.zj.cn',
    kind: 'bank',
    instruments: ['loan', 'ip_pledge'],
    ticketMin: '1000000.00',
    ticketMax: '10000000.00',
    stages: ['startup', 'growth', 'expansion'],
    chains: ['marine.ranching', 'marine.electronics', 'food.processing', 'food.seed', 'marine.equipment'],
    regions: ['chikan', 'xiashan', 'mazhang', 'potou', 'hightech-zone', 'zetdz', 'leizhou', 'lianjiang', 'wuchuan', 'suixi', 'xuwen'],
    exclusions: ['房地产'],
    summary: '科技型中小企业专营支行：科技信贷、知识产权质押融资，可对接市科技信贷风险补偿资金池。',
  },
  {
    org: 'fund',
    email: 'fund@demo.zj.cn',
    kind: 'fund',
    instruments: ['equity'],
    ticketMin: '5000000.00',
    ticketMax: '50000000.00',
    stages: ['growth', 'expansion'],
    chains: ['marine.biomed', 'marine.health-food', 'marine.equipment', 'marine.electronics', 'energy.wind', 'energy.ocean'],
    regions: [],
    exclusions: ['petrochem.oil-gas'],
    summary: '湛江海洋产业投资基金：投资海洋生物医药、海工装备、海洋电子信息和海上风电等成长期、扩张期项目。',
  },
];

interface DemoRequest {
  org: string;
  email: string;
  achievement?: string;
  need?: string;
  title: string;
  summary: string;
  amount: string;
  instrument: FinancingInstrument;
  stage: FinancingStage;
  useOfFunds: string;
  raisedSoFar: string;
  confidential: Record<string, string>;
  /** a finance organisation (its demo key) that expressed interest */
  interestFrom?: string;
}

const REQUESTS: DemoRequest[] = [
  {
    org: 'university',
    email: 'tto@demo.zj.cn',
    achievement: '牡蛎壳生物活性钙制备与高值化利用技术',
    title: '牡蛎壳活性钙产业化项目股权融资',
    summary: '以牡蛎壳制备高生物利用度活性钙，拟设立成果转化公司建设年处理 2 万吨贝壳的生产线。',
    amount: '8000000.00',
    instrument: 'equity',
    stage: 'growth',
    useOfFunds: '生产线建设 550 万元，市场推广 150 万元，流动资金 100 万元。',
    raisedSoFar: '1500000.00',
    confidential: { revenue: '3200000.00', valuationBasis: '投前估值 6000 万元（参照功能食品原料企业市销率）', capTableNotes: '学校以成果作价入股 30%，团队持股 50%' },
    interestFrom: 'fund',
  },
  {
    org: 'rdi',
    email: 'rdi@demo.zj.cn',
    achievement: '深远海网箱鱼群行为视觉识别与智能投喂系统',
    title: '智能投喂系统量产知识产权质押融资',
    summary: '以软件著作权和发明专利质押，融资用于智能投喂系统首批 200 套量产。',
    amount: '5000000.00',
    instrument: 'ip_pledge',
    stage: 'growth',
    useOfFunds: '首批 200 套设备物料与生产，售后运维团队建设。',
    raisedSoFar: '0',
    confidential: { collateral: '软件著作权 2025SR0456789 及发明专利 1 项，评估值约 800 万元', revenue: '4600000.00' },
  },
  {
    org: 'marine',
    email: 'marine@demo.zj.cn',
    need: '南美白对虾工厂化循环水养殖尾水处理',
    title: '循环水养殖尾水处理改造贷款',
    summary: '养殖基地尾水处理与循环水改造，需流动资金贷款。',
    amount: '3000000.00',
    instrument: 'loan',
    stage: 'startup',
    useOfFunds: '采购生物滤池与在线监测设备，改造 20 亩养殖池。',
    raisedSoFar: '500000.00',
    confidential: { revenue: '9800000.00', profit: '650000.00', collateral: '养殖基地厂房抵押' },
  },
];

/**
 * The demo 科技金融: a bank and a fund with their profiles (members bank@ and fund@demo.zj.cn), three
 * open financing requests on demo achievements and a need, matched both ways with reasons, and the
 * fund's interest in the oyster-shell calcium request (for a broker to open a financing deal).
 */
export const financeSeeder: Seeder = {
  name: 'finance',
  async run({ manager }) {
    if (await manager.existsBy(FinancingRequest, { title: REQUESTS[0]?.title })) return 0;
    const org = async (key: string) => (await manager.findOneBy(Organisation, { name: orgName(key) }))?.id;
    const user = async (email: string) => (await manager.findOneBy(User, { email }))?.id ?? null;
    let created = 0;
    const profiles: FinanceProfile[] = [];
    for (const p of PROFILES) {
      const orgId = await org(p.org);
      if (!orgId) continue;
      const saved = await manager.save(
        manager.create(FinanceProfile, {
          orgId,
          kind: p.kind,
          instruments: p.instruments,
          ticketMin: p.ticketMin,
          ticketMax: p.ticketMax,
          stages: p.stages,
          chains: p.chains,
          regions: p.regions,
          exclusions: p.exclusions,
          summary: p.summary,
          updatedBy: await user(p.email),
        }),
      );
      profiles.push(saved);
      created++;
    }
    for (const r of REQUESTS) {
      const orgId = await org(r.org);
      const subject = r.achievement ? await manager.findOneBy(Achievement, { title: r.achievement }) : r.need ? await manager.findOneBy(TechNeed, { title: r.need }) : null;
      if (!orgId || !subject) continue;
      const request = await manager.save(
        manager.create(FinancingRequest, {
          orgId,
          createdBy: await user(r.email),
          title: r.title,
          summary: r.summary,
          achievementId: r.achievement ? subject.id : null,
          needId: r.need ? subject.id : null,
          dealId: null,
          amount: r.amount,
          instrument: r.instrument,
          stage: r.stage,
          useOfFunds: r.useOfFunds,
          raisedSoFar: r.raisedSoFar,
          chains: subject.chains,
          region: subject.region,
          confidential: r.confidential,
          status: FinancingRequestStatus.Open,
          publishedAt: new Date(),
        }),
      );
      created++;
      for (const p of profiles) {
        const s = scoreFinancing(request, p);
        if (!s || s.score < 0.3) continue;
        await manager.insert(FinancingMatch, {
          requestId: request.id,
          orgId: p.orgId,
          score: s.score.toFixed(4),
          reasons: s.reasons,
          reasonsEn: s.reasonsEn,
          notifiedAt: s.score >= FINANCING_STRONG_MATCH ? new Date() : null,
        });
      }
      if (r.interestFrom) {
        const financeOrg = await org(r.interestFrom);
        const member = await user(PROFILES.find((p) => p.org === r.interestFrom)?.email ?? '');
        if (financeOrg) {
          await manager.insert(FinancingInterest, { requestId: request.id, orgId: financeOrg, note: '项目与基金方向一致，希望安排尽职调查。', createdBy: member });
          await manager.insert(FinancingWatch, { requestId: request.id, orgId: financeOrg, createdBy: member });
        }
      }
    }
    return created;
  },
};
