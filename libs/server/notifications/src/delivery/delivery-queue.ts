import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HandsOn, JobHandler, JobName, JobOutcome, OnOutbox, OutboxTopic, QueueService, RelayedRows } from '@ztt/platform';
import { DataSource } from 'typeorm';

/** A delivery still pending this long after it was created has lost its job. */
const STALE_DELIVERY_MINUTES = 5;
/** Stale notifications queued again per sweep at most. */
const SWEEP_BATCH = 200;

/**
 * Queues the delivery of stored notifications: one job per notification the outbox announces, and
 * a periodic sweep for deliveries whose job was lost. The delivery itself
 * (NotificationDeliveryProcessor) locks and marks its rows, so a job queued twice sends nothing twice.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger('DeliveryQueue');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
  ) {}

  @OnOutbox(OutboxTopic.NotificationCreated, { queues: [JobName.DeliverNotification] })
  async notificationsCreated(rows: RelayedRows): Promise<void> {
    for (const id of rows.aggregateIds) await this.queues.add(JobName.DeliverNotification, { notificationId: id }, { jobId: `deliver-${id}` });
  }

  /**
   * A delivery retries for well under a minute before it is marked failed, so one pending for
   * STALE_DELIVERY_MINUTES lost its job (Redis killed before its last second reached the AOF): it is
   * queued again, under an id of its own per sweep.
   */
  @JobHandler(JobName.SweepDeliveries)
  @HandsOn({ queues: [JobName.DeliverNotification] })
  async sweep(): Promise<JobOutcome> {
    const rows = (await this.db.query(
      `SELECT DISTINCT notification_id FROM notification_delivery
        WHERE status = 'pending' AND created_at < now() - make_interval(mins => ${STALE_DELIVERY_MINUTES})
        LIMIT ${SWEEP_BATCH}`,
    )) as { notification_id: string }[];
    const sweep = Math.floor(Date.now() / 60_000);
    for (const r of rows) {
      await this.queues.add(JobName.DeliverNotification, { notificationId: r.notification_id }, { jobId: `deliver-${r.notification_id}-sweep${sweep}` });
    }
    if (rows.length) this.logger.warn({ msg: 'stale notification deliveries queued again', count: rows.length });
    return rows.length ? { status: 'success', detail: `queued=${rows.length}` } : { status: 'skipped' };
  }
}
