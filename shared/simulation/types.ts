/**
 * Shapes the simulation hands out: the batch report (SPEC §4's JSON, key order as written there),
 * the sweep report, and what live mode streams (snapshots, movements, metrics).
 */
import type { FailureCause } from '../document';

/** Failed requests by cause; the counts sum to `requests.failed`. */
export type FailureCounts = Record<FailureCause, number>;

export interface NodeReport {
  /** Requests the node completed successfully. */
  readonly served: number;
  /** Calls into the node that failed, as its callers saw them (every attempt, any cause). */
  readonly failed: number;
  /** Busy slot time ÷ (instances × concurrency × duration), 0..1. */
  readonly utilization: number;
  /** Longest wait queue of one instance (for a queue node: its longest message backlog). */
  readonly maxQueue: number;
  /** Requests each instance served, in `instances` order (nodes with several instances only). */
  readonly instances?: readonly number[];
  /** Nodes with a lock: times two instances held one key at once (local locks; SPEC §8). */
  readonly exclusionViolations?: number;
  /** Replicated databases and caches (`replication`): what the replicas did to the data. */
  readonly consistency?: ConsistencyReport;
  /** Transaction coordinators (`transaction: 2pc | saga`). */
  readonly transactions?: TransactionReport;
}

/**
 * Correctness of a replicated node's data over the run. These count correctness, not availability:
 * a read can succeed and still be stale.
 */
export interface ConsistencyReport {
  /** Reads and writes the node served (successful calls). */
  readonly reads: number;
  readonly writes: number;
  /** Reads that returned a version older than the newest write of their key. */
  readonly staleReads: number;
  /** Acknowledged writes that no replica kept: lost at an async failover, or to last-writer-wins at a heal. */
  readonly lostWrites: number;
  /** Writes to one key accepted on both sides of a partition (`onPartition: availability`). */
  readonly conflicts: number;
  /** Calls refused as `no-quorum`. */
  readonly noQuorum: number;
  /** Leader elections that completed (leader-follower). */
  readonly elections?: number;
}

export interface TransactionReport {
  readonly mode: '2pc' | 'saga';
  readonly committed: number;
  readonly aborted: number;
  /** Sagas undone by compensations. */
  readonly compensated: number;
  /** Compensation calls made. */
  readonly compensations: number;
  /** Transactions whose participants were left in doubt (2PC: coordinator died between the rounds). */
  readonly inDoubt: number;
  readonly maxInDoubtMs: number;
  /** Sagas: mean time from the first step's commit until the saga completed or was compensated, ms. */
  readonly meanInconsistencyMs: number;
}

/** One second's consistency counts over every replicated node (timeline entries of designs with replication). */
export interface ConsistencySecond {
  readonly staleReads: number;
  readonly conflicts: number;
  readonly lostWrites: number;
  readonly noQuorum: number;
}

export interface TimelineEntry {
  /** Simulated second (requests count in the second in which they finished). */
  readonly t: number;
  readonly ok: number;
  readonly failed: number;
  /** p99 latency of the second's successful requests, ms (0 when none). */
  readonly p99: number;
  /** p50 latency of the second's successful requests, ms (0 when none). */
  readonly p50: number;
  /** The second's failed requests by cause; the counts sum to `failed`. */
  readonly failures: FailureCounts;
  /** Designs with a replicated node only: the second's stale reads, conflicts, lost writes, no-quorum refusals. */
  readonly consistency?: ConsistencySecond;
}

export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Mean time per successful request spent at one node on the critical path, ms. */
export interface LatencyBreakdownEntry {
  readonly node: string;
  /** Waiting for a slot (in the instance's queue). */
  readonly queueMs: number;
  /** Holding the slot for the node's own service time. */
  readonly serviceMs: number;
  /** The hop in, plus failed attempts and retry backoffs before the attempt that got through. */
  readonly networkMs: number;
}

