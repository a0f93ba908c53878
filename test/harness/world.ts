import { randomBytes } from 'node:crypto';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, challengeInput, createOrg, needInput, publishItem, registerUser, TestUser } from './builders';
import { TestApi } from './test-app';

/**
 * A small world for the route-table-driven security tests (docs/security.md #1, #6): two verified
 * organisations A and B with published items carrying confidential details, a match of A's need
 * with B's achievement handed to broker X, a deal X opened with a private note, a challenge owned
 * by B with an application from A, a campaign — and outsiders: a member of C, broker Y, a reviewer.
 * Every secret carries a unique marker so a test can look for it in any response.
 */
export interface World {
  admin: TestUser;
  reviewer: TestUser;
  memberA: TestUser;
  memberB: TestUser;
  memberC: TestUser;
  brokerX: TestUser;
  brokerY: TestUser;
  orgA: string;
  orgB: string;
  orgC: string;
  needA: string;
  achA: string;
  needB: string;
  achB: string;
  attachmentA: string;
  disclosureRequest: string;
  match: string;
  deal: string;
  dealTask: string;
  dealDocument: string;
  /** B's organisation's approval of the deal (a 职务科技成果 approval, pending) */
  dealApproval: string;
  /** a line of the deal's fulfilment schedule, a payment recorded against it and a royalty report (rows stand in for a signed contract's fulfilment) */
  scheduleItem: string;
  payment: string;
  royaltyReport: string;
  challenge: string;
  application: string;
  challengeFile: string;
  milestone: string;
  objection: string;
  /** an expert consultation A asked on its need (专家咨询) */
  consultation: string;
  /** A's financing request (科技金融), a draft on its achievement: nobody outside A sees it */
  financingRequest: string;
  /** A's request referred to B as its bank (a policy referral), and a draft roadshow broker X organises with A's request on it (科技金融 extras) */
  financingReferral: string;
  roadshow: string;
  /** A's pilot base and shared instrument (published), B's member's booking of it, and B's verification run there (中试与仪器共享) */
  capacityProvider: string;
  instrument: string;
  booking: string;
  verificationRun: string;
  campaign: string;
  notificationA: string;
  /** a 科技特派员's service to A (logged by a commissioner from B), and its file */
  serviceLog: string;
  serviceFile: string;
  markers: {
    /** confidential details of each item, by item id */
    confidential: Record<string, string>;
    /** the brokers' private note on the deal */
    dealNote: string;
  };
}

export const PDF = Buffer.from('%PDF-1.4\n% security test document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export function marker(what: string): string {
  return `MARK-${what}-${randomBytes(6).toString('hex')}`;
}

/** POSTs one multipart file (`file`) to `path`. */
export async function uploadFile(
  api: TestApi,
  token: string | undefined,
  path: string,
  data: Buffer | string,
  name = '资料.pdf',
  contentType?: string,
): Promise<{ status: number; body: any; text: string }> {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)], contentType ? { type: contentType } : undefined), name);
  const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text };
}

function must<T = any>(what: string, res: { status: number; body: T; text: string }, status: number): T {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
  return res.body;
}

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const quarterNow = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

