/**
 * Pure edits of a document. Each takes a document and returns a new one (documents are treated as
 * immutable); store actions call these and set the result once.
 */
import { KIND_LABELS, isDeployable, type NodeKind } from './kinds';
import type { Fault, Instance, Position, Scenario, TopologyDocument, TopologyEdge, TopologyNode } from './schema';
import { idTable } from './idTable';

/** Fields only some kinds have; changing a node's kind drops the ones that no longer apply. */
const KIND_ONLY_FIELDS: Readonly<Record<string, (kind: NodeKind) => boolean>> = {
  rate: (k) => k === 'client',
  instances: (k) => isDeployable(k),
  balancer: (k) => isDeployable(k),
  latencyMs: (k) => isDeployable(k),
  latency: (k) => isDeployable(k),
  concurrency: (k) => isDeployable(k),
  queueLimit: (k) => isDeployable(k),
  errorRate: (k) => isDeployable(k),
  rateLimit: (k) => isDeployable(k),
  healthCheck: (k) => isDeployable(k),
  hitRate: (k) => k === 'cache',
  capabilities: (k) => k === 'service' || k === 'monolith',
  layer: (k) => k === 'service' || k === 'monolith',
  users: (k) => k === 'client',
  keys: (k) => k === 'database' || k === 'cache',
  shards: (k) => k === 'database' || k === 'cache',
  session: (k) => k === 'service' || k === 'monolith',
  lock: (k) => k === 'service' || k === 'monolith',
  replication: (k) => k === 'database' || k === 'cache',
};

/** Whether `field` applies to nodes of `kind` (fields not listed apply to every kind). */
export function fieldApplies(field: string, kind: NodeKind): boolean {
  const rule = KIND_ONLY_FIELDS[field];
  return rule ? rule(kind) : true;
}

/** The first of `prefix`, `prefix-2`, `prefix-3`… not in `taken`. */
export function uniqueId(prefix: string, taken: ReadonlySet<string> | readonly string[]): string {
  const set = taken instanceof Set ? taken : new Set(taken as readonly string[]);
  const base = prefix.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'node';
  if (!set.has(base)) return base;
  for (let i = 2; ; i += 1) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The first of `Service`, `Service 2`, … not used by another node. */
export function uniqueName(prefix: string, taken: readonly string[]): string {
  const set = new Set(taken);
  if (!set.has(prefix)) return prefix;
  for (let i = 2; ; i += 1) if (!set.has(`${prefix} ${i}`)) return `${prefix} ${i}`;
}

/** Every id in use (nodes, edges, hosts): new ids must avoid them all. */
export function allIds(doc: TopologyDocument): Set<string> {
  return new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id), ...doc.hosts.map((h) => h.id)]);
}

export function withPositions(doc: TopologyDocument, positions: Record<string, Position>): TopologyDocument {
  return { ...doc, view: { ...doc.view, positions } };
}

export interface AddNodeOptions {
  readonly position?: Position;
  readonly name?: string;
  /** Instances for a deployable node; a replica group passes several. */
  readonly instances?: Instance[];
}

export function addNode(doc: TopologyDocument, kind: NodeKind, options: AddNodeOptions = {}): { document: TopologyDocument; id: string } {
  const name = options.name ?? uniqueName(KIND_LABELS[kind], doc.nodes.map((n) => n.name));
  const id = uniqueId(name, allIds(doc));
  const node: TopologyNode = { id, kind, name };
  if (isDeployable(kind) && options.instances) node.instances = options.instances;
  let next: TopologyDocument = { ...doc, nodes: [...doc.nodes, node] };
  if (options.position) next = withPositions(next, idTable(doc.view?.positions, { [id]: options.position }));
  return { document: next, id };
}

/**
 * Sets fields of a node; a field given as `undefined` is removed (falls back to its default).
 * A node turned into a client also loses the calls into it and the faults on it: a client has neither.
 */
export function updateNode(doc: TopologyDocument, id: string, patch: Partial<TopologyNode>): TopologyDocument {
  const before = doc.nodes.find((node) => node.id === id);
  if (patch.kind === 'client' && before && before.kind !== 'client') {
    const scenarios = dropFaults(doc.scenarios, new Set([id]), new Set(), []);
    doc = { ...doc, edges: doc.edges.filter((edge) => edge.to !== id), ...(scenarios ? { scenarios } : {}) };
  }
  return {
    ...doc,
    nodes: doc.nodes.map((node) => {
      if (node.id !== id) return node;
      const next: Record<string, unknown> = { ...node, ...patch };
      for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete next[key];
      if (patch.kind && patch.kind !== node.kind) {
        for (const field of Object.keys(next)) if (!fieldApplies(field, patch.kind)) delete next[field];
      }
      return next as TopologyNode;
    }),
  };
}

export function updateEdge(doc: TopologyDocument, id: string, patch: Partial<TopologyEdge>): TopologyDocument {
  return {
    ...doc,
    edges: doc.edges.map((edge) => {
      if (edge.id !== id) return edge;
      const next: Record<string, unknown> = { ...edge, ...patch };
      for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete next[key];
      return next as TopologyEdge;
    }),
  };
}

export type ConnectResult = { ok: true; document: TopologyDocument; id: string } | { ok: false; reason: string };

