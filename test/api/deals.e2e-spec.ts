import ExcelJS from 'exceljs';
import { PlatformRole, REGISTRATION_SHEET_FIELDS } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let admin2: TestUser;
let enterprise: TestUser;
let university: TestUser;
let outsider: TestUser;
let broker: TestUser;
let coBroker: TestUser;
let otherBroker: TestUser;
let entOrg: { id: string; creditCode: string };
let uniOrg: { id: string; creditCode: string };
let needId: string;
let achId: string;
let matchId: string;

const PDF = Buffer.from('%PDF-1.4\n% deal test document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function insertMatch(need: string, ach: string, brokerId: string): Promise<string> {
  const res = await api.db.query(
    `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source, broker_id, assigned_at)
     VALUES ($1, $2, 0.8, '{}', '{}', '测试匹配', 'publication', $3, now()) RETURNING id`,
    [need, ach, brokerId],
  );
  return res.rows[0].id;
}

async function upload(user: TestUser, dealId: string, fields: Record<string, string>, data = PDF, name = '保密协议.pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${api.url}/api/deals/${dealId}/documents?${new URLSearchParams(fields)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

function contractInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    contractNo: 'ZJ-2026-001',
    contractName: '养殖尾水处理技术转让合同',
    contractType: 'transfer',
    contractSubtype: 'transfer.patent',
    buyer: { name: '湛江测试海洋科技有限公司', creditCode: entOrg.creditCode },
    seller: { name: '湛江海洋科技大学对接测试', creditCode: uniOrg.creditCode },
    signedOn: '2026-11-20',
    periodStart: '2026-12-01',
    periodEnd: '2027-11-30',
    totalAmount: '1234567.89',
    techAmount: '1000000.01',
    paymentTerms: '签约后 30 日内支付 50%，验收后支付余款',
    ...overrides,
  };
}

const move = (user: TestUser, id: string, body: Record<string, unknown>) => api.call('POST', `/api/deals/${id}/stage`, { token: user.token, body });
const getDeal = (user: TestUser, id: string) => api.call('GET', `/api/deals/${id}`, { token: user.token });

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  admin2 = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  outsider = await registerUser(api);
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '对接经纪人' });
  coBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '协办经纪人' });
  otherBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '别的经纪人' });
  entOrg = await createOrg(api, enterprise, { verified: true });
  uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学对接测试' } });
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id));
  matchId = await insertMatch(needId, achId, broker.id);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('opening a deal', () => {
  it('opens a deal from the broker’s match, marks the match as a deal, and refuses a second deal for it', async () => {
    const res = await api.call('POST', '/api/deals', {
      token: broker.token,
      body: { matchId, coBrokerIds: [coBroker.id], expectedValue: '800000.50', nextStep: '约双方电话沟通', nextStepDue: '2026-12-05' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      stage: 'lead',
      version: 1,
      viewerRole: 'broker',
      matchId,
      needId,
      achievementId: achId,
      challengeId: null,
      expectedValue: '800000.50',
      demand: { orgId: entOrg.id },
      supply: { orgId: uniOrg.id },
      leadBroker: { id: broker.id, name: '对接经纪人' },
      coBrokers: [{ id: coBroker.id, name: '协办经纪人' }],
    });
    const match = await api.db.query('SELECT status FROM match WHERE id = $1', [matchId]);
    expect(match.rows[0].status).toBe('deal');
    // A match that is a deal keeps that status: its owners can no longer mark it contacted or dismiss it.
    const dismissed = await api.call('PATCH', `/api/matches/${matchId}`, { token: enterprise.token, body: { status: 'dismissed', dismissReason: 'other' } });
    expect(dismissed.status).toBe(409);
    expect(dismissed.body.error).toMatchObject({ code: 'MATCH_IN_DEAL', message: '该匹配已转为交易，状态不能再更改' });
    const contacted = await api.call('PATCH', `/api/matches/${matchId}`, { token: enterprise.token, body: { status: 'contacted' }, headers: { 'accept-language': 'en' } });
    expect(contacted.body.error).toMatchObject({ code: 'MATCH_IN_DEAL', message: 'This match has become a deal; its status can no longer be changed' });
    expect((await api.db.query('SELECT status, dismiss_reason FROM match WHERE id = $1', [matchId])).rows[0]).toEqual({ status: 'deal', dismiss_reason: null });
    const again = await api.call('POST', '/api/deals', { token: broker.token, body: { matchId } });
    expect(again.status).toBe(409);
    expect((await api.db.query('SELECT count(*)::int AS n FROM deal WHERE match_id = $1', [matchId])).rows[0].n).toBe(1);
  });

  it('answers 404 when a broker opens a match handed to someone else, and 403 to a non-broker', async () => {
    const m2 = await insertMatch(needId, await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id, { title: '对虾苗种选育技术' })), broker.id);
    expect((await api.call('POST', '/api/deals', { token: otherBroker.token, body: { matchId: m2 } })).status).toBe(404);
    expect((await api.call('POST', '/api/deals', { token: enterprise.token, body: { matchId: m2 } })).status).toBe(403);
    expect((await api.db.query('SELECT status FROM match WHERE id = $1', [m2])).rows[0].status).toBe('proposed');
  });

  it('opens a deal by hand between a published need and achievement, and refuses bad input in Chinese', async () => {
    const bad = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, expectedValue: '12.345' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('提交的内容有误，请检查后重试');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('expectedValue');
    const badDate = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, nextStepDue: '2026-13-45', role: 'admin' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['nextStepDue', 'role']);
    const missing = await api.call('POST', '/api/deals', { token: broker.token, body: { needId } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]).toMatchObject({ field: 'achievementId', message: '此项必填' });
    const ok = await api.call('POST', '/api/deals', { token: otherBroker.token, body: { needId, achievementId: achId, title: '手工对接' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ title: '手工对接', matchId: null, leadBroker: { id: otherBroker.id } });
  });
});

