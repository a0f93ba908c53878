import { ApplicationStatus, ChallengeMode, ChallengeStatus, industryOfChain } from '@ztt/contracts';
import { Challenge, ChallengeApplication, weightedTotal } from '@ztt/challenges';
import { Organisation, User } from '@ztt/identity';
import { EntityManager } from 'typeorm';
import { DEMO_ORGS } from './demo-data';
import { Seeder } from './seeder';

const DAY = 86_400_000;

const RUBRIC = [
  { name: '技术路线可行性与先进性', weight: 40 },
  { name: '团队能力与研究基础', weight: 30 },
  { name: '指标实现路径', weight: 20 },
  { name: '经费与进度合理性', weight: 10 },
];

/** Open for applications: a marine farm's typhoon-proof mooring problem, reviewed by 王芳教授. */
const OPEN = {
  title: '深远海养殖平台抗台风锚泊与在线监测系统',
  owner: 'marine',
  acceptor: 'marine@demo.zj.cn',
  background:
    '湛江近海深远海养殖平台每年遭遇 3–5 次台风，现有锚泊系统在 15 级风况下多次走锚失效，造成网箱损毁和养殖鱼逃逸。需要一套适应南海台风海况、可在线监测张力与位移并提前预警的锚泊系统，并在徐闻或雷州海域完成示范。',
  indicators: [
    { name: '抗风等级', target: '≥ 17', unit: '级', verification: '1:40 水池模型试验与第三方检测报告' },
    { name: '锚泊系统设计寿命', target: '≥ 20', unit: '年', verification: '疲劳分析报告与船级社评审' },
    { name: '张力监测预警提前量', target: '≥ 6', unit: '小时', verification: '示范海域一个台风季的运行记录' },
  ],
  chains: ['marine.equipment', 'marine.ranching'],
  bounty: '3000000.00',
  fundingSource: '市财政科技专项 150 万元 + 企业自筹 150 万元',
  periodMonths: 24,
  eligibility: { orgTypes: [] as string[], regions: [] as string[], mustOwnIp: false },
  mode: ChallengeMode.Single,
  teams: 1,
  milestones: [
    { title: '签约启动', deliverables: '签订任务书，提交详细设计方案', dueOffsetDays: 30, sharePercent: 60 },
    { title: '水池试验', deliverables: '水池模型试验报告，抗风等级达标', dueOffsetDays: 365, sharePercent: 30 },
    { title: '海上示范与结题', deliverables: '示范海域运行一个台风季，全部指标达标，结题报告', dueOffsetDays: 700, sharePercent: 10 },
  ],
};

/** Awarded and in progress, horse race: two teams funded in parallel on a petrochemical problem. */
const RACE = {
  title: '海上油气平台重防腐涂层与腐蚀在线监测技术（赛马制）',
  owner: 'petrochem',
  acceptor: 'petrochem@demo.zj.cn',
  background:
    '南海高温高湿高盐环境下，海上油气平台和码头钢结构腐蚀严重，现有涂层 5–7 年即需大修。需要寿命更长的重防腐涂层体系和可在线监测腐蚀速率的传感网络，采用赛马制支持两支团队并行攻关，中期验收择优继续。',
  indicators: [
    { name: '涂层体系设计寿命', target: '≥ 15', unit: '年', verification: '加速老化试验（ISO 12944-9）第三方报告' },
    { name: '腐蚀速率监测精度', target: '≤ 0.01', unit: 'mm/a', verification: '挂片对比试验' },
  ],
  chains: ['petrochem.oil-gas', 'marine.equipment'],
  bounty: '5000000.00',
  fundingSource: '企业出资 400 万元 + 市科技局配套 100 万元',
  periodMonths: 30,
  eligibility: { orgTypes: ['university', 'institute', 'new-rd-institution', 'enterprise'], regions: [], mustOwnIp: false },
  mode: ChallengeMode.HorseRace,
  teams: 2,
  milestones: [
    { title: '签约启动', deliverables: '签订任务书与实施方案', dueOffsetDays: 15, sharePercent: 60 },
    { title: '中试验证', deliverables: '加速老化试验与挂片对比试验报告', dueOffsetDays: 300, sharePercent: 30 },
    { title: '工程示范', deliverables: '平台示范段涂装与监测网络运行报告', dueOffsetDays: 800, sharePercent: 10 },
  ],
};

