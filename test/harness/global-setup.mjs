// Starts the real services once for the whole test run, on free ports with a throw-away data
// directory, and migrates a template database that each test file clones.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, freePort, secret, startMeili, startPostgres, startRedis, urlWithDatabase } from '../../tools/stack/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-test-'));
  fs.chmodSync(dir, 0o755);
  const pgPassword = secret(12);
  const appPassword = secret(12);
  const meiliKey = secret(24);
  const redisPassword = secret(18);
  const [pgPort, redisPort, meiliPort] = [await freePort(), await freePort(), await freePort()];
  const started = await Promise.allSettled([
    startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, password: pgPassword, logFile: path.join(dir, 'postgres.log'), fast: true }),
    startRedis({ dir: path.join(dir, 'redis'), port: redisPort, password: redisPassword, logFile: path.join(dir, 'redis.log') }),
    startMeili({ dir: path.join(dir, 'meili'), port: meiliPort, masterKey: meiliKey, logFile: path.join(dir, 'meili.log') }),
  ]);
  const ok = started.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  globalThis.__ZTT_SERVICES__ = { dir, stops: ok.map((s) => s.stop) };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Jest skips the teardown when setup fails: stop what did start, keep the logs for reading.
    await Promise.all(ok.map((s) => s.stop()));
    throw failed.reason;
  }
  const [pgsrv, redis, meili] = ok;

  await ensureDatabase(pgsrv.superUrl, { database: 'ztt_template', appRole: 'ztt_app', appPassword });
  const r = spawnSync(process.execPath, ['-r', './tools/swc-register.cjs', 'tools/stack/migrate.ts'], {
    cwd: root,
    env: { ...process.env, DB_MIGRATION_URL: urlWithDatabase(pgsrv.superUrl, 'ztt_template'), DB_APP_ROLE: 'ztt_app' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`migrating the template database failed:\n${r.stderr}`);

  Object.assign(process.env, {
    ZTT_TEST_PG_SUPER_URL: pgsrv.superUrl,
    ZTT_TEST_PG_APP_PASSWORD: appPassword,
    ZTT_TEST_REDIS_URL: redis.url,
    ZTT_TEST_MEILI_URL: meili.url,
    ZTT_TEST_MEILI_KEY: meiliKey,
    ZTT_TEST_DIR: dir,
  });
}
