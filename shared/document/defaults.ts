/**
 * Defaults of SPEC §2, applied when a value is read (never written into the file).
 */
import { isApplicationUnit, isDataStore, type Balancer, type CallMode, type Fanout, type LatencyDistribution, type NodeKind, type PartitionChoice, type ReadFrom, type ReplicationSync, type SessionMode } from './kinds';
import type { CircuitBreaker, HealthCheck, Instance, Lock, Settings, TopologyDocument, TopologyEdge, TopologyNode } from './schema';

/** Mean service time of one request on one instance, in ms, by kind. */
export const DEFAULT_LATENCY_MS: Readonly<Record<NodeKind, number>> = {
  client: 0,
  gateway: 1,
  loadBalancer: 1,
  monolith: 20,
  service: 10,
  database: 5,
  cache: 1,
  queue: 1,
};

export const DEFAULTS = {
  rate: 10,
  balancer: 'round-robin' as Balancer,
  latency: 'exponential' as LatencyDistribution,
  concurrency: 16,
  queueLimit: 100,
  errorRate: 0,
  calls: 'sequential' as CallMode,
  hitRate: 0.8,
  healthCheck: { intervalMs: 1000, failures: 3 } as Required<HealthCheck>,
  edgeWeight: 1,
  edgeProbability: 1,
  retries: 0,
  retryBackoffMs: 0,
  networkMs: 1,
  connectTimeoutMs: 3000,
  instanceWeight: 1,
  circuitBreaker: { failureRate: 0.5, window: 20, openMs: 5000 } as Required<CircuitBreaker>,
} as const;

/**
 * Defaults of the failure-domain and reliability fields (SPEC §7). A host fails about once a year
 * and is back in two hours. Processes, zones and regions fail only when their MTBF is set; a
 * missing MTTR then takes the host's two hours, so one number is enough to model them.
 */
export const RELIABILITY_DEFAULTS = {
  hostMtbfHours: 8760,
  hostMttrHours: 2,
  /** MTTR of a process, zone or region whose MTBF is set without one. */
  mttrHours: 2,
  crossZoneMs: 2,
  crossRegionMs: 60,
  sloPercentile: 99,
} as const;

export function defaultFanout(kind: NodeKind): Fanout {
  return kind === 'client' || kind === 'gateway' || kind === 'loadBalancer' ? 'one' : 'all';
}

/** A node with every field of its kind filled in. */
export interface ResolvedNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly rate: number;
  readonly instances: readonly (Instance & { readonly weight: number })[];
  readonly balancer: Balancer;
  readonly latencyMs: number;
  readonly latency: LatencyDistribution;
  readonly concurrency: number;
  readonly queueLimit: number;
  readonly errorRate: number;
  readonly rateLimit: number | undefined;
  readonly fanout: Fanout;
  readonly calls: CallMode;
  readonly hitRate: number;
  readonly capabilities: readonly string[] | undefined;
  readonly layer: string | undefined;
  readonly healthCheck: Required<HealthCheck>;
}

export function resolveNode(node: TopologyNode): ResolvedNode {
  const instances =
    node.kind === 'client'
      ? []
      : (node.instances ?? [{}]).map((instance) => ({ ...instance, weight: instance.weight ?? DEFAULTS.instanceWeight }));
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    rate: node.kind === 'client' ? (node.rate ?? DEFAULTS.rate) : 0,
    instances,
    balancer: node.balancer ?? DEFAULTS.balancer,
    latencyMs: node.latencyMs ?? DEFAULT_LATENCY_MS[node.kind],
    latency: node.latency ?? DEFAULTS.latency,
    concurrency: node.concurrency ?? DEFAULTS.concurrency,
    queueLimit: node.queueLimit ?? DEFAULTS.queueLimit,
    errorRate: node.errorRate ?? DEFAULTS.errorRate,
    rateLimit: node.rateLimit,
    fanout: node.fanout ?? defaultFanout(node.kind),
    calls: node.calls ?? DEFAULTS.calls,
    hitRate: node.kind === 'cache' ? (node.hitRate ?? DEFAULTS.hitRate) : 0,
    capabilities: node.capabilities,
    layer: node.layer,
    healthCheck: { ...DEFAULTS.healthCheck, ...node.healthCheck },
  };
}

/** An edge with every field filled in; `async` defaults to true where the callee is a queue. */
export interface ResolvedEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly weight: number;
  readonly probability: number;
  readonly timeoutMs: number | undefined;
  readonly retries: number;
  readonly retryBackoffMs: number;
  readonly circuitBreaker: Required<CircuitBreaker> | undefined;
  readonly optional: boolean;
  readonly async: boolean;
}