/**
 * Demo challenges: one open for applications (with one application already in) and one awarded
 * horse race in progress, with accepted milestones and recorded tranches, and one milestone
 * waiting for the owner's acceptance. Looks up by title, so a second run creates nothing.
 */
export const challengesSeeder: Seeder = {
  name: 'challenges',
  async run({ manager: m }) {
    const userId = async (email: string) => (await m.findOneByOrFail(User, { email })).id;
    const orgId = async (key: string) => {
      const code = DEMO_ORGS.find((o) => o.key === key)?.creditCode as string;
      return (await m.findOneByOrFail(Organisation, { creditCode: code })).id;
    };
    const admin = await userId('admin@demo.zj.cn');
    const reviewer = await userId('reviewer@demo.zj.cn');
    const now = Date.now();
    let created = 0;

    if (!(await m.existsBy(Challenge, { title: OPEN.title }))) {
      const c = await insertChallenge(m, OPEN, {
        ownerOrgId: await orgId(OPEN.owner),
        acceptorUserId: await userId(OPEN.acceptor),
        createdBy: admin,
        status: ChallengeStatus.Published,
        publishedAt: new Date(now - 5 * DAY),
        applicationDeadline: new Date(now + 45 * DAY),
      });
      await m.query(`INSERT INTO challenge_reviewer (challenge_id, user_id, added_by) VALUES ($1, $2, $3)`, [c.id, reviewer, admin]);
      await insertApplication(m, c.id, await orgId('rdi'), await userId('rdi@demo.zj.cn'), ApplicationStatus.Submitted, {
        technicalRoute: '采用张紧式合成纤维缆 + 吸力锚组合锚泊，布设光纤光栅张力传感器与北斗位移监测，台风路径预报驱动预警模型。',
        team: [
          { name: '许工', role: '项目负责人', userId: null },
          { name: '陈博士', role: '结构与疲劳分析', userId: null },
        ],
      });
      created++;
    }

    if (!(await m.existsBy(Challenge, { title: RACE.title }))) {
      const published = new Date(now - 120 * DAY);
      const finalised = new Date(now - 30 * DAY);
      const c = await insertChallenge(m, RACE, {
        ownerOrgId: await orgId(RACE.owner),
        acceptorUserId: await userId(RACE.acceptor),
        createdBy: admin,
        status: ChallengeStatus.InProgress,
        publishedAt: published,
        applicationDeadline: new Date(now - 70 * DAY),
        noticeEndsAt: new Date(now - 31 * DAY),
        finalisedAt: finalised,
      });
      await m.query(
        `INSERT INTO challenge_reviewer (challenge_id, user_id, conflict_application_ids, statement, declared_at, added_by) VALUES ($1, $2, '{}', '本人与各揭榜单位无利益冲突', $3, $4)`,
        [c.id, reviewer, new Date(now - 65 * DAY), admin],
      );
      const uni = await insertApplication(m, c.id, await orgId('university'), await userId('researcher@demo.zj.cn'), ApplicationStatus.Awarded, {
        technicalRoute: '石墨烯改性环氧富锌底漆 + 氟碳面漆的重防腐体系，配合电化学噪声传感器阵列在线监测腐蚀速率。',
        team: [
          { name: '林海教授', role: '项目负责人', userId: null },
          { name: '郑老师', role: '成果转化与项目管理', userId: null },
        ],
      });
      const rdi = await insertApplication(m, c.id, await orgId('rdi'), await userId('rdi@demo.zj.cn'), ApplicationStatus.Awarded, {
        technicalRoute: '热喷涂铝 + 封闭涂层的长效防护体系，配套无线腐蚀监测节点与平台数字孪生。',
        team: [{ name: '许工', role: '项目负责人', userId: null }],
      });
      const food = await insertApplication(m, c.id, await orgId('food'), await userId('food@demo.zj.cn'), ApplicationStatus.NotAwarded, {
        technicalRoute: '引进成熟商用涂层体系并开展适应性验证。',
        team: [{ name: '梁静', role: '项目负责人', userId: null }],
      });
      for (const [appId, scores] of [
        [uni, [92, 88, 90, 85]],
        [rdi, [88, 86, 85, 90]],
        [food, [70, 65, 60, 80]],
      ] as [string, number[]][]) {
        await m.query(`INSERT INTO challenge_score (application_id, reviewer_id, scores, total, comment, submitted_at) VALUES ($1, $2, $3::int[], $4, $5, $6)`, [
          appId,
          reviewer,
          scores,
          weightedTotal(
            scores,
            RUBRIC.map((r) => r.weight),
          ),
          '方案完整，指标路径清晰',
          new Date(now - 60 * DAY),
        ]);
      }
      await m.query(
        `INSERT INTO challenge_decision (challenge_id, winner_application_ids, rationale, decided_by, decided_at, notice_ends_at) VALUES ($1, $2::uuid[], $3, $4, $5, $6)`,
        [
          c.id,
          [uni, rdi],
          '两支团队综合得分位列前二，技术路线互补（有机涂层与热喷涂金属），按赛马制并行支持，中期验收择优。',
          admin,
          new Date(now - 38 * DAY),
          new Date(now - 31 * DAY),
        ],
      );
      for (const appId of [uni, rdi]) {
        for (const [i, t] of RACE.milestones.entries()) {
          await m.query(
            `INSERT INTO challenge_milestone (challenge_id, application_id, seq, title, deliverables, due_date, share_percent, amount)
             VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + $7::int, $8::int, round($9::numeric * $8::int / 100 / $10::int, 2))`,
            [c.id, appId, i + 1, t.title, t.deliverables, finalised, t.dueOffsetDays, t.sharePercent, RACE.bounty, 2],
          );
        }
      }
      const acceptor = await userId(RACE.acceptor);
      // Both teams' first milestones accepted, tranches recorded; the university's second one waits for acceptance.
      for (const appId of [uni, rdi]) {
        const rows = (await m.query(
          `UPDATE challenge_milestone SET status = 'accepted', report = '已签订任务书，提交实施方案。', submitted_at = $2, decided_at = $3, decided_by = $4, comment = '同意验收'
            WHERE application_id = $1 AND seq = 1 RETURNING id, amount`,
          [appId, new Date(now - 20 * DAY), new Date(now - 18 * DAY), acceptor],
        )) as [{ id: string; amount: string }[], number];
        const ms = rows[0][0] as { id: string; amount: string };
        await m.query(`INSERT INTO challenge_payment (milestone_id, application_id, amount, paid_on, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
          ms.id,
          appId,
          ms.amount,
          new Date(now - 18 * DAY).toISOString().slice(0, 10),
          acceptor,
          new Date(now - 18 * DAY),
        ]);
      }
      await m.query(
        `UPDATE challenge_milestone SET status = 'submitted', report = '加速老化 3000 小时无起泡开裂，挂片对比误差 0.008 mm/a。', indicator_results = $2::jsonb, submitted_at = $3
          WHERE application_id = $1 AND seq = 2`,
        [
          uni,
          JSON.stringify([
            { indicator: 0, value: '15（外推）' },
            { indicator: 1, value: '0.008' },
          ]),
          new Date(now - 2 * DAY),
        ],
      );
      created++;
    }
    return created;
  },
};

async function insertChallenge(m: EntityManager, spec: typeof OPEN, extra: Partial<Challenge>): Promise<Challenge> {
  return m.save(
    m.create(Challenge, {
      title: spec.title,
      background: spec.background,
      indicators: spec.indicators,
      chains: spec.chains,
      industries: [...new Set(spec.chains.map(industryOfChain))],
      bounty: spec.bounty,
      fundingSource: spec.fundingSource,
      periodMonths: spec.periodMonths,
      eligibility: spec.eligibility,
      mode: spec.mode,
      teams: spec.teams,
      rubric: RUBRIC,
      milestones: spec.milestones,
      firstTrancheMinPercent: 60,
      ...extra,
    }),
  );
}

async function insertApplication(
  m: EntityManager,
  challengeId: string,
  orgId: string,
  leadUserId: string,
  status: ApplicationStatus,
  p: { technicalRoute: string; team: { name: string; role: string; userId: string | null }[] },
): Promise<string> {
  const a = await m.save(
    m.create(ChallengeApplication, {
      challengeId,
      orgId,
      leadUserId,
      technicalRoute: p.technicalRoute,
      indicatorPlans: [{ indicator: 0, plan: '按技术路线分阶段验证，第三方检测确认。' }],
      schedule: '第 1–6 月方案设计与小试；第 7–18 月中试验证；第 19 月起工程示范。',
      budget: '2400000.00',
      budgetNotes: '材料与设备 45%，试验检测 30%，人员 25%',
      team: p.team,
      achievementIds: [],
      ipItems: [],
      status,
      submittedAt: new Date(Date.now() - 80 * DAY),
    }),
  );
  return a.id;
}
