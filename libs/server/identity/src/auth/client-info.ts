import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './auth.service';

/** Where a request came from, for the sessions and the audit log. */
export function clientInfo(req: FastifyRequest): ClientInfo {
  return { clientAddress: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}
