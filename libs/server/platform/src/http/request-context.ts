import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Locale, pickLocale } from '@ztt/contracts';

export interface RequestContext {
  requestId: string;
  locale: Locale;
  clientAddress: string | null;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
/** The context of each request still being served, for code given the request rather than running in it. */
const byRequest = new WeakMap<object, RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The context `requestContextMiddleware` gave `req`. */
export function requestContextOf(req: object): RequestContext | undefined {
  return byRequest.get(req);
}

const SAFE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Gives each request an id (kept from X-Request-Id when it is safe), its locale and address. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const ctx: RequestContext = {
    requestId,
    locale: pickLocale(req.header('accept-language')),
    clientAddress: req.ip ?? null,
  };
  byRequest.set(req, ctx);
  storage.run(ctx, () => next());
}

/** Runs `fn` with a context of its own (jobs, scripts). */
export function runWithContext<T>(ctx: Partial<RequestContext>, fn: () => T): T {
  return storage.run({ requestId: ctx.requestId ?? randomUUID(), locale: ctx.locale ?? 'zh-CN', clientAddress: null, ...ctx }, fn);
}
