import { ChallengeStatus, PlatformRole } from '@ztt/contracts';
import { AuthContext, hasPlatformRole } from '@ztt/platform';
import { Challenge } from './challenge.entity';

export function isAdmin(actor: AuthContext | undefined): boolean {
  return hasPlatformRole(actor, PlatformRole.Admin);
}

export function isMember(actor: AuthContext | undefined, orgId: string): boolean {
  return !!actor?.orgRoles.has(orgId);
}

/** Drafts and submissions are for the owner organisation and admins; everything once published is public. */
export function canSeeChallenge(actor: AuthContext | undefined, c: Challenge): boolean {
  if (c.publishedAt) return true;
  return isAdmin(actor) || isMember(actor, c.ownerOrgId);
}

/** Who accepts deliverables and may eliminate a horse-race team: the named acceptor, or a platform admin. */
export function isAcceptor(actor: AuthContext | undefined, c: Challenge): boolean {
  return !!actor && (actor.userId === c.acceptorUserId || isAdmin(actor));
}

export const EDITABLE = [ChallengeStatus.Draft, ChallengeStatus.Submitted];
/** Statuses from which an admin may cancel: anything before the award is final. */
export const CANCELLABLE = [ChallengeStatus.Draft, ChallengeStatus.Submitted, ChallengeStatus.Published, ChallengeStatus.Reviewing, ChallengeStatus.Notice];
