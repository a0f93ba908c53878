import { createHash } from 'node:crypto';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, challengeInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { AppProcess, eventually, httpCaller, HttpResult, spawnTestApi, startTestApi, TestApi } from '../harness/test-app';

/*
 * The partner API (docs/security.md #29): keys an admin issues, shown once and kept hashed; the
 * change feed a partner syncs from; scopes, the key's limit a minute, revocation and expiry; the
 * usage log; and the per-address limit on anonymous public traffic, shared through Redis.
 */

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

interface FeedEntry {
  kind: string;
  id: string;
  change: 'upsert' | 'tombstone';
  changedAt: string;
  item: Record<string, unknown> | null;
}

describe('the partner API (docs/security.md #29)', () => {
  let api: TestApi;
  let admin: TestUser;
  let owner: TestUser;
  let orgId: string;
  let partnerOrg: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    owner = await registerUser(api);
    orgId = (await createOrg(api, owner, { verified: true })).id;
    const partner = await registerUser(api);
    partnerOrg = (await createOrg(api, partner, { verified: true, input: { name: '华南技术转移中心' } })).id;
  });
  afterAll(() => api.close());

  const issue = async (body: Record<string, unknown>) => {
    const res = await api.call('POST', '/api/admin/partner-keys', {
      token: admin.token,
      body: { orgId: partnerOrg, name: '湛茂成果共享', scopes: ['catalogue:read', 'challenges:read'], ratePerMinute: 1000, expiresAt: inAYear(), ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { key: { id: string; keyId: string; status: string }; secret: string };
  };
  const feed = (key: string, query = '', header: 'x-api-key' | 'bearer' = 'x-api-key') =>
    api.call('GET', `/api/partner/feed${query}`, { headers: header === 'x-api-key' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` } });

  /** Follows nextCursor from `cursor` until nothing more is waiting; returns what it read and where it stopped. */
  async function sync(key: string, cursor: string | null, limit = 2): Promise<{ entries: FeedEntry[]; cursor: string }> {
    const entries: FeedEntry[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await feed(key, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      entries.push(...(res.body.entries as FeedEntry[]));
      cursor = res.body.nextCursor as string;
      if (!res.body.hasMore) return { entries, cursor };
    }
    throw new Error('the feed never ended');
  }

  it('lets an admin issue a key that is shown once and stored only as a hash, audited; others get 403', async () => {
    const created = await issue({});
    expect(created.secret).toMatch(/^ztt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(`ztt_${created.key.keyId}_`)).toBe(true);
    expect(created.key).toMatchObject({ status: 'active', scopes: ['catalogue:read', 'challenges:read'], orgName: '华南技术转移中心' });

    const secretPart = created.secret.slice(`ztt_${created.key.keyId}_`.length);
    const list = await api.call('GET', '/api/admin/partner-keys', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.key.id);
    expect(list.text).not.toContain(secretPart);

    const row = (await api.db.query(`SELECT row_to_json(k)::text AS j, secret_hash FROM partner_api_key k WHERE id = $1`, [created.key.id])).rows[0];
    expect(row.j).not.toContain(secretPart);
    expect(row.j).not.toContain(created.secret);
    expect((row.secret_hash as Buffer).equals(createHash('sha256').update(secretPart).digest())).toBe(true);

    const audit = await api.db.query(`SELECT actor_id FROM audit_log WHERE action = 'partner_key.created' AND target_id = $1`, [created.key.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id }]);

    const notAdmin = await api.call('POST', '/api/admin/partner-keys', {
      token: owner.token,
      body: { orgId: partnerOrg, name: 'x', scopes: ['catalogue:read'], ratePerMinute: 10, expiresAt: inAYear() },
    });
    expect(notAdmin.status).toBe(403);
    expect((await api.call('GET', '/api/admin/partner-keys', { token: owner.token })).status).toBe(403);
  });

  it('syncs needs, achievements and challenges by following nextCursor, with public fields only, and sees a withdrawal as a tombstone', async () => {
    const { secret } = await issue({});
    const need = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '对虾养殖尾水处理', confidentialDetails: '机密：现有工艺参数 A-17' }));
    const achievement = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '红树林生态修复技术', confidentialDetails: '机密：配方 B-9' }));
    const challenge = await api.call('POST', '/api/challenges', {
      token: admin.token,
      body: challengeInput(orgId, owner.id, { title: '深远海养殖平台锚泊系统攻关', background: '湛江近海养殖平台每年遭遇台风，需要可靠的锚泊与监测方案。' }),
    });
    expect(challenge.status).toBe(201);
    expect((await api.call('POST', `/api/admin/challenges/${challenge.body.id}/publish`, { token: admin.token })).status).toBe(200);
    const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title: '尚未提交的草稿需求' }) });
    expect(draft.status).toBe(201);

    // Changes younger than a second wait for the next call (the feed lets late commits settle), so poll.
    let first: { entries: FeedEntry[]; cursor: string } = { entries: [], cursor: '' };
    await eventually(
      'the three published items in the feed',
      async () => {
        first = await sync(secret, null);
        return [need, achievement, challenge.body.id].every((id) => first.entries.some((e) => e.id === id));
      },
      15_000,
    );
    const byId = new Map(first.entries.map((e) => [e.id, e]));
    expect(byId.get(need)).toMatchObject({ kind: 'need', change: 'upsert', item: { title: '对虾养殖尾水处理', status: 'published' } });
    expect(byId.get(achievement)).toMatchObject({ kind: 'achievement', change: 'upsert', item: { title: '红树林生态修复技术' } });
    expect(byId.get(challenge.body.id)).toMatchObject({ kind: 'challenge', change: 'upsert', item: { title: '深远海养殖平台锚泊系统攻关', bounty: '3000000.00' } });
    expect(byId.get(need)?.item?.url).toMatch(new RegExp(`/needs/${need}$`));
    expect(byId.has(draft.body.id)).toBe(false);
    const text = JSON.stringify(first.entries);
    expect(text).not.toContain('A-17');
    expect(text).not.toContain('B-9');
    expect(text).not.toMatch(/contact|confidential/i);

    // Nothing new: the same cursor comes back with nothing after it.
    const quiet = await feed(secret, `?cursor=${encodeURIComponent(first.cursor)}`);
    expect(quiet.body).toMatchObject({ entries: [], hasMore: false });

    expect((await api.call('POST', `/api/needs/${need}/withdraw`, { token: owner.token })).status).toBe(200);
    let after: FeedEntry[] = [];
    await eventually('the withdrawn need as a tombstone', async () => {
      after = (await sync(secret, first.cursor)).entries;
      return after.some((e) => e.id === need);
    });
    expect(after.filter((e) => e.id === need)).toEqual([{ kind: 'need', id: need, change: 'tombstone', changedAt: expect.any(String), item: null }]);

    const garbage = await feed(secret, '?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.details[0]).toMatchObject({ field: 'cursor', message: '游标无效，请使用上次返回的 nextCursor' });
  });

  it('answers only within the key scopes: challenges only for challenges:read, 403 without a reading scope', async () => {
    const challengesOnly = await issue({ scopes: ['challenges:read'] });
    await eventually('a challenge in the challenges-only feed', async () => (await sync(challengesOnly.secret, null, 50)).entries.length > 0, 15_000);
    const seen = (await sync(challengesOnly.secret, null, 50)).entries;
    expect(new Set(seen.map((e) => e.kind))).toEqual(new Set(['challenge']));

    const submitOnly = await issue({ scopes: ['items:submit'] });
    const refused = await feed(submitOnly.secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '没有权限执行此操作' });
  });

  it('lets a key with items:submit submit a need and an achievement of its organisation for review, never published; 403 without the scope, 400 in Chinese for bad input', async () => {
    const submitter = await issue({ scopes: ['items:submit'] });
    const post = (key: string, path: string, body: Record<string, unknown>) => api.call('POST', `/api/partner/${path}`, { headers: { 'x-api-key': key }, body });
    const { ownerOrgId: _ignored, ...need } = needInput(orgId, { title: '合作机构提交的海水淡化需求' });

    const created = await post(submitter.secret, 'needs', need);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '合作机构提交的海水淡化需求', status: 'submitted', ownerOrgId: partnerOrg });
    const row = (await api.db.query(`SELECT status, owner_org_id, created_by, published_at FROM tech_need WHERE id = $1`, [created.body.id])).rows[0];
    expect(row).toMatchObject({ status: 'submitted', owner_org_id: partnerOrg, created_by: admin.id, published_at: null });
    // It waits in the review queue like any other submission, and is not public.
    const queue = await api.call('GET', '/api/admin/review?kind=need&pageSize=100', { token: admin.token });
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.body)).toContain(created.body.id);
    expect((await api.call('GET', `/api/needs/${created.body.id}`)).status).toBe(404);

    const { ownerOrgId: _also, ...achievement } = achievementInput(orgId, { title: '合作机构提交的海上风电防腐成果' });
    const createdAchievement = await post(submitter.secret, 'achievements', achievement);
    expect(createdAchievement.status).toBe(201);
    expect(createdAchievement.body).toMatchObject({ status: 'submitted', ownerOrgId: partnerOrg });

    const reader = await issue({ scopes: ['catalogue:read'] });
    const refused = await post(reader.secret, 'needs', need);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '没有权限执行此操作' });

    const { title: _title, ...untitled } = need;
    const bad = await post(submitter.secret, 'needs', untitled);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const titleProblem = (bad.body.error.details as { field: string; message: string }[]).find((d) => d.field === 'title');
    expect(titleProblem?.message).toMatch(/[\u4e00-\u9fff]/);
    // The organisation is the key's: naming another one is refused, not obeyed.
    const elsewhere = await post(submitter.secret, 'needs', { ...need, ownerOrgId: orgId });
    expect(elsewhere.status).toBe(400);
    // Neither refused call left a draft behind.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM tech_need WHERE title = '合作机构提交的海水淡化需求'`)).rows[0].n).toBe(1);
  });

  it('refuses a key past its limit a minute with 429 and Retry-After', async () => {
    const { secret } = await issue({ ratePerMinute: 3 });
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof feed>> | undefined;
    // A window may turn over between two calls, so the 4th call is not certain to be the refused one.
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await feed(secret, '', 'bearer');
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(refused).toBeDefined();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused?.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
  });

  it('refuses a revoked key, an expired key and an unknown one with 401 in Chinese; revoking is audited and logged calls are listed', async () => {
    const revoked = await issue({});
    expect((await feed(revoked.secret)).status).toBe(200);
    const res = await api.call('POST', `/api/admin/partner-keys/${revoked.key.id}/revoke`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: revoked.key.id, status: 'revoked' });
    const after = await feed(revoked.secret);
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'API_KEY_INVALID', message: 'API 密钥无效、已吊销或已过期' });
    expect((await api.call('POST', `/api/admin/partner-keys/${revoked.key.id}/revoke`, { token: admin.token })).status).toBe(409);
    const audit = await api.db.query(`SELECT actor_id FROM audit_log WHERE action = 'partner_key.revoked' AND target_id = $1`, [revoked.key.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id }]);

    const expiring = await issue({});
    expect((await feed(expiring.secret)).status).toBe(200);
    await api.db.query(`UPDATE partner_api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.key.id]);
    const expired = await feed(expiring.secret);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('API_KEY_INVALID');
    const listed = await api.call('GET', '/api/admin/partner-keys?pageSize=100', { token: admin.token });
    expect(listed.body.items.find((k: { id: string }) => k.id === expiring.key.id)).toMatchObject({ status: 'expired' });

    const forged = `ztt_${revoked.key.keyId}_${'A'.repeat(43)}`;
    for (const key of [forged, 'ztt_000000000000_' + 'B'.repeat(43), 'nonsense']) expect((await feed(key)).status).toBe(401);
    expect((await api.call('GET', '/api/partner/feed')).status).toBe(401);

    // Every call made with the real key is logged, the refused ones too.
    await eventually('the revoked key usage logged', async () => {
      const usage = await api.call('GET', `/api/admin/partner-keys/usage?keyId=${revoked.key.id}`, { token: admin.token });
      return usage.status === 200 && usage.body.items.length === 2;
    });
    const usage = await api.call('GET', `/api/admin/partner-keys/usage?keyId=${revoked.key.id}`, { token: admin.token });
    expect(usage.body.items.map((u: { route: string; status: number; method: string }) => [u.method, u.route, u.status])).toEqual([
      ['GET', '/api/partner/feed', 401],
      ['GET', '/api/partner/feed', 200],
    ]);
    expect(usage.body.total).toBe(2);
    const keyRow = (await api.db.query(`SELECT last_used_at FROM partner_api_key WHERE id = $1`, [revoked.key.id])).rows[0];
    expect(keyRow.last_used_at).not.toBeNull();
  });
});

describe('anonymous traffic on the public routes is limited per address, across API processes (docs/security.md #29)', () => {
  const LIMIT = 20;
  let api: TestApi;
  let second: (AppProcess & { url: string }) | undefined;
  let reader: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ HTTP_PUBLIC_PER_MINUTE: String(LIMIT) });
    reader = await registerUser(api);
    second = await spawnTestApi(api, { HTTP_PUBLIC_PER_MINUTE: String(LIMIT) });
  }, 120_000);
  afterAll(async () => {
    await second?.kill();
    await api.close();
  });

  it('answers 429 with Retry-After and a Chinese body past the limit, counting the calls both processes answered; signed-in callers are not counted', async () => {
    // The count lives in one-minute windows: start well inside one, so that the calls below share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));

    const other = httpCaller(second!.url);
    for (let i = 0; i < 12; i++) expect((await api.call('GET', '/api/challenges')).status).toBe(200);
    let calls = 0;
    let refused: HttpResult | undefined;
    while (!refused && calls < LIMIT) {
      calls++;
      const res = await other('GET', '/api/challenges');
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    // Alone, the second process would have answered LIMIT calls; it refused once the two together reached the
    // limit (its own start-up and the registration above count too, as anonymous public calls from this address).
    expect(refused).toBeDefined();
    expect(calls).toBeLessThanOrEqual(LIMIT - 12 + 1);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused?.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    expect((await api.call('GET', '/api/challenges', { headers: { 'accept-language': 'en' } })).body.error.message).toBe('Too many requests, please try again later');
    expect((await other('GET', '/api/challenges', { token: reader.token })).status).toBe(200);
  });
});
