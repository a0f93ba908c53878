import { QueueService } from '@ztt/platform';
import { eventually } from './test-app';

type Queue = ReturnType<QueueService['queue']>;

/**
 * Waits until a job has completed and returns its result; throws if it failed. State and result
 * are read from fetches made after it completed: a job fetched while active and checked after it
 * completed would carry no result yet.
 */
export async function jobResult(queue: Queue, id: string, timeoutMs = 60_000): Promise<unknown> {
  let outcome: unknown;
  await eventually(
    `job ${id} finished`,
    async () => {
      const state = await queue.getJobState(id);
      if (state === 'failed') throw new Error(`job failed: ${(await queue.getJob(id))?.failedReason}`);
      if (state !== 'completed') return false;
      outcome = (await queue.getJob(id))?.returnvalue;
      return true;
    },
    timeoutMs,
  );
  return outcome;
}

/** Waits until a job has ended, completed or failed (for tests that look at its effects, not its result). */
export async function jobSettled(queue: Queue, id: string, timeoutMs?: number): Promise<void> {
  await eventually(
    `job ${id}`,
    async () => {
      const job = await queue.getJob(id);
      return Boolean(job && ((await job.isCompleted()) || (await job.isFailed())));
    },
    timeoutMs,
  );
}
