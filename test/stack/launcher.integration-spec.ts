import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../tools/seed/demo-data';
import { achievementInput, publishItem, TestUser } from '../harness/builders';
import { eventually, freePort, httpCaller, TestApi } from '../harness/test-app';

// `npm start` as a person runs it, from a data folder inside a private (0700) folder: run as root,
// the postgres user cannot reach it. It serves, keeps its secrets off every command line, and
// heals a worker and a Redis killed with SIGKILL while the API goes on answering. Ctrl-C leaves
// nothing running.

const ROOT = path.resolve(__dirname, '..', '..');
const isRoot = process.getuid?.() === 0;
const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-launcher-'));
fs.chmodSync(privateDir, 0o700);
const dataDir = path.join(privateDir, 'data');
let port = 0;
let launcher: ChildProcess;
let screen = '';
let exitCode: number | null = null;

const pidOf = (name: string): number => Number(fs.readFileSync(path.join(dataDir, 'run', `${name}.pid`), 'utf8'));
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
}
const log = (name: string): string => fs.readFileSync(path.join(dataDir, 'logs', `${name}.log`), 'utf8');
const count = (text: string, needle: string): number => text.split(needle).length - 1;

async function demoUser(api: TestApi, email: string): Promise<TestUser> {
  const res = await api.call('POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return { id: '', email, password: DEMO_PASSWORD, tokens: res.body, token: res.body.accessToken };
}

/** Kills `name` with SIGKILL; resolves once it serves again, asserting the API's liveness answered 200 all the while. */
async function killAndAwaitHealing(name: string, healed: () => Promise<boolean>): Promise<void> {
  const before = pidOf(name);
  process.kill(before, 'SIGKILL');
  const liveness: number[] = [];
  await eventually(
    `${name} restarted by the launcher`,
    async () => {
      liveness.push(await status(`http://127.0.0.1:${port}/api/health/live`));
      const now = fs.existsSync(path.join(dataDir, 'run', `${name}.pid`)) ? pidOf(name) : before;
      return now !== before && alive(now) && (await healed());
    },
    30_000,
  );
  expect(alive(before)).toBe(false);
  expect(liveness.filter((s) => s !== 200)).toEqual([]);
}

beforeAll(async () => {
  port = await freePort();
  launcher = spawn(process.execPath, ['tools/stack/start.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout?.on('data', (b: Buffer) => (screen += b.toString()));
  launcher.stderr?.on('data', (b: Buffer) => (screen += b.toString()));
  launcher.once('exit', (code) => (exitCode = code ?? -1));
  await eventually(
    'npm start ready',
    async () => {
      if (exitCode !== null) throw new Error(`the launcher exited (${exitCode}):\n${screen}`);
      return screen.includes('已就绪');
    },
    240_000,
  );
}, 300_000);

afterAll(async () => {
  if (exitCode === null) {
    launcher.kill('SIGINT');
    await eventually('launcher stopped', async () => exitCode !== null, 60_000).catch(() => launcher.kill('SIGKILL'));
  }
  const pg = path.join(dataDir, 'postgres');
  if (fs.lstatSync(pg, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(fs.realpathSync(pg), { recursive: true, force: true });
  fs.rmSync(privateDir, { recursive: true, force: true });
}, 90_000);

describe('npm start from a private folder, supervised', () => {
  it('serves the web app and the API, and says where the data is', async () => {
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
    expect(await status(`http://127.0.0.1:${port}/api/health/ready`)).toBe(200);
    expect(screen).toContain(`数据目录 Data:   ${dataDir}`);
    const pg = path.join(dataDir, 'postgres');
    // As root the postgres user cannot enter the 0700 folder: its files live elsewhere, linked from the data folder and named on screen.
    expect(fs.lstatSync(pg).isSymbolicLink()).toBe(isRoot);
    if (isRoot) expect(screen).toContain(`PostgreSQL 数据 data: ${fs.realpathSync(pg)}`);
    expect(fs.existsSync(path.join(fs.realpathSync(pg), 'data', 'PG_VERSION'))).toBe(true);
  });

  it('shows no secret on any command line', () => {
    const secrets = Object.values(JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const commandLines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    for (const s of secrets) expect(commandLines.includes(s)).toBe(false);
    // Redis really wants its password: a client without it is refused.
    const redisConf = fs.readFileSync(path.join(dataDir, 'redis', 'redis.conf'), 'utf8');
    expect(redisConf).toMatch(/^requirepass \S+$/m);
    expect(fs.statSync(path.join(dataDir, 'redis', 'redis.conf')).mode & 0o077).toBe(0);
  });

  it('restarts a worker killed with SIGKILL while the API keeps answering', async () => {
    // Healed once a second worker started its workers and the launcher said so (it says so once its health check answers, a moment later).
    await killAndAwaitHealing('worker', async () => count(log('worker'), 'workers started') >= 2 && screen.includes('worker 已恢复'));
    expect(screen).toMatch(/✖ worker 意外退出 \(exited: SIGKILL\)/);
    expect(screen).toMatch(/worker 已恢复/);
  });

  it('restarts Redis killed with SIGKILL; a published achievement then reaches search through the queues, and the worker says so once', async () => {
    const unreachableBefore = count(log('worker'), 'Redis unreachable');
    await killAndAwaitHealing('redis', async () => (await status(`http://127.0.0.1:${port}/api/health/ready`)) === 200 && screen.includes('Redis 已恢复'));
    expect(count(screen, '✖ Redis 意外退出')).toBe(1);
    expect(count(screen, 'Redis 已恢复')).toBe(1);

    // The demo university publishes an achievement: the worker relays it to the index through BullMQ on the new Redis.
    const api = { call: httpCaller(`http://127.0.0.1:${port}`) } as unknown as TestApi;
    const tto = await demoUser(api, 'tto@demo.zj.cn');
    const admin = await demoUser(api, 'admin@demo.zj.cn');
    const me = await api.call('GET', '/api/me', { token: tto.token });
    const title = `重启后的红树林碳汇监测技术${Date.now().toString(36)}`;
    await publishItem(api, 'achievement', tto, admin, achievementInput(me.body.memberships[0].organisationId, { title }));
    await eventually(
      'the achievement found by search',
      async () => {
        const res = await api.call('GET', `/api/search/achievements?q=${encodeURIComponent(title)}`);
        return res.status === 200 && res.body.items.some((h: { title: string }) => h.title === title);
      },
      30_000,
    );
    // One line for the outage (if the worker noticed it at all), not one per retry.
    expect(count(log('worker'), 'Redis unreachable') - unreachableBefore).toBeLessThanOrEqual(1);
  });

  it('stops everything on Ctrl-C, leaving no process behind', async () => {
    const pids = fs.readdirSync(path.join(dataDir, 'run')).map((f) => Number(fs.readFileSync(path.join(dataDir, 'run', f), 'utf8')));
    expect(pids).toHaveLength(5);
    launcher.kill('SIGINT');
    await eventually('launcher stopped', async () => exitCode !== null, 60_000);
    expect(exitCode).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'run'))).toBe(false);
    expect(screen).toContain('已全部停止');
  });
});