describe('the pipeline: one step at a time, with the data each gate needs', () => {
  let dealId: string;
  let version: number;
  let ndaDocId: string;

  beforeAll(async () => {
    const list = await api.call('GET', '/api/deals', { token: broker.token });
    dealId = list.body.items.find((d: { matchId: string }) => d.matchId === matchId).id;
    version = list.body.items.find((d: { id: string }) => d.id === dealId).version;
  });

  const step = async (body: Record<string, unknown>) => {
    const res = await move(broker, dealId, { version, ...body });
    if (res.status === 200) version = res.body.version;
    return res;
  };

  it('refuses a jump (lead → NDA signed) and changes nothing', async () => {
    const res = await step({ to: 'nda_signed' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'to', code: 'deal_stage_jump' });
    expect(res.body.error.details[0].message).toContain('不能跳过');
    expect((await getDeal(broker, dealId)).body).toMatchObject({ stage: 'lead', version });
  });

  it('moves lead → contacted, then refuses NDA signed without the NDA document and date', async () => {
    expect((await step({ to: 'contacted' })).status).toBe(200);
    const none = await step({ to: 'nda_signed' });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0]).toMatchObject({ field: 'nda', code: 'deal_nda_required' });
    const sheet = await upload(broker, dealId, { kind: 'term_sheet' }, PDF, '条款清单.pdf');
    expect(sheet.status).toBe(201);
    const wrongDoc = await step({ to: 'nda_signed', nda: { documentId: sheet.body.id, signedOn: '2026-11-10' } });
    expect(wrongDoc.status).toBe(400);
    expect(wrongDoc.body.error.details[0]).toMatchObject({ field: 'nda.documentId', code: 'deal_nda_document' });
    expect((await getDeal(broker, dealId)).body.stage).toBe('contacted');
  });

  it('keeps document versions and refuses files the catalogue refuses', async () => {
    const v1 = await upload(broker, dealId, { kind: 'nda', title: '保密协议' });
    const v2 = await upload(broker, dealId, { kind: 'nda', title: '保密协议' });
    expect([v1.status, v2.status]).toEqual([201, 201]);
    expect([v1.body.version, v2.body.version]).toEqual([1, 2]);
    ndaDocId = v2.body.id;
    const exe = await upload(broker, dealId, { kind: 'other' }, Buffer.from('MZ\x90\x00 not a document'), 'tool.exe');
    expect(exe.status).toBe(415);
    const docs = await api.call('GET', `/api/deals/${dealId}/documents`, { token: broker.token });
    expect(docs.body.filter((d: { kind: string }) => d.kind === 'nda').map((d: { version: number }) => d.version)).toEqual([2, 1]);
  });

  it('records the NDA, grants each party disclosure of the other’s confidential details, and audits it', async () => {
    const before = await api.call('GET', `/api/achievements/${achId}`, { token: enterprise.token });
    expect(before.body.confidentialDetails ?? null).toBeNull();
    const res = await step({ to: 'nda_signed', nda: { documentId: ndaDocId, signedOn: '2026-11-10' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'nda_signed', nda: { documentId: ndaDocId, signedOn: '2026-11-10' } });
    const ach = await api.call('GET', `/api/achievements/${achId}`, { token: enterprise.token });
    expect(ach.body.confidentialDetails).toBe('核心配方与工艺参数，仅签署保密协议后提供');
    const need = await api.call('GET', `/api/needs/${needId}`, { token: university.token });
    expect(need.body.confidentialDetails).toContain('日处理 500 吨');
    const grants = await api.db.query(`SELECT item_kind, requester_org_id, status FROM disclosure_request WHERE item_id = ANY($1) ORDER BY item_kind`, [[needId, achId]]);
    expect(grants.rows).toEqual([
      { item_kind: 'achievement', requester_org_id: entOrg.id, status: 'granted' },
      { item_kind: 'need', requester_org_id: uniOrg.id, status: 'granted' },
    ]);
    const audit = await api.db.query(`SELECT target_id, detail FROM audit_log WHERE action = 'disclosure.granted' AND detail->>'dealId' = $1`, [dealId]);
    expect(audit.rows.map((r) => r.target_id).sort()).toEqual([needId, achId].sort());
    const stageAudit = await api.db.query(`SELECT detail FROM audit_log WHERE action = 'deal.stage_changed' AND target_id = $1 ORDER BY occurred_at`, [dealId]);
    expect(stageAudit.rows.map((r) => r.detail.to)).toEqual(['contacted', 'nda_signed']);
  });

  it('refuses signed without a contract, and a contract with bad credit codes or a technology amount above the total', async () => {
    expect((await step({ to: 'due_diligence' })).status).toBe(200);
    expect((await step({ to: 'negotiating' })).status).toBe(200);
    const none = await step({ to: 'signed' });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0]).toMatchObject({ field: 'contract', code: 'deal_contract_required' });
    const bad = await step({
      to: 'signed',
      contract: contractInput({ techAmount: '1234567.90', buyer: { name: '买方', creditCode: '91440800MA4UXXXXX1' }, contractSubtype: 'license.patent' }),
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['buyer.creditCode', 'contractSubtype', 'techAmount']);
    expect(bad.body.error.details.find((d: { field: string }) => d.field === 'techAmount').message).toBe('技术交易额不能大于合同成交总额');
    expect((await api.db.query('SELECT count(*)::int AS n FROM contract_registration WHERE deal_id = $1', [dealId])).rows[0].n).toBe(0);
    expect((await getDeal(broker, dealId)).body.stage).toBe('negotiating');
  });

  it('records the contract at signed; amounts round-trip exactly (1234567.89 元)', async () => {
    const res = await step({ to: 'signed', contract: contractInput() });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('signed');
    const c = await api.call('GET', `/api/deals/${dealId}/contract`, { token: broker.token });
    expect(c.body).toMatchObject({
      totalAmount: '1234567.89',
      techAmount: '1000000.01',
      contractSubtype: 'transfer.patent',
      sourceNeedId: needId,
      sourceAchievementId: achId,
      sourceChallengeId: null,
    });
    const row = await api.db.query('SELECT total_amount::text AS t, tech_amount::text AS k, pg_typeof(total_amount)::text AS ty FROM contract_registration WHERE deal_id = $1', [
      dealId,
    ]);
    expect(row.rows[0]).toEqual({ t: '1234567.89', k: '1000000.01', ty: 'numeric' });
  });

  it('needs the registration number and date to move to registered; lost is refused once registered', async () => {
    const none = await step({ to: 'registered' });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0]).toMatchObject({ field: 'registration', code: 'deal_registration_required' });
    const res = await step({ to: 'registered', registration: { number: '2026440800000123', registeredOn: '2026-11-28' } });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('registered');
    const lost = await step({ to: 'lost', lostReason: 'price' });
    expect(lost.status).toBe(400);
    expect(lost.body.error.details[0].code).toBe('deal_stage_jump');
    const contract = await api.call('PUT', `/api/deals/${dealId}/contract`, { token: broker.token, body: contractInput({ totalAmount: '1.00', techAmount: '1.00' }) });
    expect(contract.status).toBe(409);
  });

  it('shows every stage change on the shared timeline, for the parties too', async () => {
    const tl = await api.call('GET', `/api/deals/${dealId}/timeline`, { token: enterprise.token });
    expect(tl.status).toBe(200);
    const stages = tl.body.filter((e: { type: string }) => e.type === 'stage' || e.type === 'created').map((e: { toStage: string }) => e.toStage);
    expect(stages).toEqual(['lead', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'signed', 'registered']);
    expect(tl.body.find((e: { toStage: string }) => e.toStage === 'registered').detail.registrationNumber).toBe('2026440800000123');
  });

  it('produces the registration data sheet with every field the registration office asks for', async () => {
    const res = await fetch(`${api.url}/api/deals/${dealId}/contract/sheet`, { headers: { authorization: `Bearer ${broker.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows = new Map<string, string>();
    ws.eachRow((r) => rows.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
    for (const f of REGISTRATION_SHEET_FIELDS) expect(rows.has(f.label)).toBe(true);
    expect(rows.get('合同编号')).toBe('ZJ-2026-001');
    expect(rows.get('合同类别')).toBe('技术转让合同');
    expect(rows.get('合同子类')).toBe('技术转让合同（专利权转让）');
    expect(rows.get('买方统一社会信用代码')).toBe(entOrg.creditCode);
    expect(rows.get('卖方统一社会信用代码')).toBe(uniOrg.creditCode);
    expect(rows.get('合同成交总额（元）')).toBe('1234567.89');
    expect(rows.get('技术交易额（元）')).toBe('1000000.01');
    expect(rows.get('签订日期')).toBe('2026-11-20');
    expect(rows.get('履行期限止')).toBe('2027-11-30');
    expect(rows.get('来源（需求/成果/榜单）')).toContain('需求：南美白对虾');
    expect(rows.get('技术经纪人')).toBe('对接经纪人');
    expect(rows.get('认定登记编号')).toBe('2026440800000123');
    expect(rows.get('登记日期')).toBe('2026-11-28');
    // parties do not get the sheet; admins do, and the export lists the contract
    expect((await api.call('GET', `/api/deals/${dealId}/contract/sheet`, { token: enterprise.token })).status).toBe(404);
    const list = await api.call('GET', '/api/admin/registrations', { token: admin.token });
    expect(list.body.find((r: { dealId: string }) => r.dealId === dealId)).toMatchObject({
      totalAmount: '1234567.89',
      registrationNumber: '2026440800000123',
      stage: 'registered',
    });
    const exp = await fetch(`${api.url}/api/admin/registrations/export`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(exp.status).toBe(200);
  });

  it('shows the registered value on the broker’s performance', async () => {
    const res = await api.call('GET', '/api/deals/performance', { token: broker.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ brokerId: broker.id, registeredValue: '1234567.89', registeredContracts: 1, dealsSigned: 1, dealsFromMatches: 1 });
    expect(res.body.matchesAssigned).toBeGreaterThanOrEqual(2);
    expect(Object.keys(res.body.averageDaysPerStage)).toEqual(expect.arrayContaining(['lead', 'contacted', 'signed']));
    expect((await api.call('GET', `/api/deals/performance?brokerId=${broker.id}`, { token: otherBroker.token })).status).toBe(404);
    expect((await api.call('GET', `/api/deals/performance?brokerId=${broker.id}`, { token: admin.token })).body.registeredValue).toBe('1234567.89');
  });

  it('loses an open deal only with a reason code', async () => {
    const d = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title: '将要失败的对接' } });
    expect((await move(broker, d.body.id, { to: 'lost', version: 1 })).body.error.details[0].code).toBe('deal_lost_reason_required');
    const lost = await move(broker, d.body.id, { to: 'lost', version: 1, lostReason: 'no-response', lostNote: '三次联系无回应' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ stage: 'lost', lostReason: 'no-response' });
  });
});

describe('who sees what', () => {
  let dealId: string;
  const SECRET = '内部判断蓝鲸七号报价底线';

  beforeAll(async () => {
    const d = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title: '可见性测试对接', coBrokerIds: [coBroker.id] } });
    dealId = d.body.id;
    expect((await api.call('POST', `/api/deals/${dealId}/notes`, { token: broker.token, body: { body: `${SECRET}：对方最多接受 90 万` } })).status).toBe(201);
    expect((await api.call('POST', `/api/deals/${dealId}/messages`, { token: broker.token, body: { body: '请双方下周二来平台面谈', audience: 'both' } })).status).toBe(201);
    expect((await api.call('POST', `/api/deals/${dealId}/messages`, { token: broker.token, body: { body: '仅致需方：请准备现场数据', audience: 'demand' } })).status).toBe(201);
    expect((await upload(broker, dealId, { kind: 'contract_draft', shared: 'false' }, PDF, '内部合同草稿.pdf')).status).toBe(201);
    expect((await upload(broker, dealId, { kind: 'term_sheet', shared: 'true' }, PDF, '条款清单.pdf')).status).toBe(201);
  });

  it('never shows a party the brokers’ private notes: API', async () => {
    for (const party of [enterprise, university]) {
      expect((await api.call('GET', `/api/deals/${dealId}/notes`, { token: party.token })).status).toBe(404);
      const view = await getDeal(party, dealId);
      expect(view.status).toBe(200);
      expect(view.body.viewerRole).toBe('party');
      expect(view.body.commission).toBeNull();
      for (const path of ['', '/timeline', '/documents', '/messages']) {
        const res = await api.call('GET', `/api/deals/${dealId}${path}`, { token: party.token });
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(SECRET);
      }
    }
    const notes = await api.call('GET', `/api/deals/${dealId}/notes`, { token: coBroker.token });
    expect(notes.body[0].body).toContain(SECRET);
  });

  it('never shows a party the brokers’ private notes: search', async () => {
    const q = encodeURIComponent('蓝鲸七号');
    const asBroker = await api.call('GET', `/api/deals?q=${q}`, { token: broker.token });
    expect(asBroker.body.items.map((d: { id: string }) => d.id)).toEqual([dealId]);
    for (const party of [enterprise, university]) {
      const res = await api.call('GET', `/api/deals?q=${q}`, { token: party.token });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
      expect((await api.call('GET', `/api/deals?q=${encodeURIComponent('可见性测试')}`, { token: party.token })).body.total).toBe(1);
    }
    for (const kind of ['needs', 'achievements']) {
      const res = await api.call('GET', `/api/search/${kind}?q=${q}`, { token: enterprise.token });
      expect(res.text).not.toContain(SECRET);
    }
  });

  it('shows each party only the messages and documents meant for them', async () => {
    const supplyMsgs = await api.call('GET', `/api/deals/${dealId}/messages`, { token: university.token });
    expect(supplyMsgs.body.map((m: { body: string }) => m.body)).toEqual(['请双方下周二来平台面谈']);
    const demandMsgs = await api.call('GET', `/api/deals/${dealId}/messages`, { token: enterprise.token });
    expect(demandMsgs.body.map((m: { body: string }) => m.body)).toEqual(['请双方下周二来平台面谈', '仅致需方：请准备现场数据']);
    const docs = await api.call('GET', `/api/deals/${dealId}/documents`, { token: enterprise.token });
    expect(docs.body.map((d: { fileName: string }) => d.fileName)).toEqual(['条款清单.pdf']);
    const inApp = await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'deal.message' AND user_id = $1`, [university.id]);
    expect(inApp.rows[0].n).toBe(1);
    const emails = await api.db.query(
      `SELECT count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.type = 'deal.message' AND d.channel = 'email' AND n.user_id = $1`,
      [enterprise.id],
    );
    expect(emails.rows[0].n).toBe(2);
  });

  it('shows the deal’s brokers the confidential details of its need and achievement, audited; nobody else', async () => {
    const res = await api.call('GET', `/api/deals/${dealId}/confidential`, { token: coBroker.token });
    expect(res.status).toBe(200);
    expect(res.body.need).toMatchObject({ id: needId, confidentialDetails: expect.stringContaining('日处理 500 吨') });
    expect(res.body.achievement).toMatchObject({ id: achId, contact: { name: '林教授' } });
    const audit = await api.db.query(
      `SELECT target_type FROM audit_log WHERE action = 'item.confidential_viewed' AND actor_id = $1 AND detail->>'dealId' = $2 ORDER BY target_type`,
      [coBroker.id, dealId],
    );
    expect(audit.rows.map((r) => r.target_type)).toEqual(['achievement', 'need']);
    for (const user of [enterprise, university, otherBroker, admin]) expect((await api.call('GET', `/api/deals/${dealId}/confidential`, { token: user.token })).status).toBe(404);
  });

  it('answers 404 to a broker of another deal and to outsiders, on every route of the deal', async () => {
    for (const user of [otherBroker, outsider]) {
      for (const path of ['', '/timeline', '/notes', '/tasks', '/documents', '/messages', '/contract', '/contract/sheet', '/confidential']) {
        expect([path, (await api.call('GET', `/api/deals/${dealId}${path}`, { token: user.token })).status]).toEqual([path, 404]);
      }
      expect((await move(user, dealId, { to: 'contacted', version: 1 })).status).toBe(404);
      expect((await api.call('PATCH', `/api/deals/${dealId}`, { token: user.token, body: { version: 1, nextStep: 'x' } })).status).toBe(404);
      expect((await api.call('POST', `/api/deals/${dealId}/notes`, { token: user.token, body: { body: 'x' } })).status).toBe(404);
      const list = await api.call('GET', '/api/deals', { token: user.token });
      expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(dealId);
    }
    expect((await getDeal(broker, dealId)).body.stage).toBe('lead');
  });
});

