import 'reflect-metadata';
import cluster from 'node:cluster';
import { AppConfig, loadConfigOrExit } from '@ztt/platform';
import { createApiApp } from './bootstrap';
import { runPrimary } from './cluster';

async function serve(config: AppConfig): Promise<void> {
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'api', msg: 'listening', port: config.http.port }) + '\n');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // API_PROCESSES > 1: this process forks the API processes (which run this file too) and watches them.
  if (config.api.processes > 1 && cluster.isPrimary) runPrimary(config);
  else await serve(config);
}

main().catch((e: unknown) => {
  process.stderr.write(`API failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
