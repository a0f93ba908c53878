import { createHash } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ItemKind } from '@ztt/contracts';
import { HandsOn, JobHandler, JobName, JobOf, JobOutcome, OnOutbox, OutboxTopic, QueueService, RelayedRows } from '@ztt/platform';
import { SearchIndexService } from './search-index.service';

/**
 * The same outbox rows always give the same id (a relay retried after a crash queues nothing new):
 * the first row for reading, a digest of all of them for uniqueness.
 */
function indexBatchJobId(kind: ItemKind, rowIds: string[]): string {
  return `index-${kind}-o${rowIds[0]}-${createHash('sha256').update(rowIds.join(',')).digest('hex').slice(0, 16)}`;
}

/** Changed items in the outbox → index jobs (one per relay pass and kind) → Meilisearch, and the periodic reconciliation that catches anything missed. */
@Injectable()
export class SearchProcessors implements OnModuleInit {
  private readonly logger = new Logger('SearchProcessors');

  constructor(
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

  /** Changed needs (published, edited, withdrawn…) of one relay pass: one index job for them all. */
  @OnOutbox(OutboxTopic.NeedChanged, { queues: [JobName.IndexBatch] })
  needsChanged(rows: RelayedRows): Promise<void> {
    return this.queueIndexBatch('need', rows);
  }

  /** Changed achievements of one relay pass: one index job for them all. */
  @OnOutbox(OutboxTopic.AchievementChanged, { queues: [JobName.IndexBatch] })
  achievementsChanged(rows: RelayedRows): Promise<void> {
    return this.queueIndexBatch('achievement', rows);
  }

  private async queueIndexBatch(kind: ItemKind, rows: RelayedRows): Promise<void> {
    await this.queues.add(JobName.IndexBatch, { kind, ids: rows.aggregateIds }, { jobId: indexBatchJobId(kind, rows.rowIds) });
  }

  /**
   * Reloads the batch's items and upserts the published ones (one Meilisearch task) and deletes the
   * rest (one more): the same result however often it runs. Matching is queued afterwards, one job
   * per upserted item, and never runs inside this job.
   */
  @JobHandler(JobName.IndexBatch)
  @HandsOn({ queues: [JobName.MatchItem] })
  async indexBatch(job: JobOf<JobName.IndexBatch>): Promise<JobOutcome> {
    const { kind, ids } = job.data;
    const { upserted, deleted } = await this.indexes.syncItems(kind, ids);
    // Matched only once searchable: of any two items, the one indexed last finds the other.
    await Promise.all(upserted.map((id) => this.queues.add(JobName.MatchItem, { kind, id }, { jobId: `match-${id}-${job.id}` })));
    return { status: 'success', detail: `upserted=${upserted.length} deleted=${deleted.length}` };
  }

  /** The periodic reconciliation: the indexes against the database, for anything an index job missed. */
  @JobHandler(JobName.ReconcileIndex)
  async reconcile(): Promise<JobOutcome> {
    const needs = await this.indexes.reconcile('need');
    const achievements = await this.indexes.reconcile('achievement');
    const changed = needs.added + needs.removed + achievements.added + achievements.removed;
    return { status: changed ? 'success' : 'skipped', detail: JSON.stringify({ needs, achievements }) };
  }
}
