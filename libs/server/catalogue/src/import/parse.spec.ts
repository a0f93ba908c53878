import {
  CellError,
  cellText,
  cellValue,
  isNearDuplicate,
  LOOKUPS,
  normaliseTitle,
  parseBool,
  parseCsv,
  parseDate,
  parseInteger,
  parseIpLines,
  parseMoney,
  parseTeam,
  splitLines,
  splitList,
} from './parse';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : 'FAILED');
const code = (r: { ok: true } | { ok: false; problem: { code: string } }) => (r.ok ? 'OK' : r.problem.code);

describe('parseMoney', () => {
  it('keeps text exactly, with at most two decimals, and never through a float', () => {
    expect(value(parseMoney('50'))).toBe('50');
    expect(value(parseMoney(' 120.5 '))).toBe('120.5');
    expect(value(parseMoney('0.10'))).toBe('0.10');
    expect(value(parseMoney('999999999999.99'))).toBe('999999999999.99');
    expect(value(parseMoney('１２０．５'))).toBe('120.5'); // full-width digits
    expect(value(parseMoney(''))).toBeNull();
    expect(value(parseMoney(null))).toBeNull();
  });

  it('refuses more than two decimals, negatives, thousands separators, units and words', () => {
    for (const bad of ['1.234', '-1', '1,000', '50万', '五十', '1e3', '.5', '1.', '0x10', '1234567890123']) expect(code(parseMoney(bad))).toBe('money_format');
  });

  it('takes Excel numbers only when finite, ≥ 0 and exact to the cent', () => {
    expect(value(parseMoney(120.5))).toBe('120.50');
    expect(value(parseMoney(0))).toBe('0.00');
    expect(value(parseMoney(0.1))).toBe('0.10');
    for (const bad of [1.234, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e15]) expect(code(parseMoney(bad))).toBe('money_format');
  });

  it('refuses dates and booleans', () => {
    expect(code(parseMoney(new Date()))).toBe('money_format');
    expect(code(parseMoney(true))).toBe('money_format');
  });
});

describe('parseDate', () => {
  it('accepts YYYY-MM-DD, common Chinese spellings, and real Excel dates', () => {
    expect(value(parseDate('2027-06-30'))).toBe('2027-06-30');
    expect(value(parseDate('2027/6/30'))).toBe('2027-06-30');
    expect(value(parseDate('2027年6月30日'))).toBe('2027-06-30');
    expect(value(parseDate(new Date(Date.UTC(2027, 5, 30))))).toBe('2027-06-30');
    expect(value(parseDate(''))).toBeNull();
  });

  it('refuses impossible dates, serial numbers and other text', () => {
    for (const bad of ['2027-02-30', '2027-13-01', '30/06/2027', 'next year', 46568]) expect(code(parseDate(bad))).toBe('date_format');
  });
});

describe('lists', () => {
  it('splits on 、 ， , ; ； and line breaks, trimming and dropping empties', () => {
    expect(splitList('现代化海洋牧场、海洋生物医药，marine.equipment; 风能；\n新型储能 ,')).toEqual(['现代化海洋牧场', '海洋生物医药', 'marine.equipment', '风能', '新型储能']);
    expect(splitList(null)).toEqual([]);
  });

  it('does not split inside brackets', () => {
    expect(splitList('人才合作（科技副总、双聘）、委托开发')).toEqual(['人才合作（科技副总、双聘）', '委托开发']);
  });

  it('splits lines on line breaks and semicolons only', () => {
    expect(splitLines('a|b|c\r\nd|e、f|g；h|i|j')).toEqual(['a|b|c', 'd|e、f|g', 'h|i|j']);
  });

  it('resolves taxonomy labels and codes alike, without repeats, and names the unknown one', () => {
    expect(value(LOOKUPS.chains.many('现代化海洋牧场、marine.biomed、现代化海洋牧场'))).toEqual(['marine.ranching', 'marine.biomed']);
    expect(value(LOOKUPS.cooperationModes.many('人才合作（科技副总、双聘）;JOINT-DEV'))).toEqual(['talent', 'joint-dev']);
    expect(value(LOOKUPS.regions.one('茂名'))).toBe('maoming');
    expect(value(LOOKUPS.regions.one('茂名(湛茂都市圈)'))).toBe('maoming');
    expect(value(LOOKUPS.regions.one(''))).toBeUndefined();
    const bad = LOOKUPS.chains.many('现代化海洋牧场、深海养鱼');
    expect(bad).toEqual({ ok: false, problem: { code: 'unknown_value', params: { value: '深海养鱼' } } });
  });
});

