import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteEntry, routeTable } from '../../apps/api/src/bootstrap';

export type LiveRoute = RouteEntry;

/** Every route the running app answers, as it registered them with Fastify (the live route table). */
export function liveRoutes(app: NestFastifyApplication): LiveRoute[] {
  return routeTable(app);
}

/** Fills `:param` segments with a well-formed id that matches nothing. */
export function concretePath(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}
