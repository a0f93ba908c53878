import { Injectable } from '@nestjs/common';
import { HandsOn, JobHandler, JobName, JobOutcome, OutboxTopic } from '@ztt/platform';
import { CatalogueService } from './catalogue.service';

/** Daily: needs past their deadline leave the listing (owners are told). Safe to run twice. */
@Injectable()
export class ExpireNeedsProcessor {
  constructor(private readonly catalogue: CatalogueService) {}

  @JobHandler(JobName.ExpireNeeds)
  @HandsOn({ publishes: [OutboxTopic.NeedChanged, OutboxTopic.NotificationCreated] })
  async run(): Promise<JobOutcome> {
    const n = await this.catalogue.expireOverdueNeeds();
    return n ? { status: 'success', detail: `expired=${n}` } : { status: 'skipped', detail: 'nothing overdue' };
  }
}