describe('optimistic concurrency', () => {
  it('two brokers saving the same version: one 200, one 409, and the saved change is kept', async () => {
    const d = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title: '并发测试对接', coBrokerIds: [coBroker.id] } });
    const id = d.body.id;
    const [a, b] = await Promise.all([
      api.call('PATCH', `/api/deals/${id}`, { token: broker.token, body: { version: 1, nextStep: '经纪人甲：安排现场考察' } }),
      api.call('PATCH', `/api/deals/${id}`, { token: coBroker.token, body: { version: 1, nextStep: '经纪人乙：发送条款清单' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ code: 'CONFLICT', message: '内容已被他人修改，请刷新后重试' });
    const winner = a.status === 200 ? a : b;
    const now = await getDeal(broker, id);
    expect(now.body).toMatchObject({ version: 2, nextStep: winner.body.nextStep });
    // The loser reloads and saves on the new version: nothing is lost.
    const retry = await api.call('PATCH', `/api/deals/${id}`, { token: coBroker.token, body: { version: 2, expectedValue: '50000.00' } });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ version: 3, nextStep: winner.body.nextStep, expectedValue: '50000.00' });
    // Stage moves use the same check.
    const [s1, s2] = await Promise.all([move(broker, id, { to: 'contacted', version: 3 }), move(coBroker, id, { to: 'lost', version: 3, lostReason: 'price' })]);
    expect([s1.status, s2.status].sort()).toEqual([200, 409]);
  });
});

