import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PlatformRole } from '@ztt/contracts';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let uniAdmin: TestUser;
let member: TestUser;
let university: { id: string; creditCode: string };
let otherOrg: { id: string; creditCode: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  uniAdmin = await registerUser(api, { displayName: '技术转移中心主任' });
  university = await createOrg(api, uniAdmin, { verified: true, input: { name: '广东海洋大学自助导入测试', type: 'university' } });
  member = await registerUser(api, { displayName: '普通成员' });
  await api.call('POST', `/api/orgs/${university.id}/join-requests`, { token: member.token });
  await api.call('POST', `/api/orgs/${university.id}/members/${member.id}/decision`, { token: uniAdmin.token, body: { decision: 'approve' } });
  const stranger = await registerUser(api);
  otherOrg = await createOrg(api, stranger, { verified: true, input: { name: '湛江另一家科技有限公司' } });
});
afterAll(() => api.close());

type Cell = string | number | null;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACHIEVEMENT_HEADERS = [
  '发布机构统一社会信用代码',
  '标题',
  '公开摘要',
  '保密信息',
  '产业链',
  '关键词',
  '所在地区',
  '技术成熟度(TRL)',
  '合作方式',
  '联系人',
  '联系电话',
  '联系邮箱',
  '成熟阶段',
  '知识产权',
  '团队成员',
  '报价(万元)',
  '面议',
  '价格条款',
  '应用领域',
  '应用成效',
];

/** Fixed-length distinct titles, so no two rows look like duplicates of each other. */
const achievementRow = (i: number, tag: string, creditCode: string | null = otherOrg.creditCode): Cell[] => [
  // The sheet names another organisation: a self-service import ignores it.
  creditCode,
  `深远海网箱养殖技术-${tag}-${String(i).padStart(4, '0')}-${randomBytes(3).toString('hex')}`,
  '卵形鲳鲹病害早期预警与绿色防控技术，已在湛江海域示范。',
  'SECRET-核心配方',
  '现代化海洋牧场',
  '病害防控',
  '麻章区',
  7,
  '技术许可',
  '林教授',
  null,
  'lin@example.edu.cn',
  '中试',
  '发明专利|ZL202310123456.7|已授权',
  '林海|教授',
  null,
  '是',
  null,
  null,
  null,
];

