import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PlatformRole } from '@ztt/contracts';
import { createOrg, needInput, publishItem, registerUser, TestUser, uniqueCreditCode } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let owner: TestUser;
let org: { id: string; creditCode: string };
let unverified: { id: string; creditCode: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api, { displayName: '导入测试机构管理员' });
  org = await createOrg(api, owner, { verified: true, input: { name: '湛江导入测试海洋科技有限公司' } });
  const newcomer = await registerUser(api);
  unverified = await createOrg(api, newcomer, { input: { name: '湛江待认证科技有限公司' } });
});
afterAll(() => api.close());

type Cell = string | number | boolean | Date | null;
type Row = Record<string, Cell>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEED_HEADERS = [
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
  '需求类别',
  '预算下限(万元)',
  '预算上限(万元)',
  '面议',
  '截止日期',
  '验收指标',
];
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

/** A title no other row shares (fixed length, so no title contains another). */
const uniqueTitle = (base = '工厂化循环水养殖尾水处理技术需求') => `${base}-${randomBytes(4).toString('hex')}`;

const needRow = (overrides: Row = {}): Row => ({
  发布机构统一社会信用代码: org.creditCode,
  标题: uniqueTitle(),
  公开摘要: '现有养殖尾水氨氮超标，需要一套尾水处理与回用方案。',
  保密信息: 'SECRET-预算内部批复 80 万元',
  产业链: '现代化海洋牧场',
  关键词: '尾水处理、循环水养殖',
  所在地区: '坡头区',
  '技术成熟度(TRL)': 6,
  合作方式: '委托开发、合作开发',
  联系人: '吴工',
  联系电话: '13800001234',
  联系邮箱: null,
  需求类别: '关键共性技术需求',
  '预算下限(万元)': '50',
  '预算上限(万元)': '120.5',
  面议: '否',
  截止日期: '2027-06-30',
  验收指标: '出水氨氮 ≤ 1 mg/L',
  ...overrides,
});

const achievementRow = (overrides: Row = {}): Row => ({
  发布机构统一社会信用代码: org.creditCode,
  标题: uniqueTitle('深远海网箱养殖病害综合防控技术'),
  公开摘要: '卵形鲳鲹病害早期预警与绿色防控技术，已在湛江海域示范。',
  保密信息: 'SECRET-核心配方',
  产业链: '现代化海洋牧场',
  关键词: '病害防控',
  所在地区: '麻章区',
  '技术成熟度(TRL)': 7,
  合作方式: '技术许可',
  联系人: '林教授',
  联系电话: null,
  联系邮箱: 'lin@example.edu.cn',
  成熟阶段: '中试',
  知识产权: '发明专利|ZL202310123456.7|已授权',
  团队成员: '林海|教授',
  '报价(万元)': null,
  面议: '是',
  价格条款: null,
  应用领域: null,
  应用成效: null,
  ...overrides,
});

async function xlsx(rows: Row[], headers = Object.keys(rows[0] ?? needRow())): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(path: string, data: Buffer, fileName: string, opts: { token?: string; type?: string; headers?: Record<string, string> } = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: opts.type ?? XLSX }), fileName);
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? admin.token : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${api.url}/api${path}`, { method: 'POST', body: form, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const dryRun = (kind: string, data: Buffer, name = 'import.xlsx', headers?: Record<string, string>) => upload(`/admin/import/${kind}?mode=dry-run`, data, name, { headers });
const importAll = (kind: string, data: Buffer, name = 'import.xlsx', type?: string) => upload(`/admin/import/${kind}?mode=all-valid`, data, name, { type });

async function download(path: string, token = admin.token) {
  const res = await fetch(`${api.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
}

async function readSheet(data: Buffer, index = 0): Promise<{ headers: string[]; rows: Row[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[index] as ExcelJS.Worksheet;
  const headers = (ws.getRow(1).values as Cell[]).slice(1).map(String);
  const rows: Row[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as Cell[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, v[i + 1] ?? null])));
  });
  return { headers, rows };
}

