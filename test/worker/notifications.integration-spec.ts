import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { JOB_QUEUE, JobName, QueueName, QueueService } from '@ztt/platform';
import { createOrg, needInput, registerUser, TestUser } from '../harness/builders';
import { jobSettled } from '../harness/jobs';
import { decodeMail, startTestSmtp, TestSmtp } from '../harness/smtp';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

interface Listener {
  port: number;
  connections: number;
  posts: { path: string; body: any; key?: string }[];
  close(): Promise<void>;
}

/** A local HTTP listener that counts every connection and records every request body. */
async function listen(): Promise<Listener> {
  const l = { connections: 0, posts: [] as { path: string; body: any; key?: string }[] } as Listener;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      l.posts.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), key: req.headers['idempotency-key'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  server.on('connection', () => l.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  l.port = (server.address() as AddressInfo).port;
  l.close = () => new Promise<void>((r) => server.close(() => r()));
  return l;
}

let smtp: TestSmtp;
let hook: Listener;
let trap: Listener;
let api: TestApi;
let worker: INestApplicationContext;
let allow: Record<string, string>;
let owner: TestUser;
let orgId: string;
const admins: Record<'zh' | 'en' | 'quiet' | 'robot', TestUser> = {} as never;

beforeAll(async () => {
  [smtp, hook, trap] = await Promise.all([startTestSmtp(), listen(), listen()]);
  // Only the robot listener is reachable (tests only, by exact host:port); the trap listener is not.
  allow = { NOTIFY_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${hook.port}` };
  api = await startTestApi(allow);
  worker = await startTestWorker(api, { ...allow, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
  for (const k of ['zh', 'en', 'quiet', 'robot'] as const) admins[k] = await registerUser(api, { roles: [PlatformRole.Admin], displayName: `管理员${k}` });
  await api.db.query(`UPDATE app_user SET locale = 'en' WHERE id = $1`, [admins.en.id]);
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true })).id;
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await Promise.all([smtp?.stop(), hook?.close(), trap?.close()]);
});

async function submitNeed(title: string): Promise<{ id: string; notifications: { id: string; user_id: string }[] }> {
  const created = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title }) });
  expect(created.status).toBe(201);
  expect((await api.call('POST', `/api/needs/${created.body.id}/submit`, { token: owner.token })).status).toBe(200);
  const rows = await api.db.query(`SELECT id, user_id FROM notification WHERE type = 'item.submitted' AND params->>'title' = $1`, [title]);
  return { id: created.body.id, notifications: rows.rows };
}

const allDone = (ids: string[]) => async () =>
  (await api.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE notification_id = ANY($1) AND status = 'pending'`, [ids])).rows[0].n === 0;

describe('notification settings', () => {
  it('defaults to email on and no webhook; a user turns email off and sets a robot', async () => {
    expect((await api.call('GET', '/api/me/notification-settings', { token: admins.quiet.token })).body).toEqual({ email: true, webhookUrl: null, webhookKind: null });
    const off = await api.call('PUT', '/api/me/notification-settings', { token: admins.quiet.token, body: { email: false, webhookUrl: null } });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ email: false, webhookUrl: null, webhookKind: null });
    const url = `http://127.0.0.1:${hook.port}/cgi-bin/webhook/send?key=test`;
    const robot = await api.call('PUT', '/api/me/notification-settings', { token: admins.robot.token, body: { email: true, webhookUrl: url, webhookKind: 'wecom' } });
    expect(robot.body).toEqual({ email: true, webhookUrl: url, webhookKind: 'wecom' });
    const noKind = await api.call('PUT', '/api/me/notification-settings', { token: admins.robot.token, body: { email: true, webhookUrl: url } });
    expect(noKind.status).toBe(400);
    expect(noKind.body.error.details).toEqual([{ field: 'webhookKind', code: 'webhook_kind_required', message: expect.stringContaining('机器人类型') }]);
  });
});

