import { Achievement } from '@ztt/catalogue';
import { CapacityProvider, InstrumentBooking, SharedInstrument, VerificationRun } from '@ztt/capacity';
import { addDays, beijingDate, beijingInstant, BookingStatus, CapacityKind, CapacityStatus, OpeningHours, PriceBasis, RunStatus, weekdayIndex } from '@ztt/contracts';
import { Organisation, User } from '@ztt/identity';
import { EntityManager } from 'typeorm';
import { DEMO_ORGS } from '../demo-data';
import { Seeder } from '../seeder';

const orgName = (key: string) => DEMO_ORGS.find((o) => o.key === key)?.name ?? '';
const WEEKDAY: OpeningHours = { open: '08:30', close: '17:30' };
const LONG: OpeningHours = { open: '08:00', close: '20:00' };

/** The weekday (Mon–Fri) `days` from today (Beijing), moving later or earlier to one. */
function weekday(days: number): string {
  let d = addDays(beijingDate(), days);
  while (weekdayIndex(d) > 4) d = addDays(d, days < 0 ? -1 : 1);
  return d;
}
const slot = (date: string, start: string, end: string) => `[${beijingInstant(date, start).toISOString()},${beijingInstant(date, end).toISOString()})`;

/**
 * The demo 中试与仪器共享: 湛江海洋生物中试基地 (TRL 4–7, marine biomedicine and health food; run by
 * pilot@demo.zj.cn) with two shared instruments — an LC-MS and a freeze dryer — and the marine
 * equipment R&D institution's proof-of-concept centre. The LC-MS has three completed, rated bookings
 * in the past weeks and one waiting for approval next week; the oyster-shell calcium achievement
 * went through a pilot run there that took it from TRL 5 to 6 (rated), so the base shows a public
 * average (4 ratings) and the dashboard lists an achievement that moved up.
 */
