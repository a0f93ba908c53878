import 'reflect-metadata';
import { loadConfigOrExit } from '@ztt/platform';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'api', msg: 'listening', port: config.http.port }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`API failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
