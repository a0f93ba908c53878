import { Challenges1765000000000 } from './1765000000000-challenges';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const CHALLENGE_MIGRATIONS = [Challenges1765000000000];
