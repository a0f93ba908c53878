import { PlatformRole } from '@ztt/contracts';
import { createOrg, orgInput, registerUser, TestUser, uniqueCreditCode } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '平台管理员' });
});
afterAll(() => api.close());

describe('creating an organisation', () => {
  it('makes the creator its admin, unverified, and shows it among their memberships', async () => {
    const u = await registerUser(api);
    const res = await api.call('POST', '/api/orgs', { token: u.token, body: orgInput({ name: '湛江绿能海上风电装备有限公司', creditCode: ' 91440800ma4w8g2k36 ' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '湛江绿能海上风电装备有限公司', creditCode: '91440800MA4W8G2K36', verificationStatus: 'unverified', myRole: 'admin' });
    const me = await api.call('GET', '/api/me', { token: u.token });
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationId: res.body.id, role: 'admin', status: 'active' })]);
  });

  it('refuses an invalid credit code with the reason in Chinese, creating nothing', async () => {
    const u = await registerUser(api);
    const res = await api.call('POST', '/api/orgs', { token: u.token, body: orgInput({ creditCode: '91440800MA4W8G2K37' }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_CREDIT_CODE',
      details: [{ field: 'creditCode', code: 'credit_code_check', message: '统一社会信用代码校验位不正确，请核对' }],
    });
    expect((await api.db.query('SELECT 1 FROM organisation WHERE created_by = $1', [u.id])).rowCount).toBe(0);
  });

  it('refuses a credit code that is already registered', async () => {
    const a = await registerUser(api);
    const b = await registerUser(api);
    const creditCode = uniqueCreditCode();
    await createOrg(api, a, { input: { creditCode } });
    const res = await api.call('POST', '/api/orgs', { token: b.token, body: orgInput({ creditCode }) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('refuses types, regions and industries outside the taxonomy', async () => {
    const u = await registerUser(api);
    const res = await api.call('POST', '/api/orgs', { token: u.token, body: orgInput({ type: 'bank', region: 'beijing', industries: ['mining'] }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['industries', 'region', 'type']);
  });
});

describe('verification workflow', () => {
  it('goes unverified → pending → verified, and the owner sees the verified organisation', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner);
    const submitted = await api.call('POST', `/api/orgs/${org.id}/verification`, { token: owner.token });
    expect(submitted.status).toBe(200);
    expect(submitted.body.verificationStatus).toBe('pending');

    const queue = await api.call('GET', '/api/admin/verifications?pageSize=100', { token: admin.token });
    expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(org.id);

    const decided = await api.call('POST', `/api/admin/verifications/${org.id}/decision`, { token: admin.token, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    expect(decided.body.verificationStatus).toBe('verified');
    const seen = await api.call('GET', `/api/orgs/${org.id}`, { token: owner.token });
    expect(seen.body).toMatchObject({ verificationStatus: 'verified', myRole: 'admin' });
    const audit = await api.db.query(`SELECT actor_id FROM audit_log WHERE action = 'org.verified' AND target_id = $1`, [org.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id }]);
  });

  it('rejects with a reason the owner can read, then lets them fix it and resubmit', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner);
    await api.call('POST', `/api/orgs/${org.id}/verification`, { token: owner.token });
    const noReason = await api.call('POST', `/api/admin/verifications/${org.id}/decision`, { token: admin.token, body: { decision: 'reject', reason: '  ' } });
    expect(noReason.status).toBe(400);
    const rejected = await api.call('POST', `/api/admin/verifications/${org.id}/decision`, {
      token: admin.token,
      body: { decision: 'reject', reason: '营业执照名称与填写名称不一致' },
    });
    expect(rejected.body).toMatchObject({ verificationStatus: 'rejected', rejectionReason: '营业执照名称与填写名称不一致' });
    const seen = await api.call('GET', `/api/orgs/${org.id}`, { token: owner.token });
    expect(seen.body.rejectionReason).toBe('营业执照名称与填写名称不一致');
    const again = await api.call('POST', `/api/orgs/${org.id}/verification`, { token: owner.token });
    expect(again.body.verificationStatus).toBe('pending');
  });

  it('refuses deciding twice (no double decision) and submitting while pending', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner);
    await api.call('POST', `/api/orgs/${org.id}/verification`, { token: owner.token });
    expect((await api.call('POST', `/api/orgs/${org.id}/verification`, { token: owner.token })).status).toBe(409);
    const [a, b] = await Promise.all([
      api.call('POST', `/api/admin/verifications/${org.id}/decision`, { token: admin.token, body: { decision: 'approve' } }),
      api.call('POST', `/api/admin/verifications/${org.id}/decision`, { token: admin.token, body: { decision: 'reject', reason: '重复' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('sends a verified organisation back to verification when its name or credit code changes', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner, { verified: true });
    const current = await api.call('GET', `/api/orgs/${org.id}`, { token: owner.token });
    const res = await api.call('PATCH', `/api/orgs/${org.id}`, { token: owner.token, body: { name: '改名后的公司名称', version: current.body.version } });
    expect(res.body).toMatchObject({ name: '改名后的公司名称', verificationStatus: 'unverified' });
  });

  it('answers a stale version with 409 and loses nothing', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner);
    const v = (await api.call('GET', `/api/orgs/${org.id}`, { token: owner.token })).body.version;
    expect((await api.call('PATCH', `/api/orgs/${org.id}`, { token: owner.token, body: { description: '第一次', version: v } })).status).toBe(200);
    const stale = await api.call('PATCH', `/api/orgs/${org.id}`, { token: owner.token, body: { description: '第二次', version: v } });
    expect(stale.status).toBe(409);
    expect((await api.call('GET', `/api/orgs/${org.id}`, { token: owner.token })).body.description).toBe('第一次');
  });
});

describe("another organisation's records look like they do not exist (docs/security.md #1)", () => {
  let owner: TestUser;
  let outsider: TestUser;
  let pendingOrg: { id: string };
  let verifiedOrg: { id: string };
  beforeAll(async () => {
    owner = await registerUser(api);
    outsider = await registerUser(api);
    await createOrg(api, outsider);
    pendingOrg = await createOrg(api, owner);
    await api.call('POST', `/api/orgs/${pendingOrg.id}/verification`, { token: owner.token });
    verifiedOrg = await createOrg(api, owner, { verified: true });
  });

  it("hides another organisation's member list behind a 404, the same as a missing id", async () => {
    const other = await api.call('GET', `/api/orgs/${verifiedOrg.id}/members`, { token: outsider.token });
    const missing = await api.call('GET', '/api/orgs/00000000-0000-4000-8000-000000000000/members', { token: outsider.token });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe(missing.body.error.code);
    expect(other.body.error.message).toBe(missing.body.error.message);
  });

  it("hides another organisation's pending verification (404) and audits the denial", async () => {
    const res = await api.call('GET', `/api/orgs/${pendingOrg.id}`, { token: outsider.token });
    expect(res.status).toBe(404);
    const anon = await api.call('GET', `/api/orgs/${pendingOrg.id}`);
    expect(anon.status).toBe(404);
    const audit = await api.db.query(`SELECT result FROM audit_log WHERE action = 'access.denied' AND actor_id = $1 AND target_id = $2`, [outsider.id, pendingOrg.id]);
    expect(audit.rows).toEqual([{ result: 'denied' }]);
  });

  it('shows outsiders only the public card of a verified organisation (no credit code, no members)', async () => {
    const res = await api.call('GET', `/api/orgs/${verifiedOrg.id}`, { token: outsider.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'industries', 'name', 'region', 'type', 'verificationStatus']);
  });

  it('refuses every change to another organisation with 404, changing nothing', async () => {
    const before = await api.db.query('SELECT name, version, verification_status FROM organisation WHERE id = $1', [verifiedOrg.id]);
    const calls = [
      api.call('PATCH', `/api/orgs/${verifiedOrg.id}`, { token: outsider.token, body: { name: '被篡改', version: 1 } }),
      api.call('POST', `/api/orgs/${pendingOrg.id}/verification`, { token: outsider.token }),
      api.call('PATCH', `/api/orgs/${verifiedOrg.id}/members/${owner.id}`, { token: outsider.token, body: { role: 'member' } }),
      api.call('DELETE', `/api/orgs/${verifiedOrg.id}/members/${owner.id}`, { token: outsider.token }),
      api.call('POST', `/api/orgs/${verifiedOrg.id}/members/${owner.id}/decision`, { token: outsider.token, body: { decision: 'approve' } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
    const after = await api.db.query('SELECT name, version, verification_status FROM organisation WHERE id = $1', [verifiedOrg.id]);
    expect(after.rows).toEqual(before.rows);
  });

  it('lists verified organisations in the public directory, and only those', async () => {
    const res = await api.call('GET', '/api/orgs?pageSize=100');
    const ids = res.body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(verifiedOrg.id);
    expect(ids).not.toContain(pendingOrg.id);
  });
});

describe('joining an organisation', () => {
  it('lets a person ask to join; the organisation admin approves; the member then sees the member list', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner, { verified: true });
    const joiner = await registerUser(api, { displayName: '新成员' });
    expect((await api.call('POST', `/api/orgs/${org.id}/join-requests`, { token: joiner.token })).status).toBe(201);
    expect((await api.call('POST', `/api/orgs/${org.id}/join-requests`, { token: joiner.token })).status).toBe(409);
    expect((await api.call('GET', `/api/orgs/${org.id}/members`, { token: joiner.token })).status).toBe(404);

    const pending = await api.call('GET', `/api/orgs/${org.id}/members`, { token: owner.token });
    expect(pending.body).toEqual(expect.arrayContaining([expect.objectContaining({ userId: joiner.id, status: 'pending' })]));
    const approved = await api.call('POST', `/api/orgs/${org.id}/members/${joiner.id}/decision`, { token: owner.token, body: { decision: 'approve' } });
    expect(approved.body).toEqual(expect.arrayContaining([expect.objectContaining({ userId: joiner.id, status: 'active', role: 'member' })]));

    const asMember = await api.call('GET', `/api/orgs/${org.id}/members`, { token: joiner.token });
    expect(asMember.status).toBe(200);
    expect(asMember.body.every((m: { status: string }) => m.status === 'active')).toBe(true);
    // A plain member may not manage members.
    expect((await api.call('PATCH', `/api/orgs/${org.id}/members/${owner.id}`, { token: joiner.token, body: { role: 'member' } })).status).toBe(403);
  });

  it('refuses to let the last admin leave or be demoted', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner, { verified: true });
    const leave = await api.call('DELETE', `/api/orgs/${org.id}/members/${owner.id}`, { token: owner.token });
    expect(leave.status).toBe(409);
    expect(leave.body.error).toMatchObject({ code: 'LAST_ORG_ADMIN', message: '机构至少需要一名管理员' });
    expect((await api.call('PATCH', `/api/orgs/${org.id}/members/${owner.id}`, { token: owner.token, body: { role: 'member' } })).status).toBe(409);
  });

  it('cannot join an organisation that is not verified', async () => {
    const owner = await registerUser(api);
    const org = await createOrg(api, owner);
    const joiner = await registerUser(api);
    expect((await api.call('POST', `/api/orgs/${org.id}/join-requests`, { token: joiner.token })).status).toBe(404);
  });
});

describe('platform roles', () => {
  it('lets an admin grant and revoke roles, audited, and the change applies to the next request', async () => {
    const u = await registerUser(api);
    expect((await api.call('GET', '/api/admin/users', { token: u.token })).status).toBe(403);
    const granted = await api.call('PUT', `/api/admin/users/${u.id}/roles`, { token: admin.token, body: { roles: ['admin', 'broker'] } });
    expect(granted.body.platformRoles).toEqual(['admin', 'broker']);
    // Same token, new rights: roles are read from the database on every request.
    expect((await api.call('GET', '/api/admin/users', { token: u.token })).status).toBe(200);
    await api.call('PUT', `/api/admin/users/${u.id}/roles`, { token: admin.token, body: { roles: ['broker'] } });
    expect((await api.call('GET', '/api/admin/users', { token: u.token })).status).toBe(403);
    const audit = await api.db.query(`SELECT action, detail->>'role' AS role FROM audit_log WHERE target_id = $1 AND action LIKE 'role.%' ORDER BY id`, [u.id]);
    expect(audit.rows).toEqual([
      { action: 'role.granted', role: 'admin' },
      { action: 'role.granted', role: 'broker' },
      { action: 'role.revoked', role: 'admin' },
    ]);
  });

  it('refuses unknown roles and an admin removing their own admin role', async () => {
    const u = await registerUser(api);
    expect((await api.call('PUT', `/api/admin/users/${u.id}/roles`, { token: admin.token, body: { roles: ['superuser'] } })).status).toBe(400);
    const self = await api.call('PUT', `/api/admin/users/${admin.id}/roles`, { token: admin.token, body: { roles: [] } });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('CANNOT_CHANGE_OWN_ACCOUNT');
  });
});
