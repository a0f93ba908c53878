import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangePosition, changedAfter } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { Challenge } from './challenge.entity';

/** A challenge's place in the change order (the platform's change order over the challenge table). */
export type ChallengeChangePosition = ChangePosition;

/**
 * The challenges' change order, for partners' change feeds: every challenge the public may read
 * (published once; it stays on the board whatever becomes of it), in (updated_at, id) order
 * (`changedAfter`), each read whole.
 */
@Injectable()
export class ChallengeChanges {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async after(from: ChallengeChangePosition | null, limit: number, settleMs: number): Promise<{ position: ChallengeChangePosition; challenge: Challenge }[]> {
    const rows = await changedAfter(this.db, 'challenge', from, limit, settleMs);
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
