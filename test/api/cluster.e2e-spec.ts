import fs from 'node:fs';
import http from 'node:http';
import { AppProcess, TestApi, eventually, spawnTestApi, startTestApi } from '../harness/test-app';

/**
 * API_PROCESSES=2: `apps/api/src/main.ts` is a primary forking two API processes on one port. Which
 * process served a request is read from its request line (each line carries the writer's pid); the
 * processes' pids from the primary's lines.
 */
let api: TestApi;
let primary: AppProcess & { url: string };

beforeAll(async () => {
  api = await startTestApi();
  primary = await spawnTestApi(api, { API_PROCESSES: '2', LOG_LEVEL: 'info' });
}, 180_000);

afterAll(async () => {
  await primary?.kill();
  await api?.close();
});

type Line = Record<string, unknown>;
function lines(): Line[] {
  return primary
    .output()
    .split('\n')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Line];
      } catch {
        return [];
      }
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The API processes running now, as the primary announced them. */
function processes(): number[] {
  return lines()
    .filter((l) => l.msg === 'api process listening')
    .map((l) => l.childPid as number)
    .filter(alive);
}

function parentOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

let sent = 0;
/** GETs /api/health/live `n` times, each on a connection of its own (the primary hands connections out in turn). */
async function requests(n: number): Promise<{ ids: string[]; statuses: number[] }> {
  const ids = Array.from({ length: n }, () => `cluster-${++sent}`);
  const statuses = await Promise.all(
    ids.map(
      (id) =>
        new Promise<number>((resolve, reject) => {
          http
            .get(`${primary.url}/api/health/live`, { agent: false, headers: { 'x-request-id': id } }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            })
            .on('error', reject);
        }),
    ),
  );
  return { ids, statuses };
}

/** The pids of the processes that served `ids`, once every one of them has its request line. */
async function servedBy(ids: string[]): Promise<Set<number>> {
  const pidOf = () =>
    new Map(
      lines()
        .filter((l) => l.msg === 'request')
        .map((l) => [l.requestId as string, l.pid as number]),
    );
  await eventually('request lines written', async () => ids.every((id) => pidOf().has(id)), 30_000);
  const map = pidOf();
  return new Set(ids.map((id) => map.get(id) as number));
}

describe('the API as a cluster (API_PROCESSES=2)', () => {
  it('serves from two processes forked by the primary', async () => {
    await eventually('two API processes listening', async () => processes().length === 2, 90_000);
    const children = processes();
    for (const pid of children) expect(parentOf(pid)).toBe(primary.child.pid);

    const { ids, statuses } = await requests(20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect([...(await servedBy(ids))].sort()).toEqual([...children].sort());
    // The request line: these fields and no others (no headers, no body).
    expect(lines().find((l) => l.msg === 'request' && l.requestId === ids[0])).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'api',
      pid: expect.any(Number),
      requestId: ids[0],
      method: 'GET',
      path: '/api/health/live',
      status: 200,
      ms: expect.any(Number),
      msg: 'request',
    });
  }, 120_000);

  it('starts another process in place of one killed, answering all along', async () => {
    const [victim, survivor] = processes();
    process.kill(victim, 'SIGKILL');
    await eventually('the killed process gone', async () => !alive(victim));
    expect((await requests(10)).statuses.every((s) => s === 200)).toBe(true);

    await eventually('a replacement listening', async () => processes().length === 2, 90_000);
    const replacement = processes().find((p) => p !== survivor) as number;
    expect(replacement).not.toBe(victim);
    expect(parentOf(replacement)).toBe(primary.child.pid);
    expect(lines().filter((l) => l.msg === 'api process exited')).toEqual([
      expect.objectContaining({ level: 'warn', childPid: victim, signal: 'SIGKILL', restartInMs: expect.any(Number) }),
    ]);

    const { ids, statuses } = await requests(20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect([...(await servedBy(ids))].sort()).toEqual([survivor, replacement].sort());
  }, 120_000);

  it('stops every process on SIGTERM, then exits', async () => {
    const children = processes();
    const exited = new Promise<number | null>((resolve) => primary.child.once('exit', (code) => resolve(code)));
    primary.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(children.filter(alive)).toEqual([]);
    expect(lines().some((l) => l.msg === 'stopping api processes')).toBe(true);
  });
});