export const capacitySeeder: Seeder = {
  name: 'capacity',
  async run({ manager }) {
    if (await manager.existsBy(CapacityProvider, { name: '湛江海洋生物中试基地' })) return 0;
    const org = async (key: string) => (await manager.findOneBy(Organisation, { name: orgName(key) }))?.id;
    const user = async (email: string) => (await manager.findOneBy(User, { email }))?.id;
    const pilotOrg = await org('pilot');
    const rdiOrg = await org('rdi');
    if (!pilotOrg || !rdiOrg) return 0;
    let created = 0;
    const base = await manager.save(
      manager.create(CapacityProvider, {
        orgId: pilotOrg,
        kind: CapacityKind.PilotBase,
        name: '湛江海洋生物中试基地',
        capabilities: '海洋生物活性物质提取纯化、500 L 级发酵放大、冻干制剂与功能食品中试，提供工艺验证与检测分析。',
        tags: ['提取', '发酵', '冻干', '活性钙', '多糖'],
        chains: ['marine.biomed', 'marine.health-food'],
        trlMin: 4,
        trlMax: 7,
        scale: '500 L 发酵罐 2 台、中试车间 1200 平方米',
        batchSize: '每批 200–500 L',
        priceBasis: PriceBasis.Batch,
        priceAmount: '20000.00',
        contactName: '梁工',
        contactPhone: '0759-2668801',
        contactEmail: 'pilot@demo.zj.cn',
        region: 'mazhang',
        address: '湛江市麻章区湖光镇海洋生物产业园 3 号楼',
        status: CapacityStatus.Published,
        provincialCode: 'GDKJ-ZY-2026-0815',
        provincialCategory: '中试熟化平台',
        operatorCreditCode: DEMO_ORGS.find((o) => o.key === 'pilot')?.creditCode ?? null,
        provincialSyncedAt: null,
      }),
    );
    await manager.save(
      manager.create(CapacityProvider, {
        orgId: rdiOrg,
        kind: CapacityKind.PocCentre,
        name: '湛江湾海洋装备概念验证中心',
        capabilities: '海洋装备原理样机验证、水池模型试验与结构强度仿真，帮助实验室成果走向工程样机。',
        tags: ['水池试验', '原理样机', '结构仿真'],
        chains: ['marine.equipment', 'marine.electronics'],
        trlMin: 3,
        trlMax: 5,
        scale: '40 m 拖曳水池、结构实验室',
        batchSize: '',
        priceBasis: PriceBasis.Day,
        priceAmount: '8000.00',
        contactName: '许工',
        contactPhone: '0759-2668802',
        contactEmail: 'rdi@demo.zj.cn',
        region: 'potou',
        address: '湛江市坡头区海洋装备创新园',
        status: CapacityStatus.Published,
        provincialCode: null,
        provincialCategory: null,
        operatorCreditCode: null,
        provincialSyncedAt: null,
      }),
    );
    created += 2;
    const instrument = (fields: Partial<SharedInstrument>) =>
      manager.save(
        manager.create(SharedInstrument, {
          orgId: pilotOrg,
          providerId: base.id,
          status: CapacityStatus.Published,
          provincialCode: null,
          provincialCategory: null,
          operatorCreditCode: null,
          provincialSyncedAt: null,
          ...fields,
        }),
      );
    const lcms = await instrument({
      name: '液相色谱-质谱联用仪',
      model: 'LCMS-8060NX',
      maker: '岛津',
      capabilities: '小分子定量、多糖与肽类结构表征、代谢物分析',
      tags: ['质谱', '定量分析', '多糖'],
      location: '中试基地 2 号楼 201 分析室',
      hourlyRate: '300.00',
      openingHours: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, null, null],
      minHours: '1',
      maxHours: '4',
      slotMinutes: 30,
      leadHours: 24,
      approvalRequired: true,
      provincialCode: 'GDKJ-YQ-2026-3321',
      provincialCategory: '分析仪器',
    });
    await instrument({
      name: '冷冻干燥机',
      model: 'LYO-20',
      maker: '东富龙',
      capabilities: '20 ㎡ 板层冻干，适用于生物制品与功能食品冻干工艺验证',
      tags: ['冻干'],
      location: '中试基地 1 号楼冻干间',
      hourlyRate: '120.00',
      openingHours: [LONG, LONG, LONG, LONG, LONG, LONG, null],
      minHours: '2',
      maxHours: '12',
      slotMinutes: 60,
      leadHours: 48,
      approvalRequired: false,
    });
    created += 2;

    const booking = async (email: string, date: string, start: string, end: string, status: BookingStatus, rating: [number, string] | null) => {
      const userId = await user(email);
      if (!userId) return;
      const hours = (Number(end.slice(0, 2)) - Number(start.slice(0, 2))).toFixed(2);
      const past = status === BookingStatus.Completed;
      await manager.save(
        manager.create(InstrumentBooking, {
          instrumentId: lcms.id,
          userId,
          slot: slot(date, start, end),
          hours,
          amount: (Number(hours) * 300).toFixed(2),
          purpose: '海洋生物活性成分检测',
          status,
          declineReason: null,
          hoursUsed: past ? hours : null,
          rating: rating?.[0] ?? null,
          ratingComment: rating?.[1] ?? null,
          ratedAt: rating ? new Date() : null,
          decidedAt: past ? beijingInstant(date, '08:00') : null,
          completedAt: past ? beijingInstant(date, end) : null,
        }),
      );
      created++;
    };
    await booking('researcher@demo.zj.cn', weekday(-24), '09:00', '11:00', BookingStatus.Completed, [5, '数据规范，出报告快']);
    await booking('food@demo.zj.cn', weekday(-17), '14:00', '16:00', BookingStatus.Completed, [4, '预约顺利，价格合理']);
    await booking('marine@demo.zj.cn', weekday(-10), '09:00', '12:00', BookingStatus.Completed, [5, '工程师讲解细致']);
    await booking('marine@demo.zj.cn', weekday(7), '14:00', '16:00', BookingStatus.Requested, null);

    await seedRun(manager, base.id, (await user('tto@demo.zj.cn')) ?? null);
    return created + 1;
  },
};

/** The oyster-shell calcium achievement's completed pilot run: TRL 5 → 6, rated 5. */
async function seedRun(manager: EntityManager, providerId: string, requesterId: string | null): Promise<void> {
  const achievement = await manager.findOneBy(Achievement, { title: '牡蛎壳生物活性钙制备与高值化利用技术' });
  if (!achievement) return;
  const from = addDays(beijingDate(), -75);
  const to = addDays(beijingDate(), -20);
  await manager.save(
    manager.create(VerificationRun, {
      providerId,
      achievementId: achievement.id,
      orgId: achievement.ownerOrgId,
      requesterId,
      goal: '验证日处理 2 吨贝壳的煅烧—酶解螯合连续工艺稳定性与产品钙含量',
      wishFrom: from,
      wishTo: to,
      scheduledFrom: from,
      scheduledTo: to,
      trlBefore: 5,
      trlReached: 6,
      result: '连续 3 批稳定运行，钙含量 ≥ 38%，收率 86%，形成中试工艺包',
      status: RunStatus.Completed,
      declineReason: null,
      rating: 5,
      ratingComment: '工艺团队经验丰富，按期完成',
      ratedAt: new Date(),
      decidedAt: beijingInstant(addDays(from, -7), '10:00'),
      completedAt: beijingInstant(to, '17:00'),
    }),
  );
}
