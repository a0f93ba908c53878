import { MatchStatus } from '@ztt/contracts';
import { EntityManager } from 'typeorm';
import { Match } from './match.entity';

/**
 * Marks a match as having become a deal (the deals lib calls it inside the transaction that opens
 * the deal). Returns false when the match is gone or already a deal, so one match opens one deal.
 */
export async function markMatchAsDeal(m: EntityManager, matchId: string): Promise<boolean> {
  const res = await m
    .createQueryBuilder()
    .update(Match)
    .set({ status: MatchStatus.Deal, dismissReason: null })
    .where('id = :id AND status <> :deal', { id: matchId, deal: MatchStatus.Deal })
    .execute();
  return res.affected === 1;
}

/** What a deal opened from a match takes from it: the pair and the broker it was handed to (null when there is no such match). */
export async function matchForDeal(m: EntityManager, matchId: string): Promise<{ id: string; needId: string; achievementId: string; brokerId: string | null } | null> {
  return m.getRepository(Match).findOne({ select: { id: true, needId: true, achievementId: true, brokerId: true }, where: { id: matchId } });
}
