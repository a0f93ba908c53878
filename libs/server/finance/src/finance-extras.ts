import { ReferralsController, RoadshowsController } from './finance-extras.controller';
import { FinancePolicies } from './policies/finance-policies';
import { ReferralsService } from './referrals.service';
import { FinancingReferral } from './referral.entity';
import { ROADSHOW_ENTITIES } from './roadshow.entity';
import { RoadshowsService } from './roadshows.service';

/** The policy referrals and roadshows, as the module lists them (controllers, providers, entities). */
export const FINANCE_EXTRAS_CONTROLLERS = [ReferralsController, RoadshowsController];
export const FINANCE_EXTRAS_PROVIDERS = [FinancePolicies, ReferralsService, RoadshowsService];
export const FINANCE_EXTRAS_ENTITIES = [FinancingReferral, ...ROADSHOW_ENTITIES];