describe('parseIpLines', () => {
  it('reads type (label or code) | number | status lines separated by line breaks or ；', () => {
    expect(value(parseIpLines('发明专利|ZL202310123456.7|已授权\nutility-model｜ZL202220654321.0｜申请中；计算机软件著作权|2023SR0001|已登记'))).toEqual([
      { type: 'invention-patent', number: 'ZL202310123456.7', status: '已授权' },
      { type: 'utility-model', number: 'ZL202220654321.0', status: '申请中' },
      { type: 'software-copyright', number: '2023SR0001', status: '已登记' },
    ]);
    expect(value(parseIpLines(null))).toEqual([]);
  });

  it('says which item is malformed', () => {
    expect(parseIpLines('发明专利|ZL1|已授权\n发明专利|ZL2')).toEqual({ ok: false, problem: { code: 'ip_line', params: { n: 2 } } });
    expect(parseIpLines('发明专利||已授权')).toEqual({ ok: false, problem: { code: 'ip_line', params: { n: 1 } } });
    expect(parseIpLines('商标|123|已注册')).toEqual({ ok: false, problem: { code: 'ip_type', params: { n: 1, value: '商标' } } });
  });
});

describe('parseTeam', () => {
  it('reads name|title or name entries', () => {
    expect(value(parseTeam('林海|教授、陈静'))).toEqual([
      { name: '林海', title: '教授', userId: null },
      { name: '陈静', title: null, userId: null },
    ]);
    expect(code(parseTeam('林海|教授|博导'))).toBe('team_line');
  });
});

describe('small cells', () => {
  it('reads 是/否 and friends', () => {
    expect(value(parseBool('是'))).toBe(true);
    expect(value(parseBool('否'))).toBe(false);
    expect(value(parseBool(true))).toBe(true);
    expect(value(parseBool('YES'))).toBe(true);
    expect(value(parseBool(''))).toBeUndefined();
    expect(code(parseBool('也许'))).toBe('bool_format');
  });

  it('reads integers as numbers and leaves anything else for the DTO to refuse', () => {
    expect(parseInteger('7')).toBe(7);
    expect(parseInteger('TRL 7')).toBe(7);
    expect(parseInteger(12)).toBe(12);
    expect(parseInteger('七')).toBe('七');
    expect(parseInteger('')).toBeUndefined();
  });

  it('unwraps exceljs values', () => {
    expect(cellValue({ richText: [{ text: '富' }, { text: '文本' }] })).toBe('富文本');
    expect(cellValue({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(cellValue({ text: '链接', hyperlink: 'https://example.cn' })).toBe('链接');
    expect(cellValue({ error: '#N/A' })).toBeInstanceOf(CellError);
    expect(cellValue(undefined)).toBeNull();
    expect(cellText(13800001234)).toBe('13800001234');
    expect(cellText(new Date(Date.UTC(2027, 0, 5)))).toBe('2027-01-05');
  });
});

describe('title normalisation and near duplicates', () => {
  it('normalises width, case, whitespace and punctuation', () => {
    expect(normaliseTitle(' ＡＩ 大模型：工业质检 ')).toBe('ai大模型工业质检');
    expect(normaliseTitle('《海水》养殖-尾水处理！')).toBe('海水养殖尾水处理');
  });

  it('treats equal-after-normalising and ≥ 90 % containment as duplicates, and nothing else', () => {
    expect(isNearDuplicate('南美白对虾尾水处理技术需求', '南美白对虾 尾水处理技术需求。')).toBe(true);
    expect(isNearDuplicate('南美白对虾工厂化循环水养殖尾水处理技术需求', '南美白对虾工厂化循环水养殖尾水处理技术需求书')).toBe(true);
    expect(isNearDuplicate('尾水处理', '南美白对虾工厂化循环水养殖尾水处理技术需求')).toBe(false);
    expect(isNearDuplicate('海水淡化膜', '海水淡化泵')).toBe(false);
    expect(isNearDuplicate('！！', '？？')).toBe(false);
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF or LF, with or without a BOM', () => {
    const csv = '\uFEFF标题,关键词\r\n"尾水处理, 一期","a、""b"""\n"多\n行",x\r\n';
    expect(parseCsv(csv)).toEqual([
      ['标题', '关键词'],
      ['尾水处理, 一期', 'a、"b"'],
      ['多\n行', 'x'],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(parseCsv('a,\n,')).toEqual([
      ['a', ''],
      ['', ''],
    ]);
  });
});
