import { Deals1765100000000 } from './1765100000000-deals';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const DEAL_MIGRATIONS = [Deals1765100000000];
