import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
let orgId: string;
const ids: Record<string, string> = {};

const SECRET = '机密配方XQ7749';
const search = (kind: 'needs' | 'achievements', query: string, token?: string) => api.call('GET', `/api/search/${kind}?${query}`, { token });
const titles = async (kind: 'needs' | 'achievements', q: string) =>
  (await search(kind, `q=${encodeURIComponent(q)}&pageSize=50`)).body.items.map((h: { title: string }) => h.title);

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true })).id;
  const needs: [string, Record<string, unknown>][] = [
    ['shrimp', { title: '南美白对虾工厂化养殖尾水处理', keywords: ['尾水'], confidentialDetails: SECRET }],
    ['breeding', { title: '华南地区杂交水稻良种培育技术合作', chains: ['food.seed'], keywords: [], summary: '开展抗倒伏水稻新品种的良种培育与示范推广。', category: 'core' }],
    [
      'floating',
      { title: '漂浮式海上风电基础结构设计', chains: ['energy.wind'], keywords: ['海上风电'], summary: '需要漂浮式基础的动力响应分析与优化设计。', region: 'xuwen', trl: 4 },
    ],
    [
      'wind',
      { title: '风电机组叶片在线监测需求', chains: ['energy.wind'], keywords: ['叶片监测'], summary: '海上风电场需要叶片裂纹在线监测系统。', cooperationModes: ['service'] },
    ],
    ['steel', { title: '氢基竖炉直接还原铁工艺优化', chains: ['steel.low-carbon'], keywords: ['氢冶金'], summary: '降低直接还原铁生产能耗与碳排放。', category: 'frontier' }],
  ];
  for (const [key, o] of needs) ids[key] = await publishItem(api, 'need', owner, admin, needInput(orgId, o));
  ids.selection = await publishItem(
    api,
    'achievement',
    owner,
    admin,
    achievementInput(orgId, { title: '对虾抗病新品系选育及苗种繁育', keywords: ['选育'], summary: '通过家系选育获得抗病对虾新品系。' }),
  );
  await eventually('all published items indexed', async () => (await titles('needs', '风电')).length >= 2 && (await titles('achievements', '对虾')).length === 1, 60_000);
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('Chinese recall against real Meilisearch', () => {
  it('finds 南美白对虾 when asked for 对虾', async () => {
    expect(await titles('needs', '对虾')).toContain('南美白对虾工厂化养殖尾水处理');
  });

  it('finds 选育 and 良种培育 when asked for 育种 (taxonomy synonyms)', async () => {
    expect(await titles('needs', '育种')).toContain('华南地区杂交水稻良种培育技术合作');
    expect(await titles('achievements', '育种')).toContain('对虾抗病新品系选育及苗种繁育');
  });

  it('finds 漂浮式 when asked for 浮式, and 风电 when asked for 风力发电', async () => {
    expect(await titles('needs', '浮式')).toContain('漂浮式海上风电基础结构设计');
    const wind = await titles('needs', '风力发电');
    expect(wind).toEqual(expect.arrayContaining(['漂浮式海上风电基础结构设计', '风电机组叶片在线监测需求']));
  });

  it('does not cut a query longer than ten words: words at its end still count', async () => {
    const long = '我们企业希望寻找能够解决养殖过程中各种复杂问题的合作伙伴，尤其关注氢基竖炉';
    expect((await titles('needs', long))[0]).toBe('氢基竖炉直接还原铁工艺优化');
  });

  it('highlights the match and returns facet counts over the result', async () => {
    const res = await search('needs', `q=${encodeURIComponent('风电')}`);
    const hit = res.body.items.find((h: { id: string }) => h.id === ids.wind);
    expect(hit.highlight.title).toContain('<mark>风电</mark>');
    expect(res.body.facets.chains['energy.wind']).toBe(2);
    expect(res.body.facets.region).toMatchObject({ xuwen: 1 });
  });

  it('filters by facet and sorts, with a hard maximum page size', async () => {
    const wind = await search('needs', 'chain=energy.wind&trlMax=5');
    expect(wind.body.items.map((h: { id: string }) => h.id)).toEqual([ids.floating]);
    const newest = await search('needs', 'sort=newest&pageSize=2');
    expect(newest.body).toMatchObject({ total: 5, pageSize: 2 });
    expect(newest.body.items[0].id).toBe(ids.steel);
    expect((await search('needs', 'pageSize=51')).status).toBe(400);
    expect((await search('needs', 'chain=not-a-chain')).status).toBe(400);
  });

  it("lists one organisation's published items, with or without words (an organisation's public card)", async () => {
    const other = await registerUser(api);
    const otherOrg = (await createOrg(api, other, { verified: true })).id;
    const theirs = await publishItem(api, 'need', other, admin, needInput(otherOrg, { title: '对虾养殖池塘增氧设备节能改造', keywords: ['增氧'] }));
    await eventually("the other organisation's need is indexed", async () => (await titles('needs', '增氧')).length === 1);
    const ofOrg = async (org: string, q = '') => (await search('needs', `org=${org}${q}`)).body.items.map((h: { id: string }) => h.id);
    expect(await ofOrg(otherOrg)).toEqual([theirs]);
    expect((await ofOrg(orgId)).sort()).toEqual([ids.shrimp, ids.breeding, ids.floating, ids.wind, ids.steel].sort());
    // With words, the engine's filter holds too: both organisations have an 对虾 need.
    expect(await ofOrg(otherOrg, `&q=${encodeURIComponent('对虾')}`)).toEqual([theirs]);
    expect((await search('needs', 'org=not-a-uuid')).status).toBe(400);
  });
});