describe('commission', () => {
  it('a broker cannot approve their own commission, even as a platform admin; another admin can', async () => {
    const adminBroker = await registerUser(api, { roles: [PlatformRole.Admin, PlatformRole.Broker], displayName: '兼任管理员的经纪人' });
    const d = await api.call('POST', '/api/deals', { token: adminBroker.token, body: { needId, achievementId: achId, title: '佣金测试对接' } });
    const id = d.body.id;
    const bad = await api.call('PUT', `/api/deals/${id}/commission`, { token: adminBroker.token, body: { kind: 'percentage', amount: '100.00' } });
    expect(bad.status).toBe(400);
    const proposed = await api.call('PUT', `/api/deals/${id}/commission`, { token: adminBroker.token, body: { kind: 'percentage', rate: '3.5' } });
    expect(proposed.status).toBe(200);
    expect(proposed.body.commission).toMatchObject({ kind: 'percentage', rate: '3.50', status: 'proposed' });
    const own = await api.call('POST', `/api/admin/deals/${id}/commission/decision`, { token: adminBroker.token, body: { decision: 'approve' } });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('OWN_COMMISSION');
    expect(own.body.error.message).toContain('不能审批自己');
    expect((await api.db.query('SELECT commission_status FROM deal WHERE id = $1', [id])).rows[0].commission_status).toBe('proposed');
    expect((await api.call('POST', `/api/admin/deals/${id}/commission/decision`, { token: broker.token, body: { decision: 'approve' } })).status).toBe(403);
    const ok = await api.call('POST', `/api/admin/deals/${id}/commission/decision`, { token: admin2.token, body: { decision: 'approve' } });
    expect(ok.status).toBe(200);
    expect(ok.body.commission).toMatchObject({ status: 'approved', decidedBy: admin2.id });
    const all = await api.call('GET', '/api/admin/deals', { token: admin.token });
    expect(all.body.total).toBeGreaterThanOrEqual(5);
  });
});
