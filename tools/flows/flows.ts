// `npm run flows`: prints the worker's event flow, from each outbox topic through the handlers and
// the jobs they queue to the jobs' handlers, as the running worker would wire it. The worker's
// module is built in Nest's preview mode: every provider is found, none is created, so nothing
// connects to PostgreSQL, Redis or Meilisearch.
import 'reflect-metadata';
import { DiscoveryService, MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { describeFlows, FlowRegistry, loadConfig } from '@ztt/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, NODE_ENV: 'development' })), { preview: true, logger: false });
  // In preview mode no provider exists, the registry included: it is built here on the module container.
  const registry = new FlowRegistry(new DiscoveryService(app.get(ModulesContainer)), new MetadataScanner(), new Reflector());
  process.stdout.write(describeFlows(registry.discover()) + '\n');
  await app.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`flows: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
