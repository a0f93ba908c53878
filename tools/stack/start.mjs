#!/usr/bin/env node
// `npm start`: runs the whole product on this machine — PostgreSQL, Redis and Meilisearch (each
// unless DATABASE_URL / REDIS_URL / MEILI_URL is given), migrations, demo data on first run, the
// worker and the API serving the web app on http://localhost:3000. On a fresh clone it first
// installs what it needs (prerequisites.mjs). Every process is supervised: one that dies is started
// again with backoff while the others keep serving. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, ensureNodeModules, MissingPrerequisite, orExit, root } from './prerequisites.mjs';
import { Supervisor } from './supervisor.mjs';

const env = process.env;
const say = (zh, en = '') => process.stdout.write(`▸ ${zh}${en ? `  (${en})` : ''}\n`);
const fail = (zh, en = '') => {
  process.stderr.write(`✖ ${zh}${en ? `\n  ${en}` : ''}\n`);
  process.exit(1);
};

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`需要 Node.js 20 或更高版本（当前 ${process.version}）`, 'Node.js 20+ is required');
orExit(() => {
  ensureNodeModules();
  if (!env.REDIS_URL) ensureDebianPackages(['redis-server']);
});
try {
  ensureDebianPackages(['fonts-noto-cjk']);
} catch (e) {
  if (!(e instanceof MissingPrerequisite)) throw e;
  say(`提示：${e.message}（季度报告 PDF 中的中文将无法显示）`, 'PDF reports will lack Chinese glyphs until the font is installed');
}

