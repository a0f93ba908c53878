import { DEAL_PIPELINE, DealStage, DisclosureStatus } from '@ztt/contracts';
import { Achievement, DisclosureRequest, TechNeed } from '@ztt/catalogue';
import { ContractRegistration, Deal, DealEvent, DealNote, DealTask } from '@ztt/deals';
import { Organisation, User } from '@ztt/identity';
import { EntityManager } from 'typeorm';
import { Seeder } from './seeder';

export interface DemoDeal {
  need: string;
  achievement: string;
  broker: string;
  stage: DealStage;
  /** days spent in each stage reached so far, oldest first (the last one is still running) */
  days: number[];
  fromMatch: boolean;
  expectedValue: string | null;
  mode: string;
  nextStep: string;
  note?: string;
  task?: string;
  contract?: {
    contractNo: string;
    contractType: string;
    contractSubtype: string;
    totalAmount: string;
    techAmount: string;
    paymentTerms: string;
    registrationNumber?: string;
  };
}

/** Deals in several stages, one of them a registered technology contract. */
export const DEMO_DEALS: DemoDeal[] = [
  {
    need: '南美白对虾工厂化循环水养殖尾水处理',
    achievement: '养殖尾水生态净化与循环利用集成技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Registered,
    days: [3, 5, 9, 12, 15, 6, 4],
    fromMatch: true,
    expectedValue: '1200000.00',
    mode: 'transfer',
    nextStep: '跟进首期款支付与现场安装调试',
    note: '需方预算上限 130 万，已同意分两期付款',
    contract: {
      contractNo: 'ZJ-JS-2026-0108',
      contractType: 'transfer',
      contractSubtype: 'transfer.patent',
      totalAmount: '1234567.89',
      techAmount: '1050000.00',
      paymentTerms: '合同签订后 30 日内支付 50%，设备安装验收合格后支付余款',
      registrationNumber: '2026440800000108',
    },
  },
  {
    need: '水产预制菜低温锁鲜与品质保持技术',
    achievement: '热带水果预冷保鲜与冷链品质控制技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Negotiating,
    days: [2, 4, 7, 10, 5],
    fromMatch: true,
    expectedValue: '450000.00',
    mode: 'commissioned-dev',
    nextStep: '确认委托开发的验收指标与付款节点',
    note: '研究院希望保留工艺改进的共同署名权',
    task: '发送合同草稿给双方法务',
  },
  {
    need: '氢基竖炉直接还原铁低碳冶炼工艺优化',
    achievement: '钢铁企业余热回收与低碳能源管理系统',
    broker: 'broker2@demo.zj.cn',
    stage: DealStage.NdaSigned,
    days: [4, 6, 3],
    fromMatch: false,
    expectedValue: '800000.00',
    mode: 'joint-dev',
    nextStep: '安排技术团队赴东海岛现场尽职调查',
    task: '整理尽调清单',
  },
  {
    need: '深远海网箱金鲳鱼投喂与鱼群行为智能监测',
    achievement: '海洋环境多参数原位监测传感器',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Contacted,
    days: [5, 2],
    fromMatch: false,
    expectedValue: null,
    mode: 'license',
    nextStep: '约双方线上会议介绍传感器选型',
  },
  {
    need: '南美白对虾工厂化循环水养殖尾水处理',
    achievement: '对虾抗病新品系家系选育与苗种繁育技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Lead,
    days: [1],
    fromMatch: false,
    expectedValue: null,
    mode: 'transfer',
    nextStep: '电话了解蓝海牧场的苗种需求',
  },
];

const DAY = 86_400_000;

async function creditCodeOf(m: EntityManager, orgId: string): Promise<string> {
  return (await m.findOneByOrFail(Organisation, { id: orgId })).creditCode;
}

