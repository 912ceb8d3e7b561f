/**
 * The classifier's view of a document: nodes sorted by id, adjacency lists built once, hosts per
 * node, and the *systems* of SPEC §3 (connected parts of the graph, edges taken undirected).
 *
 * Everything downstream iterates in this order, so the output never depends on the order of
 * nodes, edges or hosts in the file. Every step is linear in nodes + edges + instances (plus one
 * sort), which keeps a 1,000-node design well inside a frame.
 */
import { isApplicationUnit, isDeployable, type NodeKind, type TopologyDocument } from '../document';

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
  /** `callDepths`, computed on first use and shared by every rule (read only). */
  depths(): Int32Array;
  /** 1 where a node is on a request path (depth ≥ 0), computed on first use (read only). */
  reached(): Uint8Array;
}

/** Builds the classifier's model of a document in O(nodes + edges + instances) after one sort. */
export function buildDesign(doc: TopologyDocument): Design {
  // Ids sorted by the built-in sort, which orders strings by code unit like `compareText`.
  const firstById = new Map<string, TopologyDocument['nodes'][number]>();
  for (const node of doc.nodes) if (!firstById.has(node.id)) firstById.set(node.id, node);
  const ids = [...firstById.keys()].sort();
  const count = ids.length;
  const sorted = new Array<TopologyDocument['nodes'][number]>(count);
  const indexById = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    sorted[i] = firstById.get(ids[i]!)!;
    indexById.set(ids[i]!, i);
  }

  // Adjacency as plain arrays, sorted and deduplicated once at the end (no Set per node).
  const callees: number[][] = new Array<number[]>(count);
  const callers: number[][] = new Array<number[]>(count);
  const syncCallees: number[][] = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    callees[i] = [];
    callers[i] = [];
    syncCallees[i] = [];
  }
  for (const edge of doc.edges) {
    const from = indexById.get(edge.from);
    const to = indexById.get(edge.to);
    if (from === undefined || to === undefined) continue; // a dangling edge while editing: ignore it
    callees[from]!.push(to);
    callers[to]!.push(from);
    // resolveEdge's rule for `async`, without building the whole resolved edge
    if (!(edge.async ?? sorted[to]!.kind === 'queue')) syncCallees[from]!.push(to);
  }
  for (let i = 0; i < count; i++) {
    ascendingUnique(callees[i]!);
    ascendingUnique(callers[i]!);
    ascendingUnique(syncCallees[i]!);
  }

  const systemOf = componentsOf(count, callees, callers);
  let systemCount = 0;
  for (let i = 0; i < count; i++) if (systemOf[i]! + 1 > systemCount) systemCount = systemOf[i]! + 1;
  const systemNodes: number[][] = Array.from({ length: systemCount }, () => []);
  const systemUnits: number[][] = Array.from({ length: systemCount }, () => []);

  const nodes: DesignNode[] = new Array<DesignNode>(count);
  for (let index = 0; index < count; index++) {
    const node = sorted[index]!;
    const deployable = isDeployable(node.kind);
    const instances = deployable ? (node.instances ?? ONE_UNPLACED) : NONE;
    const hosts: string[] = [];
    let unplacedCount = 0;
    for (const instance of instances) {
      if (instance.host === undefined) unplacedCount += 1;
      hosts.push(instance.host ?? UNPLACED_HOST);
    }
    if (hosts.length > 1) {
      insertionSort(hosts);
      uniqueSorted(hosts);
    }
    const system = systemOf[index]!;
    const isUnit = isApplicationUnit(node.kind);
    systemNodes[system]!.push(index);
    if (isUnit) systemUnits[system]!.push(index);
    nodes[index] = {
      index,
      id: node.id,
      label: node.name.trim() === '' ? node.id : node.name,
      kind: node.kind,
      isUnit,
      isDeployable: deployable,
      hosts,
      instanceCount: instances.length,
      unplacedCount,
      capabilities: node.capabilities === undefined || node.capabilities.length === 0 ? NO_STRINGS : node.capabilities.map((c) => c.trim()).filter((c) => c !== ''),
      layer: node.layer?.trim() || undefined,
      deployable: isUnit && node.codebase !== undefined && node.codebase.trim() !== '' ? `codebase:${node.codebase.trim()}` : `\u0000${node.id}`,
      system,
    };
  }

  const hostNames = new Map<string, string>();
  const hostById = new Map<string, (typeof doc.hosts)[number]>();
  for (const host of doc.hosts) {
    hostNames.set(host.id, host.name.trim() === '' ? host.id : host.name);
    hostById.set(host.id, host);
  }
  const namesOf = (domain: 'zone' | 'region') => [...new Set(doc.hosts.flatMap((host) => (host[domain] === undefined ? [] : [host[domain]])))].sort(compareText);
  let depths: Int32Array | undefined;
  let reached: Uint8Array | undefined;
  const design: Design = {
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
    depths: () => (depths ??= computeCallDepths(design)),
    reached: () => {
      if (reached === undefined) {
        const depth = design.depths();
        reached = new Uint8Array(depth.length);
        for (let i = 0; i < depth.length; i++) reached[i] = depth[i]! >= 0 ? 1 : 0;
      }
      return reached;
    },
  };
  return design;
}

