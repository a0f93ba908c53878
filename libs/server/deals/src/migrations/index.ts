import { Deals1765100000000 } from './1765100000000-deals';
import { ContractTerms1765800000000 } from './1765800000000-contract-terms';
import { DealApproval1765810000000 } from './1765810000000-deal-approval';
import { ContractFulfilment1765820000000 } from './1765820000000-contract-fulfilment';
import { DealBrokerRating1766100100000 } from './1766100100000-deal-broker-rating';
import { FinancingDeals1766500000001 } from './1766500000001-financing-deals';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const DEAL_MIGRATIONS = [
  Deals1765100000000,
  ContractTerms1765800000000,
  DealApproval1765810000000,
  ContractFulfilment1765820000000,
  DealBrokerRating1766100100000,
  FinancingDeals1766500000001,
];
