import { quarterOf } from '@ztt/contracts';
import { Injectable } from '@nestjs/common';
import { HandsOn, JobHandler, JobName, JobOf, JobOutcome, OutboxTopic } from '@ztt/platform';
import { quarterlyJobId, QuarterlyService } from './quarterly.service';

/**
 * The quarterly run. The cron scheduler's occurrences carry no quarter: they only queue the
 * quarter's job under its deterministic id, so the scheduler, an admin and retries never run it twice at once.
 */
@Injectable()
export class QuarterlyProcessor {
  constructor(private readonly quarterly: QuarterlyService) {}

  @JobHandler(JobName.QuarterlyRun)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async run(job: JobOf<JobName.QuarterlyRun>): Promise<JobOutcome> {
    const quarter = job.data.quarter ?? quarterOf(new Date());
    if (!/^\d{4}Q[1-4]$/.test(quarter)) return { status: 'skipped', detail: `bad quarter "${quarter}"` };
    if (job.id !== quarterlyJobId(quarter) && !job.data.quarter) {
      await this.quarterly.enqueue(quarter);
      return { status: 'skipped', detail: `queued ${quarterlyJobId(quarter)}` };
    }
    return this.quarterly.run(quarter, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}
