import { matchedCapabilities, providerFit, rankProviders, suggestionEligible } from './suggestions';

const achievement = { trl: 4, chains: ['marine.biomed'], title: '岩藻多糖冻干粉制备技术', keywords: ['岩藻多糖', '冻干'], summary: '以海带为原料，经发酵与冻干制备高纯岩藻多糖。' };
const base = { id: 'b', trlMin: 4, trlMax: 7, chains: ['marine.biomed', 'marine.health-food'], tags: ['冻干', '发酵', '膜分离'], capabilities: '' };

describe('capacity suggestions (中试推荐): TRL cover, shared chains and capabilities, said in words', () => {
  it('suggests for achievements at TRL 3–6 only', () => {
    expect([2, 3, 6, 7].map(suggestionEligible)).toEqual([false, true, true, false]);
  });

  it('explains a provider covering the next level, sharing a chain and matching capabilities', () => {
    expect(providerFit(base, achievement)).toEqual({
      score: 3 + 2 + 2,
      reasons: ['服务TRL 4–7，覆盖下一阶段', '同属产业链：海洋生物医药', '能力相符：冻干、发酵'],
    });
  });

  it('leaves out a provider whose TRL range misses the next level', () => {
    expect(providerFit({ ...base, trlMin: 6, trlMax: 8 }, achievement)).toBeNull();
    expect(providerFit({ ...base, trlMin: 1, trlMax: 4 }, achievement)).toBeNull();
  });

  it('matches a capability only when the achievement text holds all of it', () => {
    expect(matchedCapabilities({ tags: ['冻干', '喷雾干燥', '多糖'] }, achievement)).toEqual(['冻干', '多糖']);
  });

  it('ranks by score, then by id', () => {
    const ranked = rankProviders(
      [
        { ...base, id: 'z', chains: [], tags: [] },
        { ...base, id: 'a' },
        { ...base, id: 'c', chains: [], tags: [] },
      ],
      achievement,
    );
    expect(ranked.map((r) => r.provider.id)).toEqual(['a', 'c', 'z']);
    expect(ranked[1]?.reasons).toEqual(['服务TRL 4–7，覆盖下一阶段']);
  });
});
