import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The one typed configuration object. Built once at boot from the environment by
 * `loadConfig`; nothing else reads process.env. Names are grouped by prefix.
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: {
    host: string;
    port: number;
    corsOrigins: string[];
    /** The largest request body, in bytes (uploads have their own limits). */
    bodyLimit: number;
    trustProxy: boolean;
    /** Requests a minute one address may make to the public (`@Public()`) routes without signing in, counted across every API process in Redis. */
    publicPerMinute: number;
    webDistDir: string | null;
    /** Where people reach the web app; links in emails and webhooks start with it. */
    publicUrl: string;
  };
  dataDir: string;
  db: { url: string; poolSize: number; logging: boolean };
  redis: { url: string; prefix: string };
  meili: { url: string; masterKey: string; indexPrefix: string };
  /** How long an API process keeps a search's answer for the same search again (0: not kept); see SearchAnswers. */
  search: { answerKeepMs: number };
  auth: {
    jwtSecret: string;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlDays: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    loginPerAddressPerMinute: number;
    /** Argon2id memory in KiB; 19 MiB minimum (docs/security.md). */
    argon2MemoryKib: number;
    argon2Iterations: number;
  };
  log: { level: 'debug' | 'info' | 'warn' | 'error'; json: boolean };
  /** Feature weights (override the defaults, see the matching lib) and how many matches per item. */
  matching: { weights: Record<string, number>; topK: number };
  mail: {
    /** null: no SMTP server, emails are written as .eml files into `logDir` (the development mail log). */
    smtp: { host: string; port: number; secure: boolean; user: string | null; password: string | null } | null;
    from: string;
    logDir: string;
  };
  notify: {
    /** Tests only: `host:port` authorities a webhook may reach over http, exempt from the address checks. */
    webhookAllowHosts: string[];
  };
  /**
   * Jobs: cron expressions and polling periods; `lockMs` is how long a worker's hold on a running job
   * lasts without renewal: a job whose worker died is taken up again by another within about twice that.
   */
  jobs: { maintenanceCron: string; expireCron: string; timezone: string; outboxRelayMs: number; reconcileMs: number; quarterlyCron: string; lockMs: number };
  /**
   * Deals: a reminder goes to the brokers of an open deal with no activity for `idleDays`; the scan runs every `idleScanMs`.
   * The fulfilment scan (every `fulfilmentScanMs`) reminds the parties `fulfilmentRemindDays` before a schedule line falls due, and marks it overdue after.
   */
  deals: { idleDays: number; idleScanMs: number; fulfilmentScanMs: number; fulfilmentRemindDays: number };
  /** The worker process: the port of its /health/live and /health/ready (on `http.host`); null: not served. */
  worker: { healthPort: number | null };
  /** The API under `main.ts`: how many processes serve the port (more than 1: a cluster, one primary forking them). */
  api: { processes: number };
  /** 科技金融: the policy programmes' rules (a JSON file, see docs/domain.md "Policy referrals"); null: the copy built into @ztt/finance. */
  finance: { policiesFile: string | null };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const MIN_SECRET_BYTES = 32; // 256 bits
/** Production refuses secrets with fewer distinct characters (a repeated word, not randomness); hex has 16. */
const MIN_SECRET_DISTINCT_CHARS = 10;

