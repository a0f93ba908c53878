import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@ztt/platform';
import { Client } from 'pg';

const env = process.env as Record<string, string>;

export function withDatabase(url: string, database: string, user?: string, password?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) u.username = user;
  if (password !== undefined) u.password = encodeURIComponent(password);
  return u.toString();
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<{ name: string; appUrl: string; ownerUrl: string }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const c = new Client({ connectionString: env.ZTT_TEST_PG_SUPER_URL });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name} TEMPLATE ztt_template`);
  } finally {
    await c.end();
  }
  return {
    name,
    appUrl: withDatabase(env.ZTT_TEST_PG_SUPER_URL, name, 'ztt_app', env.ZTT_TEST_PG_APP_PASSWORD),
    ownerUrl: withDatabase(env.ZTT_TEST_PG_SUPER_URL, name),
  };
}

/** The environment of an app under test: real services, its own database, queue prefix and index prefix. */
export function testEnv(dbUrl: string, isolation: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    DB_POOL_SIZE: '5',
    REDIS_URL: env.ZTT_TEST_REDIS_URL,
    REDIS_PREFIX: `ztt-${isolation}`,
    MEILI_URL: env.ZTT_TEST_MEILI_URL,
    MEILI_MASTER_KEY: env.ZTT_TEST_MEILI_KEY,
    MEILI_INDEX_PREFIX: isolation,
    AUTH_JWT_SECRET: `test-secret-${isolation}-0123456789abcdef0123456789abcdef`,
    AUTH_LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
    DATA_DIR: `${env.ZTT_TEST_DIR}/data-${isolation}`,
    WEB_DIST_DIR: '',
    LOG_LEVEL: 'warn',
    HTTP_CORS_ORIGINS: 'https://allowed.example.cn',
    ...overrides,
  };
}

/** Configuration for an app under test (see testEnv). */
export function testConfig(dbUrl: string, isolation: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(dbUrl, isolation, overrides));
}
