import { SetMetadata } from '@nestjs/common';
import { JobName } from './job-names';

export const JOB_HANDLER = 'ztt:job-handler';

/** Marks a provider method as the handler of one job. Payloads carry ids only. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

export interface DiscoveredHandler {
  name: JobName;
  owner: string;
}

/** Each job must have exactly one handler; returns the problems, empty when all is well. */
export function checkJobHandlers(jobNames: readonly JobName[], handlers: readonly DiscoveredHandler[]): string[] {
  const problems: string[] = [];
  for (const name of jobNames) {
    const owners = handlers.filter((h) => h.name === name).map((h) => h.owner);
    if (owners.length === 0) problems.push(`job "${name}" has no handler`);
    if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const h of handlers) {
    if (!jobNames.includes(h.name)) problems.push(`handler ${h.owner} names unknown job "${h.name}"`);
  }
  return problems;
}
