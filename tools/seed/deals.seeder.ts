import { addDays, addMonths, AuditAction, beijingDate, ContractTerms, DEAL_PIPELINE, DealStage, DisclosureStatus } from '@ztt/contracts';
import { Achievement, DisclosureRequest, TechNeed } from '@ztt/catalogue';
import { ContractPayment, ContractRegistration, ContractScheduleItem, Deal, DealApproval, DealEvent, DealNote, DealTask, RoyaltyReport } from '@ztt/deals';
import { Organisation, User } from '@ztt/identity';
import { EntityManager } from 'typeorm';
import { DemoFulfilmentScript, planFulfilment } from './demo-fulfilment';
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
    /** the contract's name after the achievement's title */
    kindName?: string;
    /** the structured terms, from the signing day and today (Beijing calendar days) */
    terms?: (signedOn: string, today: string) => ContractTerms;
    /** what happened under the contract so far */
    fulfilment?: DemoFulfilmentScript;
    /** the demand-side user who records payments, reports royalties and decides the trial */
    payer?: string;
    /** the supply-side user who confirms payments and accepts reports */
    receiver?: string;
  };
  /** 职务科技成果: the owning organisation's approval, asked for by the broker */
  approval?: { status: 'pending' | 'approved'; noticeDays: number; approver?: string; comment?: string };
}

/**
 * Deals in several stages, one of them a registered technology contract, and one contract of each
 * transfer model (转让, 许可, 先用后转 twice — running and converted — and 作价入股) with its
 * fulfilment so far; a 职务科技成果 deal waits for the university's approval.
 */
