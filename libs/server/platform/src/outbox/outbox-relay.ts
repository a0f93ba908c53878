import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobName, JobOutcome } from '../queues/job-names';
import { checkOutboxHandlers, FlowRegistry, OutboxHandlerFn } from './flows';
import { OutboxTopic } from './outbox';

const RELAY_BATCH = 200;

/**
 * The outbox relay: takes unrelayed outbox rows and hands each topic's rows to that topic's
 * @OnOutbox handlers, which queue the jobs (each domain registers its own: search indexes,
 * notifications deliver). Rows are locked (SKIP LOCKED, so several workers can relay side by side)
 * and marked relayed in the same transaction, only once every handler has queued its jobs: a crash
 * in between relays them again, and the handlers' job ids (derived from the rows) make that
 * harmless. The worker refuses to start while a topic has no handler.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private handlers = new Map<OutboxTopic, OutboxHandlerFn[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: FlowRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const flows = this.registry.discover();
    const problems = checkOutboxHandlers(Object.values(OutboxTopic), flows);
    if (problems.length) throw new Error(`Worker cannot start:\n  - ${problems.join('\n  - ')}`);
    for (const h of flows.outbox) if (h.run) this.handlers.set(h.topic, [...(this.handlers.get(h.topic) ?? []), h.run]);
  }

  @JobHandler(JobName.RelayOutbox)
  async relay(): Promise<JobOutcome> {
    const n = await this.db.transaction(async (m) => {
      const rows = (await m.query(`SELECT id, topic, aggregate_id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`)) as {
        id: string;
        topic: OutboxTopic;
        aggregate_id: string;
      }[];
      const byTopic = new Map<OutboxTopic, { rowIds: string[]; aggregateIds: Set<string> }>();
      for (const r of rows) {
        const batch = byTopic.get(r.topic) ?? { rowIds: [], aggregateIds: new Set<string>() };
        batch.rowIds.push(r.id);
        batch.aggregateIds.add(r.aggregate_id);
        byTopic.set(r.topic, batch);
      }
      for (const [topic, { rowIds, aggregateIds }] of byTopic) for (const handle of this.handlers.get(topic) ?? []) await handle({ rowIds, aggregateIds: [...aggregateIds] });
      if (rows.length) await m.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    return n ? { status: 'success', detail: `relayed=${n}` } : { status: 'skipped' };
  }
}
