import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eventually } from './test-app';

const ROOT = path.resolve(__dirname, '..', '..');

/** A service of one test's own (see own-postgres.mjs, own-meili.mjs), and what it printed when ready. */
export interface OwnService<T> {
  child: ChildProcess;
  ready: T;
  stop(): Promise<void>;
}

/** Runs a helper script under test/harness; resolves with its JSON "ready" line. */
export async function startOwnService<T>(script: string, args: string[]): Promise<OwnService<T>> {
  const child = spawn(process.execPath, [path.join('test', 'harness', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  await eventually(
    `${script} ready`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}):\n${out}`);
      return out.includes('"ready":true');
    },
    90_000,
  );
  const ready = JSON.parse(out.split('\n').find((l) => l.includes('"ready":true')) as string) as T;
  return { child, ready, stop };
}

/** A TCP port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