function lacksVariety(secret: string): boolean {
  return new Set(secret).size < MIN_SECRET_DISTINCT_CHARS;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const prod = nodeEnv === 'production';

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  /** A size in bytes: `1048576`, `512kb` or `1mb`. */
  const bytes = (name: string, def: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    if (!m) {
      problems.push(`${name} must be a size such as 1048576, 512kb or 1mb (got "${raw}")`);
      return def;
    }
    return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  };
  const required = (name: string, devDefault: string): string => {
    const v = env[name];
    if (v) return v;
    if (prod) problems.push(`${name} is required in production`);
    return devDefault;
  };

  const dataDir = path.resolve(env.DATA_DIR ?? '.data');

  let jwtSecret = env.AUTH_JWT_SECRET ?? '';
  if (!jwtSecret) {
    if (prod) problems.push('AUTH_JWT_SECRET is required in production (at least 32 bytes of randomness)');
    // Development only: a per-process secret, so tokens simply do not survive a restart.
    jwtSecret = randomBytes(MIN_SECRET_BYTES).toString('base64url');
  } else if (Buffer.byteLength(jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    problems.push('AUTH_JWT_SECRET is too short: use at least 32 bytes (256 bits), e.g. `openssl rand -base64 48`');
  } else if (prod && lacksVariety(jwtSecret)) {
    problems.push('AUTH_JWT_SECRET is not random: use e.g. `openssl rand -base64 48`');
  }

  const meiliKey = required('MEILI_MASTER_KEY', 'development-master-key-not-secret');
  if (prod && Buffer.byteLength(meiliKey, 'utf8') < 16) problems.push('MEILI_MASTER_KEY must have at least 16 bytes');
  else if (prod && lacksVariety(meiliKey)) problems.push('MEILI_MASTER_KEY is not random: use e.g. `openssl rand -hex 32`');

  const redisUrl = required('REDIS_URL', 'redis://127.0.0.1:6379');
  if (prod && env.REDIS_URL) {
    // Queued jobs carry ids and drive every side effect: production Redis asks for a password.
    const password = redisPassword(env.REDIS_URL);
    if (password === null) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
    else if (Buffer.byteLength(password, 'utf8') < 16 || lacksVariety(password)) {
      problems.push('REDIS_URL must carry a random password of at least 16 bytes in production (redis://:PASSWORD@host:6379; e.g. `openssl rand -hex 32`)');
    }
  }

  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['log']['level'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error');

  const processesRaw = env.API_PROCESSES ?? '';
  let apiProcesses = 1;
  if (processesRaw === 'auto' || processesRaw === '0') apiProcesses = os.availableParallelism();
  else if (/^[1-9]\d{0,2}$/.test(processesRaw) && Number(processesRaw) <= 256) apiProcesses = Number(processesRaw);
  else if (processesRaw !== '') problems.push(`API_PROCESSES must be auto (or 0: one per core) or a whole number from 1 to 256 (got "${processesRaw}")`);

  const smtpHost = env.SMTP_HOST ?? '';
  if (!smtpHost && prod) problems.push('SMTP_HOST is required in production (without it emails are only written to the mail log)');
  const smtpSecureRaw = env.SMTP_SECURE ?? '';
  if (!['', 'true', 'false'].includes(smtpSecureRaw)) problems.push(`SMTP_SECURE must be true or false (got "${smtpSecureRaw}")`);
  const smtpSecure = smtpSecureRaw === 'true';
  const smtpPort = int('SMTP_PORT', smtpSecure ? 465 : 587, 1, 65535);
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) problems.push('SMTP_USER and SMTP_PASSWORD go together: set both or neither');

  const publicUrl = (env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) origin such as https://kjcg.zhanjiang.gov.cn (got "${publicUrl}")`);

  const webhookAllowHosts = (env.NOTIFY_WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (webhookAllowHosts.length && nodeEnv !== 'test') problems.push('NOTIFY_WEBHOOK_ALLOW_HOSTS is for tests only (NODE_ENV=test)');
  for (const h of webhookAllowHosts) if (!/^[a-z0-9.-]+:\d{1,5}$/.test(h)) problems.push(`NOTIFY_WEBHOOK_ALLOW_HOSTS entries are host:port (got "${h}")`);

  const config: AppConfig = {
    env: nodeEnv,
    http: {
      host: env.HOST ?? '0.0.0.0',
      port: int('PORT', 3000, 0, 65535),
      corsOrigins: (env.HTTP_CORS_ORIGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bodyLimit: bytes('HTTP_BODY_LIMIT', 1024 * 1024),
      trustProxy: env.HTTP_TRUST_PROXY === 'true',
      publicPerMinute: int('HTTP_PUBLIC_PER_MINUTE', 6000, 1, 1_000_000),
      webDistDir: env.WEB_DIST_DIR === '' ? null : path.resolve(env.WEB_DIST_DIR ?? 'dist/web'),
      publicUrl,
    },
    dataDir,
    db: {
      url: required('DATABASE_URL', 'postgres://ztt_app:ztt_app@127.0.0.1:5432/ztt'),
      poolSize: int('DB_POOL_SIZE', 10, 1, 200),
      logging: env.DB_LOGGING === 'true',
    },
    redis: {
      url: redisUrl,
      prefix: env.REDIS_PREFIX ?? 'ztt',
    },
    meili: {
      url: required('MEILI_URL', 'http://127.0.0.1:7700'),
      masterKey: meiliKey,
      indexPrefix: env.MEILI_INDEX_PREFIX ?? 'ztt',
    },
    search: { answerKeepMs: int('SEARCH_ANSWER_KEEP_MS', 1000, 0, 60_000) },
    auth: {
      jwtSecret,
      issuer: env.AUTH_JWT_ISSUER ?? 'zhanjiang-tech-transfer',
      audience: env.AUTH_JWT_AUDIENCE ?? 'zhanjiang-tech-transfer-api',
      accessTtlSeconds: int('AUTH_ACCESS_TTL_SECONDS', 900, 30, 3600),
      refreshTtlDays: int('AUTH_REFRESH_TTL_DAYS', 30, 1, 90),
      loginMaxFailures: int('AUTH_LOGIN_MAX_FAILURES', 5, 1, 100),
      loginLockMinutes: int('AUTH_LOGIN_LOCK_MINUTES', 15, 1, 1440),
      loginPerAddressPerMinute: int('AUTH_LOGIN_PER_ADDRESS_PER_MINUTE', 100, 1, 100000),
      argon2MemoryKib: int('AUTH_ARGON2_MEMORY_KIB', 19456, 19456, 1048576),
      argon2Iterations: int('AUTH_ARGON2_ITERATIONS', 2, 2, 10),
    },
    mail: {
      smtp: smtpHost ? { host: smtpHost, port: smtpPort, secure: smtpSecure, user: env.SMTP_USER || null, password: env.SMTP_PASSWORD || null } : null,
      from: env.SMTP_FROM || '湛江科技成果转化对接平台 <noreply@localhost>',
      logDir: path.resolve(env.MAIL_LOG_DIR || path.join(dataDir, 'mail')),
    },
    notify: { webhookAllowHosts },
    log: { level: logLevel, json: env.LOG_FORMAT !== 'pretty' },
    matching: { weights: matchWeights(env.MATCH_WEIGHTS, problems), topK: int('MATCH_TOP_K', 20, 1, 100) },
    jobs: {
      maintenanceCron: env.JOBS_MAINTENANCE_CRON ?? '15 3 * * *',
      expireCron: env.JOBS_EXPIRE_CRON ?? '10 0 * * *',
      quarterlyCron: env.JOBS_QUARTERLY_CRON ?? '0 0 1 1,4,7,10 *',
      outboxRelayMs: int('JOBS_OUTBOX_RELAY_MS', 1000, 100, 60_000),
      reconcileMs: int('JOBS_RECONCILE_MS', 600_000, 1000, 86_400_000),
      lockMs: int('JOBS_LOCK_MS', 30_000, 1000, 600_000),
      timezone: env.JOBS_TIMEZONE ?? 'Asia/Shanghai',
    },
    deals: {
      idleDays: int('DEALS_IDLE_DAYS', 14, 1, 365),
      idleScanMs: int('DEALS_IDLE_SCAN_MS', 3_600_000, 100, 86_400_000),
      fulfilmentScanMs: int('DEALS_FULFILMENT_SCAN_MS', 3_600_000, 100, 86_400_000),
      fulfilmentRemindDays: int('DEALS_FULFILMENT_REMIND_DAYS', 7, 1, 60),
    },
    // Served by default in production only, where an orchestrator asks; 0 picks a free port.
    worker: { healthPort: env.WORKER_HEALTH_PORT ? int('WORKER_HEALTH_PORT', 3001, 0, 65535) : prod ? 3001 : null },
    api: { processes: apiProcesses },
    finance: { policiesFile: env.FINANCE_POLICIES_FILE ? path.resolve(env.FINANCE_POLICIES_FILE) : null },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The password in a redis:// URL ('' when none), or null when it is not such a URL. */
function redisPassword(url: string): string | null {
  try {
    const u = new URL(url);
    return ['redis:', 'rediss:'].includes(u.protocol) ? decodeURIComponent(u.password) : null;
  } catch {
    return null;
  }
}

/** MATCH_WEIGHTS: a JSON object of feature → non-negative weight, e.g. {"text":0.5,"chain":0.2}. */
function matchWeights(raw: string | undefined, problems: string[]): Record<string, number> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    const known = ['text', 'chain', 'keywords', 'trl', 'mode', 'budget', 'region', 'freshness'];
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    for (const [k, v] of Object.entries(parsed)) {
      if (!known.includes(k) || typeof v !== 'number' || !(v >= 0)) throw new Error(`bad entry ${k}`);
    }
    return parsed as Record<string, number>;
  } catch (e) {
    problems.push(`MATCH_WEIGHTS must be a JSON object of ${'{feature: weight ≥ 0}'} (${(e as Error).message})`);
    return {};
  }
}

/** For process entry points: the config, or a clear message and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
}
