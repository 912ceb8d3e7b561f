/**
 * Node kinds and the facts about them that every layer shares (SPEC §2).
 */

/** Every node kind a document may hold, in palette order. */
export const NODE_KINDS = [
  'client',
  'gateway',
  'loadBalancer',
  'monolith',
  'service',
  'database',
  'cache',
  'queue',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

/** Human names of the kinds, as the palette and screen readers say them (SPEC §6). */
export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  client: 'Client',
  gateway: 'Gateway',
  loadBalancer: 'Load balancer',
  monolith: 'Monolith',
  service: 'Service',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
};

/** Application units carry business logic; everything else is infrastructure. */
export function isApplicationUnit(kind: NodeKind): kind is 'monolith' | 'service' {
  return kind === 'monolith' || kind === 'service';
}

/** Deployable kinds run as instances on hosts; clients stand outside every host. */
export function isDeployable(kind: NodeKind): boolean {
  return kind !== 'client';
}

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

export const BALANCERS = ['round-robin', 'random', 'least-connections', 'weighted', 'consistent-hash'] as const;
export type Balancer = (typeof BALANCERS)[number];

export const LATENCY_DISTRIBUTIONS = ['constant', 'exponential', 'lognormal'] as const;
export type LatencyDistribution = (typeof LATENCY_DISTRIBUTIONS)[number];

export const FANOUTS = ['one', 'all'] as const;
export type Fanout = (typeof FANOUTS)[number];

export const CALL_MODES = ['sequential', 'parallel'] as const;
export type CallMode = (typeof CALL_MODES)[number];

export const FAULT_TYPES = [
  'instance-down',
  'node-down',
  'host-down',
  'zone-down',
  'region-down',
  'partition',
  'latency',
  'error-rate',
  'loss',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** Why a simulated request failed (SPEC §4). */
export const FAILURE_CAUSES = [
  'crash',
  'timeout',
  'overload',
  'rate-limited',
  'circuit-open',
  'partition',
  'error',
  'unavailable',
  'session-lost',
  'lock-unavailable',
  'no-quorum',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Where an application unit keeps its users' sessions (SPEC §8). */
export const SESSION_MODES = ['none', 'local', 'sticky', 'shared'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** Where an application unit's lock lives: in each instance, or in a lock service. */
export const LOCK_SCOPES = ['local', 'distributed'] as const;
export type LockScope = (typeof LOCK_SCOPES)[number];

/** What a call over an edge is for, when it is not the request's own work. */
export const EDGE_PURPOSES = ['session', 'lock'] as const;
export type EdgePurpose = (typeof EDGE_PURPOSES)[number];

/** How a database's or cache's instances copy its data (SPEC §8, replicated data). */
export const REPLICATION_MODES = ['leader-follower', 'quorum'] as const;
export type ReplicationMode = (typeof REPLICATION_MODES)[number];

/** When a leader acknowledges a write: after itself, after one follower, after all of them. */
export const REPLICATION_SYNCS = ['async', 'semi-sync', 'sync'] as const;
export type ReplicationSync = (typeof REPLICATION_SYNCS)[number];

/** Which replicas of a leader-follower node serve reads. */
export const READ_FROMS = ['leader', 'followers', 'any'] as const;
export type ReadFrom = (typeof READ_FROMS)[number];

/** What a replicated node gives up on a network partition (the C or the A of CAP). */
export const PARTITION_CHOICES = ['consistency', 'availability'] as const;
export type PartitionChoice = (typeof PARTITION_CHOICES)[number];

/** How a node's `fanout: all` calls make one business transaction. */
export const TRANSACTION_MODES = ['2pc', 'saga'] as const;
export type TransactionMode = (typeof TRANSACTION_MODES)[number];

/** Databases and caches hold data: they have `keys` and `shards`. */
export function isDataStore(kind: NodeKind): kind is 'database' | 'cache' {
  return kind === 'database' || kind === 'cache';
}
