// Loads the demo data, domain by domain, each in its own transaction. Safe to run again.
import 'reflect-metadata';
import { PasswordService } from '@ztt/identity';
import { dataSourceOptions, FileStore, loadConfig } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { ENTITIES } from '@ztt/entities';
import { Seeder } from './seeder';
import { brokersSeeder } from './seeders/brokers.seeder';
import { brokerProfessionSeeder } from './seeders/broker-profession.seeder';
import { catalogueSeeder } from './seeders/catalogue.seeder';
import { commissionersSeeder } from './seeders/commissioners.seeder';
import { countiesSeeder } from './seeders/counties.seeder';
import { expertsSeeder } from './seeders/experts.seeder';
import { financeExtrasSeeder } from './seeders/finance-extras.seeder';
import { capacitySeeder } from './seeders/capacity.seeder';
import { financeSeeder } from './seeders/finance.seeder';
import { campaignsSeeder } from './campaigns.seeder';
import { challengesSeeder } from './challenges.seeder';
import { dealsSeeder } from './deals.seeder';
import { identitySeeder } from './seeders/identity.seeder';
import { kpisSeeder } from './seeders/kpis.seeder';

export const SEEDERS: Seeder[] = [
  identitySeeder,
  brokersSeeder,
  catalogueSeeder,
  dealsSeeder,
  brokerProfessionSeeder,
  challengesSeeder,
  campaignsSeeder,
  commissionersSeeder,
  expertsSeeder,
  kpisSeeder,
  countiesSeeder,
  capacitySeeder,
  financeSeeder,
  financeExtrasSeeder,
];

export async function seed(ds: DataSource, passwords: PasswordService, files: FileStore = new FileStore(loadConfig())): Promise<Record<string, number>> {
  const created: Record<string, number> = {};
  for (const s of SEEDERS) {
    created[s.name] = await ds.transaction((manager) => s.run({ manager, hashPassword: (p) => passwords.hash(p), files }));
  }
  return created;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const ds = new DataSource(dataSourceOptions(config.db.url, ENTITIES));
  await ds.initialize();
  try {
    const created = await seed(ds, new PasswordService(config), new FileStore(config));
    process.stdout.write(`${JSON.stringify(created)}\n`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`seeding failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
