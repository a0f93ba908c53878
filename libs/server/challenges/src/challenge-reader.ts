import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationStatus, ChallengeAward } from '@ztt/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { readChallengeAward } from './award';
import { Challenge, ChallengeApplication, ChallengeDecision } from './challenge.entity';

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

  /**
   * Every challenge the public may read (published once: what the board and its page show), with
   * when it last changed and, once decided, when its 公示 notice last changed: what a sitemap lists.
   */
  async publicPages(): Promise<{ id: string; updatedAt: Date; noticeUpdatedAt: Date | null }[]> {
    const rows = (await this.db.query(
      `SELECT c.id, c.updated_at,
              CASE WHEN d.challenge_id IS NULL THEN NULL
                   ELSE greatest(d.decided_at, c.updated_at, (SELECT max(greatest(o.created_at, o.answered_at)) FROM challenge_objection o WHERE o.challenge_id = c.id)) END AS notice_updated_at
         FROM challenge c LEFT JOIN challenge_decision d ON d.challenge_id = c.id
        WHERE c.published_at IS NOT NULL
        ORDER BY c.id`,
    )) as { id: string; updated_at: Date; notice_updated_at: Date | null }[];
    return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at, noticeUpdatedAt: r.notice_updated_at }));
  }

  /** Whether the public may read the challenge (it was published), and whether it has a 公示 notice. */
  async publicState(challengeId: string): Promise<{ visible: boolean; decided: boolean }> {
    const c = await this.db.getRepository(Challenge).findOne({ select: { id: true, publishedAt: true }, where: { id: challengeId } });
    if (!c?.publishedAt) return { visible: false, decided: false };
    return { visible: true, decided: await this.db.getRepository(ChallengeDecision).existsBy({ challengeId }) };
  }

  /**
   * What a panel is formed around: the challenge's title, background, indicators and chains, and
   * its live applications' organisations, leads and team members with accounts (for the expert
   * directory's suggestions). null when there is no such challenge.
   */
  async panelBrief(challengeId: string): Promise<{
    title: string;
    background: string;
    indicators: string[];
    chains: string[];
    applications: { orgId: string; leadUserId: string; teamUserIds: string[] }[];
  } | null> {
    const c = await this.db.getRepository(Challenge).findOne({ select: { id: true, title: true, background: true, indicators: true, chains: true }, where: { id: challengeId } });
    if (!c) return null;
    const apps = await this.db.getRepository(ChallengeApplication).find({ select: { id: true, orgId: true, leadUserId: true, team: true, status: true }, where: { challengeId } });
    return {
      title: c.title,
      background: c.background,
      indicators: c.indicators.map((i) => [i.name, i.target].filter(Boolean).join(' ')),
      chains: c.chains,
      applications: apps
        .filter((a) => a.status !== ApplicationStatus.Withdrawn)
        .map((a) => ({ orgId: a.orgId, leadUserId: a.leadUserId, teamUserIds: a.team.flatMap((t) => (t.userId ? [t.userId] : [])) })),
    };
  }

  /** Locks the challenge's row until `m`'s transaction ends (FOR UPDATE). */
  async lockForDeal(m: EntityManager, challengeId: string): Promise<void> {
    await m.getRepository(Challenge).findOne({ select: { id: true }, where: { id: challengeId }, lock: { mode: 'pessimistic_write' } });
  }
}
