import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind } from '@ztt/contracts';
import { JobHandler, JobName, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { SearchIndexService } from './search-index.service';

const TOPIC_KIND: Record<string, ItemKind> = { [OutboxTopic.NeedChanged]: 'need', [OutboxTopic.AchievementChanged]: 'achievement' };
const RELAY_BATCH = 200;
/** A delivery still pending this long after it was created has lost its job. */
const STALE_DELIVERY_MINUTES = 5;

/** Outbox → index jobs → Meilisearch, and the periodic reconciliation that catches anything missed. */
@Injectable()
export class SearchProcessors implements OnModuleInit {
  private readonly logger = new Logger('SearchProcessors');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
    private readonly indexes: SearchIndexService,
  ) {}

  /**
   * Both indexes exist with their settings before the worker takes its first job (module init runs
   * before the job host starts): on a fresh machine, matching a need published before any
   * achievement was indexed finds an empty index, not an unconfigured one. If Meilisearch is not up
   * yet, the index jobs apply the settings later.
   */
  async onModuleInit(): Promise<void> {
    for (const kind of ['need', 'achievement'] as const) {
      await this.indexes.ensureIndex(this.indexes.indexName(kind)).catch((e: Error) => this.logger.warn({ msg: 'index settings not applied at boot', kind, error: e.message }));
    }
  }

  /**
   * Turns unrelayed outbox rows into index jobs. Rows are locked (SKIP LOCKED, so several workers
   * can relay side by side) and marked only once their jobs are queued; a crash in between
   * re-queues them, and the job ids (one per outbox row) make that harmless.
   */
  @JobHandler(JobName.RelayOutbox)
  async relay(): Promise<JobOutcome> {
    const n = await this.db.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT id, topic, aggregate_id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
      )) as { id: string; topic: string; aggregate_id: string }[];
      for (const r of rows) {
        if (r.topic === OutboxTopic.NotificationCreated) {
          // Email and webhook delivery (libs/server/notifications); one job per notification.
          await this.queues.add(JobName.DeliverNotification, { notificationId: r.aggregate_id }, { jobId: `deliver-${r.aggregate_id}` });
          continue;
        }
        const kind = TOPIC_KIND[r.topic];
        if (!kind) continue;
        await this.queues.add(JobName.IndexItem, { kind, id: r.aggregate_id }, { jobId: `index-${kind}-${r.aggregate_id}-o${r.id}` });
      }
      if (rows.length) await m.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    return n ? { status: 'success', detail: `relayed=${n}` } : { status: 'skipped' };
  }

  /** Reloads the item and upserts or deletes it: the same result however often it runs. */
  @JobHandler(JobName.IndexItem)
  async index(job: Job<{ kind: ItemKind; id: string }>): Promise<JobOutcome> {
    const outcome = await this.indexes.syncItem(job.data.kind, job.data.id);
    if (outcome === 'upserted') {
      // Matched only once it is searchable: of any two items, the one indexed last finds the other.
      await this.queues.add(JobName.MatchItem, { kind: job.data.kind, id: job.data.id }, { jobId: `match-${job.id}` });
    }
    return { status: 'success', detail: outcome };
  }

  /**
   * The periodic reconciliation: the indexes against the database, and notification deliveries
   * still pending long after they were created. A delivery retries for well under a minute before
   * it is marked failed, so one pending for STALE_DELIVERY_MINUTES lost its job (Redis killed
   * before its last second reached the AOF): it is queued again, under an id of its own per sweep.
   * The delivery locks and marks its row, so nothing is sent twice.
   */
  @JobHandler(JobName.ReconcileIndex)
  async reconcile(): Promise<JobOutcome> {
    const needs = await this.indexes.reconcile('need');
    const achievements = await this.indexes.reconcile('achievement');
    const deliveries = await this.requeueStaleDeliveries();
    const changed = needs.added + needs.removed + achievements.added + achievements.removed + deliveries;
    return { status: changed ? 'success' : 'skipped', detail: JSON.stringify({ needs, achievements, deliveries }) };
  }

  private async requeueStaleDeliveries(): Promise<number> {
    const rows = (await this.db.query(
      `SELECT DISTINCT notification_id FROM notification_delivery
        WHERE status = 'pending' AND created_at < now() - make_interval(mins => ${STALE_DELIVERY_MINUTES})
        LIMIT ${RELAY_BATCH}`,
    )) as { notification_id: string }[];
    const sweep = Math.floor(Date.now() / 60_000);
    for (const r of rows) {
      await this.queues.add(JobName.DeliverNotification, { notificationId: r.notification_id }, { jobId: `deliver-${r.notification_id}-sweep${sweep}` });
    }
    if (rows.length) this.logger.warn({ msg: 'stale notification deliveries queued again', count: rows.length });
    return rows.length;
  }
}
