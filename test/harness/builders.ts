import { randomBytes } from 'node:crypto';
import { AuthTokens, creditCodeCheckChar, PlatformRole } from '@ztt/contracts';
import { TestApi } from './test-app';

export const PASSWORD = '海边的风吹过红树林2026';

let seq = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}@test.zj.cn`;
}

/** A valid 统一社会信用代码 that no other test uses. */
export function uniqueCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (const b of randomBytes(9)) body += alphabet[b % 31];
  const first17 = `91440800${body}`;
  return first17 + creditCodeCheckChar(first17);
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  tokens: AuthTokens;
  token: string;
}

export async function registerUser(api: TestApi, opts: { email?: string; displayName?: string; roles?: PlatformRole[] } = {}): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const res = await api.call<AuthTokens>('POST', '/api/auth/register', { body: { email, password: PASSWORD, displayName: opts.displayName ?? '测试用户' } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  const me = await api.call<{ id: string }>('GET', '/api/me', { token: res.body.accessToken });
  for (const role of opts.roles ?? []) {
    await api.db.query('INSERT INTO platform_role_assignment (user_id, role) VALUES ($1, $2)', [me.body.id, role]);
  }
  return { id: me.body.id, email, password: PASSWORD, tokens: res.body, token: res.body.accessToken };
}

export async function login(api: TestApi, email: string, password = PASSWORD): Promise<AuthTokens> {
  const res = await api.call<AuthTokens>('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body;
}

export function orgInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '湛江测试海洋科技有限公司', type: 'enterprise', creditCode: uniqueCreditCode(), region: 'xiashan', industries: ['marine'], ...overrides };
}

/** An organisation created by `owner` (its admin) and, when asked, verified directly in the database. */
export async function createOrg(api: TestApi, owner: TestUser, opts: { verified?: boolean; input?: Record<string, unknown> } = {}): Promise<{ id: string; creditCode: string }> {
  const res = await api.call<{ id: string; creditCode: string }>('POST', '/api/orgs', { token: owner.token, body: orgInput(opts.input) });
  if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${res.text}`);
  if (opts.verified) await api.db.query(`UPDATE organisation SET verification_status = 'verified', verified_at = now() WHERE id = $1`, [res.body.id]);
  return res.body;
}

export function needInput(ownerOrgId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ownerOrgId,
    title: '南美白对虾工厂化循环水养殖尾水处理技术需求',
    summary: '现有养殖尾水氨氮超标，需要一套适合工厂化循环水养殖的尾水处理与回用方案。',
    confidentialDetails: '现有设备：日处理 500 吨，预算内部批复 80 万元，联系人手机 13900001111',
    chains: ['marine.ranching'],
    keywords: ['尾水处理', '循环水养殖'],
    region: 'potou',
    trl: 6,
    cooperationModes: ['commissioned-dev', 'joint-dev'],
    contact: { name: '吴工', phone: '13800001234', email: null },
    category: 'common-key',
    budgetMin: '50',
    budgetMax: '120.5',
    deadline: '2027-06-30',
    acceptanceCriteria: '出水氨氮 ≤ 1 mg/L，回用率 ≥ 80%',
    ...overrides,
  };
}

/**
 * A 揭榜挂帅 challenge's creation body (POST /api/challenges): a single-team challenge on marine
 * equipment, open for applications for an hour, with one indicator, criterion and milestone.
 */
export function challengeInput(ownerOrgId: string, acceptorUserId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ownerOrgId,
    acceptorUserId,
    title: '深远海养殖平台抗台风锚泊系统关键技术攻关',
    background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效，需要可靠的锚泊与监测方案。',
    indicators: [{ name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池模型试验' }],
    chains: ['marine.equipment'],
    bounty: '3000000.00',
    fundingSource: '市财政科技专项',
    applicationDeadline: new Date(Date.now() + 3_600_000).toISOString(),
    periodMonths: 24,
    eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
    mode: 'single',
    teams: 1,
    rubric: [{ name: '技术路线可行性', weight: 100 }],
    milestones: [{ title: '结题验收', deliverables: '检测报告', dueOffsetDays: 700, sharePercent: 100 }],
    firstTrancheMinPercent: 0,
    ...overrides,
  };
}

export function achievementInput(ownerOrgId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ownerOrgId,
    title: '金鲳鱼深远海网箱养殖病害综合防控技术',
    summary: '面向深远海网箱养殖的卵形鲳鲹病害早期预警与绿色防控技术，已在湛江海域示范。',
    confidentialDetails: '核心配方与工艺参数，仅签署保密协议后提供',
    chains: ['marine.ranching'],
    keywords: ['病害防控', '深远海养殖'],
    region: 'mazhang',
    trl: 7,
    cooperationModes: ['license', 'transfer'],
    contact: { name: '林教授', phone: null, email: 'lin@example.edu.cn' },
    maturityStage: 'pilot',
    ipItems: [{ type: 'invention-patent', number: 'ZL202310123456.7', status: '已授权' }],
    team: [{ name: '林海', title: '教授', userId: null }],
    askingPrice: null,
    priceNegotiable: true,
    ...overrides,
  };
}

/** Creates an item through the API, submits it, and has `admin` publish it. Returns its id. */
export async function publishItem(api: TestApi, kind: 'need' | 'achievement', owner: TestUser, admin: TestUser, input: Record<string, unknown>): Promise<string> {
  const path = kind === 'need' ? 'needs' : 'achievements';
  const created = await api.call('POST', `/api/${path}`, { token: owner.token, body: input });
  if (created.status !== 201) throw new Error(`create ${kind} failed: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const submitted = await api.call('POST', `/api/${path}/${id}/submit`, { token: owner.token });
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${submitted.text}`);
  const decided = await api.call('POST', `/api/admin/review/${kind}/${id}/decision`, { token: admin.token, body: { decision: 'publish' } });
  if (decided.status !== 200) throw new Error(`publish failed: ${decided.status} ${decided.text}`);
  return id;
}
