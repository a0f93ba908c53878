import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind } from '@ztt/contracts';
import { DataSource } from 'typeorm';
import { CatalogueItem } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

/** One item's place in the change order: its last change (the database's time, to the microsecond) and its id. */
export interface ChangePosition {
  /** ISO-8601 with microseconds, in UTC, as the database keeps it */
  at: string;
  id: string;
}

/** An item that was public once and changed after a position: the item whole, and where it stands in the order. */
export interface CatalogueChange {
  position: ChangePosition;
  item: CatalogueItem;
}

/**
 * The catalogue's change order, for partners' change feeds: items ever published, in
 * (updated_at, id) order. Every change an item goes through bumps `updated_at`, so an item
 * published, edited, withdrawn, closed or expired after a position is read again after it.
 * `settleMs` leaves out changes younger than that, so that a transaction that started earlier
 * but commits later is not stepped over by a reader's position.
 */
@Injectable()
export class CatalogueChanges {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async after(kind: ItemKind, from: ChangePosition | null, limit: number, settleMs: number): Promise<CatalogueChange[]> {
    const spec = KINDS[kind];
    const rows = (await this.db.query(
      `SELECT id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
         FROM ${spec.table}
        WHERE published_at IS NOT NULL
          AND updated_at < clock_timestamp() - make_interval(secs => $3::double precision / 1000)
          AND ($1::timestamptz IS NULL OR (updated_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY updated_at, id
        LIMIT ${Number(limit)}`,
      [from?.at ?? null, from?.id ?? '00000000-0000-0000-0000-000000000000', settleMs],
    )) as { id: string; at: string }[];
    if (!rows.length) return [];
    const items = await this.db
      .getRepository<CatalogueItem>(spec.entity)
      .createQueryBuilder('t')
      .where('t.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
    const byId = new Map(items.map((i) => [i.id, i]));
    return rows.flatMap((r) => {
      const item = byId.get(r.id);
      return item ? [{ position: { at: r.at, id: r.id }, item }] : [];
    });
  }
}
