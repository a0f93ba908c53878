// A search asked again is answered from memory (SearchAnswers), yet never shows what PostgreSQL no
// longer confirms: an item withdrawn, or changed, since the answer was kept. This API keeps answers
// for a minute (SEARCH_ANSWER_KEEP_MS), so that every "kept" below is kept whatever the machine's
// speed; the product keeps them for a second.
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
let orgId: string;

const search = (q: string) => api.call('GET', `/api/search/achievements?q=${encodeURIComponent(q)}`);
const titlesOf = (res: { body: { items: { title: string }[] } }) => res.body.items.map((h) => h.title);

/** Waits until Meilisearch holds the item (without searching through the API: that would keep an answer without it). */
async function indexed(id: string): Promise<void> {
  const { MEILI_CLIENT } = await import('@ztt/platform');
  const meili = api.app.get(MEILI_CLIENT);
  await eventually('indexed', async () => (await meili.index(`${api.dbName}_achievements`).getDocuments({ limit: 1000 })).results.some((d: { id: string }) => d.id === id), 20_000);
}

beforeAll(async () => {
  api = await startTestApi({ SEARCH_ANSWER_KEEP_MS: '60000' });
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true })).id;
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('a search asked again', () => {
  it('is answered from memory with the same page (X-Cache: HIT)', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '卵形鲳鲹深远海网箱养殖技术', keywords: ['网箱'] }));
    await indexed(id);
    const first = await search('卵形鲳鲹');
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(titlesOf(first)).toEqual(['卵形鲳鲹深远海网箱养殖技术']);
    const second = await search('卵形鲳鲹');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('never shows an item withdrawn since the answer was kept', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '红树林湿地生态修复技术', keywords: ['红树林'] }));
    await indexed(id);
    expect(titlesOf(await search('红树林'))).toContain('红树林湿地生态修复技术');
    expect((await search('红树林')).headers.get('x-cache')).toBe('HIT');

    expect((await api.call('POST', `/api/achievements/${id}/close`, { token: owner.token })).status).toBe(200);
    // Meilisearch still holds it for a moment; the kept answer is no longer confirmed, and the search runs again.
    const after = await search('红树林');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(titlesOf(after)).not.toContain('红树林湿地生态修复技术');
  });

  it('is worked out again when an item on the page has changed, so it never shows an old version', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '对虾白斑综合征快速检测试剂盒', keywords: ['白斑'] }));
    await indexed(id);
    await search('白斑综合征');
    expect((await search('白斑综合征')).headers.get('x-cache')).toBe('HIT');
    // Whatever changes an item bumps its version (CatalogueService); a change made in the database stands for any of them.
    await api.db.query(`UPDATE achievement SET title = '对虾白斑综合征快速检测试剂盒（第二版）', version = version + 1 WHERE id = $1`, [id]);
    const after = await search('白斑综合征');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(titlesOf(after)).toContain('对虾白斑综合征快速检测试剂盒（第二版）');
  });
});
