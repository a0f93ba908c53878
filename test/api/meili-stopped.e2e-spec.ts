import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { JOB_QUEUE, JobName, QueueService } from '@ztt/platform';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { freePort, OwnService, startOwnService } from '../harness/own-service';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// docs/security.md #20: Meilisearch frozen (SIGSTOP) for 60 s while items are published. Writes go on;
// a text search answers 503 within its timeout instead of hanging; once Meilisearch runs again the
// index catches up with everything published meanwhile.

const FROZEN_MS = 60_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-meili-stop-'));
const key = randomBytes(16).toString('hex');
let meili: OwnService<{ url: string; pid: number }> | undefined;
let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
let org: string;

const search = (q: string) => api.call('GET', `/api/search/achievements?q=${encodeURIComponent(q)}`);

beforeAll(async () => {
  meili = await startOwnService<{ url: string; pid: number }>('own-meili.mjs', [dir, String(await freePort())], { MEILI_MASTER_KEY: key });
  const own = { MEILI_URL: meili.ready.url, MEILI_MASTER_KEY: key };
  api = await startTestApi(own);
  worker = await startTestWorker(api, own);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  org = (await createOrg(api, owner, { verified: true, input: { type: 'university', name: '湛江冻结测试大学' } })).id;
}, 120_000);

afterAll(async () => {
  if (meili) process.kill(meili.ready.pid, 'SIGCONT');
  await worker?.close();
  await api?.close();
  await meili?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Meilisearch frozen for 60 s under writes', () => {
  it('keeps writes working, answers searches 503 fast, and catches the index up afterwards', async () => {
    await publishItem(api, 'achievement', owner, admin, achievementInput(org, { title: '冻结之前的红树林生态修复技术' }));
    await eventually('indexed before', async () => (await search('红树林')).body.total === 1, 20_000);

    process.kill(meili!.ready.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      // Writes succeed while it is frozen.
      const during: string[] = [];
      for (let i = 0; i < 3; i++) during.push(await publishItem(api, 'achievement', owner, admin, achievementInput(org, { title: `冻结期间的海草床修复技术${i}号` })));
      // A text search does not hang: 503 in Chinese within its 4 s timeout (and some slack).
      const t0 = Date.now();
      const res = await search('海草床');
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe('搜索服务暂时不可用，请稍后再试；您提交的内容不受影响');
      expect(Date.now() - t0).toBeLessThan(8_000);
      expect(during).toHaveLength(3);
      await new Promise((r) => setTimeout(r, Math.max(0, FROZEN_MS - (Date.now() - frozenAt))));
    } finally {
      process.kill(meili!.ready.pid, 'SIGCONT');
    }

    // Running again: retries and the reconciliation bring the index up to date.
    const queues = worker.get(QueueService);
    await queues.add(JobName.ReconcileIndex, {}, { jobId: 'reconcile-after-freeze' });
    await eventually('reconciled', async () => Boolean(await (await queues.queue(JOB_QUEUE[JobName.ReconcileIndex]).getJob('reconcile-after-freeze'))?.isCompleted()), 60_000);
    await eventually('index caught up', async () => (await search('海草床')).body.total === 3, 60_000);
    const published = (await api.db.query(`SELECT count(*)::int AS n FROM achievement WHERE status = 'published'`)).rows[0].n;
    expect(published).toBe(4);
  }, 240_000);
});
