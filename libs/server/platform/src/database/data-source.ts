import { DataSource, DataSourceOptions, EntitySchema, MigrationInterface, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;
/** Migration classes (class references survive bundling; docs/stack.md). Each domain exports its own. */
export type MigrationList = (new () => MigrationInterface)[];

export function dataSourceOptions(url: string, entities: EntityList = [], extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    ...extra,
  } as DataSourceOptions;
}

/** Tables the application's own role may read and append to, but never change or delete. */
const APPEND_ONLY_TABLES = ['audit_log'];

/**
 * Applies pending `migrations` (every domain's: MIGRATIONS from @ztt/entities) as the owner and (when `appRole` is given) grants the
 * application's role what it needs: all DML on every table except the append-only ones.
 */
export async function migrate(ownerUrl: string, migrations: MigrationList, appRole?: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(ownerUrl, [], { migrations, migrationsTransactionMode: 'each' }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations();
    if (appRole) {
      if (!/^[a-z_][a-z0-9_]*$/.test(appRole)) throw new Error(`unsafe role name: ${appRole}`);
      await ds.query(`GRANT USAGE ON SCHEMA public TO ${appRole}`);
      await ds.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole}`);
      await ds.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole}`);
      for (const t of APPEND_ONLY_TABLES) {
        await ds.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM ${appRole}`);
      }
    }
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
