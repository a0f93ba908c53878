import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '@ztt/contracts';
import { AppException } from './app-exception';
import { renderError } from './error-body';
import { currentRequest } from './request-context';

const BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.TooManyAttempts,
  503: ErrorCode.ServiceUnavailable,
};

/** One error body shape for every failure; never a stack trace in a response. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const ctx = currentRequest();
    const locale = ctx?.locale ?? 'zh-CN';
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let code = ErrorCode.Internal;
    let fields: AppException['fields'] = [];

    if (exception instanceof AppException) {
      status = exception.getStatus();
      code = exception.code;
      fields = exception.fields;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      code = BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
    } else if (isHttpLike(exception)) {
      status = httpStatusOf(exception) as number;
      code = BY_STATUS[status] ?? ErrorCode.ValidationFailed;
    } else if (isRefusedCharacters(exception)) {
      status = HttpStatus.BAD_REQUEST;
      code = ErrorCode.ValidationFailed;
    } else if (isConnectionLost(exception)) {
      // The database (or another service) is restarting or unreachable: try again shortly, not a fault.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      code = ErrorCode.ServiceUnavailable;
      if (!res.sent) void res.header('Retry-After', '5');
    }
    if (status >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ msg: err.message, status }, err.stack);
    }
    if (res.sent) return;
    void res.status(status).send(renderError(code, locale, ctx?.requestId, fields));
  }
}

/** The 4xx of an error that says its status: Fastify's (a body that is not JSON, too large, a bad upload) as `statusCode`. */
function httpStatusOf(e: unknown): number | undefined {
  const err = e as { statusCode?: unknown; status?: unknown } | null;
  const s = err?.statusCode ?? err?.status;
  return typeof s === 'number' && s >= 400 && s < 500 ? s : undefined;
}

/** An error raised before the handler (parsing the body or an upload) that carries a 4xx status. */
export function isHttpLike(e: unknown): e is { statusCode: number } {
  return httpStatusOf(e) !== undefined;
}

/**
 * PostgreSQL refusing the characters of a value the caller sent — a NUL (U+0000) in text or jsonb
 * (22021, 22P05) — wherever it reaches the database: bad input (400), not a fault of ours (500).
 */
export function isRefusedCharacters(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code === '22021' || code === '22P05';
}

/** Socket errors of a lost or refused connection. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * A connection to PostgreSQL (or another service) refused or lost: a socket error, SQLSTATE class
 * 08 (connection exception), or 57P01–57P03 (the server shutting down, crashed, or starting up).
 * Also TypeORM's "query runner already released": a transaction whose connection died under it
 * released its runner, and a query of the same transaction still queued then finds it gone. The
 * transaction never committed, so the request may be retried like any other outage.
 */
export function isConnectionLost(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; message?: unknown; driverError?: { code?: unknown } } | null;
  if (err?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = err?.driverError?.code ?? err?.code;
  if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(message);
}
