/** Known-item retrieval figures: the query's own record is the one right answer. */
export class KnownItem {
  private n = 0;
  private hits = 0;
  private rr = 0;

  /** `rank` is the 0-based position of the right answer in the top k, or -1 when absent. */
  add(rank: number): void {
    this.n++;
    if (rank >= 0) {
      this.hits++;
      this.rr += 1 / (rank + 1);
    }
  }

  get recall(): number {
    return this.n ? this.hits / this.n : 0;
  }

  get mrr(): number {
    return this.n ? this.rr / this.n : 0;
  }
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
