import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Logger as NestjsPinoLogger, PinoLogger } from 'nestjs-pino';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import type { AppConfig } from '../config/app-config';
import { currentRequest, requestContextOf } from './request-context';

/** Secrets and personal data, never written: at the top of a line, one level down, and in a request's body. */
const SECRET_KEYS = ['password', 'currentPassword', 'newPassword', 'token', 'accessToken', 'refreshToken', 'email', 'phone'];

/** What pino replaces with "[redacted]" in every line. */
export const REDACTED_PATHS = [
  ...['authorization', 'cookie'].flatMap((h) => [`req.headers.${h}`, `headers.${h}`]),
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `req.body.${k}`]),
];

let streams: { out: DestinationStream; err: DestinationStream } | undefined;
/** Bytes of stdout lines gathered before a write, and the longest a line waits for one. */
const OUT_CHUNK = 4096;
const OUT_FLUSH_MS = 100;

/**
 * Where lines go: stdout, warnings and errors to stderr (the launcher shows those on its console), written
 * asynchronously. pino flushes both synchronously when the process exits, `process.exit` included; one
 * pair per process, shared by the apps a test runs in it. Stdout is written in chunks of at least
 * OUT_CHUNK bytes, or every OUT_FLUSH_MS: a line per request, each its own write, cost the liveness
 * probe a fifth of its throughput. Warnings and errors are written at once.
 */
function output(json: boolean): DestinationStream {
  const { out, err } = json ? destinations() : { out: pretty(destinations().out), err: pretty(destinations().err) };
  return pino.multistream(
    [
      { level: 'trace', stream: out },
      { level: 'warn', stream: err },
    ],
    { dedupe: true },
  );
}

/** The process's stdout and stderr streams, made on first use. */
function destinations(): { out: DestinationStream; err: DestinationStream } {
  return (streams ??= {
    out: pino.destination({ dest: 1, sync: false, minLength: OUT_CHUNK, periodicFlush: OUT_FLUSH_MS }),
    err: pino.destination({ dest: 2, sync: false }),
  });
}

/** LOG_FORMAT=pretty: a short human line instead of JSON. */
function pretty(to: DestinationStream): DestinationStream {
  return {
    write: (line: string) => {
      const e = JSON.parse(line) as Record<string, unknown>;
      to.write(`${String(e.time)} ${String(e.level).toUpperCase()} [${String(e.context ?? e.service)}] ${String(e.msg ?? line.trimEnd())}\n`);
    },
  };
}

/**
 * The root logger of a process: one JSON object a line with `time`, `level` (its name), `service`, `pid`,
 * the id of the request or job being served (`requestId`) and the fields of the message. Secrets and
 * personal data are redacted.
 */
export function createLogger(service: 'api' | 'worker', config: AppConfig): Logger {
  return pino(
    {
      ...lineFormat(service, config),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const requestId = currentRequest()?.requestId;
        return requestId ? { requestId } : {};
      },
    },
    output(config.log.json),
  );
}

/**
 * The request log's logger: lines as createLogger's, but its lines have fixed fields that hold no
 * secret and carry their request's id themselves, and all are at info. So it neither redacts nor
 * looks up the request context, and writes to stdout alone: redaction, the context and the split by
 * level cost a line more than its writing did.
 */
export function createRequestLogger(service: 'api', config: AppConfig): Logger {
  const { out } = destinations();
  return pino(lineFormat(service, config), config.log.json ? out : pretty(out));
}

/** What every line carries: `time`, `level` (its name), `service` and `pid`, at the configured level. */
function lineFormat(service: 'api' | 'worker', config: AppConfig): LoggerOptions {
  return {
    level: config.log.level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** nestjs-pino's PinoLogger over `root` (its own is the first root the process made, whichever app it was for). */
class RootPinoLogger extends PinoLogger {
  constructor(private readonly root: Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Logger {
    return this.root;
  }
}

/**
 * The Nest logger (`new Logger('X')` everywhere goes through it): nestjs-pino's — an object message's keys
 * merged into the line, the context as `context` — but with Nest's `error(message, stack, context)` written
 * with the stack as a `stack` field (nestjs-pino would write it as a second `msg`), and `verbose` at debug.
 */
class NestLogger extends NestjsPinoLogger {
  override verbose(message: unknown, ...params: unknown[]): void {
    this.debug(message, ...params);
  }

  override error(message: unknown, ...params: unknown[]): void {
    const [stack, context] = params;
    if (params.length !== 2 || typeof context !== 'string' || (stack !== undefined && typeof stack !== 'string')) {
      super.error(message, ...params);
      return;
    }
    const fields = message instanceof Error ? { err: message } : message && typeof message === 'object' ? { ...message } : { msg: String(message) };
    super.error(stack ? { ...fields, stack } : fields, context);
  }
}

export function nestLogger(root: Logger): LoggerService {
  return new NestLogger(new RootPinoLogger(root), {});
}

/**
 * One line per request as it ends — `request`, method, path, status, ms, userId — with the request context's
 * id as the request's (so `installRequestContext` goes first), and `aborted` when the client went away
 * before the answer. The request itself (headers, body) is never logged, so `lines` need not redact.
 */
export function installRequestLog(fastify: FastifyInstance, lines: Logger): void {
  const line = (req: FastifyRequest, status: number, ms: number, aborted?: true) => {
    const ctx = requestContextOf(req);
    return { requestId: ctx?.requestId, method: req.method, path: req.url.split('?')[0], status, ms: Math.round(ms), userId: ctx?.userId, aborted };
  };
  fastify.addHook('onResponse', (req, reply, done) => {
    lines.info(line(req, reply.statusCode, reply.elapsedTime), 'request');
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    lines.info(line(req, 499, 0, true), 'request');
    done();
  });
}