/** A client's SLO (the targets as the document gives them) and how the run did against it. */
export interface ClientSloResult {
  readonly availability?: number;
  readonly latencyMs?: number;
  readonly percentile?: number;
  /** With a `latencyMs` target: the client's latency at the SLO's percentile (default 99), ms. */
  readonly observedLatencyMs?: number;
  /** Null when no request of the client finished. */
  readonly met: boolean | null;
  /**
   * Failed requests ÷ the failures the availability target allows in 30 days at the client's
   * rate, (1 − availability) × rate × 30 × 86,400. Null without an availability target below 1 or
   * a rate.
   */
  readonly budgetBurned: number | null;
}

export interface ClientReport {
  /** Finished requests of this client (ok + failed). */
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  /** ok ÷ requests, 4 decimals; null when none finished (then `availabilityReason` says so). */
  readonly availability: number | null;
  readonly availabilityReason?: 'no request finished';
  /** Latency of the client's successful requests, ms. */
  readonly latencyMs: LatencySummary;
  /** Where the time of its successful requests goes, largest total first (empty when none succeeded). */
  readonly latencyBreakdown: readonly LatencyBreakdownEntry[];
  /** Present when the client has an `slo`. */
  readonly slo?: ClientSloResult;
}

export interface MessageSummary {
  /** Messages stored by queue nodes. */
  readonly published: number;
  /** Messages a consumer processed successfully. */
  readonly delivered: number;
  /** Messages dropped after the consumer call failed (and its retries). */
  readonly failed: number;
  /** Messages still waiting at the end of the run. */
  readonly backlog: number;
}

/** A run stopped by its work budget (see budget.ts): why, where, and a sentence for people. */
export interface PartialRun {
  readonly reason: 'events' | 'in-flight' | 'time-stalled';
  /** Simulated seconds reached. */
  readonly atSeconds: number;
  readonly message: string;
}

export interface SimulationReport {
  /** Simulated seconds. */
  readonly duration: number;
  readonly seed: number;
  /** The scenario whose faults were applied, or null for the healthy system. */
  readonly scenario: { readonly id: string; readonly name: string } | null;
  /** Present when the run's work budget stopped it early: the numbers cover `atSeconds` only. */
  readonly partial?: PartialRun;
  /** Finished requests (total = ok + failed); `inFlight` were still running at the end. */
  readonly requests: { readonly total: number; readonly ok: number; readonly failed: number; readonly inFlight: number };
  /** ok ÷ total, 4 decimals; null when no request finished (then `availabilityReason` says so). */
  readonly availability: number | null;
  readonly availabilityReason?: 'no request finished';
  /** Requests per second: sent by clients, and finished successfully. */
  readonly throughput: { readonly offered: number; readonly served: number };
  /** Latency of successful requests, ms. */
  readonly latencyMs: LatencySummary;
  readonly failures: FailureCounts;
  /** Failed requests by the node where the failure began (non-zero entries only). */
  readonly failuresByNode: Readonly<Record<string, number>>;
  /** Attempts repeated after a failure (edge `retries`). */
  readonly retries: number;
  /** Present when the design has a queue node. */
  readonly messages?: MessageSummary;
  readonly nodes: Readonly<Record<string, NodeReport>>;
  /** Per client: its requests, availability, latency, where the time goes, its SLO. */
  readonly clients: Readonly<Record<string, ClientReport>>;
  readonly timeline: readonly TimelineEntry[];
}

/** One run of a sweep: a host or a deployable node down for the whole run. */
export interface SweepRun {
  readonly type: 'host-down' | 'zone-down' | 'region-down' | 'node-down';
  readonly target: string;
  /** Host or node name. */
  readonly name: string;
  /** Null when no request finished. */
  readonly availability: number | null;
  readonly requests: { readonly total: number; readonly ok: number; readonly failed: number };
  /** Set when the run's budget stopped it early. */
  readonly partial?: PartialRun;
  /** The most frequent failure cause, or null when nothing failed. */
  readonly mainCause: FailureCause | null;
}

