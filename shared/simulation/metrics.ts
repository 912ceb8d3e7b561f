/**
 * The metrics stream: every finished request goes into a whole-run histogram, the histogram and
 * counters of the current second, and the failure counters. Nothing is kept per request, so
 * memory depends only on the number of nodes and of simulated seconds.
 */
import { FAILURE_CAUSES } from '../document';
import { LatencyHistogram } from './histogram';
import type { FailureCounts, LatencySummary, TimelineEntry } from './types';

/** Failure causes are stored as 1 + their index in FAILURE_CAUSES; 0 means success. */
export const CAUSE_CRASH = 1;
export const CAUSE_TIMEOUT = 2;
export const CAUSE_OVERLOAD = 3;
export const CAUSE_RATE_LIMITED = 4;
export const CAUSE_CIRCUIT_OPEN = 5;
export const CAUSE_PARTITION = 6;
export const CAUSE_ERROR = 7;

/** Rounds to a fixed number of decimals so the JSON report is stable and readable. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export class MetricsCollector {
  readonly latency = new LatencyHistogram();
  private readonly secondLatency = new LatencyHistogram();
  private second = 0;
  private secondOk = 0;
  private secondFailed = 0;
  readonly timeline: TimelineEntry[] = [];
  ok = 0;
  failed = 0;
  offered = 0;
  retries = 0;
  /** Indexed by cause code (0 unused). */
  readonly failuresByCause = new Float64Array(FAILURE_CAUSES.length + 1);
  /** Failed requests by the node where the failure began. */
  readonly failuresByNode: Float64Array;
  readonly nodeServed: Float64Array;
  readonly nodeFailed: Float64Array;
  readonly nodeMaxQueue: Int32Array;
  /** Requests each instance completed successfully (how the balancer spread the load). */
  readonly instanceServed: Float64Array;

  constructor(nodeCount: number, instanceCount: number) {
    this.instanceServed = new Float64Array(instanceCount);
    this.failuresByNode = new Float64Array(nodeCount);
    this.nodeServed = new Float64Array(nodeCount);
    this.nodeFailed = new Float64Array(nodeCount);
    this.nodeMaxQueue = new Int32Array(nodeCount);
  }

  /** A request finished at `nowMs` (events arrive in time order, so seconds only move forward). */
  requestFinished(nowMs: number, latencyMs: number, cause: number, originNode: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) this.closeSecondsBefore(second);
    if (cause === 0) {
      this.ok++;
      this.secondOk++;
      this.latency.record(latencyMs);
      this.secondLatency.record(latencyMs);
    } else {
      this.failed++;
      this.secondFailed++;
      this.failuresByCause[cause]!++;
      if (originNode >= 0) this.failuresByNode[originNode]!++;
    }
  }

  /** Appends timeline entries for every second before `second` not yet closed. */
  closeSecondsBefore(second: number): void {
    while (this.second < second) {
      this.timeline.push({
        t: this.second,
        ok: this.secondOk,
        failed: this.secondFailed,
        p99: round(this.secondLatency.percentile(0.99), 2),
        // After SPEC §4's keys: the app's latency chart draws p50 beside p99.
        p50: round(this.secondLatency.percentile(0.5), 2),
      });
      this.secondOk = 0;
      this.secondFailed = 0;
      this.secondLatency.reset();
      this.second++;
    }
  }

  failureCounts(): FailureCounts {
    const counts = {} as Record<string, number>;
    FAILURE_CAUSES.forEach((cause, i) => (counts[cause] = this.failuresByCause[i + 1]!));
    return counts as FailureCounts;
  }

  latencySummary(): LatencySummary {
    const h = this.latency;
    return {
      mean: round(h.mean, 2),
      p50: round(h.percentile(0.5), 2),
      p95: round(h.percentile(0.95), 2),
      p99: round(h.percentile(0.99), 2),
      max: round(h.count === 0 ? 0 : h.max, 2),
    };
  }
}
