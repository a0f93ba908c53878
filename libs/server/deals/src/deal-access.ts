import { DealViewerRole, PlatformRole } from '@ztt/contracts';
import { AuthContext, hasPlatformRole } from '@ztt/platform';
import { Deal } from './deal.entity';

export interface DealAccess {
  deal: Deal;
  role: DealViewerRole;
  /** the party sides the caller belongs to (a party member only sees what is meant for them) */
  sides: ('demand' | 'supply')[];
}

export function isDealBroker(actor: AuthContext, deal: Deal): boolean {
  return deal.leadBrokerId === actor.userId || deal.coBrokerIds.includes(actor.userId);
}

/**
 * What the caller is to the deal: its brokers work on it, platform admins oversee it, members of
 * the two organisations see the shared part. Anyone else (other brokers too) gets null → 404.
 */
export function accessOf(actor: AuthContext, deal: Deal): DealAccess | null {
  const sides: ('demand' | 'supply')[] = [];
  if (actor.orgRoles.has(deal.demandOrgId)) sides.push('demand');
  if (actor.orgRoles.has(deal.supplyOrgId)) sides.push('supply');
  if (isDealBroker(actor, deal)) return { deal, role: 'broker', sides };
  if (hasPlatformRole(actor, PlatformRole.Admin)) return { deal, role: 'admin', sides };
  if (sides.length) return { deal, role: 'party', sides };
  return null;
}
