import { criteriaRequired, needQuality, quantifiedIndicators, SUGGESTED_INDICATORS } from './need-quality';
import { NEED_CATEGORY_CODES } from './taxonomy';

const complete = {
  summary: '现有工厂化循环水养殖尾水氨氮、亚硝酸盐长期超标，需要一套占地小、运行成本低的尾水处理与回用方案，处理后可回用于育苗池，并能在线监测主要水质指标。',
  keywords: ['尾水处理', '循环水养殖', '氨氮'],
  trl: 6,
  budgetMin: '50',
  budgetMax: '120.5',
  budgetNegotiable: false,
  acceptanceCriteria: '出水氨氮 ≤ 1 mg/L\n回用率 ≥ 80%',
};

describe('needQuality', () => {
  it('gives a need that states everything 100 and nothing missing', () => {
    const q = needQuality(complete);
    expect(q.score).toBe(100);
    expect(q.missing).toEqual([]);
    expect(q.checks.every((c) => c.met)).toBe(true);
  });

  it('gives an empty form 0 and lists every check, acceptance criteria first', () => {
    const q = needQuality({});
    expect(q.score).toBe(0);
    expect(q.missing).toEqual(['criteria', 'indicators', 'budget', 'trl', 'keywords', 'summary']);
  });

  it('weighs the checks to 100 in all', () => {
    expect(needQuality({}).checks.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it('counts criteria without a figure and unit as criteria but not as indicators ("寻求合作")', () => {
    const q = needQuality({ ...complete, acceptanceCriteria: '寻求合作，效果良好' });
    expect(q.missing).toEqual(['indicators']);
    expect(q.score).toBe(80);
  });

  it('does not count a budget of 面议 or half a range as a budget range', () => {
    expect(needQuality({ ...complete, budgetNegotiable: true }).missing).toEqual(['budget']);
    expect(needQuality({ ...complete, budgetMax: null }).missing).toEqual(['budget']);
  });

  it('asks for three distinct keywords and a summary of 60 characters', () => {
    expect(needQuality({ ...complete, keywords: ['尾水', '尾水', ' '] }).missing).toEqual(['keywords']);
    expect(needQuality({ ...complete, summary: '需要尾水处理方案' }).missing).toEqual(['summary']);
    expect(needQuality({ ...complete, summary: '字'.repeat(60) }).missing).toEqual([]);
  });

  it('does not accept a TRL outside 1–9', () => {
    expect(needQuality({ ...complete, trl: 0 }).missing).toEqual(['trl']);
    expect(needQuality({ ...complete, trl: null }).missing).toEqual(['trl']);
  });
});

describe('quantifiedIndicators', () => {
  it('finds the lines holding a figure with its unit, Latin, symbol or Chinese', () => {
    expect(quantifiedIndicators('出水氨氮 ≤ 1 mg/L；回用率 ≥ 80%\n产能 3000 吨/年\n连续运行 720 小时\n工作温度 25℃\n效果良好')).toEqual([
      '出水氨氮 ≤ 1 mg/L',
      '回用率 ≥ 80%',
      '产能 3000 吨/年',
      '连续运行 720 小时',
      '工作温度 25℃',
    ]);
  });

  it('does not count a bare number or a template line still to be filled in', () => {
    expect(quantifiedIndicators('第 1 阶段完成')).toEqual([]);
    expect(quantifiedIndicators(SUGGESTED_INDICATORS.core?.map((s) => s['zh-CN']).join('\n'))).toEqual([]);
  });
});

describe('criteriaRequired', () => {
  it('holds for 核心 and 关键共性 needs only', () => {
    expect(criteriaRequired('core')).toBe(true);
    expect(criteriaRequired('common-key')).toBe(true);
    expect(criteriaRequired('frontier')).toBe(false);
    expect(criteriaRequired(undefined)).toBe(false);
  });

  it('has suggested indicators for every need category of the taxonomy, in both languages', () => {
    for (const code of NEED_CATEGORY_CODES) {
      expect(SUGGESTED_INDICATORS[code]?.length).toBeGreaterThan(0);
      for (const s of SUGGESTED_INDICATORS[code] ?? []) expect(s['zh-CN'] && s.en).toBeTruthy();
    }
  });
});
