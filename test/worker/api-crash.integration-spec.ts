import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { SearchIndexService } from '@ztt/search';
import { Meilisearch } from 'meilisearch';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { AppProcess, eventually, spawnTestApi, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// docs/security.md #19: the API killed with SIGKILL in the middle of writes, three times. A change of
// status and its outbox event are one transaction, so once the worker has drained the outbox the
// search index holds exactly the achievements the database has published.

const ROUNDS = 3;
const TO_PUBLISH = 36;
const TO_WITHDRAW = 24;

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
const submitted: string[] = [];
const published: string[] = [];
const spawned: AppProcess[] = [];

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  const org = (await createOrg(api, owner, { verified: true, input: { type: 'university', name: '湛江崩溃测试大学' } })).id;
  for (let i = 0; i < TO_WITHDRAW; i++) published.push(await publishItem(api, 'achievement', owner, admin, achievementInput(org, { title: `已发布成果${i}号` })));
  for (let i = 0; i < TO_PUBLISH; i++) {
    const created = await api.call('POST', '/api/achievements', { token: owner.token, body: achievementInput(org, { title: `待审核成果${i}号` }) });
    expect(created.status).toBe(201);
    expect((await api.call('POST', `/api/achievements/${created.body.id}/submit`, { token: owner.token })).status).toBe(200);
    submitted.push(created.body.id);
  }
}, 180_000);

afterAll(async () => {
  for (const p of spawned) await p.kill();
  await worker?.close();
  await api?.close();
});

describe('the API killed with SIGKILL mid-write', () => {
  it('leaves the database and the search index in agreement once the outbox is drained', async () => {
    const perRound = { publish: Math.ceil(TO_PUBLISH / ROUNDS), withdraw: Math.ceil(TO_WITHDRAW / ROUNDS) };
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const child = await spawnTestApi(api);
      spawned.push(child);
      const call = (path: string, token: string, body?: unknown) =>
        fetch(`${child.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        });
      let answered = 0;
      let firstAnswers!: () => void;
      const threeAnswered = new Promise<void>((resolve) => (firstAnswers = resolve));
      const requests = [
        ...submitted
          .slice(round * perRound.publish, (round + 1) * perRound.publish)
          .map((id) => call(`/api/admin/review/achievement/${id}/decision`, admin.token, { decision: 'publish' })),
        ...published.slice(round * perRound.withdraw, (round + 1) * perRound.withdraw).map((id) => call(`/api/achievements/${id}/withdraw`, owner.token)),
      ].map((p) => p.finally(() => ++answered === 3 && firstAnswers()));
      // Killed the moment the third write is through, while the rest are in flight (a poll every
      // 100 ms could come after all twenty had been answered, leaving nothing to interrupt).
      await Promise.race([threeAnswered, new Promise((_, reject) => setTimeout(() => reject(new Error('no three answers within 30 s')), 30_000).unref())]);
      await child.kill();
      const outcomes = await Promise.allSettled(requests);
      for (const o of outcomes) if (o.status === 'fulfilled') expect(o.value.status).toBe(200);
      interrupted += outcomes.filter((o) => o.status === 'rejected').length;
    }
    // Some writes were cut off by the kills (the rest went through).
    expect(interrupted).toBeGreaterThan(0);

    // Every item is whole: published, still awaiting review, or withdrawn.
    const rows = (await api.db.query(`SELECT id, status FROM achievement WHERE id = ANY($1)`, [[...submitted, ...published]])).rows as { id: string; status: string }[];
    expect(rows).toHaveLength(submitted.length + published.length);
    for (const r of rows) expect(['published', 'submitted', 'withdrawn']).toContain(r.status);

    // Once the outbox is drained, the index holds exactly what the database has published.
    const meili = new Meilisearch({ host: process.env.ZTT_TEST_MEILI_URL as string, apiKey: process.env.ZTT_TEST_MEILI_KEY });
    const uid = worker.get(SearchIndexService).indexName('achievement');
    const inDatabase = async () => ((await api.db.query(`SELECT id FROM achievement WHERE status = 'published' ORDER BY id`)).rows as { id: string }[]).map((r) => r.id);
    const inIndex = async () => ((await meili.index(uid).getDocuments<{ id: string }>({ fields: ['id'], limit: 1000 })).results.map((d) => d.id) as string[]).sort();
    await eventually('outbox drained', async () => (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n === 0, 60_000);
    await eventually('index agrees with the database', async () => JSON.stringify(await inIndex()) === JSON.stringify(await inDatabase()), 60_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: database ${JSON.stringify(await inDatabase())}, index ${JSON.stringify(await inIndex())}`);
    });
    expect((await inDatabase()).length).toBeGreaterThan(0);
  }, 300_000);
});
