import { beijingMinute, IpItem, ItemKind, ItemStatus, TAXONOMY, TaxonomyItem, TeamMember } from '@ztt/contracts';
import { Achievement, CatalogueItem, TechNeed } from '../entities/catalogue-item.entity';
import { CellValue, cellText, CodeLookup, LOOKUPS, parseBool, parseDate, parseInteger, parseIpLines, parseMoney, Parsed, parseTeam, Problem, splitList } from './parse';

/** The row as the create DTOs want it (plus the credit code the service resolves to ownerOrgId). */
export type RowInput = Record<string, unknown> & { contact: { name?: string; phone: string | null; email: string | null }; creditCode?: string };

export interface ExportContext {
  orgName: string;
  creditCode: string;
}

/**
 * One column of the import template (and of the export). The header is the Chinese text people
 * see; `paths` are the DTO properties it feeds, so validation errors land on the right column.
 */
export interface ImportColumn {
  header: string;
  required: boolean;
  /** what to write, for the 填写说明 sheet */
  help: string;
  /** allowed values (label / code), for the 填写说明 sheet */
  allowed?: readonly TaxonomyItem[];
  example: Record<ItemKind, CellValue>;
  paths: string[];
  /** Puts the cell's value into the DTO-shaped input, or says what is wrong with it. */
  read(v: CellValue, input: RowInput): Problem | null;
  /** The cell in an export; undefined for columns never exported (confidential parts). */
  write?(item: CatalogueItem, ctx: ExportContext): CellValue;
}

const labels = (items: readonly TaxonomyItem[]) => new Map(items.map((i) => [i.code, i.label]));
const CHAIN_LABELS = labels(TAXONOMY.industries.flatMap((i) => i.chains));
const REGION_LABELS = labels(TAXONOMY.regions);
const MODE_LABELS = labels(TAXONOMY.cooperationModes);
const CATEGORY_LABELS = labels(TAXONOMY.needCategories);
const STAGE_LABELS = labels(TAXONOMY.maturityStages);
const IP_LABELS = labels(TAXONOMY.ipTypes);

export const STATUS_LABELS: Record<ItemStatus, string> = {
  [ItemStatus.Draft]: '草稿',
  [ItemStatus.Submitted]: '待审核',
  [ItemStatus.Published]: '已发布',
  [ItemStatus.Closed]: '已关闭',
  [ItemStatus.Withdrawn]: '已撤回',
  [ItemStatus.Expired]: '已过期',
};

const apply = <T>(r: Parsed<T>, set: (v: T) => void): Problem | null => {
  if (!r.ok) return r.problem;
  set(r.value);
  return null;
};
const orEmpty = (v: string | null | undefined): CellValue => (v ? v : null);
const rec = (item: CatalogueItem) => item as unknown as Record<string, unknown>;

function text(header: string, path: string, o: { required?: boolean; help: string; example: Record<ItemKind, CellValue>; exported?: boolean }): ImportColumn {
  return {
    header,
    required: !!o.required,
    help: o.help,
    example: o.example,
    paths: [path],
    read: (v, input) => {
      const t = cellText(v);
      if (t) input[path] = t;
      return null;
    },
    write: o.exported === false ? undefined : (item) => orEmpty(rec(item)[path] as string),
  };
}

function oneOf(header: string, path: string, lookup: CodeLookup, items: readonly TaxonomyItem[], shown: Map<string, string>, example: Record<ItemKind, CellValue>): ImportColumn {
  return {
    header,
    required: true,
    help: '填写中文名称或代码，只填一项',
    allowed: items,
    example,
    paths: [path],
    read: (v, input) => apply(lookup.one(v), (c) => (input[path] = c)),
    write: (item) => shown.get(rec(item)[path] as string) ?? (rec(item)[path] as string),
  };
}

function manyOf(
  header: string,
  path: string,
  lookup: CodeLookup,
  items: readonly TaxonomyItem[],
  shown: Map<string, string>,
  help: string,
  example: Record<ItemKind, CellValue>,
): ImportColumn {
  return {
    header,
    required: true,
    help,
    allowed: items,
    example,
    paths: [path],
    read: (v, input) => apply(lookup.many(v), (codes) => (input[path] = codes)),
    write: (item) => (rec(item)[path] as string[]).map((c) => shown.get(c) ?? c).join('、'),
  };
}

function money(header: string, path: string, example: Record<ItemKind, CellValue>): ImportColumn {
  return {
    header,
    required: false,
    help: '单位：万元，不小于 0，最多两位小数；面议时可不填',
    example,
    paths: [path],
    read: (v, input) => apply(parseMoney(v), (m) => (input[path] = m)),
    write: (item) => orEmpty(rec(item)[path] as string | null),
  };
}

