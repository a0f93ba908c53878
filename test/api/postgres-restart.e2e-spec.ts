import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort, OwnService, startOwnService } from '../harness/own-service';
import { testConfig, withDatabase } from '../harness/test-env';

// docs/security.md #24: PostgreSQL restarted while the API is under load. The pool recovers: within
// 10 s of the database being back, every request succeeds again, with no restart of the API.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-pg-restart-'));
fs.chmodSync(dir, 0o755);
const password = randomBytes(9).toString('hex');
const appPassword = randomBytes(9).toString('hex');
let port = 0;
let pg: OwnService<{ superUrl: string }> | undefined;
let app: NestFastifyApplication | undefined;
let url = '';

/** Starts (or starts again) this file's own PostgreSQL; resolves once it accepts connections. */
async function startOwnPostgres(init: boolean): Promise<string> {
  pg = await startOwnService<{ superUrl: string }>('own-postgres.mjs', [dir, String(port), ...(init ? ['--init'] : [])], {
    OWN_PG_PASSWORD: password,
    OWN_PG_APP_PASSWORD: appPassword,
  });
  return pg.ready.superUrl;
}

beforeAll(async () => {
  port = await freePort();
  const superUrl = await startOwnPostgres(true);
  const isolation = `pgr_${randomBytes(4).toString('hex')}`;
  app = await createApiApp(testConfig(withDatabase(superUrl, 'ztt', 'ztt_app', appPassword), isolation));
  await app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under load', () => {
  it('answers every request again within 10 s of the database being back, reads and writes, without restarting the API', async () => {
    const results: { at: number; status: number; kind: 'read' | 'write'; message?: string }[] = [];
    let n = 0;
    const read = async () => {
      const res = await fetch(`${url}/api/challenges?group=open`, { signal: AbortSignal.timeout(15_000) });
      const body = (await res.json()) as { error?: { message: string } };
      results.push({ at: Date.now(), status: res.status, kind: 'read', message: body.error?.message });
    };
    const write = async () => {
      const res = await fetch(`${url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `restart-${n++}-${Date.now()}@example.cn`, password: 'Zhanjiang@2026', displayName: '重启测试' }),
        signal: AbortSignal.timeout(15_000),
      });
      await res.text();
      results.push({ at: Date.now(), status: res.status, kind: 'write' });
    };
    let running = true;
    const load = (async () => {
      const inFlight: Promise<void>[] = [];
      for (let tick = 0; running; tick++) {
        inFlight.push(read().catch(() => void results.push({ at: Date.now(), status: 0, kind: 'read' })));
        if (tick % 5 === 0) inFlight.push(write().catch(() => void results.push({ at: Date.now(), status: 0, kind: 'write' })));
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.all(inFlight);
    })();

    await new Promise((r) => setTimeout(r, 1_500));
    const before = results.length;
    expect(before).toBeGreaterThan(5);
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);

    await pg?.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    await startOwnPostgres(false);
    const back = Date.now();
    await new Promise((r) => setTimeout(r, 14_000));
    running = false;
    await load;

    // While it was down, requests were refused as a temporary outage (503, said in Chinese), not as
    // a fault (500), and none hung.
    const failed = results.filter((r) => r.status !== 200 && r.status !== 201);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((r) => r.status !== 503)).toEqual([]);
    expect(failed.find((r) => r.kind === 'read')?.message).toBe('服务暂时不可用，请稍后再试');
    // From 10 s after it was back, every read and every write succeeded.
    const late = results.filter((r) => r.at >= back + 10_000);
    expect(late.filter((r) => r.kind === 'read').length).toBeGreaterThan(10);
    expect(late.filter((r) => r.kind === 'write').length).toBeGreaterThan(2);
    expect(late.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    const ready = await fetch(`${url}/api/health/ready`);
    expect(ready.status).toBe(200);
  }, 120_000);
});
