import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let owner: TestUser;
let colleague: TestUser;
let outsider: TestUser;
let orgId: string;
let outsiderOrgId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api, { displayName: '需求发布人' });
  orgId = (await createOrg(api, owner, { verified: true })).id;
  colleague = await registerUser(api);
  await api.db.query(`INSERT INTO membership (organisation_id, user_id, role, status) VALUES ($1, $2, 'member', 'active')`, [orgId, colleague.id]);
  outsider = await registerUser(api);
  outsiderOrgId = (await createOrg(api, outsider, { verified: true })).id;
});
afterAll(() => api.close());

const createNeed = async (overrides: Record<string, unknown> = {}) => {
  const res = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, overrides) });
  expect(res.status).toBe(201);
  return res.body;
};
const statusOf = async (id: string) => (await api.db.query('SELECT status FROM tech_need WHERE id = $1', [id])).rows[0]?.status;

describe('need lifecycle', () => {
  it('goes draft → submitted → published → closed, each step audited and announced', async () => {
    const need = await createNeed();
    expect(need).toMatchObject({
      status: 'draft',
      industries: ['marine'],
      budgetMin: '50.00',
      budgetMax: '120.50',
      deadline: '2027-06-30',
      canEdit: true,
      confidentialVisible: true,
    });
    expect((await api.call('POST', `/api/needs/${need.id}/submit`, { token: owner.token })).body.status).toBe('submitted');

    const inbox = await api.call('GET', '/api/notifications', { token: admin.token });
    expect(inbox.body.items[0]).toMatchObject({ type: 'item.submitted', title: '有新的待审核内容' });
    expect(inbox.body.items[0].body).toContain('南美白对虾');

    const published = await api.call('POST', `/api/admin/review/need/${need.id}/decision`, { token: admin.token, body: { decision: 'publish' } });
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const ownerInbox = await api.call('GET', '/api/notifications', { token: colleague.token });
    expect(ownerInbox.body.items.map((n: { type: string }) => n.type)).toContain('item.published');
    expect((await api.call('GET', '/api/notifications/unread-count', { token: colleague.token })).body.count).toBeGreaterThanOrEqual(1);

    expect((await api.call('POST', `/api/needs/${need.id}/close`, { token: owner.token })).body.status).toBe('closed');
    const colleagueNotes = await api.call('GET', '/api/notifications', { token: colleague.token });
    expect(colleagueNotes.body.items[0]).toMatchObject({ type: 'item.closed', title: '已关闭' });
    expect(colleagueNotes.body.items[0].body).toContain('需求发布人');
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [need.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['item.created', 'item.submitted', 'item.published', 'item.closed']);
    const outbox = await api.db.query(`SELECT topic FROM outbox WHERE aggregate_id = $1`, [need.id]);
    expect(outbox.rows).toEqual([{ topic: 'need.changed' }, { topic: 'need.changed' }]);
  });

  it('lets an admin reject with a reason back to draft; the owner sees the reason and can resubmit', async () => {
    const need = await createNeed();
    await api.call('POST', `/api/needs/${need.id}/submit`, { token: owner.token });
    const noReason = await api.call('POST', `/api/admin/review/need/${need.id}/decision`, { token: admin.token, body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    const rejected = await api.call('POST', `/api/admin/review/need/${need.id}/decision`, { token: admin.token, body: { decision: 'reject', reason: '验收指标不够具体' } });
    expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: '验收指标不够具体' });
    const seen = await api.call('GET', `/api/needs/${need.id}`, { token: colleague.token });
    expect(seen.body.rejectionReason).toBe('验收指标不够具体');
    const notes = await api.call('GET', '/api/notifications', { token: owner.token });
    expect(notes.body.items.find((n: { type: string }) => n.type === 'item.rejected').body).toContain('验收指标不够具体');
    expect((await api.call('POST', `/api/needs/${need.id}/submit`, { token: owner.token })).body.status).toBe('submitted');
  });

  it('refuses transitions from the wrong state, changing nothing', async () => {
    const need = await createNeed();
    expect((await api.call('POST', `/api/needs/${need.id}/close`, { token: owner.token })).status).toBe(409);
    expect((await api.call('POST', `/api/admin/review/need/${need.id}/decision`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(409);
    expect(await statusOf(need.id)).toBe('draft');
  });

  it("refuses to let anyone else submit, publish-by-submit or withdraw someone else's draft (404, nothing changed)", async () => {
    const need = await createNeed();
    for (const action of ['submit', 'withdraw', 'close']) {
      expect((await api.call('POST', `/api/needs/${need.id}/${action}`, { token: outsider.token })).status).toBe(404);
    }
    expect((await api.call('PATCH', `/api/needs/${need.id}`, { token: outsider.token, body: { title: '篡改', version: need.version } })).status).toBe(404);
    expect((await api.call('POST', `/api/admin/review/need/${need.id}/decision`, { token: owner.token, body: { decision: 'publish' } })).status).toBe(403);
    expect(await statusOf(need.id)).toBe('draft');
  });

  it('refuses posting for an organisation the caller does not belong to, or one not yet verified', async () => {
    const foreign = await api.call('POST', '/api/needs', { token: outsider.token, body: needInput(orgId) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0]).toMatchObject({ field: 'ownerOrgId', message: '您不是该机构的正式成员' });
    const newcomer = await registerUser(api);
    const unverified = await createOrg(api, newcomer);
    const res = await api.call('POST', '/api/needs', { token: newcomer.token, body: needInput(unverified.id) });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'ORG_NOT_VERIFIED', message: '机构通过认证后才能发布需求或成果' });
  });

  it('validates the listing in Chinese: chains from the taxonomy (1–3), TRL 1–9, budget order, money as exact decimals', async () => {
    const bad = await api.call('POST', '/api/needs', {
      token: owner.token,
      body: needInput(orgId, { chains: [], trl: 12, budgetMin: '1.234', cooperationModes: ['barter'], extra: 'x' }),
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['chains', 'trl', 'budgetMin', 'cooperationModes', 'extra']));
    const order = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { budgetMin: '200', budgetMax: '100' }) });
    expect(order.body.error.details[0]).toMatchObject({ field: 'budgetMin', message: '预算下限不能高于上限' });
    const negotiable = await createNeed({ budgetNegotiable: true });
    expect(negotiable).toMatchObject({ budgetNegotiable: true, budgetMin: null, budgetMax: null });
  });

  it('expires published needs past their deadline (the scheduled job), and only those', async () => {
    const past = await publishItem(api, 'need', owner, admin, needInput(orgId, { deadline: '2026-01-01' }));
    const future = await publishItem(api, 'need', owner, admin, needInput(orgId, { deadline: '2099-01-01' }));
    const { CatalogueService } = await import('@ztt/catalogue');
    expect(await api.app.get(CatalogueService).expireOverdueNeeds()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(past)).toBe('expired');
    expect(await statusOf(future)).toBe('published');
    expect(await api.app.get(CatalogueService).expireOverdueNeeds()).toBe(0);
  });
});

