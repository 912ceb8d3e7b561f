/**
 * The classifier's view of a document: nodes sorted by id, adjacency lists built once, hosts per
 * node, and the *systems* of SPEC §3 (connected parts of the graph, edges taken undirected).
 *
 * Everything downstream iterates in this order, so the output never depends on the order of
 * nodes, edges or hosts in the file. Every step is linear in nodes + edges + instances (plus one
 * sort), which keeps a 1,000-node design well inside a frame.
 */
import { isApplicationUnit, isDeployable, resolveEdge, type NodeKind, type TopologyDocument } from '../document';

/**
 * The key of the implicit host that every unplaced instance shares (SPEC §3). Host ids are
 * non-empty strings, so the empty string can never collide with a real host; it never appears in
 * a finding's `hosts` (see `realHosts`).
 */
export const UNPLACED_HOST = '';

export interface DesignNode {
  /** Position in `Design.nodes` (nodes are sorted by id). */
  readonly index: number;
  readonly id: string;
  /** What messages call the node: its name, or its id when the name is blank. */
  readonly label: string;
  readonly kind: NodeKind;
  readonly isUnit: boolean;
  readonly isDeployable: boolean;
  /** Distinct host keys of its instances, sorted; `UNPLACED_HOST` stands for unplaced ones. */
  readonly hosts: readonly string[];
  readonly instanceCount: number;
  readonly unplacedCount: number;
  /** Declared business capabilities, trimmed, without blanks (empty when none). */
  readonly capabilities: readonly string[];
  readonly layer: string | undefined;
  /**
   * The deployable this unit is a role of: its `codebase`, or its own id in a namespace no codebase
   * name can take. Units with one deployable count as one unit for microservices and monolith.
   */
  readonly deployable: string;
  /** Index into `Design.systems`. */
  readonly system: number;
}

export interface DesignSystem {
  readonly index: number;
  /** Node indices, ascending (so sorted by id). */
  readonly nodes: readonly number[];
  /** The application units among them, ascending. */
  readonly units: readonly number[];
}

export interface Design {
  readonly nodes: readonly DesignNode[];
  readonly indexById: ReadonlyMap<string, number>;
  /** Callees of each node (deduplicated, ascending). */
  readonly callees: readonly (readonly number[])[];
  /** Callers of each node (deduplicated, ascending). */
  readonly callers: readonly (readonly number[])[];
  /** Callees over synchronous edges only (the caller waits for the answer). */
  readonly syncCallees: readonly (readonly number[])[];
  readonly systems: readonly DesignSystem[];
  /** Host key → display name (`server-1`); unknown keys show as themselves. */
  hostName(key: string): string;
  /** Host key → its zone, or its region (undefined: the host names none, or it is unplaced / unknown). */
  hostDomain(key: string, domain: 'zone' | 'region'): string | undefined;
  /** Distinct zone names and region names over the declared hosts, sorted. */
  readonly zones: readonly string[];
  readonly regions: readonly string[];
}

