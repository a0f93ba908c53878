import { FINANCE_EXTRAS_ENTITIES } from './finance-extras';
import { FinanceProfile, FinancingDisclosure, FinancingInterest, FinancingMatch, FinancingRequest, FinancingWatch } from './financing-request.entity';

export { FinanceModule } from './finance.module';
export { FINANCE_MIGRATIONS } from './migrations';
export { FinanceProfile, FinancingDisclosure, FinancingInterest, FinancingMatch, FinancingRequest, FinancingWatch } from './financing-request.entity';
export { FinancingRequestsService } from './financing-requests.service';
export type { FinanceOrgIds } from './financing-requests.service';
export { scoreFinancing } from './financing-match';
export type { FinanceProfileSide, FinancingRequestSide, FinancingScore } from './financing-match';

export { FinancingReferral } from './referral.entity';
export { Roadshow, RoadshowFollowUp, RoadshowInvestor, RoadshowProject, RoadshowSignup } from './roadshow.entity';
export { evaluatePolicies, parsePolicies } from './policies/policy-rules';
export { builtInFinancePolicies } from './policies/finance-policies';

export const FINANCE_ENTITIES = [FinancingRequest, FinanceProfile, FinancingDisclosure, FinancingMatch, FinancingInterest, FinancingWatch, ...FINANCE_EXTRAS_ENTITIES];
export { FinanceService } from './finance.service';