export const DEMO_DEALS: DemoDeal[] = [
  {
    need: '南美白对虾工厂化循环水养殖尾水处理',
    achievement: '养殖尾水生态净化与循环利用集成技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Registered,
    days: [3, 5, 9, 12, 15, 70, 20],
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
      terms: (signedOn, today) => ({
        model: 'transfer',
        price: '1234567.89',
        instalments: [
          { dueOn: addDays(signedOn, 30), amount: '617283.94', label: '合同签订后 30 日内支付 50%' },
          // the second instalment fell due ten days ago and is unpaid: the demo's overdue payment
          { dueOn: addDays(today, -10), amount: '617283.95', label: '设备安装验收合格后支付余款' },
        ],
      }),
      fulfilment: { payments: [{ kind: 'instalment', nth: 1, paidDaysAfterDue: -3, confirmedDaysAfterPaid: 2, inventorShare: '432098.76' }] },
      payer: 'marine@demo.zj.cn',
      receiver: 'tto@demo.zj.cn',
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
  {
    need: '南美白对虾抗病苗种引进与扩繁',
    achievement: '对虾抗病新品系家系选育与苗种繁育技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Signed,
    days: [2, 4, 6, 8, 12, 200],
    fromMatch: false,
    expectedValue: '500000.00',
    mode: 'license',
    nextStep: '提醒蓝海牧场提交下半年苗种销售提成报告',
    note: '普通许可，大学保留向其他育苗场许可的权利',
    contract: {
      contractNo: 'ZJ-JS-2026-0215',
      contractType: 'license',
      contractSubtype: 'license.patent',
      totalAmount: '500000.00',
      techAmount: '500000.00',
      paymentTerms: '入门费 20 万元签约时支付；按苗种销售额 3% 提成，每半年报告一次，年度最低提成 10 万元',
      kindName: '专利实施许可合同（普通许可）',
      terms: () => ({
        model: 'licence',
        kind: 'ordinary',
        field: '凡纳滨对虾抗病苗种繁育与销售',
        territory: '广东省湛江市',
        termMonths: 36,
        entryFee: '200000.00',
        stagedPayments: [],
        royalty: { rate: '3', base: 'sales', minimumAnnual: '100000.00', reportingPeriod: 'half_yearly' },
      }),
      fulfilment: {
        payments: [{ kind: 'entry_fee', paidDaysAfterDue: 5, confirmedDaysAfterPaid: 1, inventorShare: '140000.00' }],
        royaltyReports: [{ nth: 1, baseAmount: '1860000.00', submittedDaysAfterDue: 3, acceptedDaysAfterDue: 8, note: '上半年销售抗病苗种 3.1 亿尾' }],
      },
      payer: 'marine@demo.zj.cn',
      receiver: 'tto@demo.zj.cn',
    },
  },
  {
    need: '深远海网箱金鲳鱼投喂与鱼群行为智能监测',
    achievement: '深远海网箱鱼群行为视觉识别与智能投喂系统',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Signed,
    days: [3, 4, 5, 6, 10, 40],
    fromMatch: false,
    expectedValue: '800000.00',
    mode: 'use-first-pay-later',
    nextStep: '试用期结束前组织双方评估投喂效果，商定转许可还是转让',
    note: '蓝海牧场先在 2 号网箱试用，饲料系数下降即考虑买断',
    contract: {
      contractNo: 'ZJ-JS-2026-0231',
      contractType: 'license',
      contractSubtype: 'license.secret',
      totalAmount: '30000.00',
      techAmount: '30000.00',
      paymentTerms: '试用费 3 万元于试用开始时支付；试用期满后 30 日内决定以 80 万元转让或转为许可',
      kindName: '先用后转试用协议',
      terms: (signedOn, today) => ({
        model: 'use_first',
        trialStartsOn: signedOn,
        trialEndsOn: addDays(today, 20),
        trialFee: '30000.00',
        conversionOptions: ['licence', 'transfer'],
        conversionDeadline: addDays(today, 50),
        conversionPrice: '800000.00',
        onDecline: 'stop_use',
      }),
      fulfilment: { payments: [{ kind: 'trial_fee', paidDaysAfterDue: 3, confirmedDaysAfterPaid: 1, inventorShare: null }] },
      payer: 'marine@demo.zj.cn',
      receiver: 'rdi@demo.zj.cn',
    },
  },
  {
    need: '钢渣资源化利用制备建材技术需求',
    achievement: '钢渣微粉活化制备绿色建材技术',
    broker: 'broker2@demo.zj.cn',
    stage: DealStage.Signed,
    days: [2, 5, 6, 8, 10, 150],
    fromMatch: false,
    expectedValue: '1500000.00',
    mode: 'use-first-pay-later',
    nextStep: '跟进转许可后的合同谈判',
    contract: {
      contractNo: 'ZJ-JS-2026-0093',
      contractType: 'license',
      contractSubtype: 'license.patent',
      totalAmount: '0.00',
      techAmount: '0.00',
      paymentTerms: '免费试用 90 日；试用期满后 30 日内决定以 150 万元转让或转为许可，不转化的按普通许可付费使用',
      kindName: '先用后转试用协议',
      terms: (signedOn) => ({
        model: 'use_first',
        trialStartsOn: signedOn,
        trialEndsOn: addDays(signedOn, 90),
        trialFee: '0',
        conversionOptions: ['licence', 'transfer'],
        conversionDeadline: addDays(signedOn, 120),
        conversionPrice: '1500000.00',
        onDecline: 'paid_licence',
      }),
      fulfilment: { trialConverted: { model: 'licence', daysAgo: 45, note: '试用期内钢渣微粉活性指数达标，绿钢科技决定转为许可' } },
      payer: 'steel@demo.zj.cn',
      receiver: 'tto@demo.zj.cn',
    },
  },
  {
    need: '可降解聚酯材料改性配方开发',
    achievement: '生物基可降解聚酯增韧改性技术',
    broker: 'broker2@demo.zj.cn',
    stage: DealStage.Fulfilled,
    days: [3, 4, 6, 10, 25, 20, 15, 10],
    fromMatch: false,
    expectedValue: '5000000.00',
    mode: 'equity',
    nextStep: '锁定期内每年跟进被投企业经营情况',
    note: '评估报告已在大学资产经营公司备案',
    contract: {
      contractNo: 'ZJ-JS-2026-0166',
      contractType: 'transfer',
      contractSubtype: 'transfer.patent',
      totalAmount: '5000000.00',
      techAmount: '5000000.00',
      paymentTerms: '以两项发明专利作价 500 万元入股，占注册资本 15%，由湛江海洋科技大学资产经营有限公司持有，锁定 36 个月',
      registrationNumber: '2026440800000166',
      kindName: '技术作价入股协议',
      terms: () => ({
        model: 'equity',
        valuation: '5000000.00',
        valuedBy: '广东粤海资产评估有限公司（粤海评报字〔2026〕第 0312 号）',
        sharePercent: '15',
        holder: 'holding_platform',
        holderName: '湛江海洋科技大学资产经营有限公司',
        lockUpMonths: 36,
      }),
      receiver: 'tto@demo.zj.cn',
    },
    approval: { status: 'approved', noticeDays: 15, approver: 'tto@demo.zj.cn', comment: '经学校技术转移中心审核，同意以作价入股方式实施转化' },
  },
  {
    need: '生蚝壳高值化利用制备钙制剂',
    achievement: '牡蛎壳生物活性钙制备与高值化利用技术',
    broker: 'broker@demo.zj.cn',
    stage: DealStage.Negotiating,
    days: [2, 3, 5, 7, 6],
    fromMatch: false,
    expectedValue: '600000.00',
    mode: 'license',
    nextStep: '等待海洋科技大学单位审批（职务科技成果）后签约',
    task: '审批通过后准备许可合同签署',
    approval: { status: 'pending', noticeDays: 15 },
  },
];

const DAY = 86_400_000;

/** A moment on a Beijing calendar day (default 10:00). */
function at(date: string, hour = 10): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** When the deal entered each stage it reached, ending now: each stage `days` after the previous one. */
export function stageEntries(d: Pick<DemoDeal, 'days'>, now = Date.now()): Date[] {
  const start = now - d.days.reduce((a, b) => a + b, 0) * DAY;
  return d.days.map((_, i) => new Date(start + d.days.slice(0, i).reduce((a, b) => a + b, 0) * DAY));
}

/** The signing day (Beijing) of a demo deal that reached `signed`. */
export function signedOnOf(d: Pick<DemoDeal, 'days'>, now = Date.now()): string {
  return beijingDate(stageEntries(d, now)[DEAL_PIPELINE.indexOf(DealStage.Signed)] as Date);
}

async function creditCodeOf(m: EntityManager, orgId: string): Promise<string> {
  return (await m.findOneByOrFail(Organisation, { id: orgId })).creditCode;
}

async function userId(m: EntityManager, email: string | undefined, fallback: string): Promise<string> {
  return (email && (await m.findOneBy(User, { email }))?.id) || fallback;
}

/**
 * Demo deals with their stage history (so the performance page has figures), notes, tasks, the
 * contracts with their terms and fulfilment record (schedule, payments, royalty reports, the
 * trial's conversion), the 职务科技成果 approvals, and each deal's timeline. A deal is skipped when
 * one with its title exists.
 */
export const dealsSeeder: Seeder = {
  name: 'deals',
  async run({ manager: m }) {
    let created = 0;
    const today = beijingDate();
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
      const entered = stageEntries(d);
      const start = (entered[0] as Date).getTime();
      const enteredOf = (stage: DealStage) => entered[DEAL_PIPELINE.indexOf(stage)] as Date;
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
          nextStepDue: addDays(today, 7),
          ndaSignedOn: reached.includes(DealStage.NdaSigned) ? beijingDate(enteredOf(DealStage.NdaSigned)) : null,
          lastActivityAt: last,
          createdBy: broker.id,
          createdAt: entered[0],
        }),
      );
      /** the deal's timeline, written at the end; the latest entry is its last activity */
      const events: Partial<DealEvent>[] = reached.map((stage, i) => ({
        dealId: deal.id,
        type: i === 0 ? 'created' : 'stage',
        fromStage: i === 0 ? null : (reached[i - 1] as DealStage),
        toStage: stage,
        actorId: broker.id,
        detail: {},
        createdAt: entered[i],
      }));
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
            decidedAt: enteredOf(DealStage.NdaSigned),
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
      if (d.approval) {
        // Asked for by the broker once negotiating; an approval was decided by the university's
        // tech-transfer office, its public notice over before signing.
        const a = d.approval;
        const requestedAt = a.status === 'pending' ? new Date(Date.now() - 2 * DAY) : new Date(enteredOf(DealStage.Negotiating).getTime() + 2 * DAY);
        const decidedAt = a.status === 'approved' ? new Date(requestedAt.getTime() + 3 * DAY) : null;
        await m.insert(DealApproval, {
          dealId: deal.id,
          organisationId: ach.ownerOrgId,
          status: a.status,
          requestedBy: broker.id,
          requestedAt,
          decidedBy: decidedAt ? await userId(m, a.approver, broker.id) : null,
          decidedAt,
          comment: decidedAt ? (a.comment ?? null) : null,
          noticeDays: a.noticeDays,
          noticeEndsOn: decidedAt ? addDays(beijingDate(decidedAt), a.noticeDays) : null,
        });
      }
      if (d.contract) {
        const c = d.contract;
        const signedAt = enteredOf(DealStage.Signed);
        const signedOn = beijingDate(signedAt);
        const terms = c.terms ? c.terms(signedOn, today) : null;
        const contractName = `${ach.title}${c.kindName ?? '技术转让合同'}`;
        const registeredAt = reached.includes(DealStage.Registered) ? enteredOf(DealStage.Registered) : null;
        await m.insert(ContractRegistration, {
          dealId: deal.id,
          contractNo: c.contractNo,
          contractName,
          contractType: c.contractType,
          contractSubtype: c.contractSubtype,
          buyerName: (await m.findOneByOrFail(Organisation, { id: need.ownerOrgId })).name,
          buyerCreditCode: await creditCodeOf(m, need.ownerOrgId),
          sellerName: (await m.findOneByOrFail(Organisation, { id: ach.ownerOrgId })).name,
          sellerCreditCode: await creditCodeOf(m, ach.ownerOrgId),
          signedOn,
          periodStart: signedOn,
          periodEnd: terms?.model === 'licence' ? addDays(addMonths(signedOn, terms.termMonths), -1) : addDays(signedOn, 365),
          totalAmount: c.totalAmount,
          techAmount: c.techAmount,
          paymentTerms: c.paymentTerms,
          terms,
          sourceNeedId: need.id,
          sourceAchievementId: ach.id,
          registrationNumber: c.registrationNumber ?? null,
          registeredOn: c.registrationNumber && registeredAt ? beijingDate(registeredAt) : null,
          recordedBy: broker.id,
        });
        events.push({ dealId: deal.id, type: 'contract', actorId: broker.id, detail: { contractName }, createdAt: new Date(signedAt.getTime() + 60_000) });
        if (terms) created += await seedFulfilment(m, { deal, terms, signedOn, today, contract: c, brokerId: broker.id, events });
      }
      for (const e of events) await m.insert(DealEvent, e);
      const latest = events.reduce((a, e) => (e.createdAt && e.createdAt > a ? e.createdAt : a), last);
      await m.update(Deal, deal.id, { lastActivityAt: latest });
      created++;
    }
    return created;
  },
};