describe('search never leaks (docs/security.md #2)', () => {
  it('never returns confidential text or unpublished items, however the query is written', async () => {
    const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title: '未发布的草稿需求对虾', confidentialDetails: SECRET }) });
    expect(draft.status).toBe(201);
    const outsider = await registerUser(api);
    const queries = [
      SECRET,
      'XQ7749',
      '机密配方',
      '13900001111',
      '草稿',
      '未发布',
      '对虾',
      '"',
      '*',
      '\\',
      '%',
      '对虾" OR status = "draft',
      'status = draft',
      '<script>',
      'confidentialDetails',
      '对虾 机密 配方 XQ 7749 草稿 未发布 需求 南美 白 对虾 尾水',
    ];
    for (const q of queries) {
      for (const kind of ['needs', 'achievements'] as const) {
        for (const token of [undefined, outsider.token]) {
          const res = await search(kind, `q=${encodeURIComponent(q)}&pageSize=50`, token);
          expect([200, 400]).toContain(res.status);
          expect(res.text).not.toContain('XQ7749');
          expect(res.text).not.toContain('13900001111');
          expect(res.text).not.toContain(draft.body.id);
        }
      }
    }
  });

  it('never stores confidential fields in Meilisearch', async () => {
    const { MEILI_CLIENT } = await import('@ztt/platform');
    const meili = api.app.get(MEILI_CLIENT);
    const docs = await meili.index(`${api.dbName}_needs`).getDocuments({ limit: 100 });
    expect(JSON.stringify(docs.results)).not.toContain('XQ7749');
    expect(Object.keys(docs.results[0] as object)).not.toEqual(expect.arrayContaining(['confidentialDetails', 'contactPhone']));
  });
});

describe('the index follows the truth (docs/security.md #4)', () => {
  it('drops a closed item from search within 5 seconds', async () => {
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '即将关闭的金鲳鱼需求' }));
    await eventually('indexed', async () => (await titles('needs', '金鲳鱼')).includes('即将关闭的金鲳鱼需求'));
    expect((await api.call('POST', `/api/needs/${id}/close`, { token: owner.token })).status).toBe(200);
    // PostgreSQL re-checks every hit, so it is gone at once; the index follows within 5 s.
    expect(await titles('needs', '金鲳鱼')).not.toContain('即将关闭的金鲳鱼需求');
    const { MEILI_CLIENT } = await import('@ztt/platform');
    const meili = api.app.get(MEILI_CLIENT);
    await eventually(
      'removed from the index',
      async () => (await meili.index(`${api.dbName}_needs`).getDocuments({ limit: 1000 })).results.every((d: { id: string }) => d.id !== id),
      5_000,
    );
  });

  it('reconciliation puts back what the index lost and removes what it should not hold', async () => {
    const { MEILI_CLIENT } = await import('@ztt/platform');
    const { SearchIndexService } = await import('@ztt/search');
    const meili = api.app.get(MEILI_CLIENT);
    const uid = `${api.dbName}_needs`;
    await meili.index(uid).deleteDocument(ids.steel).waitTask();
    await meili
      .index(uid)
      .addDocuments([{ id: '00000000-0000-4000-8000-000000000000', status: 'published', title: '幽灵' }])
      .waitTask();
    const result = await worker.get(SearchIndexService).reconcile('need');
    expect(result).toEqual({ added: 1, removed: 1 });
    expect(await titles('needs', '氢冶金')).toContain('氢基竖炉直接还原铁工艺优化');
  });

  it('rebuilds into a new index and swaps it in, keeping every published item', async () => {
    const { SearchIndexService } = await import('@ztt/search');
    const before = (await search('needs', 'pageSize=50')).body.total;
    const { documents } = await worker.get(SearchIndexService).rebuild('need');
    expect(documents).toBe(before);
    expect(await titles('needs', '对虾')).toContain('南美白对虾工厂化养殖尾水处理');
  });
});
