import { Injectable, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from '../queues/job-handler.decorator';
import { JobName } from '../queues/job-names';
import { OutboxTopic } from './outbox';

export const OUTBOX_HANDLER = 'ztt:outbox-handler';
export const JOB_FLOW = 'ztt:job-flow';

/** What a handler hands on: the jobs it queues and the outbox topics it writes. */
export interface FlowOut {
  queues?: JobName[];
  publishes?: OutboxTopic[];
}

/** The rows of one topic taken by one relay pass, oldest first: their ids, and the aggregates they name (each once). */
export interface RelayedRows {
  rowIds: string[];
  aggregateIds: string[];
}

export type OutboxHandlerFn = (rows: RelayedRows) => Promise<void>;

/**
 * Marks a provider method as a handler of an outbox topic: the relay calls it with each pass's rows
 * of that topic, inside the pass's transaction, before it marks them relayed. It queues jobs (with
 * ids derived from the rows, so a pass run again queues nothing new) and names them in `queues`.
 */
export const OnOutbox = (topic: OutboxTopic, out: FlowOut): MethodDecorator => SetMetadata(OUTBOX_HANDLER, { topic, ...out });

/** Says what a @JobHandler hands on, for `npm run flows`; it changes nothing at run time. */
export const HandsOn = (out: FlowOut): MethodDecorator => SetMetadata(JOB_FLOW, out);

export interface FlowStep {
  owner: string;
  queues: JobName[];
  publishes: OutboxTopic[];
}

export interface Flows {
  outbox: (FlowStep & { topic: OutboxTopic; run?: OutboxHandlerFn })[];
  jobs: (FlowStep & { name: JobName })[];
}

/**
 * Finds every @OnOutbox and @JobHandler of the application, with what each hands on. Works on a
 * running application (the relay calls the handlers found) and on one created in Nest's preview
 * mode (`npm run flows`), where providers have classes but no instances.
 */
@Injectable()
export class FlowRegistry {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  discover(): Flows {
    const flows: Flows = { outbox: [], jobs: [] };
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      const proto = (instance && typeof instance === 'object' ? Object.getPrototypeOf(instance) : (wrapper.metatype as { prototype?: object } | undefined)?.prototype) as
        Record<string, unknown> | undefined;
      if (!proto || proto === Object.prototype) continue;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = proto[method];
        if (typeof fn !== 'function') continue;
        const owner = `${(proto.constructor as { name: string }).name}.${method}`;
        const onOutbox = this.reflector.get<({ topic: OutboxTopic } & FlowOut) | undefined>(OUTBOX_HANDLER, fn);
        if (onOutbox) {
          const run = instance && typeof instance[method] === 'function' ? ((instance[method] as OutboxHandlerFn).bind(instance) as OutboxHandlerFn) : undefined;
          flows.outbox.push({ topic: onOutbox.topic, owner, queues: onOutbox.queues ?? [], publishes: onOutbox.publishes ?? [], run });
        }
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (job) {
          const out = this.reflector.get<FlowOut | undefined>(JOB_FLOW, fn) ?? {};
          flows.jobs.push({ name: job, owner, queues: out.queues ?? [], publishes: out.publishes ?? [] });
        }
      }
    }
    return flows;
  }
}

/** Topics without a handler: their rows would be relayed to nothing. */
export function checkOutboxHandlers(topics: readonly OutboxTopic[], flows: Flows): string[] {
  return topics.filter((t) => !flows.outbox.some((h) => h.topic === t)).map((t) => `outbox topic "${t}" has no @OnOutbox handler`);
}

/**
 * The flows as text, one tree per outbox topic: topic → its handlers → the jobs they queue → those
 * jobs' handlers → what they queue or publish, and so on (a topic or job already shown higher up
 * the same branch is named, not expanded again). Then the jobs that no flow reaches: scheduled ones.
 */
export function describeFlows(flows: Flows): string {
  const lines: string[] = [];
  const reached = new Set<JobName>();
  const job = (name: JobName, depth: number, seen: Set<string>) => {
    reached.add(name);
    const pad = '  '.repeat(depth);
    const handler = flows.jobs.find((j) => j.name === name);
    if (seen.has(name)) return void lines.push(`${pad}job ${name} (above)`);
    lines.push(`${pad}job ${name} → ${handler?.owner ?? 'NO HANDLER'}`);
    if (!handler) return;
    const next = new Set(seen).add(name);
    for (const q of handler.queues) job(q, depth + 1, next);
    for (const t of handler.publishes) topic(t, depth + 1, next);
  };
  const topic = (t: OutboxTopic, depth: number, seen: Set<string>) => {
    const pad = '  '.repeat(depth);
    if (seen.has(t)) return void lines.push(`${pad}outbox ${t} (above)`);
    lines.push(`${pad}outbox ${t}`);
    const next = new Set(seen).add(t);
    const handlers = flows.outbox.filter((h) => h.topic === t);
    if (!handlers.length) lines.push(`${pad}  NO HANDLER`);
    for (const h of handlers) {
      lines.push(`${pad}  → ${h.owner}`);
      for (const q of h.queues) job(q, depth + 2, next);
      for (const p of h.publishes) topic(p, depth + 2, next);
    }
  };
  for (const t of Object.values(OutboxTopic)) topic(t, 0, new Set());
  const rest = flows.jobs.filter((j) => !reached.has(j.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (rest.length) {
    lines.push('', 'jobs started by a schedule or a request:');
    for (const j of rest) job(j.name, 1, new Set());
  }
  return lines.join('\n');
}
