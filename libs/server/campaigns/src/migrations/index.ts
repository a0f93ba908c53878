import { Campaigns1765300000000 } from './1765300000000-campaigns';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const CAMPAIGN_MIGRATIONS = [Campaigns1765300000000];
