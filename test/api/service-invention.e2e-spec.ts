import { addDays, beijingDate, PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * Issue 15, 职务科技成果: an achievement flagged as a service invention, and the owning
 * organisation's approval (its tech-transfer office: the organisation's admins) that a contract on
 * it needs before `signed`, with the public notice period the organisation sets.
 */

let api: TestApi;
let admin: TestUser;
let enterprise: TestUser;
let office: TestUser; // the university's org admin: its tech-transfer office
let broker: TestUser;
let outsider: TestUser; // admin of an organisation of their own, with no part in the deal
let entOrg: { id: string; creditCode: string };
let uniOrg: { id: string; creditCode: string };
let needId: string;
let inventionId: string;

const APPROVAL_REQUIRED = '该成果为职务科技成果，需经成果所属单位审批通过后才能签约';
const NOTICE_RUNNING = '成果所属单位已审批通过，但公示期尚未结束，公示期满后才能签约';

function contractInput(): Record<string, unknown> {
  return {
    contractNo: 'ZJ-2026-015',
    contractName: '深远海养殖病害防控技术转让合同',
    contractType: 'transfer',
    contractSubtype: 'transfer.patent',
    buyer: { name: '湛江测试海洋科技有限公司', creditCode: entOrg.creditCode },
    seller: { name: '湛江海洋大学职务成果测试', creditCode: uniOrg.creditCode },
    signedOn: '2026-11-20',
    periodStart: '2026-12-01',
    periodEnd: '2027-11-30',
    totalAmount: '500000.00',
    techAmount: '450000.00',
    paymentTerms: '签约后 30 日内一次付清',
  };
}

/** A deal by hand between the need and `achievementId`, moved straight to negotiating (the earlier gates are deals.e2e-spec's). */
async function negotiatingDeal(achievementId: string): Promise<string> {
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId } });
  expect(res.status).toBe(201);
  await api.db.query(`UPDATE deal SET stage = 'negotiating' WHERE id = $1`, [res.body.id]);
  return res.body.id;
}

async function sign(dealId: string, user = broker) {
  const version = (await api.db.query('SELECT version FROM deal WHERE id = $1', [dealId])).rows[0].version as number;
  return api.call('POST', `/api/deals/${dealId}/stage`, { token: user.token, body: { to: 'signed', version, contract: contractInput() } });
}

