/**
 * A set of 32-bit integers in one typed array, by open addressing with linear probing: a quick
 * membership test where a sorted array needs a binary search, and without a JS Set's boxed
 * numbers (integers beyond ±2^30 are not small integers to V8). Built once, not changed after.
 */
export class IntSet {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** 0 marks an empty slot, so whether 0 is held is kept aside. */
  private readonly zero: boolean;

  constructor(values: ArrayLike<number>) {
    let capacity = 8;
    while (capacity < values.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let zero = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number | 0;
      if (v === 0) {
        zero = true;
        continue;
      }
      let at = this.slotOf(v);
      while (this.slots[at] !== 0 && this.slots[at] !== v) at = (at + 1) & this.mask;
      this.slots[at] = v;
    }
    this.zero = zero;
  }

  has(value: number): boolean {
    const v = value | 0;
    if (v !== value) return false;
    if (v === 0) return this.zero;
    for (let at = this.slotOf(v); ; at = (at + 1) & this.mask) {
      const s = this.slots[at] as number;
      if (s === v) return true;
      if (s === 0) return false;
    }
  }

  /** Fibonacci hashing: the high bits of the product spread neighbouring values apart. */
  private slotOf(v: number): number {
    return (Math.imul(v, 0x9e3779b1) >>> 16) & this.mask;
  }
}
