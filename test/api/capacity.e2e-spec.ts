import { addDays, beijingDate, beijingInstant, PlatformRole, quarterBounds, quarterOf, weekdayIndex } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 中试熟化与仪器共享 (docs/domain.md): an organisation's members list a pilot base and its shared
 * instruments, a platform admin publishes them; anyone finds them in the directory; a signed-in user
 * books an instrument under its rules — two requests for one slot at the same time give one booking
 * and one clear refusal (the database's exclusion constraint); the provider approves, completes, the
 * user rates once; the average is public from 3 ratings. An achievement's owner asks for a
 * verification run, which records the TRL reached; achievements at TRL 3–6 get suggestions with reasons.
 */

const WEEKDAYS = { open: '08:30', close: '17:30' };
const rules = {
  openingHours: [WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, null, null],
  minHours: 1,
  maxHours: 4,
  slotMinutes: 30,
  leadHours: 24,
  approvalRequired: true,
};

/** The first weekday (Mon–Fri) at least `days` days from today, Beijing time. */
function weekdayAfter(days: number): string {
  let d = addDays(beijingDate(), days);
  while (weekdayIndex(d) > 4) d = addDays(d, 1);
  return d;
}

/** The last weekday before today, Beijing time. */
function lastWeekday(): string {
  let d = addDays(beijingDate(), -1);
  while (weekdayIndex(d) > 4) d = addDays(d, -1);
  return d;
}

describe('中试与仪器共享: directory, bookings without double booking, runs, ratings and suggestions', () => {
  let api: TestApi;
  let admin: TestUser;
  let pilot: TestUser;
  let booker: TestUser;
  let rival: TestUser;
  let owner: TestUser;
  let outsider: TestUser;
  let pilotOrg: string;
  let achievement: string;
  let provider: string;
  let instrument: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    pilot = await registerUser(api, { displayName: '中试基地运营' });
    booker = await registerUser(api, { displayName: '预约研究员' });
    rival = await registerUser(api, { displayName: '同时预约者' });
    owner = await registerUser(api, { displayName: '成果持有人' });
    outsider = await registerUser(api, { displayName: '无关机构成员' });
    pilotOrg = (await createOrg(api, pilot, { verified: true, input: { name: '湛江海洋生物中试有限公司' } })).id;
    const ownerOrg = (await createOrg(api, owner, { verified: true, input: { name: '湛江海藻科技有限公司' } })).id;
    await createOrg(api, outsider, { verified: true, input: { name: '无关科技有限公司' } });
    achievement = await publishItem(
      api,
      'achievement',
      owner,
      admin,
      achievementInput(ownerOrg, {
        title: '岩藻多糖冻干粉制备技术',
        summary: '以湛江海带为原料，经发酵与冻干制备高纯岩藻多糖。',
        chains: ['marine.biomed'],
        keywords: ['岩藻多糖', '冻干'],
        trl: 4,
        maturityStage: 'pilot-small',
      }),
    );
  }, 120_000);
  afterAll(() => api?.close());

  const providerBody = (overrides: Record<string, unknown> = {}) => ({
    orgId: pilotOrg,
    kind: 'pilot_base',
    name: '湛江海洋生物中试基地',
    capabilities: '海洋生物活性物质提取、发酵放大与冻干制剂中试',
    tags: ['冻干', '发酵', '提取'],
    chains: ['marine.biomed'],
    trlMin: 4,
    trlMax: 7,
    scale: '500 L 发酵罐 2 台',
    batchSize: '每批 200 L',
    priceBasis: 'batch',
    priceAmount: '20000.00',
    contactName: '陈工',
    contactPhone: '0759-1234567',
    contactEmail: 'pilot@example.cn',
    region: 'mazhang',
    address: '湛江市麻章区海洋大道 1 号',
    ...overrides,
  });
  const book = (u: TestUser, date: string, start: string, end: string) =>
    api.call('POST', '/api/capacity/bookings', { token: u.token, body: { instrumentId: instrument, date, start, end, purpose: '样品检测' } });

  it('lists a provider publicly only once an admin publishes it, with filters, and shows its contact to signed-in users only', async () => {
    const notMember = await api.call('POST', '/api/capacity/providers', { token: outsider.token, body: providerBody() });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.details).toEqual([expect.objectContaining({ field: 'orgId', message: '请选择您所在的机构' })]);
    const badTrl = await api.call('POST', '/api/capacity/providers', { token: pilot.token, body: providerBody({ trlMin: 7, trlMax: 4 }) });
    expect(badTrl.body.error.details.map((d: { message: string }) => d.message)).toEqual(['服务的技术成熟度下限不能高于上限']);

    const created = await api.call('POST', '/api/capacity/providers', { token: pilot.token, body: providerBody() });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    provider = created.body.id;
    expect((await api.call('GET', '/api/capacity/providers')).body.items).toEqual([]);
    expect((await api.call('GET', `/api/capacity/providers/${provider}`)).status).toBe(404);
    expect((await api.call('POST', `/api/admin/capacity/providers/${provider}/review`, { token: pilot.token, body: { decision: 'publish' } })).status).toBe(403);
    expect((await api.call('POST', `/api/admin/capacity/providers/${provider}/review`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(200);

    const names = async (query: string) => ((await api.call('GET', `/api/capacity/providers?${query}`)).body.items as { name: string }[]).map((p) => p.name);
    expect(await names('')).toEqual(['湛江海洋生物中试基地']);
    expect(await names('kind=pilot_base&chain=marine.biomed&trl=5&region=mazhang&q=冻干')).toEqual(['湛江海洋生物中试基地']);
    expect(await names('kind=open_line')).toEqual([]);
    expect(await names('trl=8')).toEqual([]);
    expect(await names('region=xiashan')).toEqual([]);
    expect(await names(`q=${encodeURIComponent('风电')}`)).toEqual([]);

    const anonymous = await api.call('GET', `/api/capacity/providers/${provider}`);
    expect(anonymous.body.contact).toBeNull();
    expect(anonymous.text).not.toContain('0759-1234567');
    const signedIn = await api.call('GET', `/api/capacity/providers/${provider}`, { token: outsider.token });
    expect(signedIn.body.contact).toEqual({ name: '陈工', phone: '0759-1234567', email: 'pilot@example.cn' });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: pilot.token })).body)).toContain('已通过审核');
    const audited = await api.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [provider]);
    expect(audited.rows).toEqual([{ action: 'capacity.published', actor_id: admin.id }]);
  });

  it('keeps an instrument with its hourly rate exact and its booking rules, bookable once published', async () => {
    const created = await api.call('POST', '/api/capacity/instruments', {
      token: pilot.token,
      body: {
        orgId: pilotOrg,
        providerId: provider,
        name: '液相色谱-质谱联用仪',
        model: 'LCMS-8060',
        maker: '岛津',
        capabilities: '小分子定量',
        tags: ['质谱'],
        location: '2 号楼 201',
        hourlyRate: '300.50',
        ...rules,
      },
    });
    expect(created.status).toBe(201);
    instrument = created.body.id;
    expect(created.body.hourlyRate).toBe('300.50');
    const early = await book(booker, weekdayAfter(10), '09:00', '11:00');
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].message).toBe('该仪器尚未在平台公开，暂不能预约');
    expect((await api.call('POST', `/api/admin/capacity/instruments/${instrument}/review`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(200);
    const listed = await api.call('GET', `/api/capacity/instruments?q=${encodeURIComponent('质谱')}`);
    expect(listed.body.items.map((i: { name: string }) => i.name)).toEqual(['液相色谱-质谱联用仪']);
    expect((await api.call('GET', `/api/capacity/providers/${provider}`)).body.instruments.map((i: { name: string }) => i.name)).toEqual(['液相色谱-质谱联用仪']);
  });

  it('refuses a slot against the rules, saying why in Chinese, and books nothing', async () => {
    const day = weekdayAfter(10);
    let saturday = day;
    while (weekdayIndex(saturday) !== 5) saturday = addDays(saturday, 1);
    const cases: [string, string, string, string][] = [
      [day, '09:15', '11:00', '预约须以 30 分钟为单位开始和结束'],
      [day, '09:00', '09:30', '每次预约至少 1 小时'],
      [day, '08:30', '13:00', '每次预约最多 4 小时'],
      [day, '07:00', '09:00', '预约时段须在开放时间 08:30–17:30（北京时间）之内'],
      [saturday, '09:00', '11:00', '该仪器周六不开放'],
      [lastWeekday(), '09:00', '11:00', '不能预约已经过去的时段'],
      [day, '11:00', '09:00', '结束时间应晚于开始时间'],
    ];
    for (const [date, start, end, message] of cases) {
      const res = await book(booker, date, start, end);
      expect(`${date} ${start}-${end} → ${res.status}`).toBe(`${date} ${start}-${end} → 400`);
      expect(res.body.error.details.map((d: { message: string }) => d.message)).toContain(message);
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM instrument_booking`)).rows[0].n).toBe(0);
  });

  it('gives exactly one of two simultaneous bookings of one slot, and a clear SLOT_TAKEN refusal to the other', async () => {
    const day = weekdayAfter(12);
    const [a, b] = await Promise.all([book(booker, day, '09:00', '11:00'), book(rival, day, '10:00', '12:00')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.code).toBe('SLOT_TAKEN');
    expect(refused.body.error.message).toBe('该时段已被预约，请选择其他时段');
    const rows = await api.db.query(`SELECT user_id FROM instrument_booking WHERE instrument_id = $1`, [instrument]);
    expect(rows.rows).toHaveLength(1);
    // the slot shows as taken, with no booker named
    const detail = await api.call('GET', `/api/capacity/instruments/${instrument}`);
    expect(detail.body.busy).toHaveLength(1);
    expect(detail.text).not.toContain('预约研究员');
  });

  it('lets only the provider approve and complete, the booker rate once, and makes the average public from 3 ratings', async () => {
    const ratingOf = async () => (await api.call('GET', `/api/capacity/providers/${provider}`)).body.rating;
    const scores = [5, 4, 4];
    for (const [k, score] of scores.entries()) {
      const date = weekdayAfter(20 + k);
      const made = await book(booker, date, '14:00', '16:30');
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ status: 'requested', hours: '2.50', amount: '751.25', startTime: '14:00', endTime: '16:30' });
      const id = made.body.id as string;
      expect((await api.call('POST', `/api/capacity/bookings/${id}/approve`, { token: outsider.token, body: {} })).status).toBe(404);
      expect((await api.call('POST', `/api/capacity/bookings/${id}/approve`, { token: booker.token, body: {} })).status).toBe(404);
      expect((await api.call('POST', `/api/capacity/bookings/${id}/rate`, { token: booker.token, body: { score } })).status).toBe(409);
      const approved = await api.call('POST', `/api/capacity/bookings/${id}/approve`, { token: pilot.token, body: {} });
      expect(approved.body.status).toBe('approved');
      expect((await api.call('POST', `/api/capacity/bookings/${id}/complete`, { token: pilot.token, body: { hoursUsed: 2.5 } })).body.status).toBe('completed');
      expect((await api.call('POST', `/api/capacity/bookings/${id}/rate`, { token: pilot.token, body: { score: 1 } })).status).toBe(404);
      const rated = await api.call('POST', `/api/capacity/bookings/${id}/rate`, { token: booker.token, body: { score, comment: '报告规范' } });
      expect(rated.body).toMatchObject({ rating: score, ratingComment: '报告规范' });
      const again = await api.call('POST', `/api/capacity/bookings/${id}/rate`, { token: booker.token, body: { score: 1 } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CAPACITY_ALREADY_RATED');
      if (k < 2) expect(await ratingOf()).toEqual({ count: k + 1, average: null });
    }
    expect(await ratingOf()).toEqual({ count: 3, average: '4.33' });
    const told = JSON.stringify((await api.call('GET', '/api/notifications', { token: booker.token })).body);
    expect(told).toContain('已批准');
    expect(told).toContain('欢迎评价满意度');
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: pilot.token })).body)).toContain('预约研究员预约了“液相色谱-质谱联用仪”');
    const mine = await api.call('GET', '/api/me/bookings', { token: booker.token });
    expect(mine.body.bookings.filter((b: { status: string }) => b.status === 'completed')).toHaveLength(3);
    const desk = await api.call('GET', '/api/me/capacity', { token: pilot.token });
    expect(desk.body.bookings.length).toBeGreaterThanOrEqual(4);
    expect((await api.call('GET', '/api/me/capacity', { token: outsider.token })).body.bookings).toEqual([]);
  });

  it('frees a slot when the provider declines (with a reason) or the booker cancels, so it can be booked again', async () => {
    const day = weekdayAfter(14);
    const first = await book(booker, day, '13:00', '15:00');
    expect(first.status).toBe(201);
    const noReason = await api.call('POST', `/api/capacity/bookings/${first.body.id}/decline`, { token: pilot.token, body: { reason: ' ' } });
    expect(noReason.body.error.details.map((d: { message: string }) => d.message)).toEqual(['请说明原因']);
    const declined = await api.call('POST', `/api/capacity/bookings/${first.body.id}/decline`, { token: pilot.token, body: { reason: '设备维护' } });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '设备维护' });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: booker.token })).body)).toContain('未批准：设备维护');
    const second = await book(rival, day, '13:00', '15:00');
    expect(second.status).toBe(201);
    expect((await api.call('POST', `/api/capacity/bookings/${second.body.id}/cancel`, { token: booker.token, body: {} })).status).toBe(404);
    expect((await api.call('POST', `/api/capacity/bookings/${second.body.id}/cancel`, { token: rival.token, body: {} })).body.status).toBe('cancelled');
    expect((await api.call('POST', `/api/capacity/bookings/${second.body.id}/approve`, { token: pilot.token, body: {} })).status).toBe(409);
    expect((await book(booker, day, '13:00', '15:00')).status).toBe(201);
  });

  it('suggests the pilot base for a TRL 4 achievement with its reasons, to the owner only', async () => {
    const res = await api.call('GET', `/api/achievements/${achievement}/capacity-suggestions`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.eligible).toBe(true);
    expect(res.body.suggestions[0]).toMatchObject({
      providerId: provider,
      reasons: ['服务TRL 4–7，覆盖下一阶段', '同属产业链：海洋生物医药', '能力相符：冻干、发酵'],
    });
    expect((await api.call('GET', `/api/achievements/${achievement}/capacity-suggestions`, { token: outsider.token })).status).toBe(404);
  });

  it("runs a verification at the provider for the achievement's owner, records the TRL reached, and takes one rating", async () => {
    const body = { providerId: provider, achievementId: achievement, goal: '验证 200 L 规模发酵与冻干工艺稳定性', wishFrom: weekdayAfter(30), wishTo: weekdayAfter(60) };
    const notOwner = await api.call('POST', '/api/capacity/runs', { token: outsider.token, body });
    expect(notOwner.status).toBe(400);
    expect(notOwner.body.error.details.map((d: { message: string }) => d.message)).toEqual(['只有成果所属机构的成员可以申请验证']);
    const made = await api.call('POST', '/api/capacity/runs', { token: owner.token, body });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'requested', trlBefore: 4, achievementTitle: '岩藻多糖冻干粉制备技术' });
    const id = made.body.id as string;
    expect((await api.call('POST', `/api/capacity/runs/${id}/approve`, { token: owner.token, body: { scheduledFrom: body.wishFrom, scheduledTo: body.wishTo } })).status).toBe(404);
    expect((await api.call('POST', `/api/capacity/runs/${id}/approve`, { token: pilot.token, body: { scheduledFrom: body.wishFrom, scheduledTo: body.wishTo } })).body.status).toBe(
      'approved',
    );
    const done = await api.call('POST', `/api/capacity/runs/${id}/complete`, { token: pilot.token, body: { result: '三批次放大稳定，收率 85%', trlReached: 6 } });
    expect(done.body).toMatchObject({ status: 'completed', trlBefore: 4, trlReached: 6 });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: owner.token })).body)).toContain('达到 TRL 6');
    expect((await api.call('POST', `/api/capacity/runs/${id}/rate`, { token: owner.token, body: { score: 5 } })).body.rating).toBe(5);
    expect((await api.call('POST', `/api/capacity/runs/${id}/rate`, { token: owner.token, body: { score: 3 } })).status).toBe(409);
    expect((await api.call('GET', `/api/capacity/providers/${provider}`)).body.rating).toEqual({ count: 4, average: '4.50' });
    expect((await api.call('GET', '/api/me/bookings', { token: owner.token })).body.runs.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('lets the provider decline a run with a reason and either side cancel one, telling the other', async () => {
    const body = { providerId: provider, achievementId: achievement, goal: '冻干工艺放大', wishFrom: weekdayAfter(40), wishTo: weekdayAfter(50) };
    const declined = (await api.call('POST', '/api/capacity/runs', { token: owner.token, body })).body.id as string;
    expect((await api.call('POST', `/api/capacity/runs/${declined}/decline`, { token: pilot.token, body: { reason: '档期已满' } })).body).toMatchObject({
      status: 'declined',
      declineReason: '档期已满',
    });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: owner.token })).body)).toContain('未批准：档期已满');
    const cancelled = (await api.call('POST', '/api/capacity/runs', { token: owner.token, body })).body.id as string;
    expect((await api.call('POST', `/api/capacity/runs/${cancelled}/cancel`, { token: outsider.token, body: {} })).status).toBe(404);
    expect((await api.call('POST', `/api/capacity/runs/${cancelled}/cancel`, { token: owner.token, body: { reason: '计划调整' } })).body.status).toBe('cancelled');
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: pilot.token })).body)).toContain('已取消：计划调整');
  });

  it("shows admins each provider's utilisation and satisfaction, and the achievements that moved up in TRL after a run", async () => {
    expect((await api.call('GET', '/api/admin/dashboard/capacity', { token: pilot.token })).status).toBe(403);
    const quarter = quarterOf(beijingInstant(weekdayAfter(20), '14:00'));
    const res = await api.call('GET', `/api/admin/dashboard/capacity?quarter=${quarter}`, { token: admin.token });
    expect(res.status).toBe(200);
    const row = res.body.providers.find((p: { providerId: string }) => p.providerId === provider);
    // open hours: 9 a weekday (08:30–17:30) over the quarter's weekdays, in Beijing days
    const { from, to } = quarterBounds(quarter);
    let weekdays = 0;
    for (let d = beijingDate(from); d < beijingDate(to); d = addDays(d, 1)) if (weekdayIndex(d) <= 4) weekdays++;
    expect(row).toMatchObject({ name: '湛江海洋生物中试基地', kind: 'pilot_base', openHours: `${weekdays * 9}.00`, ratingCount: 4, ratingAverage: '4.50' });
    const booked = await api.db.query(
      `SELECT coalesce(sum(hours), 0)::numeric(8,2)::text AS h FROM instrument_booking WHERE status IN ('approved', 'completed') AND lower(slot) >= $1 AND lower(slot) < $2`,
      [from, to],
    );
    expect(row.bookedHours).toBe(booked.rows[0].h);
    expect(res.body.trlMoves).toEqual([
      expect.objectContaining({ achievementId: achievement, achievementTitle: '岩藻多糖冻干粉制备技术', providerName: '湛江海洋生物中试基地', trlBefore: 4, trlReached: 6 }),
    ]);
  });
});
