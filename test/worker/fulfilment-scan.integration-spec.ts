import { INestApplicationContext } from '@nestjs/common';
import { addDays, beijingDate, PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { signedDealWithTerms } from '../harness/contracts';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

/*
 * Issue 15, the fulfilment scan on real BullMQ and Redis, every 300 ms: reminders before a line falls
 * due, the overdue state after, trial and lock-up ends passing, and a 先用后转 trial lapsing at its
 * conversion deadline. Dates are set from today's Beijing date; "once" is checked after a later
 * probe line has been handled, so at least one more scan has run (state, not time).
 */

let api: TestApi;
let worker: INestApplicationContext;
let enterprise: TestUser;
let university: TestUser;
let broker: TestUser;
let needId: string;
let achId: string;
let parties: { buyer: { name: string; creditCode: string }; seller: { name: string; creditCode: string } };

const today = beijingDate();
const signed = (title: string, terms: unknown, daysAgo: number) => signedDealWithTerms(api, broker, { needId, achievementId: achId, title, parties }, terms, daysAgo);
const notes = async (type: string, user: TestUser, dealId: string) =>
  (await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = $1 AND user_id = $2 AND link = $3`, [type, user.id, `/deals/${dealId}?tab=fulfilment`])).rows[0]
    .n as number;
const lines = async (dealId: string) =>
  (await api.call('GET', `/api/deals/${dealId}/fulfilment`, { token: broker.token })).body.schedule as {
    id: string;
    kind: string;
    label: string;
    status: string;
    settledOn: string | null;
  }[];
const statusOf = async (dealId: string, label: string) => (await lines(dealId)).find((l) => l.label === label)?.status;

/** A deal with one instalment past due: once the scan marks it overdue, every scan started before has finished. */
async function probe(): Promise<void> {
  const id = await signed('探针', { model: 'transfer', price: '1.00', instalments: [{ dueOn: addDays(today, -1), amount: '1.00', label: '探针款' }] }, 5);
  await eventually('probe overdue', async () => (await statusOf(id, '探针款')) === 'overdue');
}

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api, { DEALS_FULFILMENT_SCAN_MS: '300', DEALS_FULFILMENT_REMIND_DAYS: '7' });
  const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  broker = await registerUser(api, { roles: [PlatformRole.Broker] });
  const entOrg = await createOrg(api, enterprise, { verified: true });
  const uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江履约扫描大学' } });
  parties = { buyer: { name: '湛江履约扫描企业', creditCode: entOrg.creditCode }, seller: { name: '湛江履约扫描大学', creditCode: uniOrg.creditCode } };
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id));
}, 60_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('the fulfilment scan', () => {
  it('marks an unpaid instalment overdue and tells both parties and the broker once; reminds of one due within a week once; a later one not yet; paying it settles the overdue line', async () => {
    const id = await signed(
      '分期付款扫描',
      {
        model: 'transfer',
        price: '900000.00',
        instalments: [
          { dueOn: addDays(today, -10), amount: '300000.00', label: '首期款' },
          { dueOn: addDays(today, 3), amount: '300000.00', label: '二期款' },
          { dueOn: addDays(today, 30), amount: '300000.00', label: '尾款' },
        ],
      },
      60,
    );
    await eventually('first instalment overdue', async () => (await statusOf(id, '首期款')) === 'overdue');
    await eventually('reminder of the second', async () => (await notes('deal.fulfilment_due', enterprise, id)) === 1);
    await probe();
    for (const user of [enterprise, university, broker]) {
      expect({ user: user.email, overdue: await notes('deal.fulfilment_overdue', user, id), due: await notes('deal.fulfilment_due', user, id) }).toEqual({
        user: user.email,
        overdue: 1,
        due: 1,
      });
    }
    const overdue = await api.db.query(`SELECT params FROM notification WHERE type = 'deal.fulfilment_overdue' AND user_id = $1 AND link = $2`, [
      enterprise.id,
      `/deals/${id}?tab=fulfilment`,
    ]);
    expect(overdue.rows[0].params).toMatchObject({ title: '分期付款扫描', item: '首期款', due: addDays(today, -10), amount: '，金额 300,000.00 元' });
    expect(await statusOf(id, '二期款')).toBe('due');
    expect(await statusOf(id, '尾款')).toBe('due');
    const audit = await api.db.query(`SELECT detail FROM audit_log WHERE action = 'deal.schedule_overdue' AND target_id = $1`, [id]);
    expect(audit.rows.map((r) => r.detail.item)).toEqual(['首期款']);
    const view = (await api.call('GET', `/api/deals/${id}/fulfilment`, { token: enterprise.token })).body;
    expect(view.totals).toEqual({ due: '900000.00', paid: '0.00', overdue: '300000.00' });

    // paid late: the overdue line is paid once the receiver confirms
    const first = (await lines(id)).find((l) => l.label === '首期款') as { id: string };
    const paid = await api.call('POST', `/api/deals/${id}/payments`, { token: enterprise.token, body: { scheduleItemId: first.id, amount: '300000.00', paidOn: today } });
    expect(paid.status).toBe(201);
    expect((await api.call('POST', `/api/deals/${id}/payments/${paid.body.id}/decision`, { token: university.token, body: { decision: 'confirm' } })).status).toBe(200);
    expect(await statusOf(id, '首期款')).toBe('paid');
    await probe();
    expect(await statusOf(id, '首期款')).toBe('paid');
  });

  it('ends a 先用后转 trial whose conversion deadline passed undecided: the trial end passes, the deadline lapses, the parties hear what now applies', async () => {
    const id = await signed(
      '试用到期扫描',
      {
        model: 'use_first',
        trialStartsOn: addDays(today, -90),
        trialEndsOn: addDays(today, -30),
        trialFee: '0',
        conversionOptions: ['licence'],
        conversionDeadline: addDays(today, -1),
        onDecline: 'stop_use',
      },
      90,
    );
    await eventually('deadline lapsed', async () => (await statusOf(id, '转为许可的截止日')) === 'lapsed');
    expect(await statusOf(id, '试用期结束')).toBe('done');
    const view = (await api.call('GET', `/api/deals/${id}/fulfilment`, { token: enterprise.token })).body;
    expect(view.trial).toMatchObject({ outcome: 'lapsed' });
    expect(view.can.decideTrial).toBe(false);
    await eventually('told', async () => (await notes('deal.trial_decided', university, id)) === 1);
    const told = await api.db.query(`SELECT params FROM notification WHERE type = 'deal.trial_decided' AND user_id = $1`, [enterprise.id]);
    expect(told.rows.map((r) => r.params.outcome)).toContain(`转化截止日 ${addDays(today, -1)} 已过，未作决定：停止使用`);
    const late = await api.call('POST', `/api/deals/${id}/trial`, { token: enterprise.token, body: { outcome: 'convert', model: 'licence' } });
    expect(late.status).toBe(409);
    const audit = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'deal.trial_lapsed' AND target_id = $1`, [id]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('leaves a contract that is not signed yet alone', async () => {
    const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title: '尚未签约' } });
    const put = await api.call('PUT', `/api/deals/${res.body.id}/contract`, {
      token: broker.token,
      body: {
        contractName: '未签约合同',
        contractType: 'transfer',
        contractSubtype: 'transfer.patent',
        ...parties,
        signedOn: addDays(today, -40),
        periodStart: addDays(today, -40),
        periodEnd: addDays(today, 400),
        totalAmount: '10.00',
        techAmount: '10.00',
        paymentTerms: '一次付清',
        terms: { model: 'transfer', price: '10.00', instalments: [{ dueOn: addDays(today, -5), amount: '10.00', label: '未签约款' }] },
      },
    });
    expect(put.status).toBe(200);
    await probe();
    expect(await statusOf(res.body.id, '未签约款')).toBe('due');
  });
});
