import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@ztt/platform';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, testConfig, testEnv } from './test-env';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  config: AppConfig;
  app: NestFastifyApplication;
  /** A superuser connection to this file's database, for arranging and checking rows. */
  db: Client;
  dbName: string;
  ownerUrl: string;
  appDbUrl: string;
  call<T = any>(method: string, path: string, opts?: CallOptions): Promise<HttpResult<T>>;
  close(): Promise<void>;
}

/** Calls the API at `baseUrl` as a client would: JSON in, the parsed body (or text) out. */
export function httpCaller(baseUrl: string): TestApi['call'] {
  return async <T>(method: string, path: string, opts: CallOptions = {}): Promise<HttpResult<T>> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  };
}

/** The real API on a free port, over its own cloned database and real Redis and Meilisearch. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const { name, appUrl, ownerUrl } = await createTestDatabase();
  const config = testConfig(appUrl, name, overrides);
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();

  const call = httpCaller(url);

  return {
    url,
    config,
    app,
    db,
    dbName: name,
    ownerUrl,
    appDbUrl: appUrl,
    call,
    close: async () => {
      await app.close();
      await db.end();
    },
  };
}

/** The real worker over the same database, queues and indexes as `api` (relaying the outbox quickly). */
export async function startTestWorker(api: TestApi, overrides: Record<string, string> = {}): Promise<INestApplicationContext> {
  const { createWorker } = await import('../../apps/worker/src/bootstrap');
  const config = testConfig(api.appDbUrl, api.dbName, { JOBS_OUTBOX_RELAY_MS: '200', ...overrides });
  const worker = await createWorker(config);
  await worker.init();
  return worker;
}

/** An app (API or worker) in its own process: killed with SIGKILL by a test, it gets no chance to clean up. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  kill(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs node with `args` in its own process (with `env`, else this process's environment; from the
 * repository, or `where.cwd`, as `where.uid`/`gid` when given); resolves once `ready` says so from
 * what it printed. `stop` sends a signal and waits for the exit.
 */
export async function spawnUntilReady(
  what: string,
  args: string[],
  env: Record<string, string> | undefined,
  ready: (output: string) => Promise<boolean>,
  timeoutMs = 60_000,
  where: { cwd?: string; uid?: number; gid?: number } = {},
): Promise<AppProcess & { stop(signal: NodeJS.Signals): Promise<void> }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, ...where, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    await eventually(
      `${what} started`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${what} exited (code ${child.exitCode}):\n${out.slice(-2000)}`);
        return ready(out);
      },
      timeoutMs,
    );
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return { child, output: () => out, kill: () => stop('SIGKILL'), stop };
}

/** Starts `entry` (an app's main.ts) in its own process with `env`; resolves once `ready` says so. */
function spawnApp(what: string, entry: string, env: Record<string, string>, ready: (output: string) => Promise<boolean>): Promise<AppProcess> {
  return spawnUntilReady(what, ['-r', './tools/swc-register.cjs', entry], { PATH: process.env.PATH ?? '', ...env }, ready);
}

/** The worker app in its own process, as `npm start` runs it; resolves once its queues are served. */
export async function spawnTestWorker(api: TestApi, overrides: Record<string, string> = {}): Promise<AppProcess> {
  const env = testEnv(api.appDbUrl, api.dbName, { JOBS_OUTBOX_RELAY_MS: '200', LOG_LEVEL: 'info', ...overrides });
  return spawnApp('worker process', 'apps/worker/src/main.ts', env, async (out) => out.includes('workers started'));
}

/** A second API over the same database, in its own process on a free port; resolves once it answers. */
export async function spawnTestApi(api: TestApi, overrides: Record<string, string> = {}): Promise<AppProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = testEnv(api.appDbUrl, api.dbName, { PORT: String(port), ...overrides });
  const proc = await spawnApp('API process', 'apps/api/src/main.ts', env, async () => {
    try {
      return (await fetch(`${url}/api/health/live`)).ok;
    } catch {
      return false;
    }
  });
  return { ...proc, url };
}

/**
 * A port nothing listens on, below the kernel's ephemeral range (as tools/stack/services.mjs picks
 * them): an outgoing connection never takes it, so a service stopped and started again in a test
 * finds it still free.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/**
 * Polls `check` until it returns true (or throws after `timeoutMs`). The default is generous: on a
 * busy two-core machine (the whole suite, a browser beside it) indexing or a job can take well over
 * ten seconds, and a passing check returns at once whatever the bound.
 */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
