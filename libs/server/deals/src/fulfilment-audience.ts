import { Audience } from '@ztt/notifications';
import { Deal } from './deal.entity';

/** Who hears of a contract's fulfilment: the members of the named sides, and always the deal's brokers. */
export function fulfilmentAudience(deal: Pick<Deal, 'demandOrgId' | 'supplyOrgId' | 'leadBrokerId' | 'coBrokerIds'>, sides: ('demand' | 'supply')[]): Audience[] {
  return [...sides.map((s) => ({ orgId: s === 'demand' ? deal.demandOrgId : deal.supplyOrgId })), { userIds: [deal.leadBrokerId, ...deal.coBrokerIds] }];
}
