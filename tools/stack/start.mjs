#!/usr/bin/env node
// `npm start`: runs the whole product on this machine — PostgreSQL, Redis and Meilisearch (each
// unless DATABASE_URL / REDIS_URL / MEILI_URL is given), migrations, demo data on first run, the
// worker and the API serving the web app on http://localhost:3000. Ctrl-C stops everything.
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  StackError, ensureDatabase, findRedis, freePort, isPortFree, secret, startMeili, startPostgres, startRedis,
  stopChild, urlWithDatabase, waitFor,
} from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const say = (zh, en = '') => process.stdout.write(`▸ ${zh}${en ? `  (${en})` : ''}\n`);
const fail = (zh, en = '') => {
  process.stderr.write(`✖ ${zh}${en ? `\n  ${en}` : ''}\n`);
  process.exit(1);
};

const stops = []; // stop functions, run in reverse order
const apps = []; // api and worker children
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('正在停止所有服务…', 'stopping everything');
  await Promise.all(apps.map((c) => stopChild(c, 'SIGTERM', 6_000)));
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
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

function loadSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = { jwtSecret: secret(48), meiliMasterKey: secret(24), pgSuperPassword: secret(18), pgAppPassword: secret(18) };
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

function ensureInstalled() {
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) return;
  say('首次运行：安装依赖 npm ci …', 'installing dependencies');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('npm ci 失败，请检查网络与 npm 配置', 'npm ci failed');
}

function ensureRedisInstalled() {
  if (findRedis()) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    say('未找到 redis-server，正在用 apt-get 安装…', 'installing redis-server');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server', { stdio: 'inherit' });
    return;
  }
  fail('未找到 redis-server：请先安装（sudo apt-get install -y redis-server），或设置 REDIS_URL', 'redis-server not found');
}

/** The quarterly PDF report needs a Chinese font; as root with apt, install Debian's Noto CJK (one try). */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
function ensureCjkFont() {
  if (fs.existsSync(CJK_FONT) || fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc')) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    say('未找到中文字体，正在用 apt-get 安装 fonts-noto-cjk（季度报告 PDF 需要）…', 'installing fonts-noto-cjk for the PDF reports');
    const r = spawnSync('/bin/sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk'], { stdio: 'inherit' });
    if (r.status === 0) return;
  }
  say('提示：未安装中文字体 fonts-noto-cjk，季度报告 PDF 中的中文将无法显示', 'note: fonts-noto-cjk missing, PDF reports will lack Chinese glyphs');
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
  const r = spawnSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
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

function startApp(name, script, appEnv, logDir) {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['-r', './tools/swc-register.cjs', script], {
    cwd: root,
    env: { ...env, ...appEnv },
    stdio: ['ignore', log, 'pipe'],
    detached: true,
  });
  fs.closeSync(log);
  child.stderr.on('data', (d) => {
    try {
      fs.appendFileSync(path.join(logDir, `${name}.log`), d);
    } catch {
      /* a lost log line must never take the launcher (and the stop of its children) down with it */
    }
    for (const line of d.toString().split('\n').filter(Boolean)) process.stderr.write(`[${name}] ${line}\n`);
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`✖ ${name} 意外退出 (exited: ${code ?? signal})，详见 ${path.relative(root, logDir)}/${name}.log\n`);
      void shutdown(1);
    }
  });
  apps.push(child);
  return child;
}

