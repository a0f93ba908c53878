// Keeps the product's processes running for `npm start`: a process that exits on its own is
// started again after a backoff, while the others keep serving. Each exit and each recovery is
// reported once, through `report`, so a crash loop never floods the console.

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A process that ran this long before it exited starts again after the first delay. */
const STABLE_AFTER_MS = 60_000;

/**
 * @typedef {{ child: import('node:child_process').ChildProcess, stop: () => Promise<void> }} Running
 * @typedef {{ kind: 'exited', name: string, how: string, delayMs: number }
 *   | { kind: 'retry', name: string, error: string, delayMs: number }
 *   | { kind: 'restarted', name: string, downMs: number, restarts: number, pid: number }} SupervisorEvent
 */

export class Supervisor {
  /** @param {{ report: (e: SupervisorEvent) => void, onStart?: (name: string, running: Running) => void }} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.units = [];
    this.stopping = false;
  }

  /**
   * Starts `name` with `start` (which resolves once the process serves) and watches it from then
   * on. A failure of this first start is the caller's to handle: nothing is retried at boot.
   * `group` orders the stop: groups stop in the reverse order of their first start.
   */
  async start(name, start, group = name) {
    const unit = { name, start, group, running: null, pending: null, delayMs: FIRST_DELAY_MS, restarts: 0, wake: null };
    this.units.push(unit);
    unit.running = await start();
    this.#started(unit);
    return unit.running;
  }

  #started(unit) {
    this.hooks.onStart?.(unit.name, unit.running);
    const since = Date.now();
    unit.running.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      unit.running = null;
      if (Date.now() - since >= STABLE_AFTER_MS) unit.delayMs = FIRST_DELAY_MS;
      this.hooks.report({ kind: 'exited', name: unit.name, how: signal ?? `code ${code}`, delayMs: unit.delayMs });
      unit.pending = this.#restart(unit, Date.now());
    });
  }

  async #restart(unit, downSince) {
    for (;;) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, unit.delayMs);
        unit.wake = () => (clearTimeout(timer), resolve());
      });
      unit.wake = null;
      if (this.stopping) return;
      unit.delayMs = Math.min(unit.delayMs * 2, MAX_DELAY_MS);
      try {
        unit.running = await unit.start();
      } catch (e) {
        if (this.stopping) return;
        this.hooks.report({ kind: 'retry', name: unit.name, error: e instanceof Error ? e.message : String(e), delayMs: unit.delayMs });
        continue;
      }
      if (this.stopping) return void (await unit.running.stop());
      unit.restarts += 1;
      this.hooks.report({ kind: 'restarted', name: unit.name, downMs: Date.now() - downSince, restarts: unit.restarts, pid: unit.running.child.pid });
      this.#started(unit);
      return;
    }
  }

  /** Stops everything: no more restarts; groups in the reverse order of their start, each group at once. */
  async stopAll() {
    this.stopping = true;
    for (const unit of this.units) unit.wake?.();
    const groups = [...new Set(this.units.map((u) => u.group))].reverse();
    for (const group of groups) {
      const units = this.units.filter((u) => u.group === group);
      await Promise.all(
        units.map(async (u) => {
          await u.pending; // a restart under way ends before its process is stopped
          await u.running?.stop().catch(() => undefined);
        }),
      );
    }
  }
}
