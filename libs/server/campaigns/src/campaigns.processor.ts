import { previousQuarter, QUARTER_PATTERN, quarterOf } from '@ztt/contracts';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HandsOn, JobHandler, JobName, JobOf, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { CampaignsService, reportJobId } from './campaigns.service';
import { ReportService } from './report.service';

/** Every ten minutes: close campaigns past their end date and send due reminders. */
const SCAN_EVERY_MS = 10 * 60_000;
/** Just after each quarter's end (Beijing): the report of the quarter that ended. */
const QUARTER_END_CRON = { pattern: '30 0 1 1,4,7,10 *', tz: 'Asia/Shanghai' };

@Injectable()
export class CampaignsProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reports: ReportService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('campaigns-scan', JobName.CampaignScan, { every: SCAN_EVERY_MS });
    await this.queues.schedule('quarterly-report', JobName.QuarterlyReport, QUARTER_END_CRON);
  }

  @JobHandler(JobName.CampaignScan)
  @HandsOn({ queues: [JobName.QuarterlyReport], publishes: [OutboxTopic.NotificationCreated] })
  async scan(): Promise<JobOutcome> {
    const r = await this.campaigns.scan();
    return r.closed || r.reminders ? { status: 'success', detail: `closed ${r.closed}, reminded ${r.reminders}` } : { status: 'skipped', detail: 'nothing due' };
  }

  /**
   * A quarter's report. The scheduler's occurrences carry no quarter: they queue the quarter that
   * just ended under its deterministic id, so the scheduler, a closing campaign and retries build it once.
   */
  @JobHandler(JobName.QuarterlyReport)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async report(job: JobOf<JobName.QuarterlyReport>): Promise<JobOutcome> {
    const quarter = job.data.quarter ?? previousQuarter(quarterOf(new Date()));
    if (!QUARTER_PATTERN.test(quarter)) return { status: 'skipped', detail: `bad quarter "${quarter}"` };
    if (!job.data.quarter) {
      await this.campaigns.enqueueReport(quarter);
      return { status: 'skipped', detail: `queued ${reportJobId(quarter)}` };
    }
    return this.reports.run(quarter);
  }
}
