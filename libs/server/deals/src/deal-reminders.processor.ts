import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { beijingMinute, DEAL_OPEN_STAGES } from '@ztt/contracts';
import { NotificationsService } from '@ztt/notifications';
import { APP_CONFIG, AppConfig, HandsOn, JobHandler, JobName, JobOf, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { DataSource } from 'typeorm';

/** Enough per scan; the next scan picks up the rest. */
const IDLE_BATCH = 500;

/**
 * Task reminders (delayed jobs, one per task and reminder time) and the idle-deal scan (a job
 * scheduler). Both reload the rows and claim them with a conditional update, so a retried or
 * duplicated job never reminds twice.
 */
@Injectable()
export class DealRemindersProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('DealReminders');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('deals-idle-scan', JobName.DealIdleScan, { every: this.config.deals.idleScanMs });
  }

  @JobHandler(JobName.DealTaskReminder)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async taskReminder(job: JobOf<JobName.DealTaskReminder>): Promise<JobOutcome> {
    const { taskId, remindAt } = job.data;
    return this.db.transaction(async (m) => {
      const rows = (await m.query(
        `UPDATE deal_task t SET reminded_at = now()
           FROM deal d
          WHERE t.id = $1 AND d.id = t.deal_id AND t.done_at IS NULL AND t.reminded_at IS NULL
            AND t.remind_at = to_timestamp($2::double precision / 1000)
          RETURNING t.id, t.title, t.assignee_id, t.due_at, t.deal_id, d.title AS deal_title`,
        [taskId, remindAt],
      )) as [{ id: string; title: string; assignee_id: string; due_at: Date; deal_id: string; deal_title: string }[], number];
      const t = rows[0]?.[0];
      if (!t) return { status: 'skipped', detail: 'done, already reminded, rescheduled or gone' };
      await this.notifications.notify(m, {
        to: { userIds: [t.assignee_id] },
        type: 'deal.task',
        params: { title: t.deal_title, task: t.title, due: beijingMinute(t.due_at) },
        link: `/deals/${t.deal_id}`,
        dedupeKey: `deal-task:${t.id}:${remindAt}`,
      });
      return { status: 'success' };
    });
  }

  /** Open deals with no activity for `idleDays`: one reminder to their brokers per idle period. */
  @JobHandler(JobName.DealIdleScan)
  @HandsOn({ publishes: [OutboxTopic.NotificationCreated] })
  async idleScan(): Promise<JobOutcome> {
    const days = this.config.deals.idleDays;
    const idle = (await this.db.query(
      `SELECT id FROM deal
        WHERE stage = ANY($1) AND last_activity_at < now() - make_interval(days => $2)
          AND (idle_reminded_at IS NULL OR idle_reminded_at < last_activity_at)
        ORDER BY last_activity_at LIMIT ${IDLE_BATCH}`,
      [DEAL_OPEN_STAGES, days],
    )) as { id: string }[];
    let sent = 0;
    for (const { id } of idle) {
      await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `UPDATE deal SET idle_reminded_at = now()
            WHERE id = $1 AND stage = ANY($2) AND last_activity_at < now() - make_interval(days => $3)
              AND (idle_reminded_at IS NULL OR idle_reminded_at < last_activity_at)
            RETURNING id, title, lead_broker_id, co_broker_ids, last_activity_at`,
          [id, DEAL_OPEN_STAGES, days],
        )) as [{ id: string; title: string; lead_broker_id: string; co_broker_ids: string[]; last_activity_at: Date }[], number];
        const d = rows[0]?.[0];
        if (!d) return;
        await this.notifications.notify(m, {
          to: { userIds: [d.lead_broker_id, ...d.co_broker_ids] },
          type: 'deal.idle',
          params: { title: d.title, days: String(days) },
          link: `/deals/${d.id}`,
          dedupeKey: `deal-idle:${d.id}:${d.last_activity_at.getTime()}`,
        });
        sent++;
      });
    }
    if (sent) this.logger.log({ msg: 'idle deal reminders', sent });
    return { status: sent ? 'success' : 'skipped', detail: `${sent} reminded` };
  }
}
