import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind } from '@ztt/contracts';
import { ChangePosition, changedAfter } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { CatalogueItem } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

/** One item's place in the change order (the platform's change order over the item's table). */
export type { ChangePosition };

/** An item that was public once and changed after a position: the item whole, and where it stands in the order. */
export interface CatalogueChange {
  position: ChangePosition;
  item: CatalogueItem;
}

/**
 * The catalogue's change order, for partners' change feeds: items ever published, in
 * (updated_at, id) order (`changedAfter`), each read whole.
 */
@Injectable()
export class CatalogueChanges {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async after(kind: ItemKind, from: ChangePosition | null, limit: number, settleMs: number): Promise<CatalogueChange[]> {
    const spec = KINDS[kind];
    const rows = await changedAfter(this.db, spec.table, from, limit, settleMs);
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