export function resolveEdge(edge: TopologyEdge, toKind: NodeKind | undefined): ResolvedEdge {
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    weight: edge.weight ?? DEFAULTS.edgeWeight,
    probability: edge.probability ?? DEFAULTS.edgeProbability,
    timeoutMs: edge.timeoutMs,
    retries: edge.retries ?? DEFAULTS.retries,
    retryBackoffMs: edge.retryBackoffMs ?? DEFAULTS.retryBackoffMs,
    circuitBreaker: edge.circuitBreaker ? { ...DEFAULTS.circuitBreaker, ...edge.circuitBreaker } : undefined,
    optional: edge.optional ?? false,
    async: edge.async ?? toKind === 'queue',
  };
}

export interface ResolvedSettings {
  readonly networkMs: number;
  readonly connectTimeoutMs: number;
}

export function resolveSettings(settings: Settings | undefined): ResolvedSettings {
  return {
    networkMs: settings?.networkMs ?? DEFAULTS.networkMs,
    connectTimeoutMs: settings?.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
  };
}

/** Every node and edge of a document resolved, with lookups by id. */
export interface ResolvedDocument {
  readonly settings: ResolvedSettings;
  readonly nodes: readonly ResolvedNode[];
  readonly edges: readonly ResolvedEdge[];
  readonly nodeById: ReadonlyMap<string, ResolvedNode>;
}

export function resolveDocument(doc: TopologyDocument): ResolvedDocument {
  const nodes = doc.nodes.map(resolveNode);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const edges = doc.edges.map((e) => resolveEdge(e, nodeById.get(e.to)?.kind));
  return { settings: resolveSettings(doc.settings), nodes, edges, nodeById };
}

/** Defaults of the state fields (SPEC §8): users, data keys, sessions and locks. */
export const STATE_DEFAULTS = {
  users: 1000,
  keys: 10_000,
  shards: 1,
  session: 'none' as SessionMode,
  lock: { scope: 'local', keys: 100, holdMs: 5, leaseMs: 10_000 } as Required<Lock>,
} as const;

/** A node's lock with every field filled in, or undefined when it has none (or is no application unit). */
export function resolveLock(node: TopologyNode): Required<Lock> | undefined {
  if (!node.lock || !isApplicationUnit(node.kind)) return undefined;
  return { ...STATE_DEFAULTS.lock, ...node.lock };
}

/** A unit's session mode (`none` for every other kind). */
export function resolveSession(node: TopologyNode): SessionMode {
  return isApplicationUnit(node.kind) ? (node.session ?? STATE_DEFAULTS.session) : 'none';
}

/** Defaults of a replicated node's fields and of an edge's `writeRatio` (SPEC §8). */
export const REPLICATION_DEFAULTS = {
  sync: 'async' as ReplicationSync,
  lagMs: 100,
  readFrom: 'leader' as ReadFrom,
  electionMs: 1000,
  onPartition: 'consistency' as PartitionChoice,
  writeRatio: 0.2,
} as const;

/** A replicated node's replication with every field filled in. */
export type ResolvedReplication =
  | { readonly mode: 'leader-follower'; readonly sync: ReplicationSync; readonly lagMs: number; readonly readFrom: ReadFrom; readonly electionMs: number; readonly onPartition: PartitionChoice; readonly replicas: number }
  | { readonly mode: 'quorum'; readonly n: number; readonly w: number; readonly r: number; readonly lagMs: number; readonly onPartition: PartitionChoice; readonly replicas: number };

/**
 * A database's or cache's replication with its defaults, or undefined when it has none (or is not a
 * data store). `replicas` is the instance count; a quorum's `n` defaults to it (clamped to at least
 * 1), and `w` and `r` to a majority of n.
 */
export function resolveReplication(node: TopologyNode): ResolvedReplication | undefined {
  const replication = node.replication;
  if (!replication || !isDataStore(node.kind)) return undefined;
  const replicas = node.instances?.length ?? 1;
  const lagMs = replication.lagMs ?? REPLICATION_DEFAULTS.lagMs;
  const onPartition = replication.onPartition ?? REPLICATION_DEFAULTS.onPartition;
  if (replication.mode === 'leader-follower') {
    return {
      mode: 'leader-follower',
      sync: replication.sync ?? REPLICATION_DEFAULTS.sync,
      lagMs,
      readFrom: replication.readFrom ?? REPLICATION_DEFAULTS.readFrom,
      electionMs: replication.electionMs ?? REPLICATION_DEFAULTS.electionMs,
      onPartition,
      replicas,
    };
  }
  const n = replication.n ?? replicas;
  const majority = Math.floor(n / 2) + 1;
  return { mode: 'quorum', n, w: replication.w ?? majority, r: replication.r ?? majority, lagMs, onPartition, replicas };
}
