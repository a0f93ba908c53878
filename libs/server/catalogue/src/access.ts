import { PlatformRole } from '@ztt/contracts';
import { AuthContext, hasPlatformRole } from '@ztt/platform';

/** Members of the owning organisation (active) — they edit, submit, withdraw and decide disclosures. */
export function isOwnerMember(actor: AuthContext | undefined, ownerOrgId: string): boolean {
  return !!actor?.orgRoles.has(ownerOrgId);
}

/** Who sees an item that is not published: its owners and platform admins. */
export function isInsider(actor: AuthContext | undefined, ownerOrgId: string): boolean {
  return isOwnerMember(actor, ownerOrgId) || hasPlatformRole(actor, PlatformRole.Admin);
}
