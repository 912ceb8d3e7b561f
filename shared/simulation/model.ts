/**
 * Compiles a document (and a scenario) into the flat, index-based model the engine runs on:
 * typed arrays by node, instance, host and edge, with every SPEC §2 default applied through
 * `resolveDocument`. Strings are looked up once here, never in the event loop.
 */
import { BALANCERS, RELIABILITY_DEFAULTS, resolveDocument, type Scenario, type Slo, type TopologyDocument, type TransactionMode } from '../document';
import { compileState, type StateModel } from './stateModel';
import { compileReplication, type ReplicationModel } from './replicationModel';
import { compileFault, type CompiledFault, type FaultTargets } from './faultTypes';

/** Host index of clients: they stand outside every host, so every call they make crosses the network. */
export const OUTSIDE_HOST = -1;

/** What `networkDelayMs` gives for two instances on one host: no hop, the job arrives at once. */
export const SAME_HOST = -1;

export const DISTRIBUTION_CONSTANT = 0;
export const DISTRIBUTION_EXPONENTIAL = 1;
export const DISTRIBUTION_LOGNORMAL = 2;

/** A node's `transaction` as the engine runs it (transactions.ts). */
export const TRANSACTION_NONE = 0;
export const TRANSACTION_2PC = 1;
export const TRANSACTION_SAGA = 2;

export interface SimulationModel {
  readonly nodeIds: readonly string[];
  readonly nodeKinds: readonly string[];
  readonly nodeCount: number;
  readonly nodeIsClient: Uint8Array;
  readonly nodeIsQueue: Uint8Array;
  readonly nodeIsCache: Uint8Array;
  /** 1 where a busy slot is held while the node waits for its own downstream calls (see engine). */
  readonly nodeHoldsSlotWhileCalling: Uint8Array;
  /** 1 where some edge into the node is async (its jobs may end a caller's wait on acceptance). */
  readonly nodeAsyncIn: Uint8Array;
  readonly nodeRate: Float64Array;
  readonly nodeFirstInstance: Int32Array;
  readonly nodeInstanceCount: Int32Array;
  readonly nodeBalancer: Uint8Array;
  readonly nodeLatencyMs: Float64Array;
  readonly nodeDistribution: Uint8Array;
  readonly nodeConcurrency: Int32Array;
  readonly nodeQueueLimit: Int32Array;
  readonly nodeErrorRate: Float64Array;
  /** Requests per second admitted; 0 means no limit. */
  readonly nodeRateLimit: Float64Array;
  readonly nodeFanoutAll: Uint8Array;
  readonly nodeParallel: Uint8Array;
  readonly nodeHitRate: Float64Array;
  /** Time from an instance dying to its removal from balancing: intervalMs × failures. */
  readonly nodeDetectDownMs: Float64Array;
  /** Time from an instance recovering to its return to balancing: one interval. */
  readonly nodeDetectUpMs: Float64Array;
  /** Outgoing edges as CSR: edges of node n are outEdges[outStart[n] .. outStart[n + 1]). */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly nodeOutWeight: Float64Array;
  readonly clients: Int32Array;
  /** Index into `clients` of each node (-1 for nodes that are not clients). */
  readonly nodeClient: Int32Array;
  /** Each client's `slo` as the document gives it (undefined: none), in `clients` order. */
  readonly clientSlos: readonly (Slo | undefined)[];
  readonly instanceCount: number;
  readonly instanceNode: Int32Array;
  readonly instanceHost: Int32Array;
  readonly instanceWeight: Float64Array;
  /** Declared hosts, then one implicit host for unplaced instances (SPEC §3). */
  readonly hostIds: readonly string[];
  readonly hostCount: number;
  readonly hostInstanceStart: Int32Array;
  readonly hostInstances: Int32Array;
  readonly edgeIds: readonly string[];
  readonly edgeCount: number;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeWeight: Float64Array;
  readonly edgeProbability: Float64Array;
  /** 0 means no timeout of its own (connectTimeoutMs then applies to unanswered calls). */
  readonly edgeTimeoutMs: Float64Array;
  readonly edgeRetries: Int32Array;
  readonly edgeBackoffMs: Float64Array;
  readonly edgeOptional: Uint8Array;
  readonly edgeAsync: Uint8Array;
  /** Circuit breaker window (calls); 0 means no breaker. */
  readonly edgeBreakerWindow: Int32Array;
  readonly edgeBreakerRate: Float64Array;
  readonly edgeBreakerOpenMs: Float64Array;
  readonly networkMs: number;
  /** Zone number of each host (-1: names none, or the implicit host), so calls compare ints, not names. */
  readonly hostZone: Int32Array;
  /** Region number of each host (-1: names none, or the implicit host). */
  readonly hostRegion: Int32Array;
  readonly crossZoneMs: number;
  readonly crossRegionMs: number;
  readonly connectTimeoutMs: number;
  readonly faults: readonly CompiledFault[];
  /** Users, data keys, shards, sessions and locks (SPEC §8); purpose edges are not in outEdges. */
  readonly state: StateModel;
  /**
   * TRANSACTION_2PC or TRANSACTION_SAGA where a node coordinates its `fanout: all` calls as one
   * transaction (at least two participants, not a client or a queue); TRANSACTION_NONE elsewhere.
   */
  readonly nodeTransaction: Uint8Array;
  /** Replicated databases and caches (replicationModel.ts). */
  readonly replication: ReplicationModel;
}