/** Builds the classifier's model of a document in O(nodes + edges + instances) after one sort. */
export function buildDesign(doc: TopologyDocument): Design {
  const seen = new Set<string>();
  const sorted = doc.nodes
    .filter((node) => (seen.has(node.id) ? false : (seen.add(node.id), true)))
    .sort((a, b) => compareText(a.id, b.id));
  const indexById = new Map<string, number>();
  sorted.forEach((node, i) => indexById.set(node.id, i));

  const calleeSets = sorted.map(() => new Set<number>());
  const callerSets = sorted.map(() => new Set<number>());
  const syncSets = sorted.map(() => new Set<number>());
  for (const edge of doc.edges) {
    const from = indexById.get(edge.from);
    const to = indexById.get(edge.to);
    if (from === undefined || to === undefined) continue; // a dangling edge while editing: ignore it
    calleeSets[from]!.add(to);
    callerSets[to]!.add(from);
    if (!resolveEdge(edge, sorted[to]!.kind).async) syncSets[from]!.add(to);
  }
  const callees = calleeSets.map(ascending);
  const callers = callerSets.map(ascending);
  const syncCallees = syncSets.map(ascending);

  const systemOf = componentsOf(sorted.length, callees, callers);
  const systemCount = systemOf.reduce((max, s) => Math.max(max, s + 1), 0);
  const systemNodes: number[][] = Array.from({ length: systemCount }, () => []);
  const systemUnits: number[][] = Array.from({ length: systemCount }, () => []);

  const nodes: DesignNode[] = sorted.map((node, index) => {
    const deployable = isDeployable(node.kind);
    const instances = deployable ? (node.instances ?? [{}]) : [];
    const hostSet = new Set<string>();
    let unplacedCount = 0;
    for (const instance of instances) {
      if (instance.host === undefined) unplacedCount += 1;
      hostSet.add(instance.host ?? UNPLACED_HOST);
    }
    const system = systemOf[index]!;
    const isUnit = isApplicationUnit(node.kind);
    systemNodes[system]!.push(index);
    if (isUnit) systemUnits[system]!.push(index);
    return {
      index,
      id: node.id,
      label: node.name.trim() === '' ? node.id : node.name,
      kind: node.kind,
      isUnit,
      isDeployable: deployable,
      hosts: [...hostSet].sort(compareText),
      instanceCount: instances.length,
      unplacedCount,
      capabilities: (node.capabilities ?? []).map((c) => c.trim()).filter((c) => c !== ''),
      layer: node.layer?.trim() || undefined,
      deployable: isUnit && node.codebase !== undefined && node.codebase.trim() !== '' ? `codebase:${node.codebase.trim()}` : `\u0000${node.id}`,
      system,
    };
  });

  const hostNames = new Map(doc.hosts.map((host) => [host.id, host.name.trim() === '' ? host.id : host.name]));
  const hostById = new Map(doc.hosts.map((host) => [host.id, host]));
  const namesOf = (domain: 'zone' | 'region') => [...new Set(doc.hosts.flatMap((host) => (host[domain] === undefined ? [] : [host[domain]])))].sort(compareText);
  return {
    nodes,
    indexById,
    callees,
    callers,
    syncCallees,
    systems: systemNodes.map((members, index) => ({ index, nodes: members, units: systemUnits[index]! })),
    hostName: (key) => (key === UNPLACED_HOST ? 'the implicit server of unplaced instances' : (hostNames.get(key) ?? key)),
    hostDomain: (key, domain) => hostById.get(key)?.[domain],
    zones: namesOf('zone'),
    regions: namesOf('region'),
  };
}

/**
 * Connected components with edges undirected; components are numbered in the order of their
 * smallest node index, so numbering is as stable as the id sort. Iterative: no stack overflow on
 * long chains.
 */
function componentsOf(count: number, callees: readonly (readonly number[])[], callers: readonly (readonly number[])[]): number[] {
  const component = new Array<number>(count).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < count; start++) {
    if (component[start] !== -1) continue;
    component[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const list of [callees[current]!, callers[current]!]) {
        for (const neighbour of list) {
          if (component[neighbour] === -1) {
            component[neighbour] = next;
            stack.push(neighbour);
          }
        }
      }
    }
    next += 1;
  }
  return component;
}

/** The real host ids among host keys (the implicit unplaced host is left out). */
export function realHosts(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((key) => key !== UNPLACED_HOST).sort(compareText);
}

/** Node ids of node indices, sorted. */
export function idsOf(design: Design, indices: Iterable<number>): string[] {
  return [...new Set(indices)].sort((a, b) => a - b).map((i) => design.nodes[i]!.id);
}

/** Code-unit order: the same on every machine and locale (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ascending(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

/**
 * How many calls each node is from an entry point (a client, or a node nothing calls), along
 * edges; -1 where no request reaches it. Breadth-first, so each depth is the shortest.
 */
export function callDepths(design: Design): Int32Array {
  const depth = new Int32Array(design.nodes.length).fill(-1);
  const queue: number[] = [];
  for (const node of design.nodes) {
    if (node.kind === 'client' || design.callers[node.index]!.length === 0) {
      depth[node.index] = 0;
      queue.push(node.index);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head]!;
    for (const next of design.callees[current]!) {
      if (depth[next] !== -1) continue;
      depth[next] = depth[current]! + 1;
      queue.push(next);
    }
  }
  return depth;
}