/** Demo deals with their stage history (so the performance page has figures), notes, tasks and the contract. */
export const dealsSeeder: Seeder = {
  name: 'deals',
  async run({ manager: m }) {
    let created = 0;
    for (const d of DEMO_DEALS) {
      // One connection in a transaction: one query at a time.
      const need = await m.findOneBy(TechNeed, { title: d.need });
      const ach = await m.findOneBy(Achievement, { title: d.achievement });
      const broker = await m.findOneBy(User, { email: d.broker });
      if (!need || !ach || !broker) continue;
      const title = `${need.title} ⇄ ${ach.title}`;
      if (await m.existsBy(Deal, { title })) continue;
      // The stage history, ending now: each stage entered `days` after the previous one.
      const reached = DEAL_PIPELINE.slice(0, DEAL_PIPELINE.indexOf(d.stage) + 1);
      const total = d.days.reduce((a, b) => a + b, 0);
      const start = Date.now() - total * DAY;
      const entered = reached.map((_, i) => new Date(start + d.days.slice(0, i).reduce((a, b) => a + b, 0) * DAY));
      let matchId: string | null = null;
      if (d.fromMatch) {
        const rows = (await m.query(
          `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source, status, broker_id, assigned_at)
           VALUES ($1, $2, 0.8, $3, $4, '共同技术词：演示数据', 'publication', 'deal', $5, $6)
           ON CONFLICT (need_id, achievement_id) DO UPDATE SET status = 'deal', broker_id = EXCLUDED.broker_id
           RETURNING id`,
          [
            need.id,
            ach.id,
            { text: 0.8, chain: 1, keywords: 0.7, trl: 1, mode: 1, budget: 0.5, region: 0.5, freshness: 1 },
            {
              sharedTerms: ['尾水处理'],
              sharedChains: need.chains.filter((c) => ach.chains.includes(c)),
              sharedIndustries: [],
              needTrl: need.trl,
              achievementTrl: ach.trl,
              sharedModes: [],
              withinBudget: null,
              sameRegion: need.region === ach.region,
            },
            broker.id,
            new Date(start - DAY),
          ],
        )) as { id: string }[];
        matchId = rows[0]?.id ?? null;
      }
      const last = entered[entered.length - 1] as Date;
      const deal = await m.save(
        m.create(Deal, {
          title,
          matchId,
          needId: need.id,
          achievementId: ach.id,
          demandOrgId: need.ownerOrgId,
          supplyOrgId: ach.ownerOrgId,
          demandContact: { name: need.contactName, phone: need.contactPhone, email: need.contactEmail },
          supplyContact: { name: ach.contactName, phone: ach.contactPhone, email: ach.contactEmail },
          leadBrokerId: broker.id,
          stage: d.stage,
          stageChangedAt: last,
          expectedValue: d.expectedValue,
          cooperationMode: d.mode,
          nextStep: d.nextStep,
          nextStepDue: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
          ndaSignedOn: reached.includes(DealStage.NdaSigned) ? (entered[2] as Date).toISOString().slice(0, 10) : null,
          lastActivityAt: last,
          createdBy: broker.id,
          createdAt: entered[0],
        }),
      );
      for (const [i, stage] of reached.entries()) {
        await m.insert(DealEvent, {
          dealId: deal.id,
          type: i === 0 ? 'created' : 'stage',
          fromStage: i === 0 ? null : reached[i - 1],
          toStage: stage,
          actorId: broker.id,
          detail: {},
          createdAt: entered[i],
        });
      }
      if (reached.includes(DealStage.NdaSigned)) {
        // The NDA granted each side the other's confidential details.
        for (const [itemKind, itemId, requesterOrgId] of [
          ['need', need.id, ach.ownerOrgId],
          ['achievement', ach.id, need.ownerOrgId],
        ] as const) {
          if (await m.existsBy(DisclosureRequest, { itemKind, itemId, requesterOrgId })) continue;
          await m.insert(DisclosureRequest, {
            itemKind,
            itemId,
            requesterOrgId,
            reason: `NDA · ${title}`,
            status: DisclosureStatus.Granted,
            decidedBy: broker.id,
            decidedAt: entered[2],
          });
        }
      }
      if (d.note) await m.insert(DealNote, { dealId: deal.id, authorId: broker.id, body: d.note, createdAt: last });
      if (d.task)
        await m.insert(DealTask, {
          dealId: deal.id,
          title: d.task,
          dueAt: new Date(Date.now() + 5 * DAY),
          remindAt: new Date(Date.now() + 4 * DAY),
          assigneeId: broker.id,
          createdBy: broker.id,
        });
      if (d.contract) {
        const c = d.contract;
        const signedOn = (entered[DEAL_PIPELINE.indexOf(DealStage.Signed)] as Date).toISOString().slice(0, 10);
        await m.insert(ContractRegistration, {
          dealId: deal.id,
          contractNo: c.contractNo,
          contractName: `${ach.title}技术转让合同`,
          contractType: c.contractType,
          contractSubtype: c.contractSubtype,
          buyerName: (await m.findOneByOrFail(Organisation, { id: need.ownerOrgId })).name,
          buyerCreditCode: await creditCodeOf(m, need.ownerOrgId),
          sellerName: (await m.findOneByOrFail(Organisation, { id: ach.ownerOrgId })).name,
          sellerCreditCode: await creditCodeOf(m, ach.ownerOrgId),
          signedOn,
          periodStart: signedOn,
          periodEnd: new Date(Date.parse(signedOn) + 365 * DAY).toISOString().slice(0, 10),
          totalAmount: c.totalAmount,
          techAmount: c.techAmount,
          paymentTerms: c.paymentTerms,
          sourceNeedId: need.id,
          sourceAchievementId: ach.id,
          registrationNumber: c.registrationNumber ?? null,
          registeredOn: c.registrationNumber ? last.toISOString().slice(0, 10) : null,
          recordedBy: broker.id,
        });
      }
      created++;
    }
    return created;
  },
};
