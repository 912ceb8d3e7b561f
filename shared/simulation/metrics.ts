/**
 * The metrics stream: every finished request goes into a whole-run histogram, the histogram and
 * counters of the current second, and the failure counters. Nothing is kept per request, so
 * memory depends only on the number of nodes and of simulated seconds.
 *
 * Reading never changes what is read: a second is closed (appended to the timeline) only when a
 * request finishes in a later one; reports and live metrics see the seconds not yet closed as
 * views of the open counters.
 */
import { FAILURE_CAUSES } from '../document';
import { FAILURE_CAUSE_TABLE } from './causes';
import { bucketOf, LatencyHistogram } from './histogram';
import type { ConsistencySecond, FailureCounts, LatencySummary, TimelineEntry } from './types';

/** Rounds to a fixed number of decimals so the JSON report is stable and readable. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Counts by cause code (index 0, success, unused) as the report's record, in FAILURE_CAUSES order. */
function countsByCause(byCode: Float64Array): FailureCounts {
  const counts = {} as Record<string, number>;
  for (const cause of FAILURE_CAUSES) counts[cause] = byCode[FAILURE_CAUSE_TABLE[cause].code]!;
  return counts as FailureCounts;
}

export class MetricsCollector {
  readonly latency = new LatencyHistogram();
  private readonly secondLatency = new LatencyHistogram();
  /** The open second: requests finishing in it go to the counters below. */
  private second = 0;
  private secondOk = 0;
  private secondFailed = 0;
  private readonly secondFailures = new Float64Array(FAILURE_CAUSES.length + 1);
  /** Closed seconds. */
  private readonly closed: TimelineEntry[] = [];
  ok = 0;
  failed = 0;
  offered = 0;
  retries = 0;
  /** Indexed by cause code (0 unused). */
  private readonly failuresByCause = new Float64Array(FAILURE_CAUSES.length + 1);
  /** Failed requests by the node where the failure began. */
  readonly failuresByNode: Float64Array;
  readonly nodeServed: Float64Array;
  readonly nodeFailed: Float64Array;
  readonly nodeMaxQueue: Int32Array;
  /** Requests each instance completed successfully (how the balancer spread the load). */
  readonly instanceServed: Float64Array;
  /** Finished requests by client (index into the model's `clients`). */
  readonly clientOk: Float64Array;
  readonly clientFailed: Float64Array;
  /** Latency of each client's successful requests (a design with one client shares `latency`). */
  readonly clientLatency: readonly LatencyHistogram[];
  /**
   * Where the time of successful requests went: at (client × nodes + node) × 3, the summed
   * queue, service and network ms on the critical path (see PathPool).
   */
  readonly breakdown: Float64Array;
  private readonly nodeCount: number;
  /** Designs with replication: the open second's stale reads, conflicts, lost writes, no-quorum refusals. */
  private readonly secondConsistency: Float64Array | undefined;

  constructor(nodeCount: number, instanceCount: number, clientCount = 0, consistency = false) {
    this.nodeCount = nodeCount;
    this.secondConsistency = consistency ? new Float64Array(4) : undefined;
    this.instanceServed = new Float64Array(instanceCount);
    this.clientOk = new Float64Array(clientCount);
    this.clientFailed = new Float64Array(clientCount);
    this.clientLatency = clientCount === 1 ? [this.latency] : Array.from({ length: clientCount }, () => new LatencyHistogram());
    this.breakdown = new Float64Array(clientCount * nodeCount * 3);
    this.failuresByNode = new Float64Array(nodeCount);
    this.nodeServed = new Float64Array(nodeCount);
    this.nodeFailed = new Float64Array(nodeCount);
    this.nodeMaxQueue = new Int32Array(nodeCount);
  }

