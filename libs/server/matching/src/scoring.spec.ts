import { AchievementSide, DEFAULT_WEIGHTS, NeedSide, reasonText, scorePair, sharedTerms } from './scoring';

const need: NeedSide = {
  title: '南美白对虾工厂化养殖尾水处理',
  summary: '养殖尾水氨氮超标，需要尾水处理与回用工艺。',
  keywords: ['尾水处理', '育种'],
  chains: ['marine.ranching'],
  trl: 6,
  cooperationModes: ['transfer'],
  budgetMax: '100',
  budgetNegotiable: false,
  region: 'potou',
};
const ach: AchievementSide = {
  title: '养殖尾水生态净化与循环利用技术',
  summary: '微生物与人工湿地组合工艺处理对虾养殖尾水。',
  keywords: ['尾水处理', '良种培育'],
  chains: ['marine.ranching'],
  trl: 7,
  cooperationModes: ['license'],
  askingPrice: '60.50',
  priceNegotiable: false,
  region: 'potou',
  publishedAt: new Date('2026-10-01T00:00:00Z'),
};
const now = new Date('2026-11-29T00:00:00Z');

describe('match scoring', () => {
  it('scores every feature in [0, 1] and the total as the weighted mean', () => {
    const s = scorePair(need, ach, 0.8, DEFAULT_WEIGHTS, now);
    expect(s.breakdown).toEqual({ text: 0.8, chain: 1, keywords: 1, trl: 1, mode: 0.5, budget: 1, region: 1, freshness: 1 });
    expect(s.score).toBeCloseTo(0.4 * 0.8 + 0.15 + 0.1 + 0.1 + 0.1 * 0.5 + 0.05 + 0.05 + 0.05, 4);
  });

  it('scores an achievement below the required TRL lower, the further below the lower', () => {
    const two = scorePair(need, { ...ach, trl: 4 }, 0.8, DEFAULT_WEIGHTS, now).breakdown.trl;
    const three = scorePair(need, { ...ach, trl: 3 }, 0.8, DEFAULT_WEIGHTS, now).breakdown.trl;
    expect(two).toBe(0.5);
    expect(three).toBeLessThan(two);
  });

  it('compares money exactly and gives half credit a little over budget', () => {
    expect(scorePair(need, { ...ach, askingPrice: '100.00' }, 1, DEFAULT_WEIGHTS, now).breakdown.budget).toBe(1);
    expect(scorePair(need, { ...ach, askingPrice: '100.01' }, 1, DEFAULT_WEIGHTS, now).breakdown.budget).toBe(0.5);
    expect(scorePair(need, { ...ach, askingPrice: '500' }, 1, DEFAULT_WEIGHTS, now).breakdown.budget).toBe(0.1);
    expect(scorePair(need, { ...ach, priceNegotiable: true, askingPrice: null }, 1, DEFAULT_WEIGHTS, now).breakdown.budget).toBe(0.6);
  });

  it('prefers local partners, then the Greater Bay Area and Hainan, then elsewhere', () => {
    const r = (region: string) => scorePair(need, { ...ach, region }, 1, DEFAULT_WEIGHTS, now).breakdown.region;
    expect(r('potou')).toBeGreaterThan(r('xiashan'));
    expect(r('xiashan')).toBeGreaterThan(r('gba'));
    expect(r('gba')).toBeGreaterThan(r('elsewhere-cn'));
  });

  it('gives half credit for the same industry on another chain, none for another industry', () => {
    expect(scorePair(need, { ...ach, chains: ['marine.equipment'] }, 1, DEFAULT_WEIGHTS, now).breakdown.chain).toBe(0.5);
    expect(scorePair(need, { ...ach, chains: ['steel.premium'] }, 1, DEFAULT_WEIGHTS, now).breakdown.chain).toBe(0);
  });

  it('finds shared terms through synonyms and title pieces', () => {
    expect(sharedTerms(need, ach)).toEqual(expect.arrayContaining(['尾水处理', '良种培育']));
  });

  it('does not name a cut through two words (鲜与 from 锁鲜与品质) as a shared term', () => {
    const food = { ...need, title: '水产预制菜低温锁鲜与品质保持技术', keywords: ['冷链'] };
    const fruit = { ...ach, title: '热带水果预冷保鲜与冷链品质控制技术', summary: '预冷保鲜与冷链运输中的品质控制。', keywords: ['冷链'] };
    const terms = sharedTerms(food, fruit);
    expect(terms).toEqual(expect.arrayContaining(['冷链', '品质']));
    expect(terms).not.toContain('鲜与');
  });
});

describe('match reason', () => {
  it('names what matched in plain Chinese', () => {
    const s = scorePair(need, ach, 0.8, DEFAULT_WEIGHTS, now);
    const zh = reasonText(s.explanation, 'zh-CN');
    expect(zh).toContain('共同技术词：尾水处理');
    expect(zh).toContain('同属产业链：现代化海洋牧场');
    expect(zh).toContain('成熟度 TRL 7 达到需求的 TRL 6');
    expect(zh).toContain('报价在预算内');
    expect(zh).toContain('同一地区');
  });

  it('says when the achievement is not mature enough, and reads in English too', () => {
    const s = scorePair(need, { ...ach, trl: 4, cooperationModes: ['transfer'] }, 0.8, DEFAULT_WEIGHTS, now);
    expect(reasonText(s.explanation, 'zh-CN')).toContain('成熟度 TRL 4 低于需求的 TRL 6');
    expect(reasonText(s.explanation, 'zh-CN')).toContain('合作方式一致：技术转让');
    expect(reasonText(s.explanation, 'en')).toContain('TRL 4 is below the required TRL 6');
  });
});
