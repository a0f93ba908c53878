import cluster, { Worker } from 'node:cluster';
import { AppConfig, createLogger } from '@ztt/platform';

/** The first restart of a process that died comes after this; each quick death in a row doubles it, up to the max. */
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 10_000;
/** A process that lived this long before it died counts as a fresh start: the backoff starts over. */
const STABLE_MS = 30_000;
/** On SIGTERM/SIGINT, processes still running after this are killed (the launcher waits 6 s). */
const STOP_GRACE_MS = 5_000;

/**
 * The primary when API_PROCESSES is more than 1: it forks that many API processes, which all listen on
 * the port (the primary accepts the connections and hands them out in turn). One that dies is started
 * again after a short backoff; one that dies before any has listened means the API cannot start, and the
 * primary stops with code 1 as a single process would. SIGTERM or SIGINT stops them all, then the primary.
 */
export function runPrimary(config: AppConfig): void {
  const log = createLogger('api', config).child({ context: 'Cluster' });
  const running = new Map<Worker, number>(); // each process and when it was forked
  let listened = false;
  let quickDeaths = 0;
  let exitCode: number | null = null; // set once stopping

  const fork = () => running.set(cluster.fork(), Date.now());
  const stop = (code: number) => {
    if (exitCode === null) {
      exitCode = code;
      for (const w of running.keys()) w.process.kill('SIGTERM');
      setTimeout(() => running.forEach((_, w) => w.process.kill('SIGKILL')), STOP_GRACE_MS).unref();
    }
    if (running.size === 0) process.exit(exitCode);
  };

  cluster.on('listening', (w) => {
    listened = true;
    log.info({ msg: 'api process listening', childPid: w.process.pid });
  });
  cluster.on('exit', (w, code, signal) => {
    const lived = Date.now() - (running.get(w) ?? 0);
    running.delete(w);
    const how = { childPid: w.process.pid, code, signal };
    if (exitCode !== null) return stop(exitCode);
    if (!listened) {
      log.error({ msg: 'api process failed to start', ...how });
      return stop(1);
    }
    quickDeaths = lived >= STABLE_MS ? 0 : quickDeaths + 1;
    const restartInMs = Math.min(RESTART_MIN_MS * 2 ** Math.max(0, quickDeaths - 1), RESTART_MAX_MS);
    log.warn({ msg: 'api process exited', ...how, restartInMs });
    setTimeout(() => exitCode === null && fork(), restartInMs);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      log.info({ msg: 'stopping api processes', signal });
      stop(0);
    });
  }

  log.info({ msg: 'starting api processes', processes: config.api.processes });
  for (let i = 0; i < config.api.processes; i++) fork();
}