async function xlsx(rows: Cell[][], headers = ACHIEVEMENT_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(path: string, data: Buffer, token: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: XLSX }), 'achievements.xlsx');
  const res = await fetch(`${api.url}/api${path}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('self-service import by an organisation’s admins (issue 16)', () => {
  it('imports 300 achievements as drafts of the organisation in one upload, after a dry run, publishing nothing', async () => {
    const file = await xlsx(Array.from({ length: 300 }, (_, i) => achievementRow(i, 'bulk')));

    const dry = await upload(`/orgs/${university.id}/import/achievement?mode=dry-run`, file, uniAdmin.token);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ total: 300, valid: 300, imported: 0, errors: [], duplicates: [] });
    expect(Number((await api.db.query('SELECT count(*) FROM achievement WHERE owner_org_id = $1', [university.id])).rows[0].count)).toBe(0);

    const started = Date.now();
    const run = await upload(`/orgs/${university.id}/import/achievement?mode=all-valid`, file, uniAdmin.token);
    const took = Date.now() - started;
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ total: 300, valid: 300, imported: 300, errors: [] });
    // Quick enough to wait for in a browser.
    expect(took).toBeLessThan(15_000);

    const stored = await api.db.query(`SELECT status, owner_org_id, created_by, count(*)::int AS n FROM achievement WHERE title LIKE '深远海网箱养殖技术-bulk-%' GROUP BY 1, 2, 3`);
    expect(stored.rows).toEqual([{ status: 'draft', owner_org_id: university.id, created_by: uniAdmin.id, n: 300 }]);
    const outbox = await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE aggregate_id::text IN (SELECT id::text FROM achievement WHERE owner_org_id = $1)`, [
      university.id,
    ]);
    expect(outbox.rows[0].n).toBe(0);

    // They are the organisation's own drafts, in its list.
    const mine = await api.call('GET', '/api/my/achievements?status=draft&pageSize=100', { token: uniAdmin.token });
    expect(mine.body.total).toBe(300);
    expect((await api.call('GET', '/api/search/achievements?q=%E6%B7%B1%E8%BF%9C%E6%B5%B7')).body.total).toBe(0);

    // The same file again: every row is a duplicate of what was imported.
    const again = await upload(`/orgs/${university.id}/import/achievement?mode=dry-run`, file, uniAdmin.token);
    expect(again.body).toMatchObject({ total: 300, valid: 0 });
    expect(again.body.duplicates).toHaveLength(300);
  }, 60_000);

  it('submits the rows for review when asked, still publishing none', async () => {
    const file = await xlsx([achievementRow(1, 'submit', null), achievementRow(2, 'submit', null)]);
    const run = await upload(`/orgs/${university.id}/import/achievement?mode=all-valid&submit=true`, file, uniAdmin.token);
    expect(run.body).toMatchObject({ imported: 2, errors: [] });
    const stored = await api.db.query(`SELECT status, submitted_at IS NOT NULL AS dated FROM achievement WHERE title LIKE '深远海网箱养殖技术-submit-%'`);
    expect(stored.rows).toEqual([
      { status: 'submitted', dated: true },
      { status: 'submitted', dated: true },
    ]);
    const queue = await api.call('GET', '/api/admin/review?kind=achievement&pageSize=100', { token: admin.token });
    expect(queue.body.items.filter((e: { item: { title: string } }) => e.item.title.startsWith('深远海网箱养殖技术-submit-'))).toHaveLength(2);
    // The reviewers get one message for the upload, saying who imported how many.
    const inbox = await api.call('GET', '/api/notifications', { token: admin.token });
    const told = inbox.body.items.filter((n: { type: string }) => n.type === 'items.imported_achievement');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: '批量导入的科技成果待审核',
      body: expect.stringMatching(/^广东海洋大学自助导入测试导入了 2 项科技成果并提交审核，第一项为“深远海网箱养殖技术-submit-[^”]+”$/),
      link: '/admin/review?kind=achievement',
    });
  });

  it('reports row errors in Chinese, as the platform admins’ import does', async () => {
    const bad = achievementRow(1, 'bad');
    bad[4] = '不存在的产业链';
    const dry = await upload(`/orgs/${university.id}/import/achievement?mode=dry-run`, await xlsx([bad]), uniAdmin.token);
    expect(dry.body.valid).toBe(0);
    expect(dry.body.errors).toEqual([{ row: 2, field: '产业链', message: '“不存在的产业链”不是允许的取值，请填写中文名称或代码（见“填写说明”）' }]);
  });

  it('refuses a member who is not an admin, another organisation’s id, and a stranger, importing nothing', async () => {
    const file = await xlsx([achievementRow(1, 'refused')]);
    const asMember = await upload(`/orgs/${university.id}/import/achievement?mode=all-valid`, file, member.token);
    expect(asMember.status).toBe(404);
    const otherId = await upload(`/orgs/${otherOrg.id}/import/achievement?mode=all-valid`, file, uniAdmin.token);
    expect(otherId.status).toBe(404);
    const template = await api.call('GET', `/api/orgs/${otherOrg.id}/import/achievement/template`, { token: uniAdmin.token });
    expect(template.status).toBe(404);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM achievement WHERE title LIKE '深远海网箱养殖技术-refused-%'`)).rows[0].n).toBe(0);
  });

  it('gives the organisation’s admin the template', async () => {
    const res = await fetch(`${api.url}/api/orgs/${university.id}/import/need/template`, { headers: { authorization: `Bearer ${uniAdmin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
  });

  it('puts needs to be submitted through the quality gate: a key generic need without indicators is a row error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    const headers = ['标题', '公开摘要', '产业链', '所在地区', '技术成熟度(TRL)', '合作方式', '联系人', '联系电话', '需求类别', '面议', '验收指标'];
    ws.addRow(headers);
    ws.addRow([
      '自助导入尾水处理需求甲',
      '现有养殖尾水氨氮超标，需要一套尾水处理与回用方案。',
      '现代化海洋牧场',
      '坡头区',
      6,
      '委托开发',
      '吴工',
      '13800001234',
      '关键共性技术需求',
      '是',
      '寻求合作',
    ]);
    ws.addRow([
      '自助导入育苗水质监测需求乙',
      '育苗池溶解氧需要在线监测并自动报警。',
      '现代化海洋牧场',
      '坡头区',
      6,
      '委托开发',
      '吴工',
      '13800001234',
      '关键共性技术需求',
      '是',
      '溶解氧测量误差 ≤ 0.2 mg/L',
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const submit = await upload(`/orgs/${university.id}/import/need?mode=dry-run&submit=true`, file, uniAdmin.token);
    expect(submit.body).toMatchObject({ total: 2, valid: 1 });
    expect(submit.body.errors).toEqual([{ row: 2, field: '验收指标', message: '核心技术需求和关键共性技术需求须填写验收指标（含指标值和单位）后才能提交' }]);
    // As drafts, both may be imported: the gate applies at submission.
    const drafts = await upload(`/orgs/${university.id}/import/need?mode=dry-run`, file, uniAdmin.token);
    expect(drafts.body).toMatchObject({ total: 2, valid: 2, errors: [] });
  });
});
