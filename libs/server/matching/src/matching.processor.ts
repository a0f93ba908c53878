import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HandsOn, JobHandler, JobName, JobOf, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { MatchingService } from './matching.service';
import { TextStatistics } from './text-statistics';

/**
 * How often the worker looks whether the published catalogue changed, and if so recomputes text
 * relevance's corpus statistics (about 10 s of CPU per 100,000 items; nothing when unchanged).
 */
const TEXT_STATISTICS_EVERY_MS = 30_000;

/** On publication (relayed from the outbox): compute and store the item's matches. Idempotent. */
@Injectable()
export class MatchingProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly matching: MatchingService,
    private readonly statistics: TextStatistics,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('text-statistics', JobName.RefreshTextStatistics, { every: TEXT_STATISTICS_EVERY_MS });
  }

  @JobHandler(JobName.MatchItem)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async match(job: JobOf<JobName.MatchItem>): Promise<JobOutcome> {
    const n = await this.matching.matchItem(job.data.kind, job.data.id, 'publication');
    return n ? { status: 'success', detail: `matches=${n}` } : { status: 'skipped', detail: 'not published or no candidates' };
  }

  /** The shared corpus statistics of each kind, recomputed when its published catalogue changed. Idempotent. */
  @JobHandler(JobName.RefreshTextStatistics)
  async refreshStatistics(): Promise<JobOutcome> {
    const need = await this.statistics.refresh('need');
    const achievement = await this.statistics.refresh('achievement');
    if (need === null && achievement === null) return { status: 'skipped', detail: 'unchanged' };
    return { status: 'success', detail: `needs=${need ?? 'unchanged'} achievements=${achievement ?? 'unchanged'}` };
  }
}
