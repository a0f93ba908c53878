import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { quarterOf } from '@ztt/contracts';
import { quarterlyJobId } from '@ztt/matching';
import { QueueName, QueueService } from '@ztt/platform';
import { registerUser, TestUser } from '../harness/builders';
import { brokerDigests, matchesOfUninterruptedRun, quarterlyRunRow, startQuarterlyStage } from '../harness/quarterly-catalogue';
import { TestSmtp } from '../harness/smtp';
import { AppProcess, eventually, spawnTestWorker, startTestWorker, TestApi } from '../harness/test-app';

// Issue 12 #6: a worker that misses its lock renewal (a busy machine) is still alive when BullMQ
// hands its quarterly run to another worker, and both go on with the run at once. The run is
// fenced on its epoch and cursor: the worker that lost it stops, and the run counts each item once.

const NEEDS = 600;
const ACHIEVEMENTS = 2_400;
/** A job whose worker stopped renewing its lock is handed to another within about twice this. */
const LOCK_MS = '2000';

let smtp: TestSmtp;
let api: TestApi;
let checker: INestApplicationContext | undefined;
const workers: AppProcess[] = [];
let brokers: TestUser[] = [];
const quarter = quarterOf(new Date());

/** The run's job as BullMQ has it: how often a worker has taken it, and its state. */
async function runJob(): Promise<{ taken: number; state: string }> {
  const job = await api.app.get(QueueService).queue(QueueName.Matching).getJob(quarterlyJobId(quarter));
  return { taken: job?.attemptsStarted ?? 0, state: job ? await job.getState() : 'missing' };
}

beforeAll(async () => {
  ({ smtp, api, brokers } = await startQuarterlyStage({ needs: NEEDS, achievements: ACHIEVEMENTS }));
}, 120_000);

afterAll(async () => {
  for (const w of workers) await w.kill();
  await checker?.close();
  await api?.close();
  await smtp?.stop();
});

describe('a quarterly run held by two live workers at once', () => {
  it('counts each item once, matches it as a run nobody interrupted, and sends each broker one digest', async () => {
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), JOBS_LOCK_MS: LOCK_MS };
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const first = await spawnTestWorker(api, env);
    workers.push(first);
    const started = await api.call('POST', '/api/admin/matching/runs', { token: admin.token });
    expect(started.status).toBe(202);

    // The first worker is frozen (as a machine too busy to run it would) once a page is saved: it
    // renews its job lock no more, and BullMQ hands the run to a second worker.
    await eventually('first page saved', async () => ((await quarterlyRunRow(api, quarter))?.processed ?? 0) >= 500, 90_000);
    first.child.kill('SIGSTOP');
    const takenBefore = (await runJob()).taken;
    const second = await spawnTestWorker(api, env);
    workers.push(second);
    await eventually(
      'run handed to the second worker',
      async () => {
        const job = await runJob();
        return job.taken > takenBefore && job.state === 'active';
      },
      60_000,
    );
    expect((await quarterlyRunRow(api, quarter))?.status).toBe('running');
    // The first wakes up in the middle of its run, with the second working on the same run.
    first.child.kill('SIGCONT');

    await eventually('run completed', async () => (await quarterlyRunRow(api, quarter))?.status === 'completed', 180_000);

    // What an official sees: one run, each published item counted once.
    const runs = async () => (await api.call('GET', '/api/admin/matching/runs', { token: admin.token })).body;
    const done = await runs();
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ quarter, status: 'completed', total: NEEDS + ACHIEVEMENTS, processed: NEEDS + ACHIEVEMENTS, errors: 0 });
    expect(done[0].summary).toMatchObject({ needs: NEEDS, achievements: ACHIEVEMENTS, digests: brokers.length });
    // The first worker found the run taken at its next write and changed nothing more.
    await eventually('first worker gave the run up', async () => first.output().includes('quarterly run lost to another worker'), 60_000);
    expect(await runs()).toEqual(done);

    // Each broker: one digest notification and one email, counting what was assigned to them.
    for (const d of await brokerDigests(api, smtp, brokers)) {
      expect(d).toMatchObject({ emails: [expect.any(String)], notifications: 1 });
      expect(d.emails[0]).toContain(`本季度为您新分派了 ${d.assigned} 条匹配`);
    }

    // Every item's matches once, the same as a run nobody interrupted.
    const pairs = (await api.db.query(`SELECT count(*)::int AS n, count(DISTINCT (need_id, achievement_id))::int AS distinct FROM match`)).rows[0];
    expect(pairs.n).toBe(pairs.distinct);
    checker = await startTestWorker(api);
    const uninterrupted = await matchesOfUninterruptedRun(api, checker);
    expect(uninterrupted.stored).toBe(uninterrupted.expected);
    expect(uninterrupted.differing).toEqual([]);
  }, 360_000);
});
