import { LoggerService } from '@nestjs/common';
import { currentRequest } from './request-context';

const LEVELS = { debug: 10, verbose: 10, info: 20, log: 20, warn: 30, error: 40, fatal: 50 } as const;
type Level = keyof typeof LEVELS;

/**
 * Structured logs: one JSON object a line on stdout, with the request id of the request
 * being served (if any). `pretty` prints a short human line instead, for the launcher.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info',
    private readonly json = true,
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    // Nest passes the context (class name) last, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const stack = typeof args[0] === 'string' && level === 'error' ? (args.shift() as string) : undefined;
    const req = currentRequest();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: level === 'log' ? 'info' : level,
      service: this.service,
      context,
      requestId: req?.requestId,
    };
    if (message && typeof message === 'object' && !(message instanceof Error)) Object.assign(entry, message);
    else entry.msg = message instanceof Error ? message.message : String(message);
    if (stack) entry.stack = stack;
    if (args.length) entry.extra = args;
    const line = this.json
      ? JSON.stringify(entry)
      : `${entry.time} ${String(entry.level).toUpperCase()} [${context ?? this.service}] ${entry.msg ?? JSON.stringify(entry)}`;
    (LEVELS[level] >= LEVELS.warn ? process.stderr : process.stdout).write(line + '\n');
  }
}