const count = async (table: string) => (await api.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
const needByTitle = async (title: string) => (await api.db.query('SELECT *, deadline::text AS deadline FROM tech_need WHERE title = $1', [title])).rows[0];

describe('template', () => {
  it.each([
    ['need', NEED_HEADERS, '技术需求导入模板.xlsx'],
    ['achievement', ACHIEVEMENT_HEADERS, '科技成果导入模板.xlsx'],
  ])('downloads the %s template (headers, an example, 填写说明) and it re-imports cleanly in a dry run', async (kind, headers, fileName) => {
    const res = await download(`/admin/import/${kind}/template`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="${kind}-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);

    const sheet = await readSheet(res.data);
    expect(sheet.headers).toEqual(headers);
    expect(sheet.rows).toHaveLength(1);
    const help = await readSheet(res.data, 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.data as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)[1]).toBe('填写说明');
    expect(help.rows.map((r) => r['列名']).slice(0, headers.length)).toEqual(headers);
    const allowed = help.rows.map((r) => String(r['可选值（中文名称 / 代码）'] ?? '')).join('\n');
    expect(allowed).toContain('现代化海洋牧场 / marine.ranching');
    expect(allowed).toContain('委托开发 / commissioned-dev');

    // The example names a made-up organisation; with a real one it passes every check.
    (wb.worksheets[0] as ExcelJS.Worksheet).getCell('A2').value = org.creditCode;
    const before = await count(kind === 'need' ? 'tech_need' : 'achievement');
    const report = await dryRun(kind, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ total: 1, valid: 1, imported: 0, errors: [], duplicates: [] });
    expect(await count(kind === 'need' ? 'tech_need' : 'achievement')).toBe(before);
  });
});

describe('dry run', () => {
  it('lists each problem with its row and Chinese column, and imports nothing', async () => {
    const file = await xlsx([
      needRow(),
      needRow({ 产业链: '现代化海洋牧场、深海养鱼' }),
      needRow({ '技术成熟度(TRL)': 12 }),
      needRow({ 标题: null }),
      needRow({ 发布机构统一社会信用代码: uniqueCreditCode() }),
      needRow({ '预算下限(万元)': '1.234' }),
      needRow({ 发布机构统一社会信用代码: unverified.creditCode }),
    ]);
    const [needs, outbox, audit] = [await count('tech_need'), await count('outbox'), await count('audit_log')];
    const res = await dryRun('need', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 7, valid: 1, imported: 0, duplicates: [] });
    expect(res.body.errors).toEqual([
      { row: 3, field: '产业链', message: '“深海养鱼”不是允许的取值，请填写中文名称或代码（见“填写说明”）' },
      { row: 4, field: '技术成熟度(TRL)', message: '不能大于 9' },
      { row: 5, field: '标题', message: '此项必填' },
      { row: 6, field: '发布机构统一社会信用代码', message: '平台上没有使用该统一社会信用代码的机构' },
      { row: 7, field: '预算下限(万元)', message: '金额应为不小于 0 的数字（万元），最多两位小数' },
      { row: 8, field: '发布机构统一社会信用代码', message: '该机构尚未通过认证，不能发布需求或成果' },
    ]);
    expect([await count('tech_need'), await count('outbox'), await count('audit_log')]).toEqual([needs, outbox, audit]);
  });

  it("answers in the caller's language", async () => {
    const res = await dryRun('need', await xlsx([needRow({ '技术成熟度(TRL)': 12, 截止日期: '2027-02-30' })]), 'import.xlsx', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.body.errors).toEqual([
      { row: 2, field: '技术成熟度(TRL)', message: 'Must be at most 9' },
      { row: 2, field: '截止日期', message: 'Dates are YYYY-MM-DD (e.g. 2027-06-30) or an Excel date' },
    ]);
  });

  it('applies the API rules the parser does not know about: lengths, e-mail, budget order', async () => {
    const res = await dryRun('need', await xlsx([needRow({ 标题: '长'.repeat(101), 联系邮箱: 'not-an-email', '预算下限(万元)': '200', '预算上限(万元)': '100' })]));
    expect(res.body.errors).toEqual([
      { row: 2, field: '标题', message: '最多 100 个字符' },
      { row: 2, field: '联系邮箱', message: '请输入有效的邮箱地址' },
      { row: 2, field: '预算下限(万元)', message: '预算下限不能高于上限' },
    ]);
  });

  it('reports a missing required column once, on the header row', async () => {
    const headers = NEED_HEADERS.filter((h) => h !== '产业链');
    const res = await dryRun('need', await xlsx([needRow()], headers));
    expect(res.body).toEqual({ total: 1, valid: 0, imported: 0, errors: [{ row: 1, field: '产业链', message: '文件缺少此列（请使用导入模板）' }], duplicates: [] });
  });
});

