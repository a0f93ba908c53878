import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, ItemKind, MatchRunStatus, MatchRunSummary, MatchRunView, quarterOf } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { NotificationsService } from '@ztt/notifications';
import { AppException, JobName, JobOutcome, QueueName, QueueService } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BrokersService } from './brokers.service';
import { upsertPage } from './match-page';
import { MatchRanker, Pair } from './match-ranker';
import { MatchingService } from './matching.service';
import { CatalogueSnapshot, databaseClock } from './snapshot';

/**
 * Items matched per page: the page's matches are written, then its broker assignment, counts and
 * cursor are saved in one transaction fenced on the cursor the page started from (savePage).
 */
const PAGE = 500;
/** Pages being saved at once (see savePage): PostgreSQL writes one page's matches while it closes the page before. */
const PAGES_IN_FLIGHT = 2;
/** Items ranked between two yields to the event loop, so the previous page's write goes on meanwhile. */
const SLICE = 25;
/** How often the snapshot drops the items changed since it was taken. */
const REFRESH_MS = 5_000;

interface RunRow {
  id: string;
  quarter: string;
  status: MatchRunStatus;
  total: number;
  processed: number;
  errors: number;
  cursor_kind: ItemKind | null;
  cursor_id: string | null;
  epoch: number;
  started_by: string | null;
  started_at: Date;
  finished_at: Date | null;
  summary: MatchRunSummary;
}

/** Where a run stands: the last item saved, of which kind (both null before the first page). */
interface Cursor {
  kind: ItemKind | null;
  id: string | null;
}

/** A worker's hold on a run: the epoch it took the run with (see take()). */
interface Hold {
  runId: string;
  epoch: number;
}

/** A write of the run found it taken by another worker since (its epoch or cursor moved): the write was rolled back. */
class RunLost extends Error {
  constructor() {
    super('the quarterly run was taken by another worker');
  }
}

/** The deterministic BullMQ job id of a quarter's run (no ':', never all digits). */
export function quarterlyJobId(quarter: string): string {
  return `quarterly-${quarter}`;
}

/** What is left to do from a saved cursor: needs then achievements, each in id order after the cursor. */
export function remainingPhases(cursorKind: ItemKind | null, cursorId: string | null): { kind: ItemKind; after: string | null }[] {
  if (cursorKind === 'achievement') return [{ kind: 'achievement', after: cursorId }];
  if (cursorKind === 'need')
    return [
      { kind: 'need', after: cursorId },
      { kind: 'achievement', after: null },
    ];
  return [
    { kind: 'need', after: null },
    { kind: 'achievement', after: null },
  ];
}

/**
 * The quarterly matching run (季度全量匹配): every published need, then every published
 * achievement, matched again in id order. One run per quarter (UNIQUE row); a keyset cursor saved
 * after each page lets a killed or retried run continue where it stopped. When it completes,
 * each broker handed new matches during the run gets one digest (deduplicated per quarter).
 *
 * A worker whose job lock lapsed (killed, or too busy to renew it) may still be running when BullMQ
 * hands the job to another. Each worker that takes the run bumps its epoch. Every write that counts
 * (a page's cursor, counts and brokers; an item on the live path; the completion) first checks,
 * under the run row's lock, that the row still carries that epoch and the cursor the write started
 * from; a page's matches, an upsert that gives the same rows however often it runs, check the epoch
 * alone. The worker that lost the run rolls back and stops, so no item is counted twice.
 */
