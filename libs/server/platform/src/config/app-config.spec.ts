import { ConfigError, loadConfig } from './app-config';

const prodEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db/ztt',
  REDIS_URL: 'redis://redis:6379',
  MEILI_URL: 'http://meili:7700',
  MEILI_MASTER_KEY: 'a-master-key-of-enough-length',
  AUTH_JWT_SECRET: 'x'.repeat(48),
};

describe('configuration', () => {
  it('starts in development with safe defaults and no secrets given', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.http.port).toBe(3000);
    expect(Buffer.byteLength(c.auth.jwtSecret)).toBeGreaterThanOrEqual(32);
  });

  it('refuses to start in production without a JWT secret, naming what is missing', () => {
    const { AUTH_JWT_SECRET: _, ...env } = prodEnv;
    expect(() => loadConfig(env)).toThrow(/AUTH_JWT_SECRET is required in production/);
  });

  it('refuses a JWT secret shorter than 256 bits', () => {
    expect(() => loadConfig({ ...prodEnv, AUTH_JWT_SECRET: 'short-secret' })).toThrow(/too short/);
  });

  it('refuses production without the service URLs', () => {
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(48) });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/DATABASE_URL/), expect.stringMatching(/REDIS_URL/), expect.stringMatching(/MEILI_URL/)]),
      );
    }
  });

  it('refuses Argon2 settings below the floor (19 MiB, 2 iterations)', () => {
    expect(() => loadConfig({ AUTH_ARGON2_MEMORY_KIB: '4096' })).toThrow(/AUTH_ARGON2_MEMORY_KIB/);
  });

  it('accepts a complete production configuration', () => {
    expect(loadConfig(prodEnv).env).toBe('production');
  });
});
