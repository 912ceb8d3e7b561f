/**
 * A fixed-size, log-bucketed latency histogram: buckets grow by 1% so any percentile read back is
 * within 0.5% of the true value (the bucket's geometric middle), whatever the number of samples.
 * Memory is constant (≈ 17 kB), so a run of any length streams into it.
 */
import { DOUBLE } from './doubles';

/** Values below this (ms) share the first bucket; it reads back as the exact minimum seen. */
const SMALLEST_MS = 0.01;
/** Each bucket is this much wider than the previous one. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets cover SMALLEST_MS … ≈ 10^7 ms (almost 3 hours), beyond that values clamp. */
const BUCKETS = 2 + Math.ceil(Math.log(1e7 / SMALLEST_MS) / LOG_GROWTH);

/** The bucket of a value, ms. */
export function bucketOf(valueMs: number): number {
  if (!(valueMs >= SMALLEST_MS)) return 0;
  const index = 1 + Math.floor(Math.log(valueMs / SMALLEST_MS) / LOG_GROWTH);
  return index >= BUCKETS ? BUCKETS - 1 : index;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private lowest = BUCKETS;
  private highest = -1;
  count = 0;
  sum = DOUBLE;
  min = Infinity;
  max = -Infinity;

  constructor() {
    // A sum of fractions from the start (doubles.ts).
    this.sum = 0;
  }

  record(valueMs: number): void {
    this.recordIn(bucketOf(valueMs), valueMs);
  }

  /**
   * Records `valueMs`, whose bucket `bucketOf` gave: a value that goes into several histograms
   * (the run's, the second's, the client's) takes its logarithm once.
   */
  recordIn(index: number, valueMs: number): void {
    this.counts[index]!++;
    if (index < this.lowest) this.lowest = index;
    if (index > this.highest) this.highest = index;
    this.count++;
    this.sum += valueMs;
    if (valueMs < this.min) this.min = valueMs;
    if (valueMs > this.max) this.max = valueMs;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The q-quantile (0 < q ≤ 1) in ms, 0 when empty. Clamped to the exact min and max seen. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let index = this.lowest; index <= this.highest; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) {
        const middle = index === 0 ? this.min : SMALLEST_MS * Math.pow(GROWTH, index - 0.5);
        return Math.min(this.max, Math.max(this.min, middle));
      }
    }
    return this.max;
  }

  /** Empties the histogram; costs only the buckets that were touched. */
  reset(): void {
    if (this.highest >= this.lowest) this.counts.fill(0, this.lowest, this.highest + 1);
    this.lowest = BUCKETS;
    this.highest = -1;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}
