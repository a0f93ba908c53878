import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BEIJING_TIME_ZONE, previousQuarter, QUARTER_PATTERN, quarterOf } from '@ztt/contracts';
import { CampaignsService, reportJobId } from '@ztt/campaigns';
import { HandsOn, JobHandler, JobName, JobOf, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { ReportService } from './report.service';

/** Just after each quarter's end (Beijing): the report of the quarter that ended. */
const QUARTER_END_CRON = { pattern: '30 0 1 1,4,7,10 *', tz: BEIJING_TIME_ZONE };

/** The quarterly report job (scheduled by the campaigns processor, queued again by a closing campaign). */
@Injectable()
export class ReportsProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reports: ReportService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('quarterly-report', JobName.QuarterlyReport, QUARTER_END_CRON);
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
