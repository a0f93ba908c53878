import { createHash } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind } from '@ztt/contracts';
import { JobHandler, JobName, JobOf, JobOutcome, OutboxTopic, QueueService } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { SearchIndexService } from './search-index.service';

const TOPIC_KIND: Record<string, ItemKind> = { [OutboxTopic.NeedChanged]: 'need', [OutboxTopic.AchievementChanged]: 'achievement' };
const RELAY_BATCH = 200;
/** A delivery still pending this long after it was created has lost its job. */
const STALE_DELIVERY_MINUTES = 5;

/**
 * The same outbox rows always give the same id (a relay retried after a crash queues nothing new):
 * the first row for reading, a digest of all of them for uniqueness.
 */
function indexBatchJobId(kind: ItemKind, rowIds: string[]): string {
  return `index-${kind}-o${rowIds[0]}-${createHash('sha256').update(rowIds.join(',')).digest('hex').slice(0, 16)}`;
}

/** Outbox → index jobs (one per relay batch and kind) → Meilisearch, and the periodic reconciliation that catches anything missed. */
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
   * Turns unrelayed outbox rows into jobs: one index job per kind for the whole batch, one delivery
   * job per notification. Rows are locked (SKIP LOCKED, so several workers can relay side by side)
   * and marked only once their jobs are queued; a crash in between re-queues them, and the job ids
   * (derived from the outbox rows) make that harmless.
   */
  @JobHandler(JobName.RelayOutbox)
  async relay(): Promise<JobOutcome> {
    const n = await this.db.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT id, topic, aggregate_id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`,
      )) as { id: string; topic: string; aggregate_id: string }[];
      const batches = new Map<ItemKind, { rowIds: string[]; ids: Set<string> }>();
      for (const r of rows) {
        if (r.topic === OutboxTopic.NotificationCreated) {
          // Email and webhook delivery (libs/server/notifications); one job per notification.
          await this.queues.add(JobName.DeliverNotification, { notificationId: r.aggregate_id }, { jobId: `deliver-${r.aggregate_id}` });
          continue;
        }
        const kind = TOPIC_KIND[r.topic];
        if (!kind) continue;
        const batch = batches.get(kind) ?? { rowIds: [], ids: new Set<string>() };
        batch.rowIds.push(r.id);
        batch.ids.add(r.aggregate_id);
        batches.set(kind, batch);
      }
      for (const [kind, { rowIds, ids }] of batches) {
        await this.queues.add(JobName.IndexBatch, { kind, ids: [...ids] }, { jobId: indexBatchJobId(kind, rowIds) });
      }
      if (rows.length) await m.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    return n ? { status: 'success', detail: `relayed=${n}` } : { status: 'skipped' };
  }

  /**
   * Reloads the batch's items and upserts the published ones (one Meilisearch task) and deletes the
   * rest (one more): the same result however often it runs. Matching is queued afterwards, one job
   * per upserted item, and never runs inside this job.
   */
  @JobHandler(JobName.IndexBatch)
  async indexBatch(job: JobOf<JobName.IndexBatch>): Promise<JobOutcome> {
    const { kind, ids } = job.data;
    const { upserted, deleted } = await this.indexes.syncItems(kind, ids);
    // Matched only once searchable: of any two items, the one indexed last finds the other.
    await Promise.all(upserted.map((id) => this.queues.add(JobName.MatchItem, { kind, id }, { jobId: `match-${id}-${job.id}` })));
    return { status: 'success', detail: `upserted=${upserted.length} deleted=${deleted.length}` };
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
