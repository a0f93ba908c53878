import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// Real BullMQ on real Redis: the idle scan runs every 300 ms; "14 days ago" is arranged in the database.
let api: TestApi;
let worker: INestApplicationContext;
let broker: TestUser;
let coBroker: TestUser;
let needId: string;
let achId: string;

const idleReminders = async (dealId: string, userId: string) =>
  (await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'deal.idle' AND user_id = $1 AND link = $2`, [userId, `/deals/${dealId}`])).rows[0].n as number;

async function openDeal(title: string): Promise<string> {
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title, coBrokerIds: [coBroker.id] } });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The deal's clock moved `days` into the past: as if that many days had gone by since its last activity and reminder. */
const makeIdle = (dealId: string, days: number) =>
  api.db.query(`UPDATE deal SET last_activity_at = last_activity_at - make_interval(days => $2), idle_reminded_at = idle_reminded_at - make_interval(days => $2) WHERE id = $1`, [
    dealId,
    days,
  ]);

/** Waits for several scans to have run (each scan's job is kept in Redis only briefly, so count time). */
const severalScans = () => new Promise((r) => setTimeout(r, 1500));

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api, { DEALS_IDLE_SCAN_MS: '300', DEALS_IDLE_DAYS: '14' });
  const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  const enterprise = await registerUser(api);
  const university = await registerUser(api);
  broker = await registerUser(api, { roles: [PlatformRole.Broker] });
  coBroker = await registerUser(api, { roles: [PlatformRole.Broker] });
  const entOrg = (await createOrg(api, enterprise, { verified: true })).id;
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江提醒测试大学' } })).id;
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg));
}, 60_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('idle deal reminders (job scheduler)', () => {
  it('reminds the brokers of a deal idle for 14 days once, not on every scan', async () => {
    const id = await openDeal('闲置提醒测试');
    await makeIdle(id, 15);
    await eventually('idle reminder', async () => (await idleReminders(id, broker.id)) === 1);
    await severalScans();
    expect(await idleReminders(id, broker.id)).toBe(1);
    expect(await idleReminders(id, coBroker.id)).toBe(1);
    const body = await api.db.query(`SELECT params FROM notification WHERE type = 'deal.idle' AND user_id = $1`, [broker.id]);
    expect(body.rows[0].params).toMatchObject({ title: '闲置提醒测试', days: '14' });
  });

  it('does not remind after activity, and reminds again once the deal is idle for a new period', async () => {
    const id = await openDeal('有跟进的对接');
    await makeIdle(id, 13);
    // Activity (a private note) restarts the idle clock before the 14 days are reached.
    expect((await api.call('POST', `/api/deals/${id}/notes`, { token: broker.token, body: { body: '已电话联系需方' } })).status).toBe(201);
    await severalScans();
    expect(await idleReminders(id, broker.id)).toBe(0);
    // A deal that is not idle long enough is left alone too.
    const fresh = await openDeal('刚建立的对接');
    await makeIdle(fresh, 13);
    await severalScans();
    expect(await idleReminders(fresh, broker.id)).toBe(0);
    // Idle 15 days: reminded once; activity, then idle 15 days again: a second, separate reminder.
    await makeIdle(id, 15);
    await eventually('first idle period', async () => (await idleReminders(id, broker.id)) === 1);
    expect((await api.call('POST', `/api/deals/${id}/notes`, { token: broker.token, body: { body: '发送了条款清单' } })).status).toBe(201);
    await severalScans();
    expect(await idleReminders(id, broker.id)).toBe(1);
    await makeIdle(id, 15);
    await eventually('second idle period', async () => (await idleReminders(id, broker.id)) === 2);
  });

  it('leaves lost deals alone', async () => {
    const id = await openDeal('已失败的对接');
    expect((await api.call('POST', `/api/deals/${id}/stage`, { token: broker.token, body: { to: 'lost', version: 1, lostReason: 'price' } })).status).toBe(200);
    await makeIdle(id, 30);
    await severalScans();
    expect(await idleReminders(id, broker.id)).toBe(0);
  });
});

describe('task reminders (delayed jobs)', () => {
  it('reminds the assignee once at the reminder time, and not for a task done before it', async () => {
    const id = await openDeal('任务提醒测试');
    const soon = new Date(Date.now() + 800).toISOString();
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const t1 = await api.call('POST', `/api/deals/${id}/tasks`, { token: broker.token, body: { title: '寄送保密协议', dueAt: due, remindAt: soon, assigneeId: coBroker.id } });
    expect(t1.status).toBe(201);
    // The done task's reminder is due a few seconds later, so marking it done surely comes first, even on a busy machine.
    const laterMs = Date.now() + 5_000;
    const t2 = await api.call('POST', `/api/deals/${id}/tasks`, { token: broker.token, body: { title: '已完成的任务', dueAt: due, remindAt: new Date(laterMs).toISOString() } });
    expect((await api.call('POST', `/api/deals/${id}/tasks/${t2.body.id}/done`, { token: broker.token })).status).toBe(200);
    const reminders = async (userId: string) => (await api.db.query(`SELECT params FROM notification WHERE type = 'deal.task' AND user_id = $1`, [userId])).rows;
    await eventually('task reminder', async () => (await reminders(coBroker.id)).length === 1);
    expect((await reminders(coBroker.id))[0].params).toMatchObject({ task: '寄送保密协议', title: '任务提醒测试' });
    // Past the done task's reminder time: still nothing for it.
    await new Promise((r) => setTimeout(r, Math.max(0, laterMs + 1_500 - Date.now())));
    await severalScans();
    expect(await reminders(coBroker.id)).toHaveLength(1);
    expect(await reminders(broker.id)).toHaveLength(0);
    const tasks = await api.call('GET', `/api/deals/${id}/tasks`, { token: broker.token });
    expect(tasks.body.find((t: { id: string }) => t.id === t1.body.id).remindedAt).not.toBeNull();
    // Unknown assignees are refused.
    const bad = await api.call('POST', `/api/deals/${id}/tasks`, { token: broker.token, body: { title: 'x', dueAt: due, assigneeId: needId } });
    expect(bad.status).toBe(400);
  });
});
