import * as os from 'node:os';
import { ConfigError, loadConfig } from './app-config';

const prodEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db/ztt',
  REDIS_URL: 'redis://:3f9a1c7e5b2d8046af13@redis:6379',
  MEILI_URL: 'http://meili:7700',
  MEILI_MASTER_KEY: 'a-master-key-of-enough-length',
  AUTH_JWT_SECRET: 'kV3p9QxZ2mL7wRt5yB8nC4dF6gH1jK0s',
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

  it('refuses, in production, secrets that repeat a few characters however long they are', () => {
    expect(() => loadConfig({ ...prodEnv, AUTH_JWT_SECRET: 'x'.repeat(48) })).toThrow(/AUTH_JWT_SECRET is not random/);
    expect(() => loadConfig({ ...prodEnv, MEILI_MASTER_KEY: 'changeme-changeme' })).toThrow(/MEILI_MASTER_KEY is not random/);
    // Development keeps accepting whatever it is given.
    expect(loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(48) }).auth.jwtSecret).toBe('x'.repeat(48));
  });

  it('requires a Redis password in production, in the URL', () => {
    for (const url of ['redis://redis:6379', 'redis://:short@redis:6379', `redis://:${'ab'.repeat(12)}@redis:6379`]) {
      expect(() => loadConfig({ ...prodEnv, REDIS_URL: url })).toThrow(/REDIS_URL must carry a random password/);
    }
    expect(() => loadConfig({ ...prodEnv, REDIS_URL: 'redis-host:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(loadConfig({ ...prodEnv, REDIS_URL: 'rediss://:3f9a1c7e5b2d8046af13@redis:6380' }).redis.url).toMatch(/^rediss:/);
    // Development and tests connect to whatever Redis they are given.
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('serves the worker health endpoints on 3001 in production, elsewhere only when asked', () => {
    expect(loadConfig(prodEnv).worker.healthPort).toBe(3001);
    expect(loadConfig({}).worker.healthPort).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', WORKER_HEALTH_PORT: '0' }).worker.healthPort).toBe(0);
    expect(loadConfig({ ...prodEnv, WORKER_HEALTH_PORT: '9101' }).worker.healthPort).toBe(9101);
    expect(() => loadConfig({ WORKER_HEALTH_PORT: 'http' })).toThrow(/WORKER_HEALTH_PORT must be a whole number from 0 to 65535/);
  });

  it('refuses production without the service URLs', () => {
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: prodEnv.AUTH_JWT_SECRET });
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

  it('runs one API process unless API_PROCESSES asks for more, auto or 0 being one per core', () => {
    expect(loadConfig({}).api.processes).toBe(1);
    expect(loadConfig({ API_PROCESSES: '4' }).api.processes).toBe(4);
    expect(loadConfig({ API_PROCESSES: 'auto' }).api.processes).toBe(os.availableParallelism());
    expect(loadConfig({ API_PROCESSES: '0' }).api.processes).toBe(os.availableParallelism());
    for (const bad of ['many', '-1', '2.5', '257', '00']) expect(() => loadConfig({ API_PROCESSES: bad })).toThrow(/API_PROCESSES must be auto/);
  });

  it('reads HTTP_BODY_LIMIT in bytes, kb or mb (1 MB by default) and refuses anything else', () => {
    expect(loadConfig({}).http.bodyLimit).toBe(1024 * 1024);
    expect(loadConfig({ HTTP_BODY_LIMIT: '2048' }).http.bodyLimit).toBe(2048);
    expect(loadConfig({ HTTP_BODY_LIMIT: '512kb' }).http.bodyLimit).toBe(512 * 1024);
    expect(loadConfig({ HTTP_BODY_LIMIT: '2MB' }).http.bodyLimit).toBe(2 * 1024 * 1024);
    for (const bad of ['1gb', 'lots', '-1', '1.5mb']) expect(() => loadConfig({ HTTP_BODY_LIMIT: bad })).toThrow(/HTTP_BODY_LIMIT must be a size/);
  });

  it('lets one address make 6,000 anonymous public requests a minute unless HTTP_PUBLIC_PER_MINUTE says otherwise', () => {
    expect(loadConfig({}).http.publicPerMinute).toBe(6000);
    expect(loadConfig({ HTTP_PUBLIC_PER_MINUTE: '30' }).http.publicPerMinute).toBe(30);
    for (const bad of ['0', 'many', '-5']) expect(() => loadConfig({ HTTP_PUBLIC_PER_MINUTE: bad })).toThrow(/HTTP_PUBLIC_PER_MINUTE/);
  });

  it('refuses a PUBLIC_URL that is not an http(s) origin', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://kjcg.example.cn/' }).http.publicUrl).toBe('https://kjcg.example.cn');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});