/** Nodes that forward without a thread per request: their slot covers only their own work. */
const PROXY_KINDS = new Set(['gateway', 'loadBalancer', 'queue']);

export function compileModel(doc: TopologyDocument, scenario: Scenario | undefined): SimulationModel {
  const resolved = resolveDocument(doc);
  const nodes = resolved.nodes;
  const nodeCount = nodes.length;
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const hostIds = [...doc.hosts.map((h) => h.id), '(unplaced)'];
  const implicitHost = hostIds.length - 1;
  const hostIndex = new Map(doc.hosts.map((h, i) => [h.id, i]));

  const f64 = () => new Float64Array(nodeCount);
  const u8 = () => new Uint8Array(nodeCount);
  const i32 = () => new Int32Array(nodeCount);
  const m = {
    nodeIsClient: u8(), nodeIsQueue: u8(), nodeIsCache: u8(), nodeHoldsSlotWhileCalling: u8(), nodeAsyncIn: u8(),
    nodeRate: f64(), nodeFirstInstance: i32(), nodeInstanceCount: i32(), nodeBalancer: u8(),
    nodeLatencyMs: f64(), nodeDistribution: u8(), nodeConcurrency: i32(), nodeQueueLimit: i32(),
    nodeErrorRate: f64(), nodeRateLimit: f64(), nodeFanoutAll: u8(), nodeParallel: u8(), nodeHitRate: f64(),
    nodeDetectDownMs: f64(), nodeDetectUpMs: f64(), nodeOutWeight: f64(),
  };
  const instanceNode: number[] = [];
  const instanceHost: number[] = [];
  const instanceWeight: number[] = [];
  nodes.forEach((node, n) => {
    m.nodeIsClient[n] = node.kind === 'client' ? 1 : 0;
    m.nodeIsQueue[n] = node.kind === 'queue' ? 1 : 0;
    m.nodeIsCache[n] = node.kind === 'cache' ? 1 : 0;
    m.nodeHoldsSlotWhileCalling[n] = PROXY_KINDS.has(node.kind) ? 0 : 1;
    m.nodeRate[n] = node.rate;
    m.nodeFirstInstance[n] = instanceNode.length;
    m.nodeInstanceCount[n] = node.instances.length;
    for (const instance of node.instances) {
      instanceNode.push(n);
      instanceHost.push(instance.host === undefined ? implicitHost : (hostIndex.get(instance.host) ?? implicitHost));
      instanceWeight.push(instance.weight);
    }
    m.nodeBalancer[n] = BALANCERS.indexOf(node.balancer);
    m.nodeLatencyMs[n] = node.latencyMs;
    m.nodeDistribution[n] =
      node.latency === 'constant' ? DISTRIBUTION_CONSTANT : node.latency === 'lognormal' ? DISTRIBUTION_LOGNORMAL : DISTRIBUTION_EXPONENTIAL;
    m.nodeConcurrency[n] = node.concurrency;
    m.nodeQueueLimit[n] = node.queueLimit;
    m.nodeErrorRate[n] = node.errorRate;
    m.nodeRateLimit[n] = node.rateLimit ?? 0;
    m.nodeFanoutAll[n] = node.fanout === 'all' ? 1 : 0;
    m.nodeParallel[n] = node.calls === 'parallel' ? 1 : 0;
    m.nodeHitRate[n] = node.hitRate;
    m.nodeDetectDownMs[n] = node.healthCheck.intervalMs * node.healthCheck.failures;
    m.nodeDetectUpMs[n] = node.healthCheck.intervalMs;
  });

  const edges = resolved.edges;
  const edgeCount = edges.length;
  const ef64 = () => new Float64Array(edgeCount);
  const e = {
    edgeFrom: new Int32Array(edgeCount), edgeTo: new Int32Array(edgeCount), edgeWeight: ef64(), edgeProbability: ef64(),
    edgeTimeoutMs: ef64(), edgeRetries: new Int32Array(edgeCount), edgeBackoffMs: ef64(), edgeOptional: new Uint8Array(edgeCount),
    edgeAsync: new Uint8Array(edgeCount), edgeBreakerWindow: new Int32Array(edgeCount), edgeBreakerRate: ef64(), edgeBreakerOpenMs: ef64(),
  };
  const outLists: number[][] = nodes.map(() => []);
  const state = compileState(doc, nodeIndex, m.nodeInstanceCount, m.nodeBalancer);
  edges.forEach((edge, i) => {
    const from = nodeIndex.get(edge.from) ?? 0;
    e.edgeFrom[i] = from;
    e.edgeTo[i] = nodeIndex.get(edge.to) ?? 0;
    e.edgeWeight[i] = edge.weight;
    e.edgeProbability[i] = edge.probability;
    e.edgeTimeoutMs[i] = edge.timeoutMs ?? 0;
    e.edgeRetries[i] = edge.retries;
    e.edgeBackoffMs[i] = edge.retryBackoffMs;
    e.edgeOptional[i] = edge.optional ? 1 : 0;
    e.edgeAsync[i] = edge.async ? 1 : 0;
    if (edge.async) m.nodeAsyncIn[e.edgeTo[i]!] = 1;
    if (edge.circuitBreaker) {
      e.edgeBreakerWindow[i] = edge.circuitBreaker.window;
      e.edgeBreakerRate[i] = edge.circuitBreaker.failureRate;
      e.edgeBreakerOpenMs[i] = edge.circuitBreaker.openMs;
    }
    // A purpose edge is called once per request by its own rule, never by the fanout.
    if (doc.edges[i]!.purpose !== undefined) return;
    outLists[from]!.push(i);
    m.nodeOutWeight[from]! += edge.weight;
  });
  const outStart = new Int32Array(nodeCount + 1);
  outLists.forEach((list, n) => (outStart[n + 1] = outStart[n]! + list.length));
  const nodeTransaction = Uint8Array.from(nodes, (node, n) => transactionMode(node.kind, doc.nodes[n]!.transaction, node.fanout, outLists[n]!.length));

  const hostLists: number[][] = hostIds.map(() => []);
  instanceHost.forEach((host, i) => hostLists[host]!.push(i));
  const hostInstanceStart = new Int32Array(hostIds.length + 1);
  hostLists.forEach((list, h) => (hostInstanceStart[h + 1] = hostInstanceStart[h]! + list.length));

  const targets: FaultTargets = {
    hostCount: hostIds.length,
    nodeIndex: (id) => nodeIndex.get(id) ?? -1,
    hostIndex: (id) => hostIndex.get(id) ?? -1,
    hostsIn: (domain, name) => Int32Array.from(doc.hosts.flatMap((host, h) => (host[domain] === name ? [h] : []))),
    instancesOf: (node, only) => {
      if (node < 0) return new Int32Array(0);
      const first = m.nodeFirstInstance[node]!;
      const count = m.nodeInstanceCount[node]!;
      if (only === undefined) return Int32Array.from({ length: count }, (_, k) => first + k);
      return only < count ? Int32Array.of(first + only) : new Int32Array(0);
    },
  };
  const faults = (scenario?.faults ?? []).map((fault) => compileFault(fault, targets));

  const clients = Int32Array.from(nodes.flatMap((n, i) => (n.kind === 'client' ? [i] : [])));
  const nodeClient = new Int32Array(nodeCount).fill(-1);
  clients.forEach((node, c) => (nodeClient[node] = c));
  const sloById = new Map(doc.nodes.map((n) => [n.id, n.slo]));
  return {
    nodeIds: nodes.map((n) => n.id),
    nodeKinds: nodes.map((n) => n.kind),
    nodeCount,
    ...m,
    outStart,
    outEdges: Int32Array.from(outLists.flat()),
    clients,
    nodeClient,
    clientSlos: Array.from(clients, (node) => sloById.get(nodes[node]!.id)),
    instanceCount: instanceNode.length,
    instanceNode: Int32Array.from(instanceNode),
    instanceHost: Int32Array.from(instanceHost),
    instanceWeight: Float64Array.from(instanceWeight),
    hostIds,
    hostCount: hostIds.length,
    hostInstanceStart,
    hostInstances: Int32Array.from(hostLists.flat()),
    edgeIds: edges.map((x) => x.id),
    edgeCount,
    ...e,
    networkMs: resolved.settings.networkMs,
    hostZone: numberNames(doc.hosts.map((host) => host.zone)),
    hostRegion: numberNames(doc.hosts.map((host) => host.region)),
    crossZoneMs: doc.settings?.crossZoneMs ?? RELIABILITY_DEFAULTS.crossZoneMs,
    crossRegionMs: doc.settings?.crossRegionMs ?? RELIABILITY_DEFAULTS.crossRegionMs,
    connectTimeoutMs: resolved.settings.connectTimeoutMs,
    faults,
    state,
    nodeTransaction,
    replication: compileReplication(doc, nodeIndex, m.nodeInstanceCount, state.nodeShards),
  };
}

