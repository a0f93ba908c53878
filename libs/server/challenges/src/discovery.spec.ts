import { ChallengeMode } from '@ztt/contracts';
import { Challenge } from './challenge.entity';
import { needSideOf } from './discovery.service';

describe('a challenge read as a need by the matching engine', () => {
  const c = Object.assign(new Challenge(), {
    title: '抗台风锚泊系统',
    background: '台风期间锚泊系统走锚失效。',
    indicators: [
      { name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池试验' },
      { name: '张力监测', target: '≥ 6', unit: '小时', verification: '运行记录' },
    ],
    chains: ['marine.equipment'],
    bounty: '3000000.00',
    mode: ChallengeMode.Single,
  });

  it('searches over title, indicators and background, with the chains and the bounty in 万元 (exact)', () => {
    const n = needSideOf(c);
    expect(n.title).toBe('抗台风锚泊系统');
    expect(n.summary).toBe('抗风等级 张力监测 台风期间锚泊系统走锚失效。');
    expect(n.keywords).toEqual(['抗风等级', '张力监测']);
    expect(n.chains).toEqual(['marine.equipment']);
    expect(n.budgetMax).toBe('300.00');
    expect(needSideOf(Object.assign(new Challenge(), { ...c, bounty: '1234567.89' })).budgetMax).toBe('123.45');
  });
});
