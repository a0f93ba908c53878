import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { loadConfigOrExit } from '@ztt/platform';
import { createWorker } from './bootstrap';
import { serveWorkerHealth } from './health';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const worker = await createWorker(config);
  if (config.worker.healthPort === null) return;
  const server = await serveWorkerHealth(worker, config, config.worker.healthPort);
  const { port } = server.address() as AddressInfo;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'worker', msg: 'health listening', port }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`Worker failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
