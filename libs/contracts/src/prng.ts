/**
 * mulberry32: a small, fast, seeded PRNG giving numbers in [0, 1). The benchmarks generate their
 * catalogues with it, the fuzz test its requests and property tests their cases, so the same seed
 * gives the same run.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
