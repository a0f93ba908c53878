import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Locale, pickLocale } from '@ztt/contracts';

export interface RequestContext {
  requestId: string;
  locale: Locale;
  clientAddress: string | null;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
/** The context of each request still being served, by its Fastify request. */
const byRequest = new WeakMap<object, RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The context `installRequestContext` gave `req`. */
export function requestContextOf(req: FastifyRequest): RequestContext | undefined {
  return byRequest.get(req);
}

const SAFE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function contextFor(req: FastifyRequest): RequestContext {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  const language = req.headers['accept-language'];
  return { requestId, locale: pickLocale(typeof language === 'string' ? language : undefined), clientAddress: req.ip ?? null };
}

/**
 * Gives each request an id (kept from X-Request-Id when it is safe), its locale and address, as soon
 * as it arrives, and runs the rest of its handling in that context. Fastify reads a body on the
 * socket's own events, outside the context of the hook that started it, so the context is entered
 * again before the handler (guards, pipes, the controller) runs.
 */
export function installRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    const ctx = contextFor(req);
    byRequest.set(req, ctx);
    void reply.header('X-Request-Id', ctx.requestId);
    storage.run(ctx, done);
  });
  fastify.addHook('preHandler', (req, _reply, done) => {
    const ctx = byRequest.get(req);
    if (ctx) storage.run(ctx, done);
    else done();
  });
}

/** Runs `fn` with a context of its own (jobs, scripts). */
export function runWithContext<T>(ctx: Partial<RequestContext>, fn: () => T): T {
  return storage.run({ requestId: ctx.requestId ?? randomUUID(), locale: ctx.locale ?? 'zh-CN', clientAddress: null, ...ctx }, fn);
}
