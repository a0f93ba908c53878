import { Partners1765900000000 } from './1765900000000-partners';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const PARTNER_MIGRATIONS = [Partners1765900000000];
