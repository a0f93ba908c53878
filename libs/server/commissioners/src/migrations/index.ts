import { Commissioners1766200000001 } from './1766200000001-commissioners';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const COMMISSIONER_MIGRATIONS = [Commissioners1766200000001];