describe('import of all valid rows', () => {
  it('publishes only the valid rows, each with a snapshot, audit rows and an outbox row, in one go', async () => {
    const good = [needRow({ '预算上限(万元)': 120.5, 截止日期: new Date(Date.UTC(2027, 5, 30)) }), needRow({ 面议: '是' })];
    const res = await importAll('need', await xlsx([good[0] as Row, needRow({ '技术成熟度(TRL)': 12 }), good[1] as Row]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, valid: 2, imported: 2, duplicates: [] });
    expect(res.body.errors).toEqual([{ row: 3, field: '技术成熟度(TRL)', message: '不能大于 9' }]);

    const first = await needByTitle(good[0]?.['标题'] as string);
    expect(first).toMatchObject({
      status: 'published',
      owner_org_id: org.id,
      created_by: admin.id,
      chains: ['marine.ranching'],
      industries: ['marine'],
      region: 'potou',
      cooperation_modes: ['commissioned-dev', 'joint-dev'],
      category: 'common-key',
      budget_min: '50.00',
      budget_max: '120.50',
      budget_negotiable: false,
      deadline: '2027-06-30',
      contact_name: '吴工',
      confidential_details: 'SECRET-预算内部批复 80 万元',
    });
    expect(first.published_at).toBeInstanceOf(Date);
    expect(first.published_snapshot).toMatchObject({ title: first.title, budgetMin: '50.00', budgetMax: '120.50', chains: ['marine.ranching'] });
    const second = await needByTitle(good[1]?.['标题'] as string);
    expect(second).toMatchObject({ status: 'published', budget_negotiable: true, budget_min: null, budget_max: null });

    for (const item of [first, second]) {
      const outbox = await api.db.query('SELECT topic FROM outbox WHERE aggregate_id = $1', [item.id]);
      expect(outbox.rows).toEqual([{ topic: 'need.changed' }]);
      const audit = await api.db.query('SELECT action, actor_id, detail FROM audit_log WHERE target_id = $1 ORDER BY id', [item.id]);
      expect(audit.rows).toEqual([
        { action: 'item.created', actor_id: admin.id, detail: { import: true } },
        { action: 'item.published', actor_id: admin.id, detail: { import: true } },
      ]);
    }
    const seen = await api.call('GET', `/api/needs/${first.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'published', ownerOrgName: '湛江导入测试海洋科技有限公司', confidentialVisible: false });
  });

  it('imports nothing when there is nothing valid', async () => {
    const before = await count('tech_need');
    const res = await importAll('need', await xlsx([needRow({ 标题: null })]));
    expect(res.body).toMatchObject({ total: 1, valid: 0, imported: 0 });
    expect(await count('tech_need')).toBe(before);
  });

  it('accepts taxonomy labels and codes alike', async () => {
    const byLabel = needRow({ 产业链: '现代化海洋牧场、海洋生物医药', 所在地区: '湛江经济技术开发区', 合作方式: '人才合作（科技副总、双聘）；技术咨询', 需求类别: '前沿技术需求' });
    const byCode = needRow({ 产业链: 'marine.ranching,marine.biomed', 所在地区: 'zetdz', 合作方式: 'talent;consulting', 需求类别: 'frontier' });
    const res = await importAll('need', await xlsx([byLabel, byCode]));
    expect(res.body).toMatchObject({ valid: 2, imported: 2, errors: [] });
    for (const row of [byLabel, byCode]) {
      expect(await needByTitle(row['标题'] as string)).toMatchObject({
        chains: ['marine.ranching', 'marine.biomed'],
        region: 'zetdz',
        cooperation_modes: ['talent', 'consulting'],
        category: 'frontier',
      });
    }

    const ach = achievementRow({ 知识产权: '发明专利|ZL202310123456.7|已授权\nutility-model|ZL202220654321.0|申请中', 成熟阶段: 'pilot', 团队成员: '林海|教授、陈静' });
    const imported = await importAll('achievement', await xlsx([ach]));
    expect(imported.body).toMatchObject({ valid: 1, imported: 1, errors: [] });
    const stored = (await api.db.query('SELECT * FROM achievement WHERE title = $1', [ach['标题']])).rows[0];
    expect(stored).toMatchObject({
      status: 'published',
      maturity_stage: 'pilot',
      price_negotiable: true,
      asking_price: null,
      ip_items: [
        { type: 'invention-patent', number: 'ZL202310123456.7', status: '已授权' },
        { type: 'utility-model', number: 'ZL202220654321.0', status: '申请中' },
      ],
      team: [
        { name: '林海', title: '教授', userId: null },
        { name: '陈静', title: null, userId: null },
      ],
    });
    const outbox = await api.db.query('SELECT topic FROM outbox WHERE aggregate_id = $1', [stored.id]);
    expect(outbox.rows).toEqual([{ topic: 'achievement.changed' }]);
  });

  it('reads a UTF-8 CSV with a byte-order mark, quoted cells included', async () => {
    const title = uniqueTitle();
    const cells: Row = needRow({ 标题: title, 公开摘要: '尾水处理，"一期"\n二期回用', 合作方式: '委托开发,合作开发' });
    const quote = (v: Cell) => {
      const s = v === null ? '' : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const csv = `\uFEFF${NEED_HEADERS.join(',')}\r\n${NEED_HEADERS.map((h) => quote(cells[h] ?? null)).join(',')}\r\n`;
    const res = await importAll('need', Buffer.from(csv, 'utf8'), '季度征集.csv', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, valid: 1, imported: 1, errors: [] });
    expect(await needByTitle(title)).toMatchObject({ summary: '尾水处理，"一期"\n二期回用', cooperation_modes: ['commissioned-dev', 'joint-dev'], budget_max: '120.50' });
  });
});

describe('duplicates', () => {
  it('flags a near-identical title of an existing item of the same organisation, or of an earlier row, and imports neither', async () => {
    const existingTitle = uniqueTitle('湛江湾海水养殖尾水生态处理技术需求');
    const existingId = await publishItem(api, 'need', owner, admin, needInput(org.id, { title: existingTitle }));
    const fresh = uniqueTitle();
    const res = await importAll('need', await xlsx([needRow({ 标题: ` ${existingTitle.toUpperCase()}。` }), needRow({ 标题: fresh }), needRow({ 标题: `${fresh}！` })]));
    expect(res.body).toMatchObject({ total: 3, valid: 1, imported: 1, errors: [] });
    expect(res.body.duplicates).toEqual([
      { row: 2, title: `${existingTitle.toUpperCase()}。`, existingId, existingRow: null },
      { row: 4, title: `${fresh}！`, existingId: null, existingRow: 3 },
    ]);
    expect((await api.db.query('SELECT count(*)::int AS n FROM tech_need WHERE owner_org_id = $1 AND lower(title) = lower($2)', [org.id, existingTitle])).rows[0].n).toBe(1);
    expect((await api.db.query('SELECT count(*)::int AS n FROM tech_need WHERE title LIKE $1', [`${fresh}%`])).rows[0].n).toBe(1);

    // The same file again: now every row has a twin in the database.
    const again = await dryRun('need', await xlsx([needRow({ 标题: fresh })]));
    expect(again.body).toMatchObject({ valid: 0, duplicates: [{ row: 2, existingRow: null, existingId: expect.any(String) }] });
  });
});

describe('refusals', () => {
  it('answers 415 for files that are not a spreadsheet, whatever their name', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    for (const [data, name] of [
      [png, 'needs.xlsx'],
      [Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(64)]), 'needs.xlsx'],
      [Buffer.from('标题,公开摘要\n测试,测试\n'), 'needs.txt'],
      [Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00]), 'needs.csv'],
    ] as const) {
      const res = await upload('/admin/import/need?mode=dry-run', data, name, { type: 'application/octet-stream' });
      expect(`${name} ${res.status}`).toBe(`${name} 415`);
      expect(res.body.error.code).toBe('UNSUPPORTED_FILE');
    }
  });

  it('answers 413 above 5 MB and 400 without a file', async () => {
    expect((await upload('/admin/import/need', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'big.csv')).status).toBe(413);
    const none = await api.call('POST', '/api/admin/import/need?mode=dry-run', { token: admin.token, body: {} });
    expect(none.status).toBe(400);
  });

  it('refuses a non-admin (403) and an anonymous caller (401) on every route, before reading any file', async () => {
    const file = await xlsx([needRow()]);
    expect((await upload('/admin/import/need?mode=all-valid', file, 'n.xlsx', { token: owner.token })).status).toBe(403);
    expect((await upload('/admin/import/need?mode=all-valid', file, 'n.xlsx', { token: '' })).status).toBe(401);
    expect((await download('/admin/import/need/template', owner.token)).status).toBe(403);
    expect((await download('/admin/export/need', owner.token)).status).toBe(403);
    expect((await api.call('GET', '/api/admin/export/need')).status).toBe(401);
  });

  it('answers 404 for an unknown kind', async () => {
    expect((await download('/admin/import/challenge/template')).status).toBe(404);
  });
});

describe('export', () => {
  it('returns the published items matching the filter, without confidential details or contacts', async () => {
    const biomed = [needRow({ 产业链: '海洋生物医药', 所在地区: '霞山区' }), needRow({ 产业链: '海洋生物医药、现代化海洋牧场', 所在地区: '霞山区', '技术成熟度(TRL)': 8 })];
    const other = needRow({ 产业链: '海洋生物医药', 所在地区: '赤坎区' });
    expect((await importAll('need', await xlsx([...biomed, other]))).body.imported).toBe(3);
    const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(org.id, { title: uniqueTitle(), chains: ['marine.biomed'], region: 'xiashan' }) });
    expect(draft.status).toBe(201);

    const res = await download('/admin/export/need?chain=marine.biomed&region=xiashan&q=ignored&sort=newest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="need-export-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const sheet = await readSheet(res.data);
    expect(sheet.headers).toEqual([...NEED_HEADERS.filter((h) => !['保密信息', '联系人', '联系电话', '联系邮箱'].includes(h)), '状态', '发布时间', '发布机构']);

    const expected = await api.db.query(`SELECT title FROM tech_need WHERE status = 'published' AND 'marine.biomed' = ANY(chains) AND region = 'xiashan' ORDER BY title`);
    expect(sheet.rows.map((r) => r['标题']).sort()).toEqual(expected.rows.map((r) => r.title));
    expect(expected.rows.length).toBeGreaterThanOrEqual(2);
    expect(res.headers.get('x-total-count')).toBe(String(expected.rows.length));
    const audit = await api.db.query(`SELECT actor_id, target_type, detail->>'rows' AS rows FROM audit_log WHERE action = 'data.exported' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]).toMatchObject({ target_type: 'need', rows: String(expected.rows.length) });

    const row = sheet.rows.find((r) => r['标题'] === biomed[1]?.['标题']) as Row;
    expect(row).toMatchObject({
      发布机构统一社会信用代码: org.creditCode,
      产业链: '海洋生物医药、现代化海洋牧场',
      所在地区: '霞山区',
      '技术成熟度(TRL)': 8,
      合作方式: '委托开发、合作开发',
      需求类别: '关键共性技术需求',
      '预算下限(万元)': '50.00',
      '预算上限(万元)': '120.50',
      面议: '否',
      截止日期: '2027-06-30',
      状态: '已发布',
      发布机构: '湛江导入测试海洋科技有限公司',
    });
    expect(String(row['发布时间'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(res.data.includes(Buffer.from('SECRET'))).toBe(false);

    // Other statuses can be asked for.
    const drafts = await readSheet((await download('/admin/export/need?status=draft&chain=marine.biomed')).data);
    expect(drafts.rows.map((r) => r['标题'])).toContain(draft.body.title);
    expect(drafts.rows.every((r) => r['状态'] === '草稿')).toBe(true);
  });

  it('filters achievements by IP type', async () => {
    const withUtility = achievementRow({ 知识产权: '实用新型专利|ZL202220000001.1|已授权' });
    const withoutIp = achievementRow({ 知识产权: null });
    expect((await importAll('achievement', await xlsx([withUtility, withoutIp]))).body.imported).toBe(2);
    const sheet = await readSheet((await download('/admin/export/achievement?ipType=utility-model')).data);
    const titles = sheet.rows.map((r) => r['标题']);
    expect(titles).toContain(withUtility['标题']);
    expect(titles).not.toContain(withoutIp['标题']);
    expect(sheet.rows.find((r) => r['标题'] === withUtility['标题'])).toMatchObject({ 知识产权: '实用新型专利|ZL202220000001.1|已授权', 面议: '是', 成熟阶段: '中试' });
  });
});
