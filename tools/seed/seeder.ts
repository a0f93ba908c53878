import type { FileStore } from '@ztt/platform';
import { EntityManager } from 'typeorm';

export interface SeedContext {
  manager: EntityManager;
  hashPassword: (password: string) => Promise<string>;
  /** Where demo files go: the app's own FileStore (its data directory); seed() always gives one. */
  files?: FileStore;
}

/**
 * One domain's demo records. `run` must be idempotent (look before inserting) and returns
 * how many records it created. Each later domain adds its seeder to SEEDERS in seed.ts.
 */
export interface Seeder {
  name: string;
  run(ctx: SeedContext): Promise<number>;
}
