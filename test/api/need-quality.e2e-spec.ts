import { PlatformRole } from '@ztt/contracts';
import { createOrg, needInput, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let owner: TestUser;
let org: { id: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api, { displayName: '需求质量测试管理员' });
  org = await createOrg(api, owner, { verified: true, input: { name: '湛江需求质量测试水产有限公司' } });
});
afterAll(() => api.close());

const LONG_SUMMARY = '现有工厂化循环水养殖尾水氨氮、亚硝酸盐长期超标，需要一套占地小、运行成本低的尾水处理与回用方案，处理后可回用于育苗池和养殖池。';

describe('the need-quality gate (issue 16)', () => {
  it('returns the completeness score and what is missing on the need', async () => {
    const thin = await api.call('POST', '/api/needs', {
      token: owner.token,
      body: needInput(org.id, { category: 'frontier', acceptanceCriteria: '寻求合作', budgetNegotiable: true, budgetMin: null, budgetMax: null, keywords: ['尾水'] }),
    });
    expect(thin.status).toBe(201);
    expect(thin.body.quality).toMatchObject({ score: 30, missing: ['indicators', 'budget', 'keywords', 'summary'] });

    const full = await api.call('POST', '/api/needs', {
      token: owner.token,
      body: needInput(org.id, { summary: LONG_SUMMARY, keywords: ['尾水处理', '循环水养殖', '氨氮'] }),
    });
    const read = await api.call('GET', `/api/needs/${full.body.id}`, { token: owner.token });
    expect(read.body.quality).toMatchObject({ score: 100, missing: [] });
    expect(read.body.quality.checks).toHaveLength(6);
  });

  it('refuses to submit a core need without measurable acceptance criteria, in Chinese, and accepts it once they are given', async () => {
    const created = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(org.id, { category: 'core', acceptanceCriteria: '' }) });
    const id = created.body.id as string;

    const refused = await api.call('POST', `/api/needs/${id}/submit`, { token: owner.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.details).toEqual([
      { field: 'acceptanceCriteria', code: 'criteria_required', message: '核心技术需求和关键共性技术需求须填写验收指标（含指标值和单位）后才能提交' },
    ]);

    // Words without a figure and unit are not yet an indicator.
    const vague = await api.call('PATCH', `/api/needs/${id}`, { token: owner.token, body: { acceptanceCriteria: '效果良好，寻求合作', version: created.body.version } });
    expect((await api.call('POST', `/api/needs/${id}/submit`, { token: owner.token })).status).toBe(400);

    await api.call('PATCH', `/api/needs/${id}`, { token: owner.token, body: { acceptanceCriteria: '出水氨氮 ≤ 1 mg/L；回用率 ≥ 80%', version: vague.body.version } });
    const accepted = await api.call('POST', `/api/needs/${id}/submit`, { token: owner.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('submitted');
  });

  it('answers the refusal in English for an English reader, and lets a frontier need go without criteria', async () => {
    const core = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(org.id, { category: 'common-key', acceptanceCriteria: '' }) });
    const refused = await api.call('POST', `/api/needs/${core.body.id}/submit`, { token: owner.token, headers: { 'accept-language': 'en' } });
    expect(refused.body.error.details[0].message).toMatch(/acceptance criteria/);

    const frontier = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(org.id, { category: 'frontier', acceptanceCriteria: '' }) });
    expect((await api.call('POST', `/api/needs/${frontier.body.id}/submit`, { token: owner.token })).status).toBe(200);
  });

  it('carries each need’s score and checklist in the review queue', async () => {
    const created = await api.call('POST', '/api/needs', {
      token: owner.token,
      body: needInput(org.id, { title: '需求质量审核队列测试需求', category: 'frontier', acceptanceCriteria: '', keywords: [] }),
    });
    await api.call('POST', `/api/needs/${created.body.id}/submit`, { token: owner.token });
    const queue = await api.call('GET', '/api/admin/review?kind=need&pageSize=100', { token: admin.token });
    expect(queue.status).toBe(200);
    const entry = queue.body.items.find((e: { item: { id: string } }) => e.item.id === created.body.id);
    expect(entry.item.quality).toMatchObject({ score: 25, missing: ['criteria', 'indicators', 'keywords', 'summary'] });
    expect(entry.item.quality.checks.map((c: { code: string; met: boolean }) => [c.code, c.met])).toEqual([
      ['criteria', false],
      ['indicators', false],
      ['budget', true],
      ['trl', true],
      ['keywords', false],
      ['summary', false],
    ]);
  });
});
