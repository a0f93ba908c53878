/**
 * Tells an outage of a service once, and its end once: while Redis or PostgreSQL is down, BullMQ
 * and the scheduled jobs fail again every second, and a log line each time would bury the one
 * that matters.
 */
export class OutageLog {
  private readonly downSince = new Map<string, number>();

  constructor(private readonly log: { warn(entry: object): void; log(entry: object): void }) {}

  /** An error that says `service` cannot be reached: the first one of an outage is logged. */
  down(service: string, error: string): void {
    if (this.downSince.has(service)) return;
    this.downSince.set(service, Date.now());
    this.log.warn({ msg: `${service} unreachable: jobs wait until it is back`, error });
  }

  /** `service` answered again: logged once, with how long it was away. */
  up(service: string): void {
    const since = this.downSince.get(service);
    if (since === undefined) return;
    this.downSince.delete(service);
    this.log.log({ msg: `${service} reachable again`, downMs: Date.now() - since });
  }

  isDown(service: string): boolean {
    return this.downSince.has(service);
  }
}
