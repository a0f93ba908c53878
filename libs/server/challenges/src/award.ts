import { ChallengeAward } from '@ztt/contracts';
import { EntityManager } from 'typeorm';
import { Challenge, ChallengeApplication, ChallengeDecision } from './challenge.entity';

/**
 * What a deal opened "for a challenge award" needs: the challenge, its winning applications and
 * their organisations, and when the award became final (null while under public notice). Null
 * when no decision was made. Takes the caller's manager so it can run inside their transaction.
 */
export async function readChallengeAward(m: EntityManager, challengeId: string): Promise<ChallengeAward | null> {
  const c = await m.findOneBy(Challenge, { id: challengeId });
  const d = await m.findOneBy(ChallengeDecision, { challengeId });
  if (!c || !d) return null;
  const apps = await m.find(ChallengeApplication, { where: d.winnerApplicationIds.map((id) => ({ id })) });
  return {
    challengeId,
    title: c.title,
    ownerOrgId: c.ownerOrgId,
    bounty: c.bounty,
    winners: d.winnerApplicationIds
      .map((id) => apps.find((a) => a.id === id))
      .filter((a): a is ChallengeApplication => !!a)
      .map((a) => ({ applicationId: a.id, orgId: a.orgId, status: a.status })),
    finalisedAt: c.finalisedAt?.toISOString() ?? null,
  };
}