// Only now may anything from node_modules load.
const { StackError, ensureDatabase, freePort, isPortFree, secret, startMeili, startPostgres, startRedis, stopChild, urlWithDatabase, waitFor } = await import('./services.mjs');

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let supervisor;
let runDir;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('正在停止所有服务…', 'stopping everything');
  await supervisor?.stopAll();
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
  say('已全部停止', 'all stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
// If whoever started us goes away without a signal reaching us (a shell that does not pass
// SIGTERM on), we are re-parented: stop everything rather than run on unattended.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown(0), 1_000).unref();

/** Generated once per data folder, kept in a file only its owner reads; never on a command line. */
function loadSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  const kept = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const s = { jwtSecret: secret(48), meiliMasterKey: secret(24), pgSuperPassword: secret(18), pgAppPassword: secret(18), redisPassword: secret(18), ...kept };
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildWebIfStale(webDist) {
  const index = path.join(webDist, 'index.html');
  const src = path.join(root, 'apps', 'web');
  const libs = path.join(root, 'libs', 'contracts', 'src');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(newestMtime(path.join(src, 'src')), newestMtime(libs))) return;
  say('构建网页端…', 'building the web app');
  const r = spawnSync(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new StackError('web build failed');
}

function runTs(script, extraEnv, label) {
  const r = spawnSync(process.execPath, ['-r', './tools/swc-register.cjs', script], {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new StackError(`${label} failed:\n${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

/** At most this many lines of an app's errors reach the console in a minute; all go to its log. */
const CONSOLE_LINES_PER_MINUTE = 20;

/**
 * Starts an app (API or worker) from its TypeScript entry; resolves once `ready()` is true,
 * rejects (and stops it) if it exits first or is not ready within two minutes. Its output goes
 * to logs/<name>.log; its error lines also reach the console, a few a minute at most.
 */
function startApp(name, script, appEnv, logDir, ready) {
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['-r', './tools/swc-register.cjs', script], {
    cwd: root,
    env: { ...env, ...appEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = ''; // the last lines, shown if it fails to start
  const keep = (d) => (output = (output + d.toString()).slice(-4096));
  let shown = 0;
  let hidden = 0;
  const minute = setInterval(() => {
    if (hidden) process.stderr.write(`[${name}] …另有 ${hidden} 行错误，见 (${hidden} more lines in) ${path.relative(root, logFile)}\n`);
    shown = hidden = 0;
  }, 60_000);
  minute.unref();
  child.stdout.on('data', (d) => {
    log.write(d);
    keep(d);
  });
  child.stderr.on('data', (d) => {
    log.write(d);
    keep(d);
    for (const line of d.toString().split('\n').filter(Boolean)) {
      if (shown++ < CONSOLE_LINES_PER_MINUTE) process.stderr.write(`[${name}] ${line}\n`);
      else hidden++;
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', () => (clearInterval(minute), log.end()));
  const running = { child, stop: () => stopChild(child, 'SIGTERM', 6_000) };
  return (async () => {
    let gone = false;
    void exited.then(() => (gone = true));
    try {
      await waitFor(
        name,
        async () => {
          if (gone) throw new StackError(`${name} 启动失败 (exited at start)，详见 ${path.relative(root, logFile)}:\n${output.slice(-1500)}`);
          return ready();
        },
        120_000,
        250,
      );
    } catch (e) {
      await running.stop(); // never leave one that did not come up running beside the next try
      throw e;
    }
    return running;
  })();
}

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/** `<data>/run/<name>.pid` names each running process, for a person (or a test) to find it. */
function pidFiles(runDir) {
  fs.mkdirSync(runDir, { recursive: true });
  return (name, running) => fs.writeFileSync(path.join(runDir, `${name}.pid`), `${running.child.pid}\n`);
}

const NAMES = { postgres: 'PostgreSQL', redis: 'Redis', meilisearch: 'Meilisearch', worker: 'worker', api: 'API' };

function report(e) {
  const n = NAMES[e.name] ?? e.name;
  if (e.kind === 'exited') process.stderr.write(`✖ ${n} 意外退出 (exited: ${e.how})，${e.delayMs / 1000} 秒后重启 (restarting in ${e.delayMs / 1000}s)\n`);
  if (e.kind === 'retry') process.stderr.write(`✖ ${n} 重启失败，${e.delayMs / 1000} 秒后再试 (restart failed, next try in ${e.delayMs / 1000}s): ${e.error.split('\n')[0]}\n`);
  if (e.kind === 'restarted')
    say(`${n} 已恢复，中断 ${(e.downMs / 1000).toFixed(1)} 秒`, `${n} restarted (pid ${e.pid}) after ${(e.downMs / 1000).toFixed(1)}s down, restart #${e.restarts}`);
}

async function main() {
  const started = Date.now();
  say('湛江科技成果转化对接平台 — 启动中', 'Zhanjiang tech-transfer marketplace — starting');

  const port = Number(env.PORT ?? 3000);
  if (!(await isPortFree(port))) {
    fail(`端口 ${port} 已被占用：请停止占用它的程序，或换一个端口运行：PORT=${port + 1} npm start`, `port ${port} is in use`);
  }
  const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const secrets = loadSecrets(dataDir);
  const production = env.NODE_ENV === 'production';
  runDir = path.join(dataDir, 'run');
  supervisor = new Supervisor({ report, onStart: pidFiles(runDir) });
  const where = [];

  // PostgreSQL
  let databaseUrl = env.DATABASE_URL;
  let migrationUrl = env.DB_MIGRATION_URL || env.DATABASE_URL;
  let appRole = env.DB_APP_ROLE;
  if (!databaseUrl) {
    const pgPort = Number(env.PG_PORT ?? 0) || (await freePort());
    say('启动 PostgreSQL（内置）…', `embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    const opts = { dir: path.join(dataDir, 'postgres'), port: pgPort, password: secrets.pgSuperPassword, logFile: path.join(logDir, 'postgres.log') };
    const pgsrv = await supervisor.start('postgres', () => startPostgres(opts));
    if (pgsrv.place !== opts.dir)
      where.push(
        `PostgreSQL 数据 data: ${pgsrv.place}（postgres 用户无法进入项目目录，${path.relative(root, opts.dir)} 链接到此处；the postgres user cannot reach the project folder, so ${path.relative(root, opts.dir)} links here）`,
      );
    appRole = 'ztt_app';
    await ensureDatabase(pgsrv.superUrl, { database: 'ztt', appRole, appPassword: secrets.pgAppPassword });
    migrationUrl = urlWithDatabase(pgsrv.superUrl, 'ztt');
    databaseUrl = urlWithDatabase(pgsrv.superUrl, 'ztt', appRole, secrets.pgAppPassword);
  } else say('使用已有 PostgreSQL', 'DATABASE_URL is set');

  // Redis
  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    const redisPort = Number(env.REDIS_PORT ?? 0) || (await freePort());
    say('启动 Redis（队列：noeviction + AOF，需密码）…', `redis-server on 127.0.0.1:${redisPort}, password required`);
    const opts = { dir: path.join(dataDir, 'redis'), port: redisPort, password: secrets.redisPassword, logFile: path.join(logDir, 'redis.log') };
    redisUrl = (await supervisor.start('redis', () => startRedis(opts))).url;
  } else say('使用已有 Redis', 'REDIS_URL is set');

  // Meilisearch
  let meiliUrl = env.MEILI_URL;
  let meiliKey = env.MEILI_MASTER_KEY;
  if (!meiliUrl) {
    const meiliPort = Number(env.MEILI_PORT ?? 0) || (await freePort());
    say('启动 Meilisearch（仅本机可访问）…', `Meilisearch on 127.0.0.1:${meiliPort}`);
    meiliKey = secrets.meiliMasterKey;
    const opts = {
      dir: path.join(dataDir, 'meilisearch'),
      port: meiliPort,
      masterKey: meiliKey,
      logFile: path.join(logDir, 'meilisearch.log'),
      env: production ? 'production' : 'development',
    };
    meiliUrl = (await supervisor.start('meilisearch', () => startMeili(opts))).url;
  } else if (!meiliKey) fail('设置了 MEILI_URL 时也需要设置 MEILI_MASTER_KEY', 'MEILI_MASTER_KEY is required with MEILI_URL');

  const workerHealthPort = await freePort();
  const appEnv = {
    NODE_ENV: production ? 'production' : 'development',
    PORT: String(port),
    WORKER_HEALTH_PORT: String(workerHealthPort),
    // One API process per core (node:cluster in apps/api), at most 4: each holds its own pool of
    // DB_POOL_SIZE connections, and the embedded PostgreSQL allows 100.
    API_PROCESSES: env.API_PROCESSES ?? String(Math.min(os.availableParallelism(), 4)),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? secrets.jwtSecret,
    WEB_DIST_DIR: path.join(root, 'dist', 'web'),
  };

  say('执行数据库迁移…', 'applying migrations');
  say(runTs('tools/stack/migrate.ts', { DB_MIGRATION_URL: migrationUrl, DB_APP_ROLE: appRole ?? '' }, 'migration'));
  if (!production && env.ZTT_DEMO_DATA !== 'off') {
    say('载入演示数据（已存在则跳过）…', 'loading demo data');
    say(`新建记录 ${runTs('tools/seed/seed.ts', appEnv, 'seeding')}`, 'records created per domain');
  }
  buildWebIfStale(appEnv.WEB_DIST_DIR);

  say('启动后台任务进程与 API…', 'starting the worker and the API');
  // Both answer a liveness probe once they serve: the worker once its queues are consumed.
  const workerReady = () => answers(`http://127.0.0.1:${workerHealthPort}/health/live`);
  const apiLive = () => answers(`http://127.0.0.1:${port}/api/health/live`);
  await Promise.all([
    supervisor.start('worker', () => startApp('worker', 'apps/worker/src/main.ts', appEnv, logDir, workerReady), 'apps'),
    supervisor.start('api', () => startApp('api', 'apps/api/src/main.ts', appEnv, logDir, apiLive), 'apps'),
  ]);
  await waitFor('API', () => answers(`http://127.0.0.1:${port}/api/health/ready`), 60_000, 250);

  const url = `http://localhost:${port}`;
  process.stdout.write(`
✔ 已就绪，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒 (ready)
  网页 Web:        ${url}
  接口文档 API:    ${url}/api/docs
  健康检查 Health: ${url}/api/health/ready
  数据目录 Data:   ${dataDir}
  日志 Logs:       ${logDir}
${where.map((w) => `  ${w}\n`).join('')}`);
  if (!production) {
    const { DEMO_USERS, DEMO_PASSWORD } = JSON.parse(runTs('tools/seed/print-accounts.ts', {}, 'accounts'));
    process.stdout.write(`\n  演示账号 Demo accounts（密码 password: ${DEMO_PASSWORD}）\n`);
    for (const u of DEMO_USERS) process.stdout.write(`    ${u.email.padEnd(24)} ${u.purpose}\n`);
  }
  process.stdout.write('\n  任一进程意外退出都会自动重启 (a process that dies is restarted)；按 Ctrl-C 停止 (Ctrl-C to stop)\n');
}

main().catch(async (e) => {
  process.stderr.write(`✖ ${e instanceof StackError ? e.message : (e?.stack ?? e)}\n`);
  await shutdown(1);
});
