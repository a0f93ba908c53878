import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, ChallengeStatus, ChallengeSuggestion, yuanToWan } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { MatchingService, NeedSide } from '@ztt/matching';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { Challenge } from './challenge.entity';
import { ChallengesService } from './challenges.service';

/**
 * Suggests achievements (and through them, research teams) for a challenge with the matching
 * engine itself: the challenge is read as a need — title, background and indicators as text, its
 * industry chains — and scored and explained exactly like a need's matches. Admins invite teams.
 */
@Injectable()
export class DiscoveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly challenges: ChallengesService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  async suggestions(challengeId: string): Promise<ChallengeSuggestion[]> {
    const c = await this.challenges.mustFind(challengeId);
    const views = await this.matching.preview(needSideOf(c));
    if (!views.length) return [];
    const achievements = await this.catalogue.cards(
      'achievement',
      views.map((v) => v.achievementId),
    );
    return views.map((v) => ({
      achievementId: v.achievementId,
      title: v.counterpart.title,
      orgId: achievements.get(v.achievementId)?.ownerOrgId ?? '',
      orgName: v.counterpart.ownerOrgName,
      score: v.score,
      reason: v.reason,
    }));
  }

  /** An invitation notification to every member of the organisation, linking to the challenge; once per organisation. */
  async invite(actor: AuthContext, challengeId: string, orgId: string): Promise<void> {
    const c = await this.challenges.mustFind(challengeId);
    if (c.status !== ChallengeStatus.Published) throw AppException.invalidState();
    if (!(await this.organisations.find(orgId))) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      await this.notifications.notify(m, {
        to: { orgId },
        type: 'challenge.invited',
        params: { title: c.title },
        link: `/challenges/${challengeId}`,
        dedupeKey: `challenge-invite:${challengeId}`,
      });
      await this.audit.record(
        { action: AuditAction.ChallengeInvited, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: challengeId, detail: { orgId } },
        m,
      );
    });
  }
}

/** The challenge as the matching engine's need side: the text carries title, background and indicators. */
export function needSideOf(c: Challenge): NeedSide {
  const indicators = c.indicators.map((i) => i.name).join(' ');
  return {
    title: c.title,
    summary: `${indicators} ${c.background}`,
    keywords: c.indicators.map((i) => i.name).slice(0, 10),
    chains: c.chains,
    trl: null,
    cooperationModes: ['commissioned-dev', 'joint-dev'],
    // The bounty in 万元, as the need side's budget (exact decimal arithmetic on the string).
    budgetMax: yuanToWan(c.bounty),
    budgetNegotiable: false,
    region: null,
  };
}
