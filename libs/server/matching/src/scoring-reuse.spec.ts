import { grams, normalise, synonymVariants } from '@ztt/search';
import { AchievementSide, DEFAULT_WEIGHTS, NeedSide, rankCandidates, scoreFeatures, scorePair, sharedTerms } from './scoring';

/**
 * Scoring keeps what it derives from each side (normalised text, keyword synonyms, which
 * neighbouring characters occur) so that a quarterly run does that work once per item. These
 * tests hold the quick path to the plain definition of a shared term.
 */

const COMMON = new Set(['技术', '需求', '研究', '开发', '应用', '系统', '工艺', '方法', '项目', '合作', '提升', '优化', '设计', '研发', '装置', '设备']);

/** The definition, written plainly: keyword hits, then the longest non-overlapping title pieces found in the text. */
function plainSharedTerms(need: NeedSide, a: AchievementSide, max = 5): string[] {
  const hay = normalise(`${a.title} ${a.keywords.join(' ')} ${a.summary}`);
  const found: string[] = [];
  const add = (t: string) => {
    if (t.length >= 2 && !found.some((f) => f.includes(t) || t.includes(f))) found.push(t);
  };
  for (const k of need.keywords) {
    const hit = synonymVariants(k).find((v) => hay.includes(v));
    if (hit) add(hit);
  }
  const title = Array.from(normalise(need.title).replace(/[^\p{L}\p{N}]+/gu, ''));
  const used = new Array<boolean>(title.length).fill(false);
  for (let len = Math.min(6, title.length); len >= 2 && found.length < max; len--) {
    for (let i = 0; i + len <= title.length && found.length < max; i++) {
      if (used.slice(i, i + len).some(Boolean)) continue;
      const piece = title.slice(i, i + len).join('');
      if (COMMON.has(piece) || !hay.includes(piece)) continue;
      for (let j = i; j < i + len; j++) used[j] = true;
      add(piece);
    }
  }
  return found.slice(0, max);
}

const need = (title: string, keywords: string[] = []): NeedSide => ({
  title,
  summary: '',
  keywords,
  chains: ['marine.ranching'],
  trl: 5,
  cooperationModes: ['transfer'],
  budgetMax: '100',
  budgetNegotiable: false,
  region: 'potou',
});
const achievement = (title: string, summary: string, keywords: string[] = []): AchievementSide => ({
  title,
  summary,
  keywords,
  chains: ['marine.ranching'],
  trl: 6,
  cooperationModes: ['license'],
  askingPrice: '80.00',
  priceNegotiable: false,
  region: 'potou',
  publishedAt: null,
});

const needs = [
  need('南美白对虾工厂化养殖尾水处理', ['尾水处理', '育种']),
  need('钢渣微粉高值化利用'),
  need('ＣＣＵＳ碳捕集与封存 示范'),
  need('𠀀𠀁古籍数字化𠀀识别', ['古籍']),
  need('海水 养殖，尾水；回用'),
  need('aa'),
];
const achievements = [
  achievement('养殖尾水生态净化与循环利用技术', '微生物与人工湿地组合工艺处理对虾养殖尾水，出水可回用。', ['尾水处理', '良种培育']),
  achievement('钢渣制备建材微粉', '钢渣微粉用于混凝土掺合料，实现高值化利用。'),
  achievement('ccus 碳捕集', '燃煤电厂烟气二氧化碳捕集，封存示范工程。'),
  achievement('古籍识别', '𠀀𠀁古籍数字化与文字识别，𠀀识别准确率高。'),
  achievement('海水养殖尾水回用', '养殖尾水经处理后回用。'),
  achievement('无关', '完全不相关的内容。'),
];

