import { BrokerProfileView } from '@ztt/contracts';
import { quarterOf } from '@ztt/contracts';
import { pickBroker } from './brokers.service';

const broker = (userId: string, chains: string[], regions: string[], openMatches = 0, capacity = 10): BrokerProfileView => ({
  userId,
  displayName: userId,
  email: `${userId}@x.cn`,
  chains,
  regions,
  capacity,
  active: true,
  openMatches,
});

describe('broker assignment', () => {
  it('prefers the exact chain, then the industry, and adds a point for the region', () => {
    const marine = broker('a', ['marine.ranching'], []);
    const blue = broker('b', ['marine.equipment'], ['potou']);
    const steel = broker('c', ['steel.premium'], ['potou']);
    expect(pickBroker([steel, blue, marine], ['marine.ranching'], 'xiashan')).toBe(marine);
    // exact chain (2) ties with same industry + region (1 + 1): the less loaded wins.
    expect(pickBroker([{ ...marine, openMatches: 5 }, blue], ['marine.ranching'], 'potou')?.userId).toBe('b');
  });

  it('balances load between equally fitting brokers and skips anyone at capacity', () => {
    const a = broker('a', ['marine.ranching'], [], 6);
    const b = broker('b', ['marine.ranching'], [], 2);
    expect(pickBroker([a, b], ['marine.ranching'], null)).toBe(b);
    expect(pickBroker([a, { ...b, openMatches: 10 }], ['marine.ranching'], null)).toBe(a);
    expect(
      pickBroker(
        [
          { ...a, capacity: 6 },
          { ...b, openMatches: 10 },
        ],
        ['marine.ranching'],
        null,
      ),
    ).toBeNull();
  });

  it('counts quarters in Beijing time', () => {
    expect(quarterOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027Q1');
    expect(quarterOf(new Date('2026-11-29T12:00:00Z'))).toBe('2026Q4');
  });
});
