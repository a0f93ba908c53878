import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HandsOn, JobHandler, JobName, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { CampaignsService } from './campaigns.service';

/** Every ten minutes: close campaigns past their end date and send due reminders. */
const SCAN_EVERY_MS = 10 * 60_000;

@Injectable()
export class CampaignsProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('campaigns-scan', JobName.CampaignScan, { every: SCAN_EVERY_MS });
  }

  @JobHandler(JobName.CampaignScan)
  @HandsOn({ queues: [JobName.QuarterlyReport], publishes: [OutboxTopic.NotificationCreated] })
  async scan(): Promise<JobOutcome> {
    const r = await this.campaigns.scan();
    return r.closed || r.reminders ? { status: 'success', detail: `closed ${r.closed}, reminded ${r.reminders}` } : { status: 'skipped', detail: 'nothing due' };
  }
}