  /** A request finished at `nowMs` (events arrive in time order, so seconds only move forward). */
  requestFinished(nowMs: number, latencyMs: number, cause: number, originNode: number, client: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) this.closeSecondsBefore(second);
    if (cause === 0) {
      this.ok++;
      this.secondOk++;
      const bucket = bucketOf(latencyMs);
      this.latency.recordIn(bucket, latencyMs);
      this.secondLatency.recordIn(bucket, latencyMs);
      this.clientOk[client]!++;
      const own = this.clientLatency[client]!;
      if (own !== this.latency) own.recordIn(bucket, latencyMs);
    } else {
      this.failed++;
      this.clientFailed[client]!++;
      this.secondFailed++;
      this.failuresByCause[cause]!++;
      this.secondFailures[cause]!++;
      if (originNode >= 0) this.failuresByNode[originNode]!++;
    }
  }

  /** `count` consistency events of `kind` (replication.ts NOTE_*) at `nowMs`, in that second's entry. */
  noteConsistency(nowMs: number, kind: number, count: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second > this.second) this.closeSecondsBefore(second);
    this.secondConsistency![kind]! += count;
  }

  /** Where client `client`'s entries of `breakdown` begin. */
  breakdownOffset(client: number): number {
    return client * this.nodeCount * 3;
  }

  /** A queue (or backlog) of `node` reached `length`: keeps the longest. */
  noteQueueLength(node: number, length: number): void {
    if (length > this.nodeMaxQueue[node]!) this.nodeMaxQueue[node] = length;
  }

  /** Appends the open second to the timeline, and empty entries up to `second`, which opens. */
  private closeSecondsBefore(second: number): void {
    while (this.second < second) {
      this.closed.push(this.openEntry(this.second));
      this.secondOk = 0;
      this.secondFailed = 0;
      this.secondFailures.fill(0);
      this.secondLatency.reset();
      this.secondConsistency?.fill(0);
      this.second++;
    }
  }

  /** The open counters as a timeline entry for second `t`. */
  private openEntry(t: number): TimelineEntry {
    return {
      t,
      ok: this.secondOk,
      failed: this.secondFailed,
      p99: round(this.secondLatency.percentile(0.99), 2),
      // After SPEC §4's keys: the app's latency chart draws p50 beside p99.
      p50: round(this.secondLatency.percentile(0.5), 2),
      failures: countsByCause(this.secondFailures),
      ...(this.secondConsistency ? { consistency: consistencyOf(this.secondConsistency) } : {}),
    };
  }

  /** An entry for a second in which nothing has finished. */
  private emptyEntry(t: number): TimelineEntry {
    const entry = { t, ok: 0, failed: 0, p99: 0, p50: 0, failures: countsByCause(new Float64Array(FAILURE_CAUSES.length + 1)) };
    return this.secondConsistency ? { ...entry, consistency: { staleReads: 0, conflicts: 0, lostWrites: 0, noQuorum: 0 } } : entry;
  }

  /** Timeline entries of seconds `from` ≤ t < `to` (a view: nothing is closed by reading). */
  timeline(from: number, to: number): TimelineEntry[] {
    const entries: TimelineEntry[] = this.closed.slice(from, Math.min(to, this.closed.length));
    for (let t = Math.max(from, this.closed.length); t < to; t++) entries.push(t === this.second ? this.openEntry(t) : this.emptyEntry(t));
    return entries;
  }

  failureCounts(): FailureCounts {
    return countsByCause(this.failuresByCause);
  }

  latencySummary(h: LatencyHistogram = this.latency): LatencySummary {
    return {
      mean: round(h.mean, 2),
      p50: round(h.percentile(0.5), 2),
      p95: round(h.percentile(0.95), 2),
      p99: round(h.percentile(0.99), 2),
      max: round(h.count === 0 ? 0 : h.max, 2),
    };
  }
}

/** The four counters (in replication.ts NOTE_* order) as a timeline entry's `consistency`. */
function consistencyOf(counts: Float64Array): ConsistencySecond {
  return { staleReads: counts[0]!, conflicts: counts[1]!, lostWrites: counts[2]!, noQuorum: counts[3]! };
}
