import { DataSource } from 'typeorm';

/** A row's place in a table's change order: its last change (the database's time, to the microsecond, UTC) and its id. */
export interface ChangePosition {
  /** ISO-8601 with microseconds, in UTC, as the database keeps it */
  at: string;
  id: string;
}

/**
 * The rows of `table` that were public once (`published_at` set) and changed after `from`, in
 * (updated_at, id) order, at most `limit`: what partners' change feeds page through. Every change a
 * row goes through bumps `updated_at`, so a row edited, withdrawn or closed after a position is read
 * again after it. Changes younger than `settleMs` are left for the next call, so that a transaction
 * that started earlier but commits later is not stepped over by a reader's position. `table` is the
 * calling domain's own table (docs/architecture.md, "Who owns which tables").
 */
export async function changedAfter(db: DataSource, table: string, from: ChangePosition | null, limit: number, settleMs: number): Promise<ChangePosition[]> {
  return (await db.query(
    `SELECT id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM ${table}
      WHERE published_at IS NOT NULL
        AND updated_at < clock_timestamp() - make_interval(secs => $3::double precision / 1000)
        AND ($1::timestamptz IS NULL OR (updated_at, id) > ($1::timestamptz, $2::uuid))
      ORDER BY updated_at, id
      LIMIT ${Number(limit)}`,
    [from?.at ?? null, from?.id ?? '00000000-0000-0000-0000-000000000000', settleMs],
  )) as ChangePosition[];
}