function negotiable(path: string, example: Record<ItemKind, CellValue>): ImportColumn {
  return {
    header: '面议',
    required: false,
    help: '填“是”或“否”，不填即“否”；填“是”时金额不保存',
    example,
    paths: [path],
    read: (v, input) => apply(parseBool(v), (b) => (input[path] = b)),
    write: (item) => (rec(item)[path] ? '是' : '否'),
  };
}

const OWNER: ImportColumn = {
  header: '发布机构统一社会信用代码',
  required: true,
  help: '18 位统一社会信用代码；该机构须已在平台注册并通过认证',
  example: { need: '91440800MA4UJXQ67T', achievement: '12440800MB2C34567A' },
  paths: ['ownerOrgId'],
  read: (v, input) => {
    const t = cellText(v).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    if (t) input.creditCode = t;
    return null;
  },
  write: (_item, ctx) => ctx.creditCode,
};

const SHARED_HEAD: ImportColumn[] = [
  OWNER,
  text('标题', 'title', {
    required: true,
    help: '最多 100 字',
    example: { need: '南美白对虾工厂化循环水养殖尾水处理技术需求', achievement: '金鲳鱼深远海网箱养殖病害综合防控技术' },
  }),
  text('公开摘要', 'summary', {
    required: true,
    help: '所有人可见，最多 2000 字；不要写入保密内容',
    example: {
      need: '现有养殖尾水氨氮超标，需要一套适合工厂化循环水养殖的尾水处理与回用方案。',
      achievement: '面向深远海网箱养殖的卵形鲳鲹病害早期预警与绿色防控技术，已在湛江海域示范。',
    },
  }),
  text('保密信息', 'confidentialDetails', {
    help: '仅本机构、平台管理员和获准的对接方可见，最多 10000 字；导出时不含此列',
    example: { need: '现有设备日处理 500 吨，内部批复预算 80 万元', achievement: '核心配方与工艺参数，签署保密协议后提供' },
    exported: false,
  }),
  manyOf(
    '产业链',
    'chains',
    LOOKUPS.chains,
    TAXONOMY.industries.flatMap((i) => i.chains),
    CHAIN_LABELS,
    '1–3 项，填中文名称或代码，用“、”“，”或“；”分隔',
    {
      need: '现代化海洋牧场',
      achievement: '现代化海洋牧场、marine.biomed',
    },
  ),
  {
    header: '关键词',
    required: false,
    help: '最多 10 个，每个最多 20 字，用“、”“，”或“；”分隔',
    example: { need: '尾水处理、循环水养殖', achievement: '病害防控、深远海养殖' },
    paths: ['keywords'],
    read: (v, input) => {
      const words = splitList(v);
      if (words.length) input.keywords = words;
      return null;
    },
    write: (item) => item.keywords.join('、'),
  },
  oneOf('所在地区', 'region', LOOKUPS.regions, TAXONOMY.regions, REGION_LABELS, { need: '坡头区', achievement: 'mazhang' }),
  {
    header: '技术成熟度(TRL)',
    required: true,
    help: '1–9 的整数（技术就绪度等级）',
    example: { need: 6, achievement: 7 },
    paths: ['trl'],
    read: (v, input) => {
      const n = parseInteger(v);
      if (n !== undefined) input.trl = n;
      return null;
    },
    write: (item) => item.trl,
  },
  manyOf('合作方式', 'cooperationModes', LOOKUPS.cooperationModes, TAXONOMY.cooperationModes, MODE_LABELS, '至少 1 项，填中文名称或代码，用“、”“，”或“；”分隔', {
    need: '委托开发、合作开发',
    achievement: '技术许可；技术转让',
  }),
  {
    header: '联系人',
    required: true,
    help: '最多 50 字；属于保密信息，导出时不含此列',
    example: { need: '吴工', achievement: '林教授' },
    paths: ['contact', 'contact.name'],
    read: (v, input) => {
      const t = cellText(v);
      if (t) input.contact.name = t;
      return null;
    },
  },
  {
    header: '联系电话',
    required: false,
    help: '手机号或座机（如 0759-2345678）；导出时不含此列',
    example: { need: '13800001234', achievement: '0759-2388123' },
    paths: ['contact.phone'],
    read: (v, input) => {
      input.contact.phone = cellText(v).replace(/\s+/g, '') || null;
      return null;
    },
  },
  {
    header: '联系邮箱',
    required: false,
    help: '导出时不含此列',
    example: { need: null, achievement: 'lin@example.edu.cn' },
    paths: ['contact.email'],
    read: (v, input) => {
      input.contact.email = cellText(v) || null;
      return null;
    },
  },
];

