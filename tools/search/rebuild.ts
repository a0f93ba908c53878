// Rebuilds the search indexes from PostgreSQL into fresh indexes and swaps them in, with no
// downtime: `npm run search:rebuild` (uses the same configuration as the apps).
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, PlatformModule } from '@ztt/platform';
import { AuditModule } from '@ztt/audit';
import { IdentityDirectoryModule } from '@ztt/identity';
import { NotificationsWorkerModule } from '@ztt/notifications';
import { SearchIndexService, SearchWorkerModule } from '@ztt/search';
import { ENTITIES } from '@ztt/entities';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The search module reads the catalogue through its reader (CatalogueWorkerModule), whose services need audit and notifications.
  @Module({ imports: [PlatformModule.forRoot(config, ENTITIES), AuditModule, NotificationsWorkerModule, IdentityDirectoryModule, SearchWorkerModule] })
  class RebuildModule {}
  const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['error', 'warn'] });
  try {
    const indexes = app.get(SearchIndexService);
    for (const kind of ['need', 'achievement'] as const) {
      const { documents } = await indexes.rebuild(kind);
      process.stdout.write(`${indexes.indexName(kind)}: ${documents} documents, swapped in\n`);
    }
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`rebuild failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
