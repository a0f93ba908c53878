import { Capacity1766600000000 } from './1766600000000-capacity';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const CAPACITY_MIGRATIONS = [Capacity1766600000000];
