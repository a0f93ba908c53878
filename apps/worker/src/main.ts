import 'reflect-metadata';
import { loadConfigOrExit } from '@ztt/platform';
import { createWorker } from './bootstrap';

createWorker(loadConfigOrExit()).catch((e: unknown) => {
  process.stderr.write(`Worker failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
