import { BROKER_FIRM_TYPE, DealStage } from '@ztt/contracts';
import { Deal, DealBrokerRating } from '@ztt/deals';
import { Organisation, User } from '@ztt/identity';
import { BrokerProfile, BrokerTraining } from '@ztt/matching';
import { In } from 'typeorm';
import { DEMO_ORGS, DemoOrg } from '../demo-data';
import { Seeder } from '../seeder';

/** The demo broker firm (技术经理人事务所, an organisation of the identity seeder) both demo brokers work for. */
const DEMO_BROKER_FIRM = DEMO_ORGS.find((o) => o.type === BROKER_FIRM_TYPE) as DemoOrg;

/** Levels, certificates and training of the demo brokers. */
export const DEMO_BROKER_STANDING: {
  email: string;
  level: 'junior' | 'intermediate' | 'senior';
  certificateNo: string;
  issuedOn: string;
  expiresOn: string | null;
  training: { heldOn: string; course: string; hours: string; provider: string }[];
}[] = [
  {
    email: 'broker@demo.zj.cn',
    level: 'senior',
    certificateNo: 'GD-JSJJR-2024-0131',
    issuedOn: '2024-05-20',
    expiresOn: '2029-05-19',
    training: [
      { heldOn: '2025-06-12', course: '技术合同认定登记与税收优惠实务', hours: '8.0', provider: '广东省技术市场协会' },
      { heldOn: '2026-03-18', course: '科技成果评价与作价入股', hours: '12.0', provider: '湛江市科学技术局' },
      { heldOn: '2026-09-09', course: '职务科技成果赋权改革政策解读', hours: '4.5', provider: '广东海洋大学技术转移中心' },
    ],
  },
  {
    email: 'broker2@demo.zj.cn',
    level: 'intermediate',
    certificateNo: 'GD-JSJJR-2025-0877',
    issuedOn: '2025-08-01',
    expiresOn: null,
    training: [{ heldOn: '2026-04-22', course: '专利许可与提成支付条款设计', hours: '6.0', provider: '华南技术转移中心' }],
  },
];

/** The parties' ratings of closed demo deals, in order: each closed deal's demand side, then its supply side. */
const DEMO_RATINGS: { score: number; comment: string }[] = [
  { score: 5, comment: '前期调研扎实，谈判节奏把握得好，合同登记一次通过。' },
  { score: 4, comment: '沟通及时，条款解释清楚；希望履约阶段多跟进。' },
  { score: 5, comment: '帮我们找到了合适的许可方式，提成条款很务实。' },
  { score: 4, comment: '响应快，材料准备齐全。' },
  { score: 5, comment: '先用后转方案降低了我们的风险。' },
  { score: 4, comment: '' },
];

/**
 * Brokers as a profession: the demo brokers' levels, certificates and training, the broker firm they
 * belong to (created with the other demo organisations), and the parties' ratings of the demo deals that are signed or lost (enough for the
 * public average of broker@demo.zj.cn to show). Runs after the deals seeder.
 */
export const brokerProfessionSeeder: Seeder = {
  name: 'broker-profession',
  async run({ manager }) {
    let created = 0;
    const firm = await manager.findOneBy(Organisation, { creditCode: DEMO_BROKER_FIRM.creditCode });
    if (!firm) return 0;
    for (const s of DEMO_BROKER_STANDING) {
      const user = await manager.findOneBy(User, { email: s.email });
      if (!user) continue;
      const profile = await manager.findOneBy(BrokerProfile, { userId: user.id });
      if (!profile?.level) {
        await manager.upsert(
          BrokerProfile,
          { userId: user.id, level: s.level, certificateNo: s.certificateNo, certificateIssuedOn: s.issuedOn, certificateExpiresOn: s.expiresOn, firmOrgId: firm.id },
          ['userId'],
        );
        created++;
      }
      if (!(await manager.existsBy(BrokerTraining, { userId: user.id }))) {
        await manager.insert(
          BrokerTraining,
          s.training.map((t) => ({ userId: user.id, ...t, createdBy: user.id })),
        );
        created += s.training.length;
      }
    }
    const broker = await manager.findOneBy(User, { email: 'broker@demo.zj.cn' });
    if (broker && !(await manager.existsBy(DealBrokerRating, { brokerId: broker.id }))) {
      const closed = await manager.find(Deal, {
        where: { leadBrokerId: broker.id, stage: In([DealStage.Signed, DealStage.Registered, DealStage.Fulfilled, DealStage.Lost]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const rows = closed.flatMap((d) => [
        { dealId: d.id, brokerId: broker.id, side: 'demand' as const, orgId: d.demandOrgId },
        { dealId: d.id, brokerId: broker.id, side: 'supply' as const, orgId: d.supplyOrgId },
      ]);
      const ratings = rows.slice(0, DEMO_RATINGS.length).map((r, i) => ({ ...r, ratedBy: null, ...(DEMO_RATINGS[i] as { score: number; comment: string }) }));
      if (ratings.length) await manager.insert(DealBrokerRating, ratings);
      created += ratings.length;
    }
    return created;
  },
};