const ONE_UNPLACED: readonly { host?: string }[] = [{}];
const NONE: readonly { host?: string }[] = [];
const NO_STRINGS: readonly string[] = [];

/**
 * Sorts numbers ascending (or strings by code unit) and drops repeats, in place. Lists here are
 * short (a node's neighbours), where an insertion sort beats the built-in sort's setup.
 */
function ascendingUnique(list: number[]): void {
  if (list.length < 2) return;
  if (list.length <= 16) insertionSort(list);
  else list.sort((a, b) => a - b);
  uniqueSorted(list);
}

function insertionSort<T extends number | string>(list: T[]): void {
  for (let i = 1; i < list.length; i++) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > value) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = value;
  }
}

/** Drops repeats from a sorted list, in place. */
function uniqueSorted<T>(list: T[]): void {
  let write = 1;
  for (let read = 1; read < list.length; read++) if (list[read] !== list[write - 1]) list[write++] = list[read]!;
  list.length = Math.min(write, list.length);
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
      for (const neighbour of callees[current]!) {
        if (component[neighbour] === -1) {
          component[neighbour] = next;
          stack.push(neighbour);
        }
      }
      for (const neighbour of callers[current]!) {
        if (component[neighbour] === -1) {
          component[neighbour] = next;
          stack.push(neighbour);
        }
      }
    }
    next += 1;
  }
  return component;
}

/** The real host ids among host keys (the implicit unplaced host is left out). */
export function realHosts(keys: Iterable<string>): string[] {
  if (Array.isArray(keys) && isStrictlyAscendingText(keys)) return keys.filter((key) => key !== UNPLACED_HOST);
  const unique = new Set(keys);
  unique.delete(UNPLACED_HOST);
  return [...unique].sort(); // the built-in string order is code-unit order, as compareText
}

function isStrictlyAscendingText(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return true;
}

/** Node ids of node indices, sorted. */
export function idsOf(design: Design, indices: Iterable<number>): string[] {
  const list = Array.isArray(indices) ? (indices as readonly number[]) : [...indices];
  let ascending = true;
  for (let i = 1; i < list.length && ascending; i++) ascending = list[i - 1]! < list[i]!;
  const unique = ascending ? list : [...new Set(list)].sort((a, b) => a - b);
  const ids = new Array<string>(unique.length);
  for (let i = 0; i < unique.length; i++) ids[i] = design.nodes[unique[i]!]!.id;
  return ids;
}

/** Code-unit order: the same on every machine and locale (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How many calls each node is from an entry point (a client, or a node nothing calls), along
 * edges; -1 where no request reaches it. Breadth-first, so each depth is the shortest. Computed
 * once per design (shared; do not modify).
 */
export function callDepths(design: Design): Int32Array {
  return design.depths();
}

function computeCallDepths(design: Design): Int32Array {
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