describe('scoring the same sides again and again', () => {
  it('finds exactly the shared terms of the plain definition, CJK extension characters and full-width letters included', () => {
    for (const n of needs) for (const a of achievements) expect(sharedTerms(n, a)).toEqual(plainSharedTerms(n, a));
  });

  it('gives a reused side the same score as a fresh copy of it, in any order', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    const first = needs.map((n) => achievements.map((a) => scorePair(n, a, 0.7, undefined, now)));
    // Same objects again (derived values kept), then fresh copies (derived again), achievements first.
    for (const [j, a] of achievements.entries()) {
      for (const [i, n] of needs.entries()) {
        expect(scorePair(n, a, 0.7, undefined, now)).toEqual(first[i]?.[j]);
        expect(scorePair({ ...n }, { ...a }, 0.7, undefined, now)).toEqual(first[i]?.[j]);
      }
    }
  });
});

/** The keyword feature of a need without keywords, written plainly: the share of its title's grams the achievement's text has. */
function plainTitleGramShare(n: NeedSide, a: AchievementSide): number {
  const title = new Set(grams(n.title));
  if (!title.size) return 0;
  const hay = new Set(grams(normalise(`${a.title} ${a.keywords.join(' ')} ${a.summary}`)));
  return Math.round(([...title].filter((g) => hay.has(g)).length / title.size) * 10_000) / 10_000;
}

describe('the keyword feature of a need without keywords', () => {
  // Latin words and numbers count whole (co2 is not in co2e), a lone character only as a lone
  // character (水 is not in 水泵), CJK bigrams anywhere in a run; full-width, compatibility and
  // extension characters as grams() reads them.
  const titles = ['co2 捕集', '水 泵', '南美白对虾养殖', 'ＣＣＵＳ示范', '豈 樂器 ph值', '𠀀𠀁古籍 a-1.5 工艺', 'x', '', '，。'];
  const texts = [
    ['co2e 捕集技术', '水泵节能改造'],
    ['co2 的捕集', '水 泵'],
    ['南美白对虾工厂化养殖', ''],
    ['ccus 示范工程', 'CCUS'],
    ['\uf900 楽器 ph值检测', '樂器 pH 值'],
    ['𠀀𠀁古籍数字化', 'a-1.5 工艺流程 x'],
  ];
  const ach = (title: string, summary: string) => achievement(title, summary);

  it('counts exactly the title grams that grams() finds in the achievement’s text', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    let nonZero = 0;
    for (const t of titles) {
      for (const [title, summary] of texts) {
        const n = need(t);
        const a = ach(title as string, summary as string);
        const share = scoreFeatures(n, a, 0.5, undefined, now).breakdown.keywords;
        expect([t, title, summary, share]).toEqual([t, title, summary, plainTitleGramShare(n, a)]);
        if (share > 0) nonZero++;
        // Again, with what was derived from both sides kept.
        expect(scoreFeatures(n, a, 0.5, undefined, now).breakdown.keywords).toBe(share);
      }
    }
    expect(nonZero).toBeGreaterThan(5);
  });

  it('does not take a Latin word or a lone character for a piece of a longer one', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    expect(scoreFeatures(need('co2'), ach('co2e', ''), 0.5, undefined, now).breakdown.keywords).toBe(0);
    expect(scoreFeatures(need('水'), ach('水泵', ''), 0.5, undefined, now).breakdown.keywords).toBe(0);
    expect(scoreFeatures(need('水泵'), ach('抽水泵站', ''), 0.5, undefined, now).breakdown.keywords).toBe(1);
  });

  it('gives the same feature when one achievement is ranked against many needs (its candidates)', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    for (const [title, summary] of texts) {
      const a = ach(title as string, summary as string);
      const hits = titles.map((_, i) => ({ id: `n${i}`, score: 1 }));
      const ranked = rankCandidates(
        hits,
        (id) => ({ needId: id, achievementId: 'a', need: need(titles[Number(id.slice(1))] as string), achievement: a }),
        DEFAULT_WEIGHTS,
        100,
        now,
      );
      expect(ranked).toHaveLength(titles.length);
      for (const r of ranked) {
        const n = need(titles[Number((r.needId as string).slice(1))] as string);
        expect([r.needId, r.breakdown.keywords]).toEqual([r.needId, plainTitleGramShare(n, a)]);
      }
    }
  });
});
