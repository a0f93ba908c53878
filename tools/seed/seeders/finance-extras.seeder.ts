import { REFERRAL_CONSENT_TEXT, ReferralStatus, RoadshowProjectStatus, RoadshowStatus } from '@ztt/contracts';
import {
  builtInFinancePolicies,
  evaluatePolicies,
  FinancingReferral,
  FinancingRequest,
  Roadshow,
  RoadshowFollowUp,
  RoadshowInvestor,
  RoadshowProject,
  RoadshowSignup,
} from '@ztt/finance';
import { Organisation, User } from '@ztt/identity';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const orgName = (key: string) => DEMO_ORGS.find((o) => o.key === key)?.name ?? '';

const ROADSHOW_TITLE = '2026 年 11 月海洋产业科技金融路演';

/**
 * The demo 科技金融 extras (after the finance seeder): the marine enterprise holds the 科技型中小企业
 * credential and has referred its wastewater loan to the demo bank under the risk-compensation pool
 * (sent, for bank@demo.zj.cn to answer); and one held roadshow organised by broker@demo.zj.cn where
 * the oyster-shell calcium and smart-feeding requests presented, the bank and the fund were invited,
 * the fund's manager signed up, and the broker logged a follow-up with the fund.
 */
export const financeExtrasSeeder: Seeder = {
  name: 'finance-extras',
  async run({ manager }) {
    if (await manager.existsBy(Roadshow, { title: ROADSHOW_TITLE })) return 0;
    const org = async (key: string) => (await manager.findOneBy(Organisation, { name: orgName(key) }))?.id;
    const user = async (email: string) => (await manager.findOneBy(User, { email }))?.id ?? null;
    const request = async (title: string) => manager.findOneBy(FinancingRequest, { title });
    const [marine, bank, fund, broker, marineAdmin, fundManager] = [
      await org('marine'),
      await org('bank'),
      await org('fund'),
      await user('broker@demo.zj.cn'),
      await user('marine@demo.zj.cn'),
      await user('fund@demo.zj.cn'),
    ];
    const loan = await request('循环水养殖尾水处理改造贷款');
    const calcium = await request('牡蛎壳活性钙产业化项目股权融资');
    const feeding = await request('智能投喂系统量产知识产权质押融资');
    if (!marine || !bank || !fund || !broker || !loan || !calcium || !feeding) return 0;
    let created = 0;

    // 政策性金融服务转介: the credential, the eligibility as evaluated, the consent (also a granted disclosure to the bank)
    await manager.update(Organisation, { id: marine }, { credentials: ['sme_tech'] });
    const marineOrg = await manager.findOneByOrFail(Organisation, { id: marine });
    const pool = evaluatePolicies(builtInFinancePolicies(), {
      instrument: loan.instrument,
      amount: loan.amount,
      org: { type: marineOrg.type, verified: marineOrg.verificationStatus === 'verified', region: marineOrg.region, credentials: marineOrg.credentials },
      grantedPatent: false,
    }).find((e) => e.code === 'risk_compensation_pool');
    if (pool?.eligible) {
      await manager.save(
        manager.create(FinancingReferral, {
          requestId: loan.id,
          programme: pool.code,
          bankOrgId: bank,
          consentAt: new Date('2026-12-01T02:15:00Z'),
          consentBy: marineAdmin,
          consentText: REFERRAL_CONSENT_TEXT,
          conditions: pool.conditions,
          status: ReferralStatus.Sent,
        }),
      );
      await manager.query(
        `INSERT INTO financing_disclosure (request_id, org_id, requested_by, status, decided_by, decided_at) VALUES ($1, $2, $3, 'granted', $3, now())
         ON CONFLICT (request_id, org_id) DO UPDATE SET status = 'granted', decided_by = $3, decided_at = now()`,
        [loan.id, bank, marineAdmin],
      );
      created++;
    }

    // 路演: held on 2026-11-20, 14:30–17:30 Beijing time
    const roadshow = await manager.save(
      manager.create(Roadshow, {
        title: ROADSHOW_TITLE,
        description: '聚焦海洋生物医药与海洋电子信息，成果转化项目向基金和银行集中路演，会后由技术经理人跟进。',
        startsAt: new Date('2026-11-20T06:30:00Z'),
        endsAt: new Date('2026-11-20T09:30:00Z'),
        place: '湛江市科技创新中心 2 楼路演厅',
        onlineLink: null,
        chains: ['marine.biomed', 'marine.electronics'],
        status: RoadshowStatus.Held,
        organiserId: broker,
        publishedAt: new Date('2026-11-10T02:00:00Z'),
        heldAt: new Date('2026-11-20T09:30:00Z'),
      }),
    );
    created++;
    for (const q of [calcium, feeding]) {
      await manager.insert(RoadshowProject, {
        roadshowId: roadshow.id,
        requestId: q.id,
        status: RoadshowProjectStatus.Accepted,
        decidedBy: q.createdBy,
        decidedAt: new Date('2026-11-12T03:00:00Z'),
      });
    }
    for (const orgId of [fund, bank]) await manager.insert(RoadshowInvestor, { roadshowId: roadshow.id, orgId });
    if (fundManager) await manager.insert(RoadshowSignup, { roadshowId: roadshow.id, userId: fundManager, orgId: fund });
    await manager.insert(RoadshowFollowUp, {
      roadshowId: roadshow.id,
      investorOrgId: fund,
      requestId: calcium.id,
      note: '基金对牡蛎壳活性钙项目的原料保障和市场渠道有兴趣，要求补充近两年财务数据和检测报告。',
      nextStep: '12 月中旬安排基金到生产基地实地考察',
      createdBy: broker,
    });
    return created;
  },
};