/** What the engine runs for a node's `transaction`: nothing unless it has participants to coordinate. */
function transactionMode(kind: string, transaction: TransactionMode | undefined, fanout: string | undefined, participants: number): number {
  if (transaction === undefined || fanout !== 'all' || participants < 2 || kind === 'client' || kind === 'queue') return TRANSACTION_NONE;
  return transaction === '2pc' ? TRANSACTION_2PC : TRANSACTION_SAGA;
}

/** Numbers each distinct name in order of appearance (undefined: -1), one entry more for the implicit host. */
function numberNames(names: readonly (string | undefined)[]): Int32Array {
  const numbers = new Map<string, number>();
  const result = new Int32Array(names.length + 1).fill(-1);
  names.forEach((name, i) => {
    if (name === undefined) return;
    if (!numbers.has(name)) numbers.set(name, numbers.size);
    result[i] = numbers.get(name)!;
  });
  return result;
}

/**
 * Network delay of one call from host `from` (OUTSIDE_HOST for clients) to host `to` (SPEC §7):
 * SAME_HOST on one host; else `networkMs`, plus `crossZoneMs` where both hosts name zones and they
 * differ, plus `crossRegionMs` where both name regions and they differ. Clients name neither.
 */
export function networkDelayMs(model: SimulationModel, from: number, to: number): number {
  if (from === to && from >= 0) return SAME_HOST;
  if (from < 0) return model.networkMs;
  let delay = model.networkMs;
  const zoneFrom = model.hostZone[from]!;
  const zoneTo = model.hostZone[to]!;
  if (zoneFrom >= 0 && zoneTo >= 0 && zoneFrom !== zoneTo) delay += model.crossZoneMs;
  const regionFrom = model.hostRegion[from]!;
  const regionTo = model.hostRegion[to]!;
  if (regionFrom >= 0 && regionTo >= 0 && regionFrom !== regionTo) delay += model.crossRegionMs;
  return delay;
}
