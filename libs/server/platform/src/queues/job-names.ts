/** Every queue and every job, in one place. The worker refuses to start unless each job has exactly one handler. */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  PurgeExpiredAuth = 'maintenance.purge-expired-auth',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredAuth]: QueueName.Maintenance,
};

/** Retry, backoff and retention: failed jobs are kept (bounded) as evidence, never thrown away. */
export const JOB_DEFAULTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 10_000, age: 30 * 24 * 3600 },
} as const;

export type JobOutcome = { status: 'success' | 'skipped'; detail?: string };
