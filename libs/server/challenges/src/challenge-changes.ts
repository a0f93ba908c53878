import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Challenge } from './challenge.entity';

/** A challenge's place in the change order: its last change (to the microsecond, UTC) and its id. */
export interface ChallengeChangePosition {
  at: string;
  id: string;
}

/**
 * The challenges' change order, for partners' change feeds: every challenge the public may read
 * (published once; it stays on the board whatever becomes of it), in (updated_at, id) order.
 * `settleMs` leaves out changes younger than that, so a transaction that commits late is not
 * stepped over by a reader's position.
 */
@Injectable()
export class ChallengeChanges {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async after(from: ChallengeChangePosition | null, limit: number, settleMs: number): Promise<{ position: ChallengeChangePosition; challenge: Challenge }[]> {
    const rows = (await this.db.query(
      `SELECT id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
         FROM challenge
        WHERE published_at IS NOT NULL
          AND updated_at < clock_timestamp() - make_interval(secs => $3::double precision / 1000)
          AND ($1::timestamptz IS NULL OR (updated_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY updated_at, id
        LIMIT ${Number(limit)}`,
      [from?.at ?? null, from?.id ?? '00000000-0000-0000-0000-000000000000', settleMs],
    )) as { id: string; at: string }[];
    if (!rows.length) return [];
    const found = await this.db
      .getRepository(Challenge)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
    const byId = new Map(found.map((c) => [c.id, c]));
    return rows.flatMap((r) => {
      const challenge = byId.get(r.id);
      return challenge ? [{ position: { at: r.at, id: r.id }, challenge }] : [];
    });
  }
}
