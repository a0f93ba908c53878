import { INestApplicationContext } from '@nestjs/common';
import { JobName, QueueName, QueueService } from '@ztt/platform';
import { SearchIndexService } from '@ztt/search';
import { Meilisearch } from 'meilisearch';
import { uniqueCreditCode } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// Issue 13 item 5: indexing keeps up with publishing. The relay sends each batch of outbox rows to
// Meilisearch as one task (not one per item), and every item is still matched, once, after it is
// searchable.

const ITEMS = 300;
/** Outbox rows the relay takes per run (RELAY_BATCH in libs/server/search/src/search.processors.ts). */
const RELAY_BATCH = 200;
const KEYWORD = '批量索引';

let api: TestApi;
let worker: INestApplicationContext;
let queues: QueueService;
const meili = new Meilisearch({ host: process.env.ZTT_TEST_MEILI_URL as string, apiKey: process.env.ZTT_TEST_MEILI_KEY });

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  queues = worker.get(QueueService);
  // The reconciliation runs once when the worker starts: let it finish first, so that only the
  // relay can bring the items below into the index.
  const search = queues.queue(QueueName.Search);
  await eventually(
    'first reconciliation done',
    async () =>
      ((await search.getJobScheduler('reconcile-index'))?.next ?? 0) > Date.now() + 60_000 &&
      !(await search.getJobs(['active', 'waiting'])).some((j) => j.name === JobName.ReconcileIndex),
    60_000,
  );
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
});

/** Publishes `n` achievements in one transaction, each with its outbox row, as the catalogue does; returns their ids. */
async function publishDirectly(n: number): Promise<string[]> {
  const org = await api.db.query(
    `INSERT INTO organisation (name, type, credit_code, region, industries, verification_status, submitted_at, verified_at)
     VALUES ('湛江批量索引大学', 'university', $1, 'chikan', '{marine}', 'verified', now(), now()) RETURNING id`,
    [uniqueCreditCode()],
  );
  const rows = await api.db.query(
    `WITH item AS (
       INSERT INTO achievement (owner_org_id, title, summary, chains, industries, keywords, region, trl, cooperation_modes,
         contact_name, status, maturity_stage, submitted_at, published_at)
       SELECT $1, '${KEYWORD}海洋牧场成果' || g || '号', '深远海网箱养殖病害防控的批量发布样例' || g, '{marine.ranching}', '{marine}',
         '{${KEYWORD}}', 'chikan', 5, '{transfer}', '林教授', 'published', 'pilot-small', now(), now()
       FROM generate_series(1, $2::int) g
       RETURNING id)
     INSERT INTO outbox (topic, aggregate_id) SELECT 'achievement.changed', id::text FROM item RETURNING aggregate_id`,
    [org.rows[0].id, n],
  );
  return (rows.rows as { aggregate_id: string }[]).map((r) => r.aggregate_id);
}

async function searchableIds(): Promise<string[]> {
  const found: string[] = [];
  for (let page = 1; ; page++) {
    const res = await api.call('GET', `/api/search/achievements?q=${encodeURIComponent(KEYWORD)}&pageSize=50&page=${page}`);
    expect(res.status).toBe(200);
    found.push(...(res.body.items as { id: string }[]).map((h) => h.id));
    if (found.length >= res.body.total || !res.body.items.length) return found.sort();
  }
}

describe('indexing a burst of publications', () => {
  it('makes every item searchable with one Meilisearch task per relay batch, then matches each item once', async () => {
    const uid = worker.get(SearchIndexService).indexName('achievement');
    const documentTasks = async () => (await meili.tasks.getTasks({ indexUids: [uid], types: ['documentAdditionOrUpdate'], limit: 1 })).total;
    const before = await documentTasks();
    const ids = await publishDirectly(ITEMS);
    expect(ids).toHaveLength(ITEMS);

    // (a) Every item becomes searchable through the public search.
    await eventually('all items in the index', async () => (await meili.index(uid).getStats()).numberOfDocuments === ITEMS, 120_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${(await meili.index(uid).getStats()).numberOfDocuments} of ${ITEMS} indexed, ${await documentTasks()} document tasks`);
    });
    expect(await searchableIds()).toEqual([...ids].sort());

    // (b) Document tasks: one per relay batch (one more allowed for an index job retried after its
    // task was sent), not one per item.
    const tasks = (await documentTasks()) - before;
    expect(tasks).toBeGreaterThanOrEqual(1);
    expect(tasks).toBeLessThanOrEqual(Math.ceil(ITEMS / RELAY_BATCH) + 1);

    // (c) Matching still runs, after indexing, once per item.
    const matching = queues.queue(QueueName.Matching);
    const matchJobs = async () =>
      (await matching.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'], 0, -1)).filter((j) => j.name === JobName.MatchItem);
    await eventually(
      'every item matched',
      async () => {
        const jobs = await matchJobs();
        return jobs.length >= ITEMS && (await Promise.all(jobs.map((j) => j.isCompleted()))).every(Boolean);
      },
      120_000,
    );
    const matchedIds = (await matchJobs()).map((j) => (j.data as { id: string }).id);
    expect(matchedIds.sort()).toEqual([...ids].sort());
  }, 300_000);
});