describe('optimistic concurrency', () => {
  it('accepts one of two saves of the same version and answers the other 409, losing nothing', async () => {
    const need = await createNeed();
    const [a, b] = await Promise.all([
      api.call('PATCH', `/api/needs/${need.id}`, { token: owner.token, body: { title: '版本A的标题', version: need.version } }),
      api.call('PATCH', `/api/needs/${need.id}`, { token: colleague.token, body: { title: '版本B的标题', version: need.version } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? '版本A的标题' : '版本B的标题';
    expect((await api.db.query('SELECT title, version FROM tech_need WHERE id = $1', [need.id])).rows[0]).toEqual({ title: winner, version: need.version + 1 });
  });

  it('sends an edited published item back through review, showing the reviewer what changed', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId));
    const current = (await api.call('GET', `/api/achievements/${id}`, { token: owner.token })).body;
    const edited = await api.call('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { trl: 8, summary: '已完成中试并在三家企业应用。', version: current.version } });
    expect(edited.body.status).toBe('draft');
    await api.call('POST', `/api/achievements/${id}/submit`, { token: owner.token });
    const queue = await api.call('GET', '/api/admin/review?kind=achievement&pageSize=100', { token: admin.token });
    const entry = queue.body.items.find((e: { item: { id: string } }) => e.item.id === id);
    expect(entry.changes).toEqual(
      expect.arrayContaining([{ field: 'trl', before: 7, after: 8 }, expect.objectContaining({ field: 'summary', after: '已完成中试并在三家企业应用。' })]),
    );
    expect(entry.changes).toHaveLength(2);
  });
});

describe('visibility: role × own/other organisation × draft/published × public/confidential', () => {
  let draftId: string;
  let publishedId: string;
  beforeAll(async () => {
    draftId = (await createNeed({ title: '草稿需求' })).id;
    publishedId = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '已发布需求' }));
  });
  const get = (id: string, user?: TestUser) => api.call('GET', `/api/needs/${id}`, { token: user?.token });
  const CONFIDENTIAL = ['confidentialDetails', 'contact', 'attachments'];

  it('shows a draft to its organisation and platform admins only; to everyone else it does not exist', async () => {
    expect((await get(draftId, owner)).status).toBe(200);
    expect((await get(draftId, colleague)).status).toBe(200);
    expect((await get(draftId, admin)).status).toBe(200);
    const broker = await registerUser(api, { roles: [PlatformRole.Broker] });
    const missing = await get('00000000-0000-4000-8000-000000000000', outsider);
    for (const res of [await get(draftId, outsider), await get(draftId, broker), await get(draftId)]) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(missing.body.error.message);
    }
  });

  it('shows everyone the public part of a published need, and the confidential part only to the owner and admins', async () => {
    const broker = await registerUser(api, { roles: [PlatformRole.Broker] });
    const reviewer = await registerUser(api, { roles: [PlatformRole.Reviewer] });
    const cases: [TestUser | undefined, boolean][] = [
      [owner, true],
      [colleague, true],
      [admin, true],
      [broker, false],
      [reviewer, false],
      [outsider, false],
      [undefined, false],
    ];
    for (const [who, sees] of cases) {
      const res = await get(publishedId, who);
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('已发布需求');
      expect(res.body.confidentialVisible).toBe(sees);
      for (const f of CONFIDENTIAL) expect(f in res.body).toBe(sees);
      expect(res.text.includes('联系人手机 13900001111')).toBe(sees);
    }
  });

  it("lists only the caller's own organisations' items under /my", async () => {
    const mine = await api.call('GET', '/api/my/needs?pageSize=100', { token: colleague.token });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([draftId, publishedId]));
    const theirs = await api.call('GET', '/api/my/needs?pageSize=100', { token: outsider.token });
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(publishedId);
  });
});