const NEED_COLUMNS: ImportColumn[] = [
  ...SHARED_HEAD,
  oneOf('需求类别', 'category', LOOKUPS.needCategories, TAXONOMY.needCategories, CATEGORY_LABELS, { need: '关键共性技术需求', achievement: null }),
  money('预算下限(万元)', 'budgetMin', { need: '50', achievement: null }),
  money('预算上限(万元)', 'budgetMax', { need: '120.5', achievement: null }),
  negotiable('budgetNegotiable', { need: '否', achievement: null }),
  {
    header: '截止日期',
    required: false,
    help: 'YYYY-MM-DD（如 2027-06-30）或 Excel 日期；过期后需求自动下架',
    example: { need: '2027-06-30', achievement: null },
    paths: ['deadline'],
    read: (v, input) => apply(parseDate(v), (d) => (input.deadline = d)),
    write: (item) => orEmpty((item as TechNeed).deadline),
  },
  text('验收指标', 'acceptanceCriteria', { help: '最多 4000 字', example: { need: '出水氨氮 ≤ 1 mg/L，回用率 ≥ 80%', achievement: null } }),
];

const ACHIEVEMENT_COLUMNS: ImportColumn[] = [
  ...SHARED_HEAD,
  oneOf('成熟阶段', 'maturityStage', LOOKUPS.maturityStages, TAXONOMY.maturityStages, STAGE_LABELS, { need: null, achievement: '中试' }),
  {
    header: '知识产权',
    required: false,
    help: '每行一项“类型|编号|状态”，类型填中文名称或代码；多项换行或用“；”分隔，最多 50 项',
    allowed: TAXONOMY.ipTypes,
    example: { need: null, achievement: '发明专利|ZL202310123456.7|已授权\nutility-model|ZL202220654321.0|已授权' },
    paths: ['ipItems'],
    read: (v, input) => apply(parseIpLines(v), (items) => items.length && (input.ipItems = items)),
    write: (item) => ((item as Achievement).ipItems as IpItem[]).map((i) => `${IP_LABELS.get(i.type) ?? i.type}|${i.number}|${i.status}`).join('\n'),
  },
  {
    header: '团队成员',
    required: false,
    help: '“姓名|职称”或“姓名”，多人用“、”“，”“；”或换行分隔，最多 50 人',
    example: { need: null, achievement: '林海|教授、陈静|副研究员' },
    paths: ['team'],
    read: (v, input) => apply(parseTeam(v), (team) => team.length && (input.team = team)),
    write: (item) => ((item as Achievement).team as TeamMember[]).map((t) => (t.title ? `${t.name}|${t.title}` : t.name)).join('、'),
  },
  money('报价(万元)', 'askingPrice', { need: null, achievement: null }),
  negotiable('priceNegotiable', { need: null, achievement: '是' }),
  text('价格条款', 'priceTerms', { help: '最多 4000 字', example: { need: null, achievement: '许可费分期支付，首付 30%' } }),
  text('应用领域', 'applicationFields', { help: '最多 4000 字', example: { need: null, achievement: '深远海网箱养殖、陆基工厂化养殖' } }),
  text('应用成效', 'provenResults', { help: '最多 4000 字', example: { need: null, achievement: '在湛江 3 个养殖基地示范，成活率提高 15%' } }),
];

export const IMPORT_COLUMNS: Record<ItemKind, ImportColumn[]> = { need: NEED_COLUMNS, achievement: ACHIEVEMENT_COLUMNS };

/** Columns only the export has, after the template's (confidential ones left out). */
export const EXPORT_EXTRA: { header: string; write(item: CatalogueItem, ctx: ExportContext): CellValue }[] = [
  { header: '状态', write: (item) => STATUS_LABELS[item.status] ?? item.status },
  { header: '发布时间', write: (item) => (item.publishedAt ? beijingMinute(item.publishedAt) : null) },
  { header: '发布机构', write: (_item, ctx) => ctx.orgName },
];

/** Header as written in a file, compared loosely: full-width brackets, spaces and a required-mark “*” do not matter. */
export function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/[\s*＊]/g, '');
}

/** The column a DTO property path (such as "contact.phone" or "ipItems.0.number") belongs to. */
export function columnForPath(columns: ImportColumn[], path: string): ImportColumn | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join('.');
    const col = columns.find((c) => c.paths.includes(p));
    if (col) return col;
  }
  return undefined;
}