export async function buildWorld(api: TestApi): Promise<World> {
  // one at a time: registerUser grants roles through the shared database client
  const admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '平台管理员' });
  const reviewer = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '评审专家' });
  const memberA = await registerUser(api, { displayName: '甲方成员' });
  const memberB = await registerUser(api, { displayName: '乙方成员' });
  const memberC = await registerUser(api, { displayName: '丙方成员' });
  const brokerX = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '经纪人甲' });
  const brokerY = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '经纪人乙' });
  const [orgA, orgB, orgC] = (
    await Promise.all([
      createOrg(api, memberA, { verified: true, input: { name: '湛江甲方海洋科技有限公司' } }),
      createOrg(api, memberB, { verified: true, input: { name: '湛江乙方海洋大学', type: 'university' } }),
      createOrg(api, memberC, { verified: true, input: { name: '湛江丙方食品有限公司', industries: ['food'] } }),
    ])
  ).map((o) => o.id);

  const confidential: Record<string, string> = {};
  const item = async (kind: 'need' | 'achievement', owner: TestUser, orgId: string, tag: string, title: string) => {
    const secret = marker(tag);
    const input =
      kind === 'need' ? needInput(orgId, { title, confidentialDetails: `内部资料 ${secret}` }) : achievementInput(orgId, { title, confidentialDetails: `核心工艺 ${secret}` });
    const id = await publishItem(api, kind, owner, admin, input);
    confidential[id] = secret;
    return id;
  };
  const needA = await item('need', memberA, orgA, 'needA', '南美白对虾循环水养殖尾水处理技术需求');
  const achA = await item('achievement', memberA, orgA, 'achA', '对虾饲料低鱼粉配方技术');
  const needB = await item('need', memberB, orgB, 'needB', '海洋牧场网箱监测数据平台需求');
  const achB = await item('achievement', memberB, orgB, 'achB', '养殖尾水生物滤池处理技术');

  const attachmentA = must<{ id: string }>('attachment', await uploadFile(api, memberA.token, `/api/needs/${needA}/attachments`, PDF, '现场数据.pdf'), 201).id;
  const disclosureRequest = must<{ id: string }>(
    'disclosure request',
    await api.call('POST', `/api/achievements/${achB}/disclosure-requests`, { token: memberA.token, body: { reason: '评估技术可行性', requesterOrgId: orgA } }),
    201,
  ).id;

  const match = (
    await api.db.query(
      `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source, broker_id, assigned_at)
       VALUES ($1, $2, 0.8, $4, $5, '测试匹配', 'publication', $3, now()) RETURNING id`,
      [
        needA,
        achB,
        brokerX.id,
        JSON.stringify({ text: 0.8, chain: 1, keywords: 0.5, trl: 1, mode: 0, budget: 1, region: 0.5, freshness: 1 }),
        JSON.stringify({
          sharedTerms: ['尾水处理'],
          sharedChains: ['marine.ranching'],
          sharedIndustries: ['marine'],
          needTrl: 6,
          achievementTrl: 7,
          sharedModes: [],
          withinBudget: null,
          sameRegion: false,
        }),
      ],
    )
  ).rows[0].id as string;
  const deal = must<{ id: string }>('deal', await api.call('POST', '/api/deals', { token: brokerX.token, body: { matchId: match, expectedValue: '800000.00' } }), 201).id;
  const dealNote = marker('dealNote');
  must('note', await api.call('POST', `/api/deals/${deal}/notes`, { token: brokerX.token, body: { body: `底价 ${dealNote}` } }), 201);
  const dealTask = must<{ id: string }>(
    'task',
    await api.call('POST', `/api/deals/${deal}/tasks`, { token: brokerX.token, body: { title: '约双方面谈', dueAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    201,
  ).id;
  must('message', await api.call('POST', `/api/deals/${deal}/messages`, { token: brokerX.token, body: { body: '请双方下周面谈', audience: 'both' } }), 201);
  const dealDocument = must<{ id: string }>(
    'deal document',
    await uploadFile(api, brokerX.token, `/api/deals/${deal}/documents?kind=nda&shared=true`, PDF, '保密协议.pdf'),
    201,
  ).id;

  // A deal on a service invention asks B's tech-transfer office to approve; a row stands in for the request.
  const dealApproval = (
    await api.db.query(`INSERT INTO deal_approval (deal_id, organisation_id, requested_by, notice_days) VALUES ($1, $2, $3, 5) RETURNING id`, [deal, orgB, brokerX.id])
  ).rows[0].id as string;

  // The deal's fulfilment: rows stand in for a signed contract's schedule, a recorded payment and a royalty report.
  const scheduleItem = (
    await api.db.query(`INSERT INTO contract_schedule_item (deal_id, seq, kind, due_on, amount, label) VALUES ($1, 1, 'instalment', '2027-01-31', 500000, '首期款') RETURNING id`, [
      deal,
    ])
  ).rows[0].id as string;
  const reportLine = (
    await api.db.query(`INSERT INTO contract_schedule_item (deal_id, seq, kind, due_on, label) VALUES ($1, 2, 'royalty_report', '2027-06-30', '第1期提成报告') RETURNING id`, [
      deal,
    ])
  ).rows[0].id as string;
  const payment = (
    await api.db.query(`INSERT INTO contract_payment (deal_id, schedule_item_id, amount, paid_on, recorded_by) VALUES ($1, $2, 100000, '2026-12-01', $3) RETURNING id`, [
      deal,
      scheduleItem,
      memberA.id,
    ])
  ).rows[0].id as string;
  const royaltyReport = (
    await api.db.query(
      `INSERT INTO royalty_report (deal_id, schedule_item_id, base_amount, base, rate, royalty, submitted_by) VALUES ($1, $2, 1000000, 'sales', 3, 30000, $3) RETURNING id`,
      [deal, reportLine, memberA.id],
    )
  ).rows[0].id as string;

  const challenge = must<{ id: string }>(
    'challenge',
    await api.call('POST', '/api/challenges', {
      token: admin.token,
      body: challengeInput(orgB, memberB.id),
    }),
    201,
  ).id;
  must('publish challenge', await api.call('POST', `/api/admin/challenges/${challenge}/publish`, { token: admin.token }), 200);
  const application = must<{ id: string }>(
    'application',
    await api.call('POST', `/api/challenges/${challenge}/applications`, {
      token: memberA.token,
      body: {
        orgId: orgA,
        technicalRoute: '张紧式合成纤维缆与吸力锚组合，配合实时张力监测。',
        indicatorPlans: [{ indicator: 0, plan: '1:40 水池模型试验' }],
        schedule: '第 1–12 月设计与试验；第 13–24 月海上示范',
        budget: '2800000.00',
        budgetNotes: '设备 120 万，试验 100 万',
        team: [{ name: '甲方成员', role: '项目负责人' }],
        achievementIds: [],
        ipItems: [],
      },
    }),
    201,
  ).id;
  const challengeFile = must<{ id: string }>(
    'application file',
    await uploadFile(api, memberA.token, `/api/challenge-applications/${application}/attachments`, PDF, '方案.pdf'),
    201,
  ).id;
  // Milestones and objections exist only after an award and a notice period; rows stand in for them.
  const milestone = (
    await api.db.query(
      `INSERT INTO challenge_milestone (challenge_id, application_id, seq, title, deliverables, due_date, share_percent, amount)
       VALUES ($1, $2, 1, '结题验收', '检测报告', $3, 100, 3000000) RETURNING id`,
      [challenge, application, day(700)],
    )
  ).rows[0].id as string;
  const objection = (await api.db.query(`INSERT INTO challenge_objection (challenge_id, user_id, text) VALUES ($1, $2, '评审过程有疑问') RETURNING id`, [challenge, memberA.id]))
    .rows[0].id as string;
  const consultation = (
    await api.db.query(`INSERT INTO expert_consultation (need_id, org_id, requester_id, question) VALUES ($1, $2, $3, '需求的技术路线是否可行？') RETURNING id`, [
      needA,
      orgA,
      memberA.id,
    ])
  ).rows[0].id as string;
  const financingRequest = must(
    'financing request',
    await api.call('POST', '/api/financing-requests', {
      token: memberA.token,
      body: { orgId: orgA, achievementId: achA, title: '低鱼粉饲料产业化融资', summary: '', amount: '3000000.00', instrument: 'loan', stage: 'startup', useOfFunds: '建设生产线' },
    }),
    201,
  ).id as string;
  const financingReferral = (
    await api.db.query(
      `INSERT INTO financing_referral (request_id, programme, bank_org_id, consent_at, consent_by, consent_text) VALUES ($1, 'risk_compensation_pool', $2, now(), $3, '同意将本融资需求及机构资质信息发送给所选银行') RETURNING id`,
      [financingRequest, orgB, memberA.id],
    )
  ).rows[0].id as string;
  const roadshow = (
    await api.db.query(`INSERT INTO roadshow (title, starts_at, place, organiser_id) VALUES ('安全测试路演', now() + interval '30 days', '路演厅', $1) RETURNING id`, [brokerX.id])
  ).rows[0].id as string;
  await api.db.query(`INSERT INTO roadshow_project (roadshow_id, request_id) VALUES ($1, $2)`, [roadshow, financingRequest]);
  const capacityProvider = (
    await api.db.query(
      `INSERT INTO capacity_provider (org_id, kind, name, chains, trl_min, trl_max, price_basis, status) VALUES ($1, 'pilot_base', '安全测试中试基地', '{marine.biomed}', 4, 7, 'negotiable', 'published') RETURNING id`,
      [orgA],
    )
  ).rows[0].id as string;
  const instrument = (
    await api.db.query(
      `INSERT INTO shared_instrument (org_id, provider_id, name, hourly_rate, opening_hours, min_hours, max_hours, slot_minutes, status)
       VALUES ($1, $2, '安全测试冻干机', 100, '[{"open":"08:00","close":"18:00"},null,null,null,null,null,null]', 1, 4, 30, 'published') RETURNING id`,
      [orgA, capacityProvider],
    )
  ).rows[0].id as string;
  const booking = (
    await api.db.query(
      `INSERT INTO instrument_booking (instrument_id, user_id, slot, hours, amount, status) VALUES ($1, $2, tstzrange(now() + interval '30 days', now() + interval '30 days 2 hours'), 2, 200, 'requested') RETURNING id`,
      [instrument, memberB.id],
    )
  ).rows[0].id as string;
  const verificationRun = (
    await api.db.query(
      `INSERT INTO verification_run (provider_id, achievement_id, org_id, requester_id, goal, wish_from, wish_to, trl_before) VALUES ($1, $2, $3, $4, '放大验证', $5, $5, 4) RETURNING id`,
      [capacityProvider, achB, orgB, memberB.id, day(30)],
    )
  ).rows[0].id as string;

  const campaign = must<{ id: string }>(
    'campaign',
    await api.call('POST', '/api/admin/campaigns', {
      token: admin.token,
      body: {
        title: '安全测试季度征集',
        quarter: quarterNow(),
        startsOn: day(-1),
        endsOn: day(5),
        focusIndustries: ['marine'],
        focusRegions: ['potou'],
        targets: [{ dimension: 'region', code: 'potou', kind: 'need', target: 3 }],
        reminderDays: [7],
      },
    }),
    201,
  ).id;

  // a 科技特派员 from B's university logs a service to A, with a scan of the visit
  const commissioner = await registerUser(api, { roles: [PlatformRole.Commissioner], displayName: '科技特派员' });
  must(
    'commissioner',
    await api.call('POST', '/api/admin/commissioners', {
      token: admin.token,
      body: { userId: commissioner.id, institutionOrgId: orgB, chains: ['marine.ranching'], keywords: ['对虾'] },
    }),
    201,
  );
  const serviceLog = must(
    'service log',
    await api.call('POST', '/api/commissioner/service-logs', {
      token: commissioner.token,
      body: { servedOn: day(0), place: '甲方养殖场', content: '现场指导尾水处理', servedOrgId: orgA },
    }),
    201,
  ).id as string;
  const serviceFile = must('service file', await uploadFile(api, commissioner.token, `/api/commissioner/service-logs/${serviceLog}/files`, PDF, '服务记录.pdf'), 201).files[0]
    .id as string;

  const notification = await api.db.query(`SELECT id FROM notification WHERE user_id = $1 ORDER BY created_at LIMIT 1`, [memberA.id]);
  if (!notification.rowCount) throw new Error('world: member A has no notification');

  return {
    admin,
    reviewer,
    memberA,
    memberB,
    memberC,
    brokerX,
    brokerY,
    orgA,
    orgB,
    orgC,
    needA,
    achA,
    needB,
    achB,
    attachmentA,
    disclosureRequest,
    match,
    deal,
    dealTask,
    dealDocument,
    dealApproval,
    scheduleItem,
    payment,
    royaltyReport,
    challenge,
    application,
    challengeFile,
    milestone,
    objection,
    consultation,
    financingRequest,
    financingReferral,
    roadshow,
    capacityProvider,
    instrument,
    booking,
    verificationRun,
    campaign,
    notificationA: notification.rows[0].id,
    serviceLog,
    serviceFile,
    markers: { confidential, dealNote },
  };
}

/**
 * A fingerprint of every application table (row count and an md5 of its rows), leaving out the
 * append-only audit log (denials are audited by design). Two equal snapshots: nothing changed.
 */
export async function snapshotTables(api: TestApi, exclude: string[] = []): Promise<Record<string, string>> {
  const tables = (
    await api.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> ALL($1) ORDER BY tablename`, [['audit_log', 'migrations', ...exclude]])
  ).rows.map((r) => r.tablename as string);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = await api.db.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${t}" x`);
    out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  return out;
}

export type Params = Record<string, string>;

/** Which record of the world each id route is called with, by path prefix (first match wins). */
export const ID_TABLE: [RegExp, (w: World) => Params][] = [
  [/^\/api\/orgs\/:orgId\/import\/:kind/, (w) => ({ orgId: w.orgA, kind: 'need' })],
  [/^\/api\/orgs\/:id\/members\/:userId/, (w) => ({ id: w.orgA, userId: w.memberA.id })],
  [/^\/api\/orgs\/:id\/brokers\/:userId/, (w) => ({ id: w.orgA, userId: w.brokerX.id })],
  [/^\/api\/orgs\/:id/, (w) => ({ id: w.orgA })],
  [/^\/api\/admin\/verifications\/:id/, (w) => ({ id: w.orgA })],
  [/^\/api\/admin\/users\/:id/, (w) => ({ id: w.memberA.id })],
  [/^\/api\/needs\/:id/, (w) => ({ id: w.needA })],
  [/^\/api\/achievements\/:id/, (w) => ({ id: w.achB })],
  [/^\/api\/admin\/review\/:kind\/:id/, (w) => ({ kind: 'need', id: w.needA })],
  [/^\/api\/disclosure-requests\/:id/, (w) => ({ id: w.disclosureRequest })],
  [/^\/api\/attachments\/:id/, (w) => ({ id: w.attachmentA })],
  [/^\/api\/admin\/(import|export)\/:kind/, () => ({ kind: 'need' })],
  [/^\/api\/matches\/:id/, (w) => ({ id: w.match })],
  [/^\/api\/admin\/matches\/:id/, (w) => ({ id: w.match })],
  [/^\/api\/admin\/brokers\/:userId/, (w) => ({ userId: w.brokerX.id })],
  [/^\/api\/challenges\/:id/, (w) => ({ id: w.challenge })],
  [/^\/api\/admin\/challenges\/:id/, (w) => ({ id: w.challenge })],
  [/^\/api\/admin\/challenge-objections\/:id/, (w) => ({ id: w.objection })],
  [/^\/api\/challenge-applications\/:id/, (w) => ({ id: w.application })],
  [/^\/api\/challenge-files\/:id/, (w) => ({ id: w.challengeFile })],
  [/^\/api\/challenge-milestones\/:id/, (w) => ({ id: w.milestone })],
  [/^\/api\/review\/challenges\/:id/, (w) => ({ id: w.challenge })],
  [/^\/api\/review\/challenge-applications\/:id/, (w) => ({ id: w.application })],
  [/^\/api\/deals\/:id\/tasks\/:taskId/, (w) => ({ id: w.deal, taskId: w.dealTask })],
  [/^\/api\/deals\/:id\/payments\/:paymentId/, (w) => ({ id: w.deal, paymentId: w.payment })],
  [/^\/api\/deals\/:id\/royalty-reports\/:reportId/, (w) => ({ id: w.deal, reportId: w.royaltyReport })],
  [/^\/api\/deals\/:id/, (w) => ({ id: w.deal })],
  [/^\/api\/deal-documents\/:id/, (w) => ({ id: w.dealDocument })],
  [/^\/api\/approvals\/:id/, (w) => ({ id: w.dealApproval })],
  [/^\/api\/admin\/deals\/:id/, (w) => ({ id: w.deal })],
  [/^\/api\/admin\/campaigns\/:id/, (w) => ({ id: w.campaign })],
  [/^\/api\/admin\/dashboard\/export\/:chart/, () => ({ chart: 'funnel' })],
  [/^\/api\/admin\/reports\/:quarter/, () => ({ quarter: '2026Q3' })],
  [/^\/api\/notifications\/:id/, (w) => ({ id: w.notificationA })],
  [/^\/api\/service-logs\/:id/, (w) => ({ id: w.serviceLog })],
  [/^\/api\/service-files\/:id/, (w) => ({ id: w.serviceFile })],
  // 科技特派员 only: outsiders are refused by role before any lookup.
  [/^\/api\/commissioner\/(service-logs|plan-items)\/:id/, (w) => ({ id: w.serviceLog })],
  [/^\/api\/brokers\/:id/, (w) => ({ id: w.brokerX.id })],
  // 县区科技管理人员 only: outsiders are refused by role before any lookup.
  [/^\/api\/county\/deals\/:id/, (w) => ({ id: w.deal })],
  [/^\/api\/county\/need-lists\/:year/, () => ({ year: '2026' })],
  [/^\/api\/county\/needs\/:id/, (w) => ({ id: w.needA })],
  [/^\/api\/county\/achievements\/:id/, (w) => ({ id: w.achB })],
  [/^\/api\/counties\/:code/, () => ({ code: 'potou' })],
  // Admin only: outsiders are refused by role before any lookup, so any id will do.
  [/^\/api\/admin\/partner-keys\/:id/, () => ({ id: '00000000-0000-4000-8000-000000000000' })],
  [/^\/api\/admin\/commissioners\//, () => ({ id: '00000000-0000-4000-8000-000000000000' })],
  [/^\/api\/consultations\/:id/, (w) => ({ id: w.consultation })],
  [
    /^\/api\/financing-requests\/:id/,
    (w) => ({ id: w.financingRequest, interestId: '00000000-0000-4000-8000-000000000000', disclosureId: '00000000-0000-4000-8000-000000000000' }),
  ],
  [/^\/api\/finance\/profiles\/:orgId/, (w) => ({ orgId: w.orgA })],
  [/^\/api\/financing-referrals\/:id/, (w) => ({ id: w.financingReferral })],
  [/^\/api\/roadshows\/:id/, (w) => ({ id: w.roadshow, requestId: w.financingRequest })],
  [/^\/api\/capacity\/providers\/:id/, (w) => ({ id: w.capacityProvider })],
  [/^\/api\/capacity\/instruments\/:id/, (w) => ({ id: w.instrument })],
  [/^\/api\/capacity\/bookings\/:id/, (w) => ({ id: w.booking })],
  [/^\/api\/capacity\/runs\/:id/, (w) => ({ id: w.verificationRun })],
  [/^\/api\/admin\/capacity\//, () => ({ id: '00000000-0000-4000-8000-000000000000' })],
  [/^\/api\/admin\/experts\//, () => ({ id: '00000000-0000-4000-8000-000000000000' })],
  [/^\/api\/admin\/kpis?(-actuals)?\//, () => ({ code: 'high-tech-enterprises', year: '2026', id: '00000000-0000-4000-8000-000000000000' })],
];

/** The world's ids for an id route (undefined: the table does not cover it). */
export function worldParams(w: World, path: string): Params | undefined {
  return ID_TABLE.find(([re]) => re.test(path))?.[1](w);
}

/** `/api/needs/:id` with `{ id }` → `/api/needs/<id>`. */
export function fill(path: string, params: Params): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} in ${path}`);
    return params[name];
  });
}
