import { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnUntilReady } from './test-app';

export { freePort } from './test-app';

/** A service of one test's own (see own-postgres.mjs, own-meili.mjs), and what it printed when ready. */
export interface OwnService<T> {
  child: ChildProcess;
  ready: T;
  /** Stops the service cleanly (SIGTERM to the helper, which stops the service). */
  stop(): Promise<void>;
}

/** Runs a helper script under test/harness (secrets in `secrets`, its environment); resolves with its JSON "ready" line. */
export async function startOwnService<T>(script: string, args: string[], secrets: Record<string, string> = {}): Promise<OwnService<T>> {
  const env = { ...(process.env as Record<string, string>), ...secrets };
  const p = await spawnUntilReady(script, [path.join('test', 'harness', script), ...args], env, async (out) => out.includes('"ready":true'), 90_000);
  const line = p
    .output()
    .split('\n')
    .find((l) => l.includes('"ready":true')) as string;
  return { child: p.child, ready: JSON.parse(line) as T, stop: () => p.stop('SIGTERM') };
}
