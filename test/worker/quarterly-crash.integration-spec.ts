import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { quarterOf } from '@ztt/contracts';
import { registerUser, TestUser } from '../harness/builders';
import { brokerDigests, matchesOfUninterruptedRun, quarterlyRunRow, startQuarterlyStage } from '../harness/quarterly-catalogue';
import { decodeMail, TestSmtp } from '../harness/smtp';
import { eventually, spawnTestWorker, startTestWorker, TestApi, AppProcess } from '../harness/test-app';

// docs/security.md #22 and #23: workers killed with SIGKILL in the middle of the quarterly run, twice.
// The run resumes from its cursor each time: one run, no item counted twice, the same matches as
// a run nobody interrupted, and each broker gets exactly one digest email.

const NEEDS = 600;
const ACHIEVEMENTS = 4_000;
/** A job whose worker died is taken up again within about twice this. */
const LOCK_MS = '2000';

let smtp: TestSmtp;
let api: TestApi;
let finisher: INestApplicationContext | undefined;
const killed: AppProcess[] = [];
let brokers: TestUser[] = [];
const quarter = quarterOf(new Date());

const run = () => quarterlyRunRow(api, quarter);

/** Kills the worker with SIGKILL once the run has saved at least `processed` items (and is not done). */
async function killWhenPast(worker: AppProcess, processed: number): Promise<number> {
  await eventually(
    `run past ${processed} items`,
    async () => {
      const r = await run();
      if (r?.status === 'completed') throw new Error('the run completed before the worker could be killed');
      return (r?.processed ?? 0) >= processed;
    },
    90_000,
  );
  await worker.kill();
  killed.push(worker);
  const r = await run();
  expect(r?.status).toBe('running');
  return r?.processed as number;
}

beforeAll(async () => {
  ({ smtp, api, brokers } = await startQuarterlyStage({ needs: NEEDS, achievements: ACHIEVEMENTS }));
}, 120_000);

afterAll(async () => {
  for (const w of killed) await w.kill();
  await finisher?.close();
  await api?.close();
  await smtp?.stop();
});

describe('a quarterly run whose workers are killed with SIGKILL', () => {
  it('resumes from its cursor each time, gives the matches of an uninterrupted run, and sends each broker one digest', async () => {
    const mail = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), JOBS_LOCK_MS: LOCK_MS };
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const first = await spawnTestWorker(api, mail);
    const started = await api.call('POST', '/api/admin/matching/runs', { token: admin.token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ quarter, total: NEEDS + ACHIEVEMENTS });

    // Killed once the first page of needs is saved, then again among the achievements.
    const atFirstKill = await killWhenPast(first, 500);
    const second = await spawnTestWorker(api, mail);
    const atSecondKill = await killWhenPast(second, Math.max(NEEDS + 1_000, atFirstKill + 500));
    expect((await run())?.cursor_kind).toBe('achievement');
    // Nothing was sent before the run completed.
    expect(smtp.messages.filter((m) => decodeMail(m.raw).includes('本季度为您新分派了'))).toHaveLength(0);

    finisher = await startTestWorker(api, mail);
    await eventually('run completed', async () => (await run())?.status === 'completed', 120_000);
    const done = await run();
    expect(atSecondKill).toBeGreaterThan(atFirstKill);
    // One run; every item counted once, none lost.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM match_run WHERE quarter = $1`, [quarter])).rows[0].n).toBe(1);
    expect(done).toMatchObject({ status: 'completed', total: NEEDS + ACHIEVEMENTS, processed: NEEDS + ACHIEVEMENTS, errors: 0 });
    expect(done?.summary).toMatchObject({ needs: NEEDS, achievements: ACHIEVEMENTS });

    // Each broker: one digest notification and one email, counting what was assigned to them.
    const digests = await brokerDigests(api, smtp, brokers);
    for (const d of digests) {
      expect(d).toMatchObject({ emails: [expect.any(String)], notifications: 1, assigned: expect.any(Number) });
      expect(d.emails[0]).toContain(`本季度为您新分派了 ${d.assigned} 条匹配`);
    }
    expect(digests.every((d) => d.assigned > 0)).toBe(true);

    // The same matches as a run nobody interrupted.
    const uninterrupted = await matchesOfUninterruptedRun(api, finisher);
    expect(uninterrupted.stored).toBe(uninterrupted.expected);
    expect(uninterrupted.differing).toEqual([]);
  }, 300_000);
});