@Injectable()
export class QuarterlyService {
  private readonly logger = new Logger('QuarterlyRun');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly queues: QueueService,
    private readonly matching: MatchingService,
    private readonly ranker: MatchRanker,
    private readonly notifications: NotificationsService,
    private readonly brokers: BrokersService,
  ) {}

  /** Admin: starts (or resumes) the current quarter's run by queueing its job; 409 once it has completed. */
  async start(userId: string | null, now = new Date()): Promise<MatchRunView> {
    const quarter = quarterOf(now);
    const row = await this.claim(quarter, userId);
    if (row.status === 'completed') throw AppException.conflict(ErrorCode.MatchRunCompleted);
    await this.enqueue(quarter);
    return view(row);
  }

  async list(): Promise<MatchRunView[]> {
    const rows = (await this.db.query(`SELECT * FROM match_run ORDER BY quarter DESC`)) as RunRow[];
    return rows.map(view);
  }

  /** Queues the quarter's job under its deterministic id; a job that failed for good is replaced. */
  async enqueue(quarter: string): Promise<void> {
    const jobId = quarterlyJobId(quarter);
    const existing = await this.queues.queue(QueueName.Matching).getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.remove();
    await this.queues.add(JobName.QuarterlyRun, { quarter }, { jobId });
  }

  /**
   * The job: runs (or resumes) the quarter's run to completion. Idempotent. After the job's last
   * attempt fails, the run shows as failed until it is started again (it resumes from its cursor).
   */
  async run(quarter: string, opts: { lastAttempt?: boolean } = {}): Promise<JobOutcome> {
    const row = await this.take((await this.claim(quarter, null)).id);
    if (!row) return { status: 'skipped', detail: `${quarter} already completed` };
    const hold: Hold = { runId: row.id, epoch: row.epoch };
    try {
      return await this.work(quarter, row, hold);
    } catch (e) {
      if (e instanceof RunLost) {
        this.logger.warn({ msg: 'quarterly run lost to another worker', quarter, epoch: hold.epoch });
        return { status: 'skipped', detail: `${quarter} taken by another worker` };
      }
      if (opts.lastAttempt) {
        await this.db.query(`UPDATE match_run SET status = 'failed' WHERE id = $1 AND epoch = $2 AND status = 'running'`, [hold.runId, hold.epoch]);
      }
      throw e;
    }
  }

  /** Matches every item after the run's cursor, page by page, then completes the run. */
  private async work(quarter: string, row: RunRow, hold: Hold): Promise<JobOutcome> {
    await this.ranker.settings();
    const t0 = Date.now();
    const snapshot = await CatalogueSnapshot.take(this.catalogue, databaseClock(this.db));
    this.logger.log({ msg: 'quarterly snapshot taken', quarter, ...snapshot.sizes, ms: Date.now() - t0 });
    let refreshedAt = Date.now();
    // Pages being saved, oldest first: the next page is ranked while they are, and a page's matches
    // are written while the page before it is closed (savePage). A failure is raised at the next await.
    const saving: Promise<void>[] = [];
    let writeFailed: { error: unknown } | null = null;
    const settle = async (keep = 0) => {
      while (saving.length > keep) await (saving.shift() as Promise<void>).catch(() => undefined);
      if (writeFailed) throw writeFailed.error;
    };
    // Where the run will stand once the pages handed to savePage so far are saved.
    let at: Cursor = { kind: row.cursor_kind, id: row.cursor_id };
    for (const phase of remainingPhases(row.cursor_kind, row.cursor_id)) {
      let after = phase.after;
      for (;;) {
        // A failed write (the run lost to another worker, say) stops the run before more ranking.
        if (writeFailed) await settle();
        const ids = await this.catalogue.publishedIdsAfter(phase.kind, after, PAGE);
        if (!ids.length) break;
        if (Date.now() - refreshedAt >= REFRESH_MS) {
          await snapshot.refresh();
          refreshedAt = Date.now();
        }
        await this.ranker.settings();
        const ranked: (Pair[] | null)[] = [];
        for (let i = 0; i < ids.length; i += SLICE) {
          for (const id of ids.slice(i, i + SLICE)) ranked.push(this.ranker.rankFromSnapshot(snapshot, phase.kind, id));
          await new Promise((r) => setImmediate(r));
        }
        await settle(PAGES_IN_FLIGHT - 1);
        after = ids[ids.length - 1] as string;
        const page = this.savePage(hold, at, quarter, phase.kind, ids, ranked, saving[saving.length - 1] ?? Promise.resolve());
        page.catch((error: unknown) => {
          writeFailed ??= { error };
        });
        saving.push(page);
        at = { kind: phase.kind, id: after };
      }
      // The pages of two phases are never written at once: a need's page and an achievement's page may hold the same pair.
      await settle();
    }
    const done = await this.finish(hold, at, quarter);
    return { status: 'success', detail: `processed=${done.processed} errors=${done.errors} digests=${done.summary.digests ?? 0}` };
  }

  /**
   * The fence that opens every write of the run: locks the run row if it still carries this
   * worker's epoch and stands at `from`, where the write started. Otherwise another worker has taken
   * the run since, and RunLost rolls the whole transaction back.
   */
  private async fence(m: EntityManager, hold: Hold, from: Cursor): Promise<RunRow> {
    const [run] = (await m.query(
      `SELECT * FROM match_run
        WHERE id = $1 AND epoch = $2 AND cursor_kind IS NOT DISTINCT FROM $3::text AND cursor_id IS NOT DISTINCT FROM $4::uuid
          FOR UPDATE`,
      [hold.runId, hold.epoch, from.kind, from.id],
    )) as RunRow[];
    if (!run) throw new RunLost();
    return run;
  }

  /**
   * Saves a page in two steps.
   * 1. Its matches, in one transaction that first checks that the run is still this worker's (its
   *    epoch). This may run while the page before is still being saved: the pages of one phase are
   *    about different items, so they write different pairs. If the page cannot be written whole,
   *    each item is written on its own, so one bad item costs only its own matches (counted as an
   *    error).
   * 2. Once `previous` (the page before) is saved: the items not in the snapshot, matched on the live
   *    path (Meilisearch and the database); then the broker assignment, the counts and the cursor
   *    after the page, in one transaction fenced on `from`, the cursor before the page (RunLost once
   *    another worker has moved it).
   * The matches are an upsert of the same pairs and scores, so a page written again (its worker
   * killed between the two steps) changes nothing; what is counted, and the cursor, move once.
   */
  private async savePage(hold: Hold, from: Cursor, quarter: string, kind: ItemKind, ids: string[], ranked: (Pair[] | null)[], previous: Promise<void>): Promise<void> {
    let errors = 0;
    let matches = 0;
    const failed = (id: string, error: unknown) => {
      errors++;
      this.logger.warn({ msg: 'quarterly match failed', quarter, kind, id, error: (error as Error)?.message ?? String(error) });
    };
    const write = async (pairs: Pair[]) => {
      await this.db.transaction(async (m) => {
        await this.held(m, hold);
        await upsertPage(m, pairs);
      });
      matches += pairs.length;
    };
    try {
      await write(ranked.filter((r): r is Pair[] => !!r).flat());
    } catch (error) {
      if (error instanceof RunLost) throw error;
      for (const [i, pairs] of ranked.entries()) {
        if (!pairs) continue;
        try {
          await write(pairs);
        } catch (error) {
          if (error instanceof RunLost) throw error;
          failed(ids[i] as string, error);
        }
      }
    }
    await previous;
    const live = ids.filter((_, i) => !ranked[i]);
    if (live.length) {
      for (const o of await this.matching.matchItems(kind, live, 'quarterly', { assign: false, fence: (m) => this.fence(m, hold, from) })) {
        matches += o.matches;
        if (o.error !== undefined) failed(o.id, o.error);
      }
    }
    await this.db.transaction(async (m) => {
      await this.fence(m, hold, from);
      await this.brokers.assignUnassigned(m, kind === 'need' ? { needIds: ids } : { achievementIds: ids });
      const key = kind === 'need' ? 'needs' : 'achievements';
      await m.query(
        `UPDATE match_run
            SET processed = processed + $2, errors = errors + $3, cursor_kind = $4, cursor_id = $5,
                summary = summary || jsonb_build_object($6::text, coalesce((summary->>$6::text)::int, 0) + $2, 'matches', coalesce((summary->>'matches')::int, 0) + $7)
          WHERE id = $1`,
        [hold.runId, ids.length, errors, kind, ids[ids.length - 1], key, matches],
      );
    });
  }

  /**
   * Whether the run is still this worker's (its epoch), before a page's matches are written; RunLost
   * if not. Unlike the fence it locks nothing, so that it does not wait for the page before.
   */
  private async held(m: EntityManager, hold: Hold): Promise<void> {
    const rows = (await m.query(`SELECT 1 FROM match_run WHERE id = $1 AND epoch = $2`, [hold.runId, hold.epoch])) as unknown[];
    if (!rows.length) throw new RunLost();
  }

  /** Marks the run completed and sends the brokers' digests, in one transaction fenced on the last page's cursor. */
  private async finish(hold: Hold, at: Cursor, quarter: string): Promise<RunRow> {
    return this.db.transaction(async (m) => {
      const run = await this.fence(m, hold, at);
      const perBroker = (await m.query(`SELECT broker_id, count(*)::int AS n FROM match WHERE broker_id IS NOT NULL AND assigned_at >= $1 GROUP BY broker_id ORDER BY broker_id`, [
        run.started_at,
      ])) as { broker_id: string; n: number }[];
      for (const b of perBroker) {
        await this.notifications.notify(m, {
          to: { userIds: [b.broker_id] },
          type: 'match.digest',
          params: { quarter, n: String(b.n) },
          link: '/broker/matches',
          dedupeKey: `digest:${quarter}`,
        });
      }
      const summary: MatchRunSummary = {
        needs: 0,
        achievements: 0,
        matches: 0,
        ...run.summary,
        brokers: Object.fromEntries(perBroker.map((b) => [b.broker_id, b.n])),
        digests: perBroker.length,
      };
      const [done] = (await m.query(
        `UPDATE match_run SET status = 'completed', finished_at = now(), total = greatest(total, processed), summary = $2::jsonb WHERE id = $1 RETURNING *`,
        [hold.runId, JSON.stringify(summary)],
      )) as [RunRow[], number];
      return (done as RunRow[])[0] as RunRow;
    });
  }

  /** The quarter's row, created if missing (the UNIQUE quarter makes it one run per quarter). */
  private async claim(quarter: string, userId: string | null): Promise<RunRow> {
    await this.db.query(`INSERT INTO match_run (quarter, started_by, total) VALUES ($1, $2, $3) ON CONFLICT (quarter) DO NOTHING`, [
      quarter,
      userId,
      await this.catalogue.publishedCount(),
    ]);
    const [row] = (await this.db.query(`SELECT * FROM match_run WHERE quarter = $1`, [quarter])) as RunRow[];
    if (!row) throw new Error(`match_run ${quarter} missing`);
    return row;
  }

  /**
   * Takes the run for this worker (a failed one runs again): the next epoch, on which every write
   * of the run is fenced, so that a worker that took it before can change nothing more. Null once completed.
   */
  private async take(runId: string): Promise<RunRow | null> {
    const [rows] = (await this.db.query(`UPDATE match_run SET epoch = epoch + 1, status = 'running' WHERE id = $1 AND status <> 'completed' RETURNING *`, [runId])) as [
      RunRow[],
      number,
    ];
    return rows[0] ?? null;
  }
}

function view(r: RunRow): MatchRunView {
  return {
    id: r.id,
    quarter: r.quarter,
    status: r.status,
    total: r.total,
    processed: r.processed,
    errors: r.errors,
    startedBy: r.started_by,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    summary: r.summary,
  };
}