/** Adds an edge `from → to`, refusing self-loops, duplicates and calls into a client. */
export function connect(doc: TopologyDocument, from: string, to: string): ConnectResult {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return { ok: false, reason: 'both ends must be nodes of this design' };
  if (from === to) return { ok: false, reason: 'a node cannot call itself' };
  if (target.kind === 'client') return { ok: false, reason: `${target.name} is a client: clients send requests and cannot be called` };
  if (doc.edges.some((e) => e.from === from && e.to === to)) return { ok: false, reason: `${source.name} already calls ${target.name}` };
  const id = nextEdgeId(doc);
  return { ok: true, document: { ...doc, edges: [...doc.edges, { id, from, to }] }, id };
}

function nextEdgeId(doc: TopologyDocument): string {
  const taken = allIds(doc);
  for (let i = doc.edges.length + 1; ; i += 1) if (!taken.has(`e${i}`)) return `e${i}`;
}

/** What a removal took with it, so the UI can tell the user. */
export interface RemovalReport {
  readonly document: TopologyDocument;
  /** Faults dropped because their target is gone, as `scenario name: fault type target`. */
  readonly droppedFaults: string[];
}

export function faultMentions(fault: Fault, nodeIds: ReadonlySet<string>, hostIds: ReadonlySet<string>): boolean {
  if (fault.type === 'partition') return fault.groups.some((g) => g.some((h) => hostIds.has(h)));
  if (fault.type === 'host-down') return hostIds.has(fault.target);
  return nodeIds.has(fault.target);
}

function dropFaults(
  scenarios: readonly Scenario[] | undefined,
  nodeIds: ReadonlySet<string>,
  hostIds: ReadonlySet<string>,
  dropped: string[],
): Scenario[] | undefined {
  if (!scenarios) return undefined;
  return scenarios.map((scenario) => ({
    ...scenario,
    faults: scenario.faults.filter((fault) => {
      if (!faultMentions(fault, nodeIds, hostIds)) return true;
      dropped.push(`${scenario.name}: ${fault.type}${fault.type === 'partition' ? '' : ` ${fault.target}`}`);
      return false;
    }),
  }));
}

/** Removes nodes (with their edges and positions) and edges. */
export function removeElements(doc: TopologyDocument, nodeIds: readonly string[], edgeIds: readonly string[]): RemovalReport {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const dropped: string[] = [];
  const positions = idTable(doc.view?.positions);
  for (const id of nodes) delete positions[id];
  const next: TopologyDocument = {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to)),
  };
  const scenarios = dropFaults(doc.scenarios, nodes, new Set(), dropped);
  if (scenarios) next.scenarios = scenarios;
  return { document: doc.view ? withPositions(next, positions) : next, droppedFaults: dropped };
}

export function movePositions(doc: TopologyDocument, moves: Readonly<Record<string, Position>>): TopologyDocument {
  return withPositions(doc, idTable(doc.view?.positions, moves));
}

/**
 * Removes instance `index` of a node. `instance-down` faults on it are dropped (and reported);
 * those on later instances are renumbered, so every fault still means the process it meant.
 */
export function removeInstance(doc: TopologyDocument, nodeId: string, index: number): RemovalReport {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const instances = node?.instances ?? [{}];
  if (!node || instances.length <= 1 || index < 0 || index >= instances.length) return { document: doc, droppedFaults: [] };
  const dropped: string[] = [];
  const next: TopologyDocument = {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, instances: instances.filter((_, i) => i !== index) } : n)),
  };
  if (doc.scenarios) {
    next.scenarios = doc.scenarios.map((scenario) => ({
      ...scenario,
      faults: scenario.faults.flatMap((fault): Fault[] => {
        if (fault.type !== 'instance-down' || fault.target !== nodeId) return [fault];
        if (fault.instance === index) {
          dropped.push(`${scenario.name}: instance-down ${nodeId} #${index + 1}`);
          return [];
        }
        return [fault.instance > index ? { ...fault, instance: fault.instance - 1 } : fault];
      }),
    }));
  }
  return { document: next, droppedFaults: dropped };
}

/**
 * The fix of a `local-session-cluster` finding: a session cache (on a server of its own), a
 * session edge to it, and `session: "shared"` on the node — one document, so one undo step.
 * Returns the document unchanged when the node is unknown or not an application unit.
 */
export function shareSessions(doc: TopologyDocument, nodeId: string): { document: TopologyDocument; cacheId: string | null } {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node || (node.kind !== 'service' && node.kind !== 'monolith')) return { document: doc, cacheId: null };
  const taken = allIds(doc);
  const hostId = uniqueId('session-cache-1', taken);
  taken.add(hostId);
  const name = uniqueName(`${node.name} sessions`, doc.nodes.map((n) => n.name));
  const cacheId = uniqueId(`${node.id}-sessions`, taken);
  taken.add(cacheId);
  const edgeId = uniqueId(`${node.id}-to-sessions`, taken);
  const cache: TopologyNode = { id: cacheId, kind: 'cache', name, instances: [{ host: hostId }] };
  // Drop any old session edge of the node: a shared node has exactly one.
  const edges = doc.edges.filter((e) => !(e.from === nodeId && e.purpose === 'session'));
  let next: TopologyDocument = {
    ...doc,
    hosts: [...doc.hosts, { id: hostId, name: hostId }],
    nodes: [...doc.nodes.map((n) => (n.id === nodeId ? { ...n, session: 'shared' as const } : n)), cache],
    edges: [...edges, { id: edgeId, from: nodeId, to: cacheId, purpose: 'session' }],
  };
  const at = doc.view?.positions?.[nodeId];
  if (at) next = withPositions(next, { ...doc.view?.positions, [cacheId]: { x: at.x + 40, y: at.y + 200 } });
  return { document: next, cacheId };
}