async function main() {
  const started = Date.now();
  say('湛江科技成果转化对接平台 — 启动中', 'Zhanjiang tech-transfer marketplace — starting');
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) fail(`需要 Node.js 20 或更高版本（当前 ${process.version}）`, 'Node.js 20+ is required');
  ensureInstalled();

  const port = Number(env.PORT ?? 3000);
  if (!(await isPortFree(port))) {
    fail(`端口 ${port} 已被占用：请停止占用它的程序，或换一个端口运行：PORT=${port + 1} npm start`, `port ${port} is in use`);
  }
  const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const secrets = loadSecrets(dataDir);
  const production = env.NODE_ENV === 'production';

  // PostgreSQL
  let databaseUrl = env.DATABASE_URL;
  let migrationUrl = env.DB_MIGRATION_URL || env.DATABASE_URL;
  let appRole = env.DB_APP_ROLE;
  if (!databaseUrl) {
    const pgPort = Number(env.PG_PORT ?? 0) || (await freePort());
    say('启动 PostgreSQL（内置）…', `embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    const pgsrv = await startPostgres({ dir: path.join(dataDir, 'postgres'), port: pgPort, password: secrets.pgSuperPassword, logFile: path.join(logDir, 'postgres.log') });
    stops.push(pgsrv.stop);
    appRole = 'ztt_app';
    await ensureDatabase(pgsrv.superUrl, { database: 'ztt', appRole, appPassword: secrets.pgAppPassword });
    migrationUrl = urlWithDatabase(pgsrv.superUrl, 'ztt');
    databaseUrl = urlWithDatabase(pgsrv.superUrl, 'ztt', appRole, secrets.pgAppPassword);
  } else say('使用已有 PostgreSQL', 'DATABASE_URL is set');

  ensureCjkFont();

  // Redis
  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    ensureRedisInstalled();
    const redisPort = Number(env.REDIS_PORT ?? 0) || (await freePort());
    say('启动 Redis（队列：noeviction + AOF）…', `redis-server on 127.0.0.1:${redisPort}`);
    const redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: redisPort, logFile: path.join(logDir, 'redis.log') });
    stops.push(redis.stop);
    redisUrl = redis.url;
  } else say('使用已有 Redis', 'REDIS_URL is set');

  // Meilisearch
  let meiliUrl = env.MEILI_URL;
  let meiliKey = env.MEILI_MASTER_KEY;
  if (!meiliUrl) {
    const meiliPort = Number(env.MEILI_PORT ?? 0) || (await freePort());
    say('启动 Meilisearch（仅本机可访问）…', `Meilisearch on 127.0.0.1:${meiliPort}`);
    meiliKey = secrets.meiliMasterKey;
    const meili = await startMeili({ dir: path.join(dataDir, 'meilisearch'), port: meiliPort, masterKey: meiliKey, logFile: path.join(logDir, 'meilisearch.log'), env: production ? 'production' : 'development' });
    stops.push(meili.stop);
    meiliUrl = meili.url;
  } else if (!meiliKey) fail('设置了 MEILI_URL 时也需要设置 MEILI_MASTER_KEY', 'MEILI_MASTER_KEY is required with MEILI_URL');

  const appEnv = {
    NODE_ENV: production ? 'production' : 'development',
    PORT: String(port),
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
  if (!production) {
    say('载入演示数据（已存在则跳过）…', 'loading demo data');
    say(`新建记录 ${runTs('tools/seed/seed.ts', appEnv, 'seeding')}`, 'records created per domain');
  }
  buildWebIfStale(appEnv.WEB_DIST_DIR);

  say('启动后台任务进程与 API…', 'starting the worker and the API');
  startApp('worker', 'apps/worker/src/main.ts', appEnv, logDir);
  startApp('api', 'apps/api/src/main.ts', appEnv, logDir);
  await waitFor('API', async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).ok, 60_000, 250);

  const url = `http://localhost:${port}`;
  process.stdout.write(`
✔ 已就绪，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒 (ready)
  网页 Web:        ${url}
  接口文档 API:    ${url}/api/docs
  健康检查 Health: ${url}/api/health/ready
  数据目录 Data:   ${path.relative(root, dataDir) || dataDir}   日志 Logs: ${path.relative(root, logDir)}
`);
  if (!production) {
    const { DEMO_USERS, DEMO_PASSWORD } = JSON.parse(runTs('tools/seed/print-accounts.ts', {}, 'accounts'));
    process.stdout.write(`\n  演示账号 Demo accounts（密码 password: ${DEMO_PASSWORD}）\n`);
    for (const u of DEMO_USERS) process.stdout.write(`    ${u.email.padEnd(24)} ${u.purpose}\n`);
  }
  process.stdout.write('\n  按 Ctrl-C 停止 (Ctrl-C to stop)\n');
}

main().catch(async (e) => {
  process.stderr.write(`✖ ${e instanceof StackError ? e.message : (e?.stack ?? e)}\n`);
  await shutdown(1);
});
