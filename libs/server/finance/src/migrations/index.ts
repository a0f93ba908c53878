import { Finance1766500000000 } from './1766500000000-finance';
import { FinancingReferrals1766500000051 } from './1766500000051-financing-referrals';
import { Roadshows1766500000052 } from './1766500000052-roadshows';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const FINANCE_MIGRATIONS = [Finance1766500000000, FinancingReferrals1766500000051, Roadshows1766500000052];
