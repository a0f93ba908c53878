import { constants as fsc } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, HealthService } from '@ztt/platform';

export interface WorkerReadiness {
  status: 'up' | 'down';
  services: { postgres: 'up' | 'down'; redis: 'up' | 'down'; meilisearch: 'up' | 'down' };
  /** DATA_DIR, shared with the API (docs/adr/0006-shared-data-volume.md): a directory this process may read and write. */
  dataDir: 'up' | 'down';
}

async function dataDirUsable(dir: string): Promise<boolean> {
  try {
    if (!(await fs.stat(dir)).isDirectory()) return false;
    await fs.access(dir, fsc.R_OK | fsc.W_OK | fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The worker's readiness: the jobs need PostgreSQL, Redis and the data volume; Meilisearch is
 * reported but not required (search jobs wait for it with their retries, the others run on).
 */
export async function workerReadiness(app: INestApplicationContext, config: AppConfig): Promise<WorkerReadiness> {
  const [{ services }, usable] = await Promise.all([app.get(HealthService).report(), dataDirUsable(config.dataDir)]);
  const up = services.postgres === 'up' && services.redis === 'up' && usable;
  return { status: up ? 'up' : 'down', services, dataDir: usable ? 'up' : 'down' };
}

/**
 * GET /health/live (the process answers) and /health/ready (503 unless ready) for Docker's and
 * orchestrators' probes. Started once the workers are, so an answer also says they were started.
 */
export async function serveWorkerHealth(app: INestApplicationContext, config: AppConfig, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    if (req.method !== 'GET') return reply(405, { status: 'method not allowed' });
    if (req.url === '/health/live') return reply(200, { status: 'up' });
    if (req.url !== '/health/ready') return reply(404, { status: 'not found' });
    workerReadiness(app, config).then(
      (r) => reply(r.status === 'up' ? 200 : 503, r),
      () => reply(503, { status: 'down' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.http.host, () => resolve());
  });
  // Not a reason to stay alive: the shutdown hooks end the process once the workers are closed.
  server.unref();
  return server;
}
