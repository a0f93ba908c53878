import { IntSet } from './int-set';
import { prng } from '@ztt/contracts';

describe('a set of 32-bit integers in a typed array', () => {
  it('holds exactly the values it was built from, 0 and negative ones included', () => {
    const random = prng(7);
    for (let round = 0; round < 20; round++) {
      const n = Math.floor(random() * 600);
      // Values from a narrow range collide often; from the whole 32-bit range, rarely.
      const wide = round % 2 === 0;
      const draw = () => (wide ? Math.floor(random() * 2 ** 32) - 2 ** 31 : Math.floor(random() * 64) - 32);
      const values = Array.from({ length: n }, draw);
      const set = new IntSet(Int32Array.from(values));
      const plain = new Set(values);
      for (let q = 0; q < 400; q++) {
        const v = q < values.length ? (values[q] as number) : draw();
        expect([v, set.has(v)]).toEqual([v, plain.has(v)]);
      }
    }
  });

  it('finds nothing in an empty set, and never a value that is not a 32-bit integer', () => {
    const empty = new IntSet([]);
    expect(empty.has(0)).toBe(false);
    expect(empty.has(1)).toBe(false);
    const set = new IntSet([0, 1, -1, 2 ** 31 - 1, -(2 ** 31)]);
    for (const v of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)]) expect(set.has(v)).toBe(true);
    expect(set.has(2 ** 31)).toBe(false);
    expect(set.has(1.5)).toBe(false);
    expect(set.has(2)).toBe(false);
  });
});
