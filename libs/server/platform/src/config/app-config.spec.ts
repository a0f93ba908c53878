import { ConfigError, loadConfig } from './app-config';

const prodEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db/ztt',
  REDIS_URL: 'redis://redis:6379',
  MEILI_URL: 'http://meili:7700',
  MEILI_MASTER_KEY: 'a-master-key-of-enough-length',
  AUTH_JWT_SECRET: 'x'.repeat(48),
  SMTP_HOST: 'smtp.example.cn',
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

  it('writes emails to the development mail log when no SMTP server is set', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/ztt-data' });
    expect(c.mail).toEqual({ smtp: null, from: '湛江科技成果转化对接平台 <noreply@localhost>', logDir: '/tmp/ztt-data/mail' });
    expect(c.http.publicUrl).toBe('http://localhost:3000');
  });

  it('reads the SMTP settings, with the port following SMTP_SECURE', () => {
    expect(loadConfig({ SMTP_HOST: 'smtp.example.cn', SMTP_SECURE: 'true' }).mail.smtp).toEqual({ host: 'smtp.example.cn', port: 465, secure: true, user: null, password: null });
    expect(loadConfig({ SMTP_HOST: 'smtp.example.cn', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).mail.smtp).toMatchObject({ port: 587, secure: false, user: 'u' });
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.cn', SMTP_SECURE: 'yes' })).toThrow(/SMTP_SECURE must be true or false/);
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.cn', SMTP_USER: 'u' })).toThrow(/SMTP_USER and SMTP_PASSWORD go together/);
  });

  it('requires SMTP_HOST in production', () => {
    const { SMTP_HOST: _, ...env } = prodEnv;
    expect(() => loadConfig(env)).toThrow(/SMTP_HOST is required in production/);
  });

  it('allows the webhook test allowlist only under NODE_ENV=test, as host:port', () => {
    expect(loadConfig({ NODE_ENV: 'test', NOTIFY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1:4000' }).notify.webhookAllowHosts).toEqual(['127.0.0.1:4000']);
    expect(() => loadConfig({ NOTIFY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1:4000' })).toThrow(/for tests only/);
    expect(() => loadConfig({ NODE_ENV: 'test', NOTIFY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' })).toThrow(/host:port/);
  });

  it('refuses a PUBLIC_URL that is not an http(s) origin', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://kjcg.example.cn/' }).http.publicUrl).toBe('https://kjcg.example.cn');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});
