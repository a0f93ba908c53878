// Applies pending migrations as the database owner and grants the app's role what it needs.
// Usage: DB_MIGRATION_URL=postgres://owner@host/db DB_APP_ROLE=ztt_app npm run migrate
// (DB_MIGRATION_URL defaults to DATABASE_URL; DB_APP_ROLE is optional.)
import 'reflect-metadata';
import { MIGRATIONS } from '@ztt/entities';
import { migrate } from '@ztt/platform';

async function main(): Promise<void> {
  const url = process.env.DB_MIGRATION_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('Set DB_MIGRATION_URL (or DATABASE_URL) to the database to migrate');
  const applied = await migrate(url, MIGRATIONS, process.env.DB_APP_ROLE || undefined);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