const approvalOf = (user: TestUser, dealId: string) => api.call('GET', `/api/deals/${dealId}/approval`, { token: user.token });
const requestApproval = (user: TestUser, dealId: string, body: Record<string, unknown> = {}) => api.call('POST', `/api/deals/${dealId}/approval`, { token: user.token, body });
const decide = (user: TestUser, id: string, body: Record<string, unknown>) => api.call('POST', `/api/approvals/${id}/decision`, { token: user.token, body });
const stageOf = async (dealId: string) => (await api.db.query('SELECT stage FROM deal WHERE id = $1', [dealId])).rows[0].stage as string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  office = await registerUser(api, { displayName: '技术转移办公室' });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '职务成果经纪人' });
  outsider = await registerUser(api);
  entOrg = await createOrg(api, enterprise, { verified: true });
  uniOrg = await createOrg(api, office, { verified: true, input: { type: 'university', name: '湛江海洋大学职务成果测试' } });
  await createOrg(api, outsider, { verified: true, input: { name: '湛江无关机构有限公司' } });
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  inventionId = await publishItem(
    api,
    'achievement',
    office,
    admin,
    achievementInput(uniOrg.id, { title: '职务科技成果：对虾病害快速检测技术', serviceInvention: true, fundingSource: 'provincial', rightsGranted: 'long_term_use' }),
  );
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('an achievement flagged as 职务科技成果', () => {
  it('round-trips the flag, the funding source and the rights granted, and defaults an ordinary one to none', async () => {
    const got = await api.call('GET', `/api/achievements/${inventionId}`);
    expect(got.body).toMatchObject({ serviceInvention: true, fundingSource: 'provincial', rightsGranted: 'long_term_use' });

    const plain = await api.call('POST', '/api/achievements', { token: office.token, body: achievementInput(uniOrg.id, { title: '普通成果' }) });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ serviceInvention: false, fundingSource: null, rightsGranted: 'none' });
    const edited = await api.call('PATCH', `/api/achievements/${plain.body.id}`, {
      token: office.token,
      body: { version: plain.body.version, serviceInvention: true, fundingSource: 'national', rightsGranted: 'ownership' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ serviceInvention: true, fundingSource: 'national', rightsGranted: 'ownership' });

    const bad = await api.call('POST', '/api/achievements', { token: office.token, body: achievementInput(uniOrg.id, { fundingSource: 'lottery', rightsGranted: 'all' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['fundingSource', 'rightsGranted']);
  });
});

describe('a contract on a service invention needs the owning organisation’s approval before signed', () => {
  let dealId: string;
  let approvalId: string;

  beforeAll(async () => {
    dealId = await negotiatingDeal(inventionId);
  });

  it('refuses signed with a Chinese message while there is no approval, and says so on the deal', async () => {
    const state = await approvalOf(broker, dealId);
    expect(state.status).toBe(200);
    expect(state.body).toEqual({ required: true, clearToSign: false, approval: null });
    const res = await sign(dealId);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SERVICE_INVENTION_APPROVAL_REQUIRED', message: APPROVAL_REQUIRED });
    expect(await stageOf(dealId)).toBe('negotiating');
  });

  it('lets the deal’s broker ask for approval, tells the owning organisation, and refuses a second request while one is live', async () => {
    expect((await requestApproval(enterprise, dealId)).status).toBe(404); // a party does not ask
    expect((await requestApproval(outsider, dealId)).status).toBe(404);
    const bad = await requestApproval(broker, dealId, { noticeDays: 31 });
    expect(bad.status).toBe(400);
    const res = await requestApproval(broker, dealId, { noticeDays: 5 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      required: true,
      clearToSign: false,
      approval: { dealId, achievementId: inventionId, organisationId: uniOrg.id, status: 'pending', requestedBy: broker.id, noticeDays: 5, noticeEndsOn: null },
    });
    approvalId = res.body.approval.id;
    const told = await api.db.query(`SELECT user_id FROM notification WHERE type = 'deal.approval_requested' AND dedupe_key = $1`, [`deal-approval:${approvalId}`]);
    expect(told.rows.map((r) => r.user_id)).toEqual([office.id]);
    expect((await requestApproval(broker, dealId)).status).toBe(409);
  });

  it('shows the queue to the organisation’s admins only, and the decision route answers 404 to anyone else', async () => {
    const queue = await api.call('GET', '/api/approvals', { token: office.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id: approvalId, status: 'pending', dealId, organisationName: '湛江海洋大学职务成果测试', requestedByName: '职务成果经纪人' }),
    ]);
    expect((await api.call('GET', '/api/approvals', { token: outsider.token })).body).toMatchObject({ items: [], total: 0 });
    expect((await api.call('GET', '/api/approvals', { token: enterprise.token })).body.items).toEqual([]);
    for (const stranger of [outsider, enterprise, broker, admin]) {
      const res = await decide(stranger, approvalId, { decision: 'approve' });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('未找到该内容');
    }
    expect((await api.db.query('SELECT status FROM deal_approval WHERE id = $1', [approvalId])).rows[0].status).toBe('pending');
  });

  it('needs a reason to refuse, records the refusal once, and signed stays refused', async () => {
    const noReason = await decide(office, approvalId, { decision: 'refuse', comment: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ field: 'comment', code: 'approval_comment_required', message: '不同意时请填写理由' });
    const refused = await decide(office, approvalId, { decision: 'refuse', comment: '收益分配方案未经职代会讨论' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decidedBy: office.id, decidedByName: '技术转移办公室', comment: '收益分配方案未经职代会讨论', noticeEndsOn: null });
    expect((await decide(office, approvalId, { decision: 'approve' })).status).toBe(409);
    expect((await sign(dealId)).body.error.code).toBe('SERVICE_INVENTION_APPROVAL_REQUIRED');
  });

  it('after an approval with a notice period, keeps signed refused until the notice ends, then signs', async () => {
    const again = await requestApproval(broker, dealId, { noticeDays: 5 });
    expect(again.status).toBe(201);
    approvalId = again.body.approval.id;
    const approved = await decide(office, approvalId, { decision: 'approve', comment: '同意转化，按规定公示' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: office.id, noticeDays: 5, noticeEndsOn: addDays(beijingDate(), 5) });
    expect((await decide(office, approvalId, { decision: 'refuse', comment: '反悔' })).status).toBe(409);

    const running = await sign(dealId);
    expect(running.status).toBe(409);
    expect(running.body.error).toMatchObject({ code: 'SERVICE_INVENTION_NOTICE_RUNNING', message: NOTICE_RUNNING });
    expect((await approvalOf(enterprise, dealId)).body).toMatchObject({ required: true, clearToSign: false, approval: { status: 'approved' } });

    // The notice period ends: its last day is moved into the past.
    await api.db.query(`UPDATE deal_approval SET notice_ends_on = $2 WHERE id = $1`, [approvalId, addDays(beijingDate(), -1)]);
    expect((await approvalOf(broker, dealId)).body).toMatchObject({ required: true, clearToSign: true });
    const signed = await sign(dealId);
    expect(signed.status).toBe(200);
    expect(signed.body.stage).toBe('signed');
    expect((await requestApproval(broker, dealId)).status).toBe(409); // nothing left to approve
  });

  it('shows the approval to the deal’s parties, brokers and admins, and 404 to anyone else', async () => {
    for (const user of [broker, enterprise, office, admin]) expect((await approvalOf(user, dealId)).status).toBe(200);
    const denied = await approvalOf(outsider, dealId);
    expect(denied.status).toBe(404);
    expect(denied.body.error.message).toBe('未找到该内容');
  });

  it('audits every transition', async () => {
    const rows = await api.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1 AND action LIKE 'deal.approval%' ORDER BY occurred_at, id`, [dealId]);
    expect(rows.rows).toEqual([
      { action: 'deal.approval_requested', actor_id: broker.id },
      { action: 'deal.approval_refused', actor_id: office.id },
      { action: 'deal.approval_requested', actor_id: broker.id },
      { action: 'deal.approval_approved', actor_id: office.id },
    ]);
    const denials = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND target_type = 'deal.approval'`);
    expect(denials.rows[0].n).toBeGreaterThanOrEqual(4);
  });
});

describe('without a notice period, or without a service invention', () => {
  it('signs at once after an approval with no notice days', async () => {
    const dealId = await negotiatingDeal(inventionId);
    const asked = await requestApproval(broker, dealId);
    expect(asked.body.approval.noticeDays).toBe(0);
    const approved = await decide(office, asked.body.approval.id, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', noticeEndsOn: beijingDate(), comment: null });
    const signed = await sign(dealId);
    expect(signed.status).toBe(200);
    expect(signed.body.stage).toBe('signed');
  });

  it('moves a deal on an ordinary achievement to signed with no approval, and has nothing to approve', async () => {
    const ordinary = await publishItem(api, 'achievement', office, admin, achievementInput(uniOrg.id, { title: '非职务成果：海水养殖水质监测浮标' }));
    const dealId = await negotiatingDeal(ordinary);
    expect((await approvalOf(broker, dealId)).body).toEqual({ required: false, clearToSign: true, approval: null });
    expect((await requestApproval(broker, dealId)).status).toBe(409);
    const signed = await sign(dealId);
    expect(signed.status).toBe(200);
    expect(signed.body.stage).toBe('signed');
  });
});