export interface SweepReport {
  readonly duration: number;
  readonly seed: number;
  /** Availability of the healthy system under the same load, for comparison (null: nothing finished). */
  readonly baseline: number | null;
  /** Worst first; ties keep hosts before nodes, each in document order. */
  readonly runs: readonly SweepRun[];
}

/** What a sweep run does, before it runs. */
export interface SweepTarget {
  readonly type: 'host-down' | 'zone-down' | 'region-down' | 'node-down';
  readonly target: string;
  readonly name: string;
}

export type NodeStatus = 'healthy' | 'busy' | 'overloaded' | 'down';

export interface InstanceSnapshot {
  readonly host: string | null;
  /** False while the process or its host is down. */
  readonly up: boolean;
  /** False once the health check has taken it out of balancing. */
  readonly inRotation: boolean;
  /** Requests in service (slots in use). */
  readonly busy: number;
  readonly queued: number;
  /** Replicated nodes: this replica's role now, and how far behind the newest write it is, ms. */
  readonly role?: 'leader' | 'follower' | 'replica';
  readonly lagMs?: number;
}

export interface NodeSnapshot {
  readonly id: string;
  readonly status: NodeStatus;
  /** Slots in use ÷ slots of the instances that are up, 0..1, now. */
  readonly utilization: number;
  /** Requests waiting (for a queue node: messages in its backlog). */
  readonly queueLength: number;
  readonly instances: readonly InstanceSnapshot[];
  /** Replicated nodes: the leader's instance index (null for a quorum, or while none is elected), and an election in progress. */
  readonly replication?: { readonly leader: number | null; readonly electing: boolean };
  /** Transaction coordinators: participants in doubt now (2PC), sagas inside their inconsistency window now. */
  readonly transactions?: { readonly inDoubt: number; readonly inconsistent: number };
}

export interface SimulationSnapshot {
  /** Simulated time, ms. */
  readonly timeMs: number;
  readonly nodes: readonly NodeSnapshot[];
  /** Edge ids whose circuit breaker is open or half-open. */
  readonly openBreakers: readonly { readonly edge: string; readonly state: 'open' | 'half-open' }[];
  readonly downHosts: readonly string[];
  /** Partitions in force: the host ids of each side (the canvas draws the cut between them). */
  readonly partitions?: readonly { readonly groups: readonly (readonly string[])[] }[];
}

/** One sampled call attempt, for the animation: a request travelling `from` → `to` over `edge`. */
export interface Movement {
  readonly edge: string;
  readonly from: string;
  readonly to: string;
  /** Simulated ms when the call left and when its answer (or failure) came back. */
  readonly startMs: number;
  readonly endMs: number;
  /** `retried`: this attempt failed and the caller tries again. */
  readonly outcome: 'ok' | 'retried' | 'failed';
  readonly cause?: FailureCause;
  /** Set on the arrival of a request that took a lock key another instance held (SPEC §8). */
  readonly violation?: true;
  /** Replicated callee: a read that returned stale data, or a write that conflicted (a glyph at the replica). */
  readonly stale?: true;
  readonly conflict?: true;
  /** Index of the callee's instance the attempt reached, for a callee with several (where its glyph goes). */
  readonly instance?: number;
}

/** A client's standing so far, for the live dock. */
export interface LiveClientMetrics {
  readonly requests: number;
  readonly failed: number;
  readonly availability: number | null;
  /** Present when the client has an `slo`. */
  readonly slo?: ClientSloResult;
}

export interface LiveMetrics {
  readonly timeMs: number;
  /** Per client (by id), in document order. */
  readonly clients?: Readonly<Record<string, LiveClientMetrics>>;
  readonly requests: { readonly total: number; readonly ok: number; readonly failed: number };
  readonly latencyMs: LatencySummary;
  readonly failures: FailureCounts;
  /** Every finished second so far. */
  readonly timeline: readonly TimelineEntry[];
}