/**
 * The contract's fulfilment record as the fulfilment service would have written it: the schedule
 * in its present states, the confirmed payments with the inventors' share, the accepted royalty
 * reports, a converted trial with the deal it opened; each step on the timeline. Returns the deals
 * it opened (a conversion).
 */
async function seedFulfilment(
  m: EntityManager,
  x: { deal: Deal; terms: ContractTerms; signedOn: string; today: string; contract: NonNullable<DemoDeal['contract']>; brokerId: string; events: Partial<DealEvent>[] },
): Promise<number> {
  const { deal, terms, events } = x;
  const plan = planFulfilment(terms, x.signedOn, x.today, x.contract.fulfilment);
  const payer = await userId(m, x.contract.payer, x.brokerId);
  const receiver = await userId(m, x.contract.receiver, x.brokerId);
  const ids = new Map<number, string>();
  const labels = new Map<number, string>();
  for (const i of plan.items) {
    const saved = await m.save(
      m.create(ContractScheduleItem, {
        dealId: deal.id,
        seq: i.seq,
        kind: i.kind,
        dueOn: i.dueOn,
        amount: i.amount,
        label: i.label,
        status: i.status,
        settledOn: i.settledOn,
        // the scan already told both sides of an overdue line
        remindedAt: i.status === 'overdue' ? at(addDays(i.dueOn, -7), 9) : null,
        overdueNotifiedAt: i.status === 'overdue' ? at(addDays(i.dueOn, 1), 9) : null,
        createdAt: at(i.kind === 'royalty_payment' ? addDays(i.dueOn, -30) : x.signedOn),
      }),
    );
    ids.set(i.seq, saved.id);
    labels.set(i.seq, i.label);
  }
  for (const p of plan.payments) {
    const item = labels.get(p.seq) ?? '';
    const payment = await m.save(
      m.create(ContractPayment, {
        dealId: deal.id,
        scheduleItemId: ids.get(p.seq),
        amount: p.amount,
        paidOn: p.paidOn,
        status: 'confirmed',
        recordedBy: payer,
        recordedAt: at(p.paidOn, 11),
        decidedBy: receiver,
        decidedAt: at(p.confirmedOn, 15),
        inventorShare: p.inventorShare,
      }),
    );
    events.push(
      {
        dealId: deal.id,
        type: 'fulfilment',
        actorId: payer,
        detail: { kind: 'payment', action: AuditAction.DealPaymentRecorded, paymentId: payment.id, item, amount: p.amount, paidOn: p.paidOn },
        createdAt: at(p.paidOn, 11),
      },
      {
        dealId: deal.id,
        type: 'fulfilment',
        actorId: receiver,
        detail: { kind: 'payment', action: AuditAction.DealPaymentConfirmed, paymentId: payment.id, item, amount: p.amount, inventorShare: p.inventorShare, reason: null },
        createdAt: at(p.confirmedOn, 15),
      },
    );
  }
  for (const r of plan.reports) {
    const item = labels.get(r.seq) ?? '';
    const report = await m.save(
      m.create(RoyaltyReport, {
        dealId: deal.id,
        scheduleItemId: ids.get(r.seq),
        baseAmount: r.baseAmount,
        base: terms.model === 'licence' && terms.royalty ? terms.royalty.base : 'sales',
        rate: r.rate,
        royalty: r.royalty,
        note: r.note,
        status: 'accepted',
        submittedBy: payer,
        submittedAt: at(r.submittedOn, 11),
        decidedBy: receiver,
        decidedAt: at(r.acceptedOn, 15),
      }),
    );
    events.push(
      {
        dealId: deal.id,
        type: 'fulfilment',
        actorId: payer,
        detail: { kind: 'royalty', action: AuditAction.DealRoyaltyReported, reportId: report.id, item, baseAmount: r.baseAmount, royalty: r.royalty },
        createdAt: at(r.submittedOn, 11),
      },
      {
        dealId: deal.id,
        type: 'fulfilment',
        actorId: receiver,
        detail: { kind: 'royalty', action: AuditAction.DealRoyaltyAccepted, reportId: report.id, item, royalty: r.royalty, reason: null },
        createdAt: at(r.acceptedOn, 15),
      },
    );
  }
  if (!plan.trial) return 0;
  // The trial converted: a new deal in negotiation, linked both ways (DealsService.openConversion).
  const { model, decidedOn, note } = plan.trial;
  const decidedAt = at(decidedOn, 16);
  const converted = await m.save(
    m.create(Deal, {
      title: `${deal.title}（${model === 'licence' ? '转为许可' : '转为转让'}）`,
      matchId: null,
      needId: deal.needId,
      achievementId: deal.achievementId,
      demandOrgId: deal.demandOrgId,
      supplyOrgId: deal.supplyOrgId,
      demandContact: deal.demandContact,
      supplyContact: deal.supplyContact,
      leadBrokerId: deal.leadBrokerId,
      coBrokerIds: deal.coBrokerIds,
      stage: DealStage.Negotiating,
      stageChangedAt: decidedAt,
      cooperationMode: model === 'licence' ? 'license' : 'transfer',
      expectedValue: deal.expectedValue,
      nextStep: '商定许可费、提成比例与许可期限',
      nextStepDue: addDays(x.today, 5),
      ndaSignedOn: deal.ndaSignedOn,
      convertedFromDealId: deal.id,
      lastActivityAt: decidedAt,
      createdBy: payer,
      createdAt: decidedAt,
    }),
  );
  await m.insert(DealEvent, {
    dealId: converted.id,
    type: 'created',
    toStage: DealStage.Negotiating,
    actorId: payer,
    detail: { convertedFromDealId: deal.id, model },
    createdAt: decidedAt,
  });
  await m.update(ContractRegistration, { dealId: deal.id }, { trialOutcome: 'converted', trialDecidedAt: decidedAt, trialNote: note, convertedDealId: converted.id });
  events.push({
    dealId: deal.id,
    type: 'fulfilment',
    actorId: payer,
    detail: { kind: 'trial', action: AuditAction.DealTrialConverted, outcome: 'convert', model, convertedDealId: converted.id, trialEndsOn: null, conversionDeadline: null },
    createdAt: decidedAt,
  });
  return 1;
}
