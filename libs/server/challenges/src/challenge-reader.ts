import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChallengeAward } from '@ztt/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { readChallengeAward } from './award';
import { Challenge, ChallengeApplication } from './challenge.entity';

/**
 * The challenges' read port for deals: what an award is, who its people are, and the row lock
 * that keeps two brokers from both opening a deal for the same winning team. Each call takes the
 * caller's transaction (`m`) when it must read inside it.
 */
@Injectable()
export class ChallengeReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The challenge, its winners and when the award became final (see award.ts); null without a decision. */
  award(challengeId: string, m: EntityManager = this.db.manager): Promise<ChallengeAward | null> {
    return readChallengeAward(m, challengeId);
  }

  /** The people a deal for an award starts with: the winning team's lead and the challenge's acceptor (null when unknown). */
  async awardContacts(challengeId: string, applicationId: string, m: EntityManager = this.db.manager): Promise<{ leadUserId: string | null; acceptorUserId: string | null }> {
    const application = await m.getRepository(ChallengeApplication).findOne({ select: { id: true, leadUserId: true }, where: { id: applicationId } });
    const challenge = await m.getRepository(Challenge).findOne({ select: { id: true, acceptorUserId: true }, where: { id: challengeId } });
    return { leadUserId: application?.leadUserId ?? null, acceptorUserId: challenge?.acceptorUserId ?? null };
  }

  /** Locks the challenge's row until `m`'s transaction ends (FOR UPDATE). */
  async lockForDeal(m: EntityManager, challengeId: string): Promise<void> {
    await m.getRepository(Challenge).findOne({ select: { id: true }, where: { id: challengeId }, lock: { mode: 'pessimistic_write' } });
  }
}
