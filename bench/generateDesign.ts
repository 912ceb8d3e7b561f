/**
 * A deterministic, realistic large design for benchmarks (classifier, canvas): clients in front,
 * gateways and load balancers, monoliths and services (most replicated across servers), and
 * databases, caches and queues behind them — laid out left to right on a grid by tier, and placed
 * on servers (by default one per five nodes: 1,000 nodes on 200 servers, in four zones).
 */
import { CURRENT_VERSION, FORMAT_NAME, type Host, type NodeKind, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../shared/document';

/** Mulberry32: a tiny seeded PRNG, so the same seed gives the same design on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of each kind, and its tier (0 = front, 3 = data). Shares sum to 1. */
const MIX: readonly { kind: NodeKind; share: number; tier: number }[] = [
  { kind: 'client', share: 0.03, tier: 0 },
  { kind: 'gateway', share: 0.03, tier: 1 },
  { kind: 'loadBalancer', share: 0.04, tier: 1 },
  { kind: 'monolith', share: 0.05, tier: 2 },
  { kind: 'service', share: 0.45, tier: 2 },
  { kind: 'database', share: 0.2, tier: 3 },
  { kind: 'cache', share: 0.1, tier: 3 },
  { kind: 'queue', share: 0.1, tier: 3 },
];

/** Grid spacing of `view.positions`, in canvas pixels. */
const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 140;

/**
 * Builds a valid design of `nodeCount` nodes and (up to) `edgeCount` distinct edges. Every node
 * but the clients gets a caller from an earlier tier while the edge budget lasts; the rest are
 * random forward calls plus a few service-to-service calls (some of which close cycles).
 */
export function generateDesign(nodeCount: number, edgeCount: number, seed: number, options: { hostCount?: number } = {}): TopologyDocument {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hostCount = Math.max(1, options.hostCount ?? Math.ceil(nodeCount / 5));
  const hosts: Host[] = Array.from({ length: hostCount }, (_, i) => ({ id: `h${i + 1}`, name: `server-${i + 1}`, zone: `rack-${'abcd'[i % 4]}` }));
  const capabilityPool = Array.from({ length: Math.max(1, Math.ceil(nodeCount * 0.5)) }, (_, i) => `capability-${i + 1}`);

  const nodes: TopologyNode[] = [];
  const tierOf: number[] = [];
  const byTier: number[][] = [[], [], [], []];
  let made = 0;
  MIX.forEach((entry, m) => {
    const quota = m === MIX.length - 1 ? nodeCount - made : Math.round(nodeCount * entry.share);
    for (let k = 0; k < quota && made < nodeCount; k++, made++) {
      const id = `${entry.kind}-${k + 1}`;
      const node: TopologyNode = { id, kind: entry.kind, name: `${entry.kind} ${k + 1}` };
      if (entry.kind === 'client') node.rate = 10 + Math.floor(random() * 90);
      else {
        // units are replicated on 1–3 servers, infrastructure on 1–2; a few instances stay unplaced
        const copies = 1 + Math.floor(random() * (entry.tier === 2 ? 3 : 2));
        node.instances = Array.from({ length: copies }, () => (random() < 0.02 ? {} : { host: pick(hosts).id }));
      }
      if (entry.kind === 'service') {
        if (random() < 0.1) node.layer = pick(['web', 'logic', 'data-access']);
        else node.capabilities = [pick(capabilityPool)];
      }
      tierOf.push(entry.tier);
      byTier[entry.tier]!.push(nodes.length);
      nodes.push(node);
    }
  });

  const edges: TopologyEdge[] = [];
  const seen = new Set<string>();
  const connect = (from: number, to: number): void => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key) || nodes[to]!.kind === 'client' || edges.length >= edgeCount) return;
    seen.add(key);
    const edge: TopologyEdge = { id: `e${edges.length + 1}`, from: nodes[from]!.id, to: nodes[to]!.id };
    if (random() < 0.1) edge.timeoutMs = 500;
    edges.push(edge);
  };
  const earlier = (tier: number): number[] => byTier.slice(0, tier).reverse().find((list) => list.length > 0) ?? [];
  // a caller for every node behind the front
  for (let i = 0; i < nodes.length; i++) {
    const callers = earlier(tierOf[i]!);
    if (callers.length > 0) connect(pick(callers), i);
  }
  // the rest of the budget: forward calls, and a tenth service-to-service
  for (let attempts = 0; edges.length < edgeCount && attempts < edgeCount * 20; attempts++) {
    const from = Math.floor(random() * nodes.length);
    const later = random() < 0.1 && tierOf[from] === 2 ? byTier[2]! : (byTier[Math.min(3, tierOf[from]! + 1)] ?? []);
    if (later.length > 0) connect(from, pick(later));
  }

  const positions: Record<string, { x: number; y: number }> = {};
  byTier.forEach((members, tier) =>
    members.forEach((index, row) => {
      // wide tiers wrap into several columns so the grid stays roughly square
      const perColumn = Math.max(10, Math.ceil(Math.sqrt(nodeCount)));
      positions[nodes[index]!.id] = { x: (tier * 4 + Math.floor(row / perColumn)) * COLUMN_WIDTH, y: (row % perColumn) * ROW_HEIGHT };
    }),
  );

  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: `Generated design (${nodeCount} nodes, seed ${seed})`,
    settings: { networkMs: 1 },
    hosts,
    nodes,
    edges,
    view: { positions },
  };
}