describe('disclosure', () => {
  it('lets another organisation ask, the owner grant, and then see the confidential part — each step audited', async () => {
    const id = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId));
    const asked = await api.call('POST', `/api/achievements/${id}/disclosure-requests`, {
      token: outsider.token,
      body: { reason: '拟在我司养殖基地试用', requesterOrgId: outsiderOrgId },
    });
    expect(asked.status).toBe(201);
    expect((await api.call('POST', `/api/achievements/${id}/disclosure-requests`, { token: outsider.token, body: { reason: '再次', requesterOrgId: outsiderOrgId } })).status).toBe(
      409,
    );
    expect((await api.call('GET', `/api/achievements/${id}`, { token: outsider.token })).body).toMatchObject({ confidentialVisible: false, myDisclosure: 'pending' });

    const incoming = await api.call('GET', '/api/disclosure-requests?box=incoming', { token: owner.token });
    expect(incoming.body.items[0]).toMatchObject({ itemId: id, reason: '拟在我司养殖基地试用', status: 'pending' });
    // Only the owner decides.
    expect((await api.call('POST', `/api/disclosure-requests/${asked.body.id}/decision`, { token: outsider.token, body: { decision: 'grant' } })).status).toBe(404);
    expect((await api.call('POST', `/api/disclosure-requests/${asked.body.id}/decision`, { token: owner.token, body: { decision: 'grant' } })).body.status).toBe('granted');

    const seen = await api.call('GET', `/api/achievements/${id}`, { token: outsider.token });
    expect(seen.body).toMatchObject({ confidentialVisible: true, confidentialDetails: '核心配方与工艺参数，仅签署保密协议后提供', myDisclosure: 'granted' });
    const audit = await api.db.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'disclosure.%' OR (target_id = $1 AND action = 'item.confidential_viewed') ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['disclosure.requested', 'disclosure.granted', 'item.confidential_viewed']);
    const notes = await api.call('GET', '/api/notifications', { token: outsider.token });
    expect(notes.body.items[0]).toMatchObject({ type: 'disclosure.granted', title: '保密信息申请已同意' });
  });

  it('refuses a request for one’s own item or for an organisation the caller is not in', async () => {
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId));
    expect((await api.call('POST', `/api/needs/${id}/disclosure-requests`, { token: owner.token, body: { reason: 'x', requesterOrgId: orgId } })).status).toBe(400);
    expect((await api.call('POST', `/api/needs/${id}/disclosure-requests`, { token: outsider.token, body: { reason: 'x', requesterOrgId: orgId } })).status).toBe(400);
  });
});

describe('attachments', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
  const upload = (id: string, user: TestUser, data: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    return fetch(`${api.url}/api/needs/${id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
  };

  it('accepts a real PDF, serves it with Content-Disposition to those allowed, and hides it from others', async () => {
    const id = await publishItem(api, 'need', owner, admin, needInput(orgId));
    const res = await upload(id, owner, PDF, '工艺说明.pdf');
    expect(res.status).toBe(201);
    const att = (await res.json()) as { id: string; mimeType: string; fileName: string };
    expect(att).toMatchObject({ mimeType: 'application/pdf', fileName: '工艺说明.pdf' });
    const dl = await fetch(`${api.url}/api/attachments/${att.id}`, { headers: { authorization: `Bearer ${colleague.token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('工艺说明.pdf')}`);
    expect(Buffer.from(await dl.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${api.url}/api/attachments/${att.id}`, { headers: { authorization: `Bearer ${outsider.token}` } })).status).toBe(404);
    const stored = await api.db.query('SELECT stored_name FROM attachment WHERE id = $1', [att.id]);
    expect(stored.rows[0].stored_name).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a file whose bytes are not what its name says (415) and an oversized one (413)', async () => {
    const id = (await createNeed()).id;
    const fake = await upload(id, owner, Buffer.from('<html><script>alert(1)</script></html>'), 'report.pdf');
    expect(fake.status).toBe(415);
    expect(((await fake.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_FILE');
    const big = await upload(id, owner, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf');
    expect(big.status).toBe(413);
    expect((await api.db.query('SELECT count(*)::int AS n FROM attachment WHERE item_id = $1', [id])).rows[0].n).toBe(0);
  });
});
