/**
 * How load flows through a design, as the engine models it (shared/simulation/README.md): visit
 * ratios (expected calls into each node per client request) and mean times — the slot-holding
 * time of a call into a node and the response time its caller waits for. Light-load figures:
 * queueing delay, retries and timeouts are left out.
 */
import { RELIABILITY_DEFAULTS, resolveDocument, type ResolvedDocument, type ResolvedEdge, type ResolvedNode, type TopologyDocument } from '../document';

/** How deep calls go before the engine fails them (its MAX_DEPTH); cycles are followed this far. */
export const MAX_CALL_DEPTH = 64;

/** Name of the one implicit host that every unplaced instance shares (SPEC §3). */
export const UNPLACED_HOST = '(unplaced)';

/** Kinds that hold a slot while waiting on their own calls (a thread per request). */
const HOLDS_SLOT_WHILE_CALLING = new Set(['monolith', 'service', 'database', 'cache']);

/** A document resolved once, with the lookups flow and availability analysis share. */
export interface FlowDesign {
  readonly resolved: ResolvedDocument;
  readonly nodes: readonly ResolvedNode[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Outgoing edges of each node, in document order. */
  readonly outEdges: readonly (readonly ResolvedEdge[])[];
  /** Host id of each instance of each node (UNPLACED_HOST when it names none). */
  readonly instanceHosts: readonly (readonly string[])[];
  readonly hostZone: ReadonlyMap<string, string>;
  readonly hostRegion: ReadonlyMap<string, string>;
  readonly crossZoneMs: number;
  readonly crossRegionMs: number;
  /** `edgeShares` of each node, computed once (the Monte Carlo loop asks for them constantly). */
  readonly shares: readonly (readonly (readonly [ResolvedEdge, number])[])[];
}

export function flowDesign(doc: TopologyDocument): FlowDesign {
  const resolved = resolveDocument(doc);
  const nodes = resolved.nodes;
  const nodeIndex = new Map(nodes.map((node, i) => [node.id, i]));
  const outEdges: ResolvedEdge[][] = nodes.map(() => []);
  for (const edge of resolved.edges) {
    const from = nodeIndex.get(edge.from);
    if (from !== undefined && nodeIndex.has(edge.to)) outEdges[from]!.push(edge);
  }
  const hostZone = new Map<string, string>();
  const hostRegion = new Map<string, string>();
  for (const host of doc.hosts) {
    if (host.zone) hostZone.set(host.id, host.zone);
    if (host.region) hostRegion.set(host.id, host.region);
  }
  const shares = nodes.map((node, n) => sharesOf(node, outEdges[n]!));
  return {
    resolved,
    nodes,
    nodeIndex,
    outEdges,
    shares,
    instanceHosts: nodes.map((node) => node.instances.map((instance) => instance.host ?? UNPLACED_HOST)),
    hostZone,
    hostRegion,
    crossZoneMs: doc.settings?.crossZoneMs ?? RELIABILITY_DEFAULTS.crossZoneMs,
    crossRegionMs: doc.settings?.crossRegionMs ?? RELIABILITY_DEFAULTS.crossRegionMs,
  };
}

/** Share of a node's work that goes on to its calls: a cache calls downstream only on a miss. */
export function passOnShare(node: ResolvedNode): number {
  return node.kind === 'cache' ? 1 - node.hitRate : 1;
}

/** `[edge, share]` pairs: how many calls per visit each outgoing edge gets (fan-out, weights, probability). */
export function edgeShares(design: FlowDesign, node: number): readonly (readonly [ResolvedEdge, number])[] {
  return design.shares[node]!;
}

function sharesOf(node: ResolvedNode, edges: readonly ResolvedEdge[]): [ResolvedEdge, number][] {
  if (edges.length === 0) return [];
  if (node.fanout === 'all') return edges.map((edge) => [edge, edge.probability]);
  const total = edges.reduce((sum, edge) => sum + edge.weight, 0);
  // With every weight 0 the engine's pick falls through to the last edge.
  if (total === 0) return edges.map((edge, i) => [edge, i === edges.length - 1 ? 1 : 0]);
  return edges.map((edge) => [edge, edge.weight / total]);
}

/** Expected calls into each node per request of `client` (its own entry is 1). */
export function visitsFrom(design: FlowDesign, client: number): Float64Array {
  const count = design.nodes.length;
  const total = new Float64Array(count);
  let current = new Float64Array(count);
  current[client] = 1;
  total[client] = 1;
  // Level by level, like the engine's call depth, so cycles end where the engine ends them.
  for (let depth = 0; depth < MAX_CALL_DEPTH; depth++) {
    const next = new Float64Array(count);
    let any = false;
    for (let n = 0; n < count; n++) {
      const here = current[n]!;
      if (here === 0) continue;
      const emitted = here * passOnShare(design.nodes[n]!);
      if (emitted === 0) continue;
      for (const [edge, share] of edgeShares(design, n)) {
        if (share === 0) continue;
        const to = design.nodeIndex.get(edge.to)!;
        next[to]! += emitted * share;
        any = true;
      }
    }
    if (!any) break;
    for (let n = 0; n < count; n++) total[n]! += next[n]!;
    current = next;
  }
  return total;
}

/** Client indexes and their rates (requests per second). */
export function clientsOf(design: FlowDesign): { index: number; rate: number }[] {
  return design.nodes.flatMap((node, index) => (node.kind === 'client' ? [{ index, rate: node.rate }] : []));
}

/** Calls per second into each node at the document's client rates. */
export function offeredLoad(design: FlowDesign): Float64Array {
  const load = new Float64Array(design.nodes.length);
  for (const { index, rate } of clientsOf(design)) {
    if (rate === 0) continue;
    const visits = visitsFrom(design, index);
    for (let n = 0; n < load.length; n++) if (design.nodes[n]!.kind !== 'client') load[n]! += rate * visits[n]!;
  }
  return load;
}

/** Mean network delay of one call over `edge`, over the pairs of caller and callee instances. */
export function networkDelayMs(design: FlowDesign, edge: ResolvedEdge): number {
  const networkMs = design.resolved.settings.networkMs;
  const from = design.nodeIndex.get(edge.from)!;
  const to = design.nodeIndex.get(edge.to)!;
  // Clients stand outside every host: each of their calls crosses the network.
  if (design.nodes[from]!.kind === 'client') return networkMs;
  const callers = instanceShares(design, from);
  const callees = instanceShares(design, to);
  let delay = 0;
  for (const [fromHost, fromShare] of callers) {
    for (const [toHost, toShare] of callees) {
      if (fromHost === toHost) continue;
      let pair = networkMs;
      const zoneA = design.hostZone.get(fromHost);
      const zoneB = design.hostZone.get(toHost);
      if (zoneA !== undefined && zoneB !== undefined && zoneA !== zoneB) pair += design.crossZoneMs;
      const regionA = design.hostRegion.get(fromHost);
      const regionB = design.hostRegion.get(toHost);
      if (regionA !== undefined && regionB !== undefined && regionA !== regionB) pair += design.crossRegionMs;
      delay += fromShare * toShare * pair;
    }
  }
  return delay;
}

/** Share of a node's calls each instance takes: by weight for the weighted balancer, else even. */
function instanceShares(design: FlowDesign, node: number): [string, number][] {
  const resolved = design.nodes[node]!;
  const hosts = design.instanceHosts[node]!;
  const weights = resolved.instances.map((instance) => (resolved.balancer === 'weighted' ? instance.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return hosts.map((host, i) => [host, total === 0 ? 1 / hosts.length : weights[i]! / total]);
}

/** Mean times of one call into each node, in ms. */
export interface NodeTimes {
  /** How long the call holds one of the instance's slots. */
  readonly holdingMs: Float64Array;
  /** How long a synchronous caller waits for the answer (network excluded). */
  readonly responseMs: Float64Array;
}

export function nodeTimes(design: FlowDesign): NodeTimes {
  const count = design.nodes.length;
  const holdingMs = new Float64Array(count);
  const responseMs = new Float64Array(count);
  const state = new Uint8Array(count); // 0 not yet, 1 in progress, 2 done

  const waitOf = (edge: ResolvedEdge): number => {
    const to = design.nodeIndex.get(edge.to)!;
    const callee = design.nodes[to]!;
    const network = networkDelayMs(design, edge);
    // An async caller waits only for the callee to accept (a queue's enqueue is its service time).
    if (edge.async) return network + (callee.kind === 'queue' ? callee.latencyMs : 0);
    return network + response(to);
  };

  const callsWait = (n: number): number => {
    const node = design.nodes[n]!;
    const shares = edgeShares(design, n);
    if (shares.length === 0) return 0;
    if (node.fanout === 'one' || node.calls === 'sequential') return shares.reduce((sum, [edge, share]) => (share === 0 ? sum : sum + share * waitOf(edge)), 0);
    // Parallel: the caller waits for its slowest branch; a branch runs with its probability.
    const waits = shares.filter(([, p]) => p > 0).map(([edge, p]) => [waitOf(edge), p] as const);
    waits.sort((a, b) => b[0] - a[0]);
    let none = 1;
    let expected = 0;
    for (const [wait, p] of waits) {
      expected += wait * p * none;
      none *= 1 - p;
    }
    return expected;
  };

  function response(n: number): number {
    const node = design.nodes[n]!;
    if (state[n] === 2) return responseMs[n]!;
    // A call back into a node on the current path adds its own work only: the cycle is cut here.
    if (state[n] === 1) return node.latencyMs;
    state[n] = 1;
    const wait = node.kind === 'queue' ? 0 : passOnShare(node) * callsWait(n);
    responseMs[n] = node.latencyMs + wait;
    holdingMs[n] = node.latencyMs + (HOLDS_SLOT_WHILE_CALLING.has(node.kind) ? wait : 0);
    state[n] = 2;
    return responseMs[n]!;
  }

  for (let n = 0; n < count; n++) if (design.nodes[n]!.kind !== 'client') response(n);
  return { holdingMs, responseMs };
}
