// A PostgreSQL of one test's own, for tests that stop and start it (the shared one serves every
// test file at once). Prints one JSON line when it accepts connections; SIGTERM stops it cleanly.
//
//   OWN_PG_PASSWORD=… [OWN_PG_APP_PASSWORD=…] node test/harness/own-postgres.mjs <dir> <port> [--init]
//   (secrets never on a command line)
//
// With --init it also creates the application role and the `ztt` database and migrates it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, startPostgres, urlWithDatabase } from '../../tools/stack/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [dir, port, flag] = process.argv.slice(2);
const { OWN_PG_PASSWORD: password, OWN_PG_APP_PASSWORD: appPassword } = process.env;
const pg = await startPostgres({ dir, port: Number(port), password, logFile: path.join(dir, 'postgres.log'), fast: true });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
if (flag === '--init') {
  await ensureDatabase(pg.superUrl, { database: 'ztt', appRole: 'ztt_app', appPassword });
  const r = spawnSync(process.execPath, ['-r', './tools/swc-register.cjs', 'tools/stack/migrate.ts'], {
    cwd: root,
    env: { ...process.env, DB_MIGRATION_URL: urlWithDatabase(pg.superUrl, 'ztt'), DB_APP_ROLE: 'ztt_app' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(`migration failed:\n${r.stderr}`);
    await stop();
  }
}
process.stdout.write(`${JSON.stringify({ ready: true, superUrl: pg.superUrl })}\n`);
