import { Injectable } from '@nestjs/common';
import { ItemKind } from '@ztt/contracts';
import { JobHandler, JobName, JobOutcome } from '@ztt/platform';
import { Job } from 'bullmq';
import { MatchingService } from './matching.service';

/** On publication (relayed from the outbox): compute and store the item's matches. Idempotent. */
@Injectable()
export class MatchingProcessor {
  constructor(private readonly matching: MatchingService) {}

  @JobHandler(JobName.MatchItem)
  async match(job: Job<{ kind: ItemKind; id: string }>): Promise<JobOutcome> {
    const n = await this.matching.matchItem(job.data.kind, job.data.id, 'publication');
    return n ? { status: 'success', detail: `matches=${n}` } : { status: 'skipped', detail: 'not published or no candidates' };
  }
}
