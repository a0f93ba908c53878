import { ItemKind } from '@ztt/contracts';
import { KINDS } from '@ztt/catalogue';
import { DataSource } from 'typeorm';
import { AchievementSide, NeedSide } from './scoring';
import { indexedTextOfRow, queryOf, SIDE_COLUMNS, SideRow, sideOfRow } from './sides';
import { TextIndex, TextIndexBuilder } from './text-index';

/** Rows read at a time while taking a snapshot (keyset pages). */
const LOAD_PAGE = 5_000;

interface KindSnapshot {
  index: TextIndex;
  sides: Map<string, NeedSide | AchievementSide>;
  versions: Map<string, number>;
}

/**
 * Every published need and achievement as the quarterly run starts: their scoring sides and an
 * in-process bigram index of each kind (see TextIndex), so that the run ranks an item's
 * candidates without a Meilisearch round trip per sub-query. An item changed after the snapshot
 * (edited, withdrawn, expired) leaves it at the next `refresh`: it is no longer proposed from the
 * snapshot, and its own page falls back to the live path (Meilisearch and the database), as does
 * an item published after the snapshot. Nothing here is shared between runs.
 */
export class CatalogueSnapshot {
  private constructor(
    private readonly kinds: Record<ItemKind, KindSnapshot>,
    private since: Date,
  ) {}

  /** Reads and indexes the published catalogue (about 15 s for 110,000 items on 2 cores). */
  static async take(db: DataSource): Promise<CatalogueSnapshot> {
    const [{ now }] = (await db.query(`SELECT now() AS now`)) as [{ now: Date }];
    const kinds = {} as Record<ItemKind, KindSnapshot>;
    for (const kind of ['need', 'achievement'] as const) {
      const sides = new Map<string, NeedSide | AchievementSide>();
      const versions = new Map<string, number>();
      const builder = new TextIndexBuilder();
      await forEachPublished(db, kind, (r) => {
        sides.set(r.id, sideOfRow(kind, r));
        versions.set(r.id, r.version);
        builder.add(indexedTextOfRow(r));
      });
      kinds[kind] = { index: builder.build(), sides, versions };
    }
    return new CatalogueSnapshot(kinds, now);
  }

  /** Items of each kind held (for the run's log). */
  get sizes(): Record<ItemKind, number> {
    return { need: this.kinds.need.sides.size, achievement: this.kinds.achievement.sides.size };
  }

  /** The scoring side of an item still as it was published when the snapshot was taken. */
  side(kind: ItemKind, id: string): NeedSide | AchievementSide | undefined {
    return this.kinds[kind].sides.get(id);
  }

  /** The best `limit` items of the other kind for an item of the snapshot, by text relevance. */
  candidates(kind: ItemKind, side: NeedSide | AchievementSide, limit: number): { id: string; score: number }[] {
    return this.kinds[kind === 'need' ? 'achievement' : 'need'].index.search(queryOf(side), limit);
  }

  /**
   * Drops the items changed since the snapshot (edited, withdrawn, expired: any change of an item
   * moves its version); returns how many. It looks at the items updated since the last refresh,
   * with a minute's margin for transactions that were still open then.
   */
  async refresh(db: DataSource): Promise<number> {
    const [{ now }] = (await db.query(`SELECT now() AS now`)) as [{ now: Date }];
    let dropped = 0;
    for (const kind of ['need', 'achievement'] as const) {
      const touched = (await db.query(`SELECT id, version, status FROM ${KINDS[kind].table} WHERE updated_at >= $1::timestamptz - interval '1 minute'`, [this.since])) as {
        id: string;
        version: number;
        status: string;
      }[];
      const k = this.kinds[kind];
      for (const r of touched) {
        const held = k.versions.get(r.id);
        if (held === undefined || (held === r.version && r.status === 'published')) continue;
        k.versions.delete(r.id);
        k.sides.delete(r.id);
        k.index.remove(r.id);
        dropped++;
      }
    }
    this.since = now;
    return dropped;
  }
}

/**
 * Calls `visit` with every published item of a kind, read in keyset pages (a page at a time, so a
 * caller may yield between them). The next page is asked for before the rows of this one are
 * visited, so that the database reads it while they are.
 */
export async function forEachPublished(db: DataSource, kind: ItemKind, visit: (row: SideRow) => void): Promise<void> {
  const page = (after: string | null) =>
    db.query(
      `SELECT ${SIDE_COLUMNS[kind]} FROM ${KINDS[kind].table}
        WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT ${LOAD_PAGE}`,
      [after],
    ) as Promise<SideRow[]>;
  let next = page(null);
  for (;;) {
    const rows = await next;
    const more = rows.length === LOAD_PAGE;
    if (more) next = page((rows[rows.length - 1] as SideRow).id);
    try {
      for (const r of rows) visit(r);
    } catch (error) {
      // The page asked for ahead is not waited for: its failure is of no interest now.
      next.catch(() => undefined);
      throw error;
    }
    if (!more) return;
  }
}
