import { fitOf } from './rules';

describe('an expert’s fit with a challenge', () => {
  it('scores 3 a shared chain and 1 a keyword found in the challenge text, and says so in words', () => {
    const fit = fitOf({ chains: ['marine.ranching', 'other.chain'], keywords: ['对虾', 'PCR', '芯片'] }, { chains: ['marine.ranching'], text: '对虾苗种 pcr 快速检测' });
    expect(fit.score).toBe(5);
    expect(fit.matchedKeywords).toEqual(['对虾', 'PCR']);
    expect(fit.reason).toMatch(/^同属产业链：.+；关键词：对虾、PCR$/);
  });

  it('scores 0 with an empty reason when nothing is shared', () => {
    expect(fitOf({ chains: ['a'], keywords: ['芯片'] }, { chains: ['b'], text: '对虾' })).toEqual({ score: 0, matchedChains: [], matchedKeywords: [], reason: '' });
  });
});