describe('delivery by email (a real SMTP server) and robot webhook', () => {
  it('emails each recipient exactly once, in their language, even when the deliver job is queued and run again', async () => {
    const title = `海水淡化膜污染控制技术需求 ${Date.now()}`;
    const { notifications } = await submitNeed(title);
    expect(notifications).toHaveLength(4);
    const ids = notifications.map((n) => n.id);
    const queues = worker.get(QueueService);
    // Duplicates racing the relayed job, then once more after everything is sent.
    await Promise.all(ids.flatMap((id) => [1, 2].map((k) => queues.add(JobName.DeliverNotification, { notificationId: id }, { jobId: `deliver-${id}-dup${k}` }))));
    await eventually('deliveries sent', allDone(ids), 20_000);
    for (const id of ids) {
      await queues.add(JobName.DeliverNotification, { notificationId: id }, { jobId: `deliver-${id}-again` });
      await jobSettled(queues.queue(QueueName.Notifications), `deliver-${id}-again`);
      await jobSettled(queues.queue(QueueName.Notifications), `deliver-${id}-dup1`);
      await jobSettled(queues.queue(QueueName.Notifications), `deliver-${id}-dup2`);
    }
    // The relay queued one job per notification with something to deliver (none for the quiet admin).
    const announced = (await api.db.query(`SELECT aggregate_id FROM outbox WHERE topic = 'notification.created' AND aggregate_id = ANY($1)`, [ids])).rows.map(
      (r) => r.aggregate_id,
    );
    expect(announced.sort()).toEqual(
      notifications
        .filter((n) => n.user_id !== admins.quiet.id)
        .map((n) => n.id)
        .sort(),
    );
    await eventually('relayed jobs done', async () => {
      for (const id of announced) {
        const job = await queues.queue(QueueName.Notifications).getJob(`deliver-${id}`);
        if (!job || !(await job.isCompleted())) return false;
      }
      return true;
    });

    expect(smtp.to(admins.zh.email)).toHaveLength(1);
    expect(smtp.to(admins.en.email)).toHaveLength(1);
    expect(smtp.to(admins.robot.email)).toHaveLength(1);
    expect(smtp.to(admins.quiet.email)).toHaveLength(0);

    const zh = decodeMail(smtp.to(admins.zh.email)[0].raw);
    expect(smtp.to(admins.zh.email)[0].envelope.from).toBe('noreply@localhost');
    expect(zh).toContain('有新的待审核内容');
    expect(zh).toContain(title);
    expect(zh).toContain('http://localhost:3000/admin/review?kind=need');
    expect(smtp.to(admins.zh.email)[0].raw).toMatch(/Content-Type: text\/plain; charset=utf-8[\s\S]*Content-Type: text\/html; charset=utf-8/);
    const en = decodeMail(smtp.to(admins.en.email)[0].raw);
    expect(en).toContain('Subject: New item to review');
    expect(en).toContain(`"${title}" was submitted for review`);

    const rows = await api.db.query(
      `SELECT n.user_id, d.channel, d.status, d.attempts FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.id = ANY($1) ORDER BY d.channel`,
      [ids],
    );
    const of = (u: TestUser) => rows.rows.filter((r) => r.user_id === u.id).map((r) => `${r.channel}:${r.status}:${r.attempts}`);
    expect(of(admins.zh)).toEqual(['email:sent:1']);
    expect(of(admins.quiet)).toEqual([]);
    expect(of(admins.robot)).toEqual(['email:sent:1', 'webhook:sent:1']);

    // The robot got one WeCom markdown message.
    const robotPosts = hook.posts.filter((p) => JSON.stringify(p.body).includes(title));
    expect(robotPosts).toEqual([
      { path: '/cgi-bin/webhook/send?key=test', body: { msgtype: 'markdown', markdown: { content: expect.stringContaining(`**有新的待审核内容**`) } }, key: expect.any(String) },
    ]);
    // The delivery's id is its idempotency key: a repeat after a crash carries the same one.
    const webhookRow = await api.db.query(
      `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.user_id = $1 AND n.id = ANY($2) AND d.channel = 'webhook'`,
      [admins.robot.id, ids],
    );
    expect(robotPosts[0]?.key).toBe(webhookRow.rows[0].id);
    expect(robotPosts[0].body.markdown.content).toContain('http://localhost:3000/admin/review?kind=need');
  });
});

