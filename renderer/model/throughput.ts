/**
 * Line width by throughput: a call's line grows with the calls per second it carries, on a log
 * scale, so a 1,000 req/s trunk stands out from a 1 req/s trickle without hiding it.
 */
import { idTable } from '../../shared/document/idTable';

/** Width of a line at or below MIN_RATE, px. */
export const MIN_WIDTH = 1.5;
/** Width of a line at or above MAX_RATE, px. */
export const MAX_WIDTH = 6;
/** Calls per second at which the line is thinnest and thickest. */
export const MIN_RATE = 1;
export const MAX_RATE = 1000;

/** The line width for `ratePerS` calls per second (log scale between the two ends). */
export function lineWidthFor(ratePerS: number): number {
  if (!(ratePerS > MIN_RATE)) return MIN_WIDTH;
  if (ratePerS >= MAX_RATE) return MAX_WIDTH;
  const f = Math.log10(ratePerS / MIN_RATE) / Math.log10(MAX_RATE / MIN_RATE);
  return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * f;
}

/**
 * Counts call attempts per edge between store updates and turns them into rates per simulated
 * second. Rates are smoothed (half old, half new) so a line does not flicker between updates.
 */
export class ThroughputMeter {
  private counts = new Map<string, number>();
  private rates: Readonly<Record<string, number>> = idTable<number>();
  private sinceMs = 0;

  /** One call attempt over `edge`. */
  count(edge: string): void {
    this.counts.set(edge, (this.counts.get(edge) ?? 0) + 1);
  }

  /**
   * The rates per edge up to simulated `nowMs`, and starts a new window. A window under 1 ms
   * (a frame at the same time) keeps the previous rates.
   */
  take(nowMs: number): Readonly<Record<string, number>> {
    const windowMs = nowMs - this.sinceMs;
    if (windowMs < 1) return this.rates;
    // By edge id, and `__proto__` may be one: a table without a prototype.
    const next = idTable<number>();
    const edges = new Set([...Object.keys(this.rates), ...this.counts.keys()]);
    for (const edge of edges) {
      const fresh = ((this.counts.get(edge) ?? 0) * 1000) / windowMs;
      const previous = Object.prototype.hasOwnProperty.call(this.rates, edge) ? this.rates[edge] : undefined;
      const rate = previous === undefined ? fresh : (previous + fresh) / 2;
      // Under a tenth of a call per second the line is as thin as it gets: forget the edge.
      if (rate >= 0.1) next[edge] = Math.round(rate * 10) / 10;
    }
    this.counts.clear();
    this.sinceMs = nowMs;
    this.rates = next;
    return next;
  }

  reset(): void {
    this.counts.clear();
    this.rates = idTable<number>();
    this.sinceMs = 0;
  }
}