describe('a delivery whose job was lost', () => {
  it('is sent by the next sweep of lost deliveries, once, however often it runs', async () => {
    // As if Redis had been killed before the delivery's job reached its AOF: the rows exist, no job does.
    const title = `丢失任务的通知 ${Date.now()}`;
    const n = await api.db.query(
      `INSERT INTO notification (user_id, type, params, link, dedupe_key) VALUES ($1, 'item.submitted', $2::jsonb, '/admin/review?kind=need', $3) RETURNING id`,
      [admins.zh.id, JSON.stringify({ title }), `lost-${Date.now()}`],
    );
    const id = n.rows[0].id as string;
    await api.db.query(`INSERT INTO notification_delivery (notification_id, channel, created_at) VALUES ($1, 'email', now() - interval '10 minutes')`, [id]);
    const mails = () => smtp.to(admins.zh.email).filter((m) => decodeMail(m.raw).includes(title));

    const queues = worker.get(QueueService);
    const reconcile = async (k: number) => {
      await queues.add(JobName.SweepDeliveries, {}, { jobId: `sweep-lost-${k}` });
      await eventually(
        `sweep ${k}`,
        async () => {
          const job = await queues.queue(JOB_QUEUE[JobName.SweepDeliveries]).getJob(`sweep-lost-${k}`);
          return Boolean(job && (await job.isCompleted()));
        },
        20_000,
      );
    };
    await reconcile(1);
    await eventually('lost delivery sent', allDone([id]), 20_000);
    expect(mails()).toHaveLength(1);
    await reconcile(2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mails()).toHaveLength(1);
    expect((await api.db.query(`SELECT status, attempts FROM notification_delivery WHERE notification_id = $1`, [id])).rows).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('is left to the sender that claimed it, and sent by another job once that claim has run out (its sender died mid-send)', async () => {
    const title = `认领中的通知 ${Date.now()}`;
    const n = await api.db.query(
      `INSERT INTO notification (user_id, type, params, link, dedupe_key) VALUES ($1, 'item.submitted', $2::jsonb, '/admin/review?kind=need', $3) RETURNING id`,
      [admins.zh.id, JSON.stringify({ title }), `claimed-${Date.now()}`],
    );
    const id = n.rows[0].id as string;
    await api.db.query(`INSERT INTO notification_delivery (notification_id, channel, claimed_until) VALUES ($1, 'email', now() + interval '10 minutes')`, [id]);
    const mails = () => smtp.to(admins.zh.email).filter((m) => decodeMail(m.raw).includes(title));
    const queues = worker.get(QueueService);
    const deliver = async (k: string) => {
      await queues.add(JobName.DeliverNotification, { notificationId: id }, { jobId: `deliver-${id}-${k}` });
      await eventually(
        `delivery ${k}`,
        async () => {
          const job = await queues.queue(JOB_QUEUE[JobName.DeliverNotification]).getJob(`deliver-${id}-${k}`);
          return Boolean(job && (await job.isCompleted()));
        },
        20_000,
      );
    };
    await deliver('while-claimed');
    expect(mails()).toHaveLength(0);
    expect((await api.db.query(`SELECT status FROM notification_delivery WHERE notification_id = $1`, [id])).rows).toEqual([{ status: 'pending' }]);

    await api.db.query(`UPDATE notification_delivery SET claimed_until = now() - interval '1 second' WHERE notification_id = $1`, [id]);
    await deliver('after-claim');
    expect(mails()).toHaveLength(1);
    expect((await api.db.query(`SELECT status, attempts, claimed_until FROM notification_delivery WHERE notification_id = $1`, [id])).rows).toEqual([
      { status: 'sent', attempts: 1, claimed_until: null },
    ]);
  });
});

describe('webhook URLs cannot reach internal addresses (docs/security.md #15)', () => {
  it('refuses loopback, private, link-local and names resolving to them with 400 in Chinese; the listener sees no connection', async () => {
    const p = trap.port;
    const cases: [string, string][] = [
      [`https://127.0.0.1:${p}/hook`, 'webhook_unsafe'],
      [`https://10.1.2.3/hook`, 'webhook_unsafe'],
      [`https://169.254.169.254/latest/meta-data/`, 'webhook_unsafe'],
      [`https://[::1]:${p}/hook`, 'webhook_unsafe'],
      [`https://[::ffff:127.0.0.1]:${p}/hook`, 'webhook_unsafe'],
      [`https://2130706433:${p}/hook`, 'webhook_unsafe'],
      [`https://0.0.0.0:${p}/hook`, 'webhook_unsafe'],
      [`https://localhost:${p}/hook`, 'webhook_unsafe'],
      [`http://127.0.0.1:${p}/hook`, 'webhook_https_required'],
      [`http://localhost:${p}/hook`, 'webhook_https_required'],
      [`https://user:pw@example.cn/hook`, 'webhook_url_invalid'],
    ];
    for (const [url, code] of cases) {
      const res = await api.call('PUT', '/api/me/notification-settings', { token: admins.zh.token, body: { email: true, webhookUrl: url, webhookKind: 'generic' } });
      expect({ url, status: res.status, details: res.body.error?.details }).toEqual({
        url,
        status: 400,
        details: [{ field: 'webhookUrl', code, message: expect.stringMatching(/[\u4e00-\u9fff]/) }],
      });
    }
    const unsafe = await api.call('PUT', '/api/me/notification-settings', {
      token: admins.zh.token,
      body: { email: true, webhookUrl: `https://localhost:${p}/`, webhookKind: 'generic' },
    });
    expect(unsafe.body.error.details[0].message).toBe('不能使用指向本机、内网或保留地址的机器人地址');
    expect((await api.call('GET', '/api/me/notification-settings', { token: admins.zh.token })).body.webhookUrl).toBeNull();
    expect(trap.connections).toBe(0);
  });

  it('checks again right before sending: a stored URL that now points inside is refused, never connected to', async () => {
    const trapped = await registerUser(api, { roles: [PlatformRole.Admin] });
    // As if the name had resolved to a public address when it was saved.
    await api.db.query(`INSERT INTO notification_preference (user_id, email, webhook_url, webhook_kind) VALUES ($1, false, $2, 'generic')`, [
      trapped.id,
      `https://localhost:${trap.port}/hook`,
    ]);
    const { notifications } = await submitNeed(`红树林生态修复监测技术需求 ${Date.now()}`);
    const mine = notifications.find((n) => n.user_id === trapped.id);
    expect(mine).toBeDefined();
    await eventually('delivery settled', allDone([mine!.id]), 20_000);
    const row = await api.db.query(`SELECT channel, status, last_error FROM notification_delivery WHERE notification_id = $1`, [mine!.id]);
    expect(row.rows).toEqual([{ channel: 'webhook', status: 'failed', last_error: expect.stringContaining('webhook_unsafe') }]);
    expect(trap.connections).toBe(0);
  });
});

describe('development mail log (no SMTP_HOST)', () => {
  it('writes the email as an .eml file into DATA_DIR/mail instead of sending it', async () => {
    await worker.close();
    worker = await startTestWorker(api, allow);
    const received = smtp.messages.length;
    const title = `湛江港智慧码头调度技术需求 ${Date.now()}`;
    const { notifications } = await submitNeed(title);
    await eventually('deliveries done', allDone(notifications.map((n) => n.id)), 20_000);
    const dir = path.join(api.config.dataDir, 'mail');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    const mails = files.map((f) => decodeMail(fs.readFileSync(path.join(dir, f), 'utf8'))).filter((m) => m.includes(title));
    const toEn = mails.filter((m) => m.includes(admins.en.email));
    expect(toEn).toHaveLength(1);
    expect(toEn[0]).toContain('Subject: New item to review');
    expect(mails.some((m) => m.includes(admins.quiet.email))).toBe(false);
    expect(smtp.messages.length).toBe(received);
  });
});
