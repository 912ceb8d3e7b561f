/**
 * The classifier's view of a document: nodes sorted by id, adjacency lists built once, hosts per
 * node, and the *systems* of SPEC §3 (connected parts of the graph, edges taken undirected).
 *
 * Everything downstream iterates in this order, so the output never depends on the order of
 * nodes, edges or hosts in the file. Every step is linear in nodes + edges + instances (plus one
 * sort), which keeps a 1,000-node design well inside a frame.
 */
import { isApplicationUnit, isDeployable, type NodeKind, type TopologyDocument, type TopologyNode } from '../document';

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
  /** The document's node (the first one with this id). */
  readonly source: TopologyNode;
  /** What messages call the node: its name, or its id when the name is blank. */
  readonly label: string;
  readonly kind: NodeKind;
  readonly isUnit: boolean;
  readonly isDeployable: boolean;
  /** Distinct host keys of its instances, sorted; `UNPLACED_HOST` stands for unplaced ones. */
  readonly hosts: readonly string[];
  /** The same hosts as positions in `Design.hostKeys` (ascending, so in the order of `hosts`). */
  readonly hostIndices: readonly number[];
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

/** Which optional features any node of the design uses: rules for the others skip their pass. */
export interface DesignUses {
  /** `session`, `lock` or `shards` on some node. */
  readonly state: boolean;
  /** `replication` on some node, or `transaction` (checked against the kinds by the rules). */
  readonly replication: boolean;
  readonly transaction: boolean;
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
  /**
   * Every host key an instance names, sorted (code-unit order), `UNPLACED_HOST` first when an
   * instance is unplaced. `DesignNode.hostIndices` point into it.
   */
  readonly hostKeys: readonly string[];
  /** Host key → display name (`server-1`); unknown keys show as themselves. */
  hostName(key: string): string;
  /** The same for a position in `hostKeys`. */
  hostNameAt(hostIndex: number): string;
  /** Host key → its zone, or its region (undefined: the host names none, or it is unplaced / unknown). */
  hostDomain(key: string, domain: 'zone' | 'region'): string | undefined;
  /** The same for a position in `hostKeys`. */
  hostDomainAt(hostIndex: number, domain: 'zone' | 'region'): string | undefined;
  /** Distinct zone names and region names over the declared hosts, sorted. */
  readonly zones: readonly string[];
  readonly regions: readonly string[];
  readonly uses: DesignUses;
  /** The real host ids the given nodes run on, together: distinct and sorted. */
  hostsOf(nodeIndices: readonly number[]): string[];
  /** `callDepths`, computed on first use and shared by every rule (read only). */
  depths(): Int32Array;
  /** 1 where a node is on a request path (depth ≥ 0), computed on first use (read only). */
  reached(): Uint8Array;
}

type SourceNode = TopologyDocument['nodes'][number];
type SourceHost = TopologyDocument['hosts'][number];

/** Builds the classifier's model of a document in O(nodes + edges + instances) after one sort. */
export function buildDesign(doc: TopologyDocument): Design {
  const { sorted, indexById } = nodesById(doc.nodes);
  const count = sorted.length;
  const { callees, callers, syncCallees } = adjacencyOf(doc.edges, sorted, indexById);
  const systemOf = componentsOf(count, callees, callers);
  let systemCount = 0;
  for (let i = 0; i < count; i++) if (systemOf[i]! + 1 > systemCount) systemCount = systemOf[i]! + 1;
  const systemNodes: number[][] = new Array<number[]>(systemCount);
  const systemUnits: number[][] = new Array<number[]>(systemCount);
  for (let s = 0; s < systemCount; s++) {
    systemNodes[s] = [];
    systemUnits[s] = [];
  }

  const hostTable = hostTableOf(doc.hosts, sorted);
  const nodes: DesignNode[] = new Array<DesignNode>(count);
  let state = false;
  let replication = false;
  let transaction = false;
  let instanceAt = 0; // where this node's instances start in the host table's count
  for (let index = 0; index < count; index++) {
    const node = sorted[index]!;
    const deployable = isDeployable(node.kind);
    const instances = deployable ? (node.instances ?? ONE_UNPLACED) : NONE;
    const hostIndices = instances.length === 0 ? NO_INDICES : hostTable.hostIndicesAt(instanceAt, instances.length);
    instanceAt += instances.length;
    const hosts = new Array<string>(hostIndices.length);
    for (let h = 0; h < hostIndices.length; h++) hosts[h] = hostTable.keys[hostIndices[h]!]!;
    let unplacedCount = 0;
    for (let k = 0; k < instances.length; k++) if (instances[k]!.host === undefined) unplacedCount += 1;
    const system = systemOf[index]!;
    const isUnit = isApplicationUnit(node.kind);
    systemNodes[system]!.push(index);
    if (isUnit) systemUnits[system]!.push(index);
    if (node.session !== undefined || node.lock !== undefined || node.shards !== undefined) state = true;
    if (node.replication !== undefined) replication = true;
    if (node.transaction !== undefined) transaction = true;
    nodes[index] = {
      index,
      id: node.id,
      source: node,
      label: node.name.trim() === '' ? node.id : node.name,
      kind: node.kind,
      isUnit,
      isDeployable: deployable,
      hosts,
      hostIndices,
      instanceCount: instances.length,
      unplacedCount,
      capabilities: node.capabilities === undefined || node.capabilities.length === 0 ? NO_STRINGS : trimmedCapabilities(node.capabilities),
      layer: node.layer?.trim() || undefined,
      deployable: isUnit && node.codebase !== undefined && node.codebase.trim() !== '' ? `codebase:${node.codebase.trim()}` : `\u0000${node.id}`,
      system,
    };
  }

  let depths: Int32Array | undefined;
  let reached: Uint8Array | undefined;
  const systems = new Array<DesignSystem>(systemCount);
  for (let s = 0; s < systemCount; s++) systems[s] = { index: s, nodes: systemNodes[s]!, units: systemUnits[s]! };
  const design: Design = {
    nodes,
    indexById,
    callees,
    callers,
    syncCallees,
    systems,
    hostKeys: hostTable.keys,
    hostName: (key) => (key === UNPLACED_HOST ? UNPLACED_NAME : (hostTable.byId.get(key)?.name ?? key)),
    hostNameAt: (hostIndex) => hostTable.names[hostIndex]!,
    hostDomain: (key, domain) => hostTable.byId.get(key)?.host[domain],
    hostDomainAt: (hostIndex, domain) => (domain === 'zone' ? hostTable.zones[hostIndex] : hostTable.regions[hostIndex]),
    zones: domainNames(doc.hosts, 'zone'),
    regions: domainNames(doc.hosts, 'region'),
    uses: { state, replication, transaction },
    hostsOf: (nodeIndices) => hostTable.realHostsOf(nodes, nodeIndices),
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

/**
 * The document's nodes sorted by id (the first of each id, as the file has it) and the index of
 * each id. The nodes themselves are sorted (stable, so the first of a repeated id stays first),
 * which costs one Map entry per id instead of a lookup table to find each sorted id's node.
 */
function nodesById(list: readonly SourceNode[]): { sorted: SourceNode[]; indexById: Map<string, number> } {
  const sorted = list.slice().sort(byId);
  const indexById = new Map<string, number>();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    const node = sorted[i]!;
    if (unique > 0 && sorted[unique - 1]!.id === node.id) continue; // a repeated id: the first counts
    sorted[unique] = node;
    indexById.set(node.id, unique++);
  }
  if (unique < sorted.length) sorted.length = unique;
  return { sorted, indexById };
}

function byId(a: SourceNode, b: SourceNode): number {
  return compareText(a.id, b.id);
}

/**
 * Callees, callers and synchronous callees of each node, ascending and deduplicated, without a
 * sort per list: the edges are ordered by callee (and by caller) with two counting sorts, so each
 * list fills in ascending order and a repeat is always the list's last entry. Each list is
 * allocated at its exact length (an array grown by `push` reserves 17 slots for one neighbour);
 * nodes without neighbours share `NO_INDICES`.
 */
function adjacencyOf(edges: TopologyDocument['edges'], sorted: readonly SourceNode[], indexById: ReadonlyMap<string, number>) {
  const count = sorted.length;
  const fromOf = new Int32Array(edges.length);
  const toOf = new Int32Array(edges.length);
  const isSync = new Uint8Array(edges.length);
  let valid = 0;
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e]!;
    const from = indexById.get(edge.from);
    const to = indexById.get(edge.to);
    if (from === undefined || to === undefined) continue; // a dangling edge while editing: ignore it
    fromOf[valid] = from;
    toOf[valid] = to;
    // resolveEdge's rule for `async`, without building the whole resolved edge
    isSync[valid] = (edge.async ?? sorted[to]!.kind === 'queue') ? 0 : 1;
    valid += 1;
  }
  const byTo = edgesOrderedBy(toOf, valid, count);
  const byFrom = edgesOrderedBy(fromOf, valid, count);
  const callees = neighbourLists(byTo, fromOf, toOf, undefined, undefined, count);
  return {
    callees,
    callers: neighbourLists(byFrom, toOf, fromOf, undefined, undefined, count),
    syncCallees: neighbourLists(byTo, fromOf, toOf, isSync, callees, count),
  };
}

/** The first `valid` edges ordered by `key` (a node index), ties in edge order: a counting sort. */
function edgesOrderedBy(key: Int32Array, valid: number, count: number): Int32Array {
  const starts = new Int32Array(count + 1);
  for (let e = 0; e < valid; e++) starts[key[e]! + 1]! += 1;
  for (let i = 1; i <= count; i++) starts[i]! += starts[i - 1]!;
  const order = new Int32Array(valid);
  for (let e = 0; e < valid; e++) order[starts[key[e]!]!++] = e;
  return order;
}

/**
 * For each node, the distinct `value`s of the edges whose `owner` it is (only edges with `only[e]`
 * set, when given), ascending because `order` visits the edges by ascending value. They are
 * gathered in one typed array first (count, then fill), and each list is then made at its exact
 * length: an array literal for the usual one to three neighbours, allocated inline. With `only`,
 * the lists are subsets of `all`'s, and a list as long as its superset is that list itself (most
 * nodes call nothing asynchronously: their synchronous callees are their callees).
 */
function neighbourLists(
  order: Int32Array,
  owner: Int32Array,
  value: Int32Array,
  only: Uint8Array | undefined,
  all: readonly number[][] | undefined,
  count: number,
): number[][] {
  // One pass keeps the edges that count (in order) and counts them per owner; the second places them.
  const starts = new Int32Array(count + 1);
  const last = new Int32Array(count).fill(-1);
  const kept = new Int32Array(order.length);
  let keptCount = 0;
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    if (only !== undefined && only[e] === 0) continue;
    const o = owner[e]!;
    if (last[o] === value[e]) continue;
    last[o] = value[e]!;
    kept[keptCount++] = e;
    starts[o + 1]! += 1;
  }
  for (let i = 1; i <= count; i++) starts[i]! += starts[i - 1]!;
  const values = new Int32Array(starts[count]!);
  const fill = starts.slice(0, count);
  for (let k = 0; k < keptCount; k++) {
    const e = kept[k]!;
    values[fill[owner[e]!]!++] = value[e]!;
  }
  const lists = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    const at = starts[i]!;
    if (all !== undefined && all[i]!.length === starts[i + 1]! - at) {
      lists[i] = all[i]!;
      continue;
    }
    switch (starts[i + 1]! - at) {
      case 0:
        lists[i] = NO_INDICES;
        break;
      case 1:
        lists[i] = [values[at]!];
        break;
      case 2:
        lists[i] = [values[at]!, values[at + 1]!];
        break;
      case 3:
        lists[i] = [values[at]!, values[at + 1]!, values[at + 2]!];
        break;
      default: {
        const list: number[] = [];
        for (let k = at; k < starts[i + 1]!; k++) list.push(values[k]!);
        lists[i] = list;
      }
    }
  }
  return lists;
}

/** Capabilities trimmed, blanks dropped; the document's own array when there is nothing to drop. */
function trimmedCapabilities(capabilities: readonly string[]): readonly string[] {
  for (const capability of capabilities) {
    if (capability === '' || capability.trim() !== capability) return capabilities.map((c) => c.trim()).filter((c) => c !== '');
  }
  return capabilities;
}

/** Distinct zone (or region) names over the declared hosts, sorted. */
function domainNames(hosts: readonly SourceHost[], domain: 'zone' | 'region'): string[] {
  const names = new Set<string>();
  for (const host of hosts) if (host[domain] !== undefined) names.add(host[domain]);
  return [...names].sort(compareText);
}

/**
 * The host keys of a design, each once, by position: every key an instance names (declared host or
 * not) sorted by code unit, with display names and zones beside them. The one pass over the
 * instances that numbers the keys also keeps each instance's number, so `hostIndicesAt` reads a
 * node's host positions without looking its keys up again.
 */
function hostTableOf(declared: readonly SourceHost[], sorted: readonly SourceNode[]) {
  const byId = new Map<string, { name: string; host: SourceHost }>();
  for (const host of declared) byId.set(host.id, { name: host.name.trim() === '' ? host.id : host.name, host });
  let instanceCount = 0;
  let widest = 0;
  for (const node of sorted) {
    if (!isDeployable(node.kind)) continue;
    const length = (node.instances ?? ONE_UNPLACED).length;
    instanceCount += length;
    if (length > widest) widest = length;
  }
  // First pass: number the keys in order of appearance, and note each instance's number.
  const position = new Map<string, number>();
  const seen: string[] = [];
  const numberOf = new Int32Array(instanceCount);
  let at = 0;
  for (const node of sorted) {
    if (!isDeployable(node.kind)) continue;
    const instances = node.instances ?? ONE_UNPLACED;
    for (let k = 0; k < instances.length; k++) {
      const key = instances[k]!.host ?? UNPLACED_HOST;
      let number = position.get(key);
      if (number === undefined) {
        number = seen.length;
        position.set(key, number);
        seen.push(key);
      }
      numberOf[at++] = number;
    }
  }
  // Key numbers become positions in the sorted keys.
  const rank = new Int32Array(seen.length);
  const keys = seen.sort(); // code-unit order, as compareText; '' (unplaced) first
  const zones = new Array<string | undefined>(keys.length);
  const regions = new Array<string | undefined>(keys.length);
  const names = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    rank[position.get(key)!] = i;
    const entry = byId.get(key);
    zones[i] = entry?.host.zone;
    regions[i] = entry?.host.region;
    names[i] = key === UNPLACED_HOST ? UNPLACED_NAME : (entry?.name ?? key);
  }
  for (let k = 0; k < instanceCount; k++) numberOf[k] = rank[numberOf[k]!]!;
  const scratch = new Int32Array(widest);
  const marks = new Uint8Array(keys.length);
  return {
    keys,
    byId,
    zones,
    regions,
    names,
    /**
     * Positions of the hosts of `length` instances starting at instance `start` (instances counted
     * over the deployable nodes in id order), distinct and ascending.
     */
    hostIndicesAt(start: number, length: number): number[] {
      if (length === 1) return [numberOf[start]!];
      // insertion sort into the scratch list (a node has a handful of instances), dropping repeats
      let distinct = 0;
      for (let k = 0; k < length; k++) {
        const value = numberOf[start + k]!;
        let j = distinct - 1;
        while (j >= 0 && scratch[j]! > value) j--;
        if (j >= 0 && scratch[j] === value) continue;
        for (let m = distinct; m > j + 1; m--) scratch[m] = scratch[m - 1]!; // (copyWithin costs a call)
        scratch[j + 1] = value;
        distinct += 1;
      }
      // pushed, not `new Array(n)`: packed like the one-host literal above, so every node's list has
      // one elements kind (a second kind deoptimises each rule that reads them, late in a warm-up)
      const indices: number[] = [];
      for (let k = 0; k < distinct; k++) indices.push(scratch[k]!);
      return indices;
    },
    realHostsOf(nodes: readonly DesignNode[], nodeIndices: readonly number[]): string[] {
      let marked = 0;
      for (const index of nodeIndices) {
        for (const h of nodes[index]!.hostIndices) {
          if (marks[h] === 1) continue;
          marks[h] = 1;
          marked += 1;
        }
      }
      const hosts: string[] = [];
      for (let h = 0; h < keys.length && marked > 0; h++) {
        if (marks[h] === 0) continue;
        marks[h] = 0;
        marked -= 1;
        if (keys[h] !== UNPLACED_HOST) hosts.push(keys[h]!);
      }
      return hosts;
    },
  };
}

/** How messages name the implicit host of unplaced instances. */
const UNPLACED_NAME = 'the implicit server of unplaced instances';

const ONE_UNPLACED: readonly { host?: string }[] = [{}];
const NONE: readonly { host?: string }[] = [];
const NO_STRINGS: readonly string[] = [];
/** The one empty index list of every node without neighbours or hosts (read only downstream). */
const NO_INDICES: number[] = [];

/**
 * Connected components with edges undirected; components are numbered in the order of their
 * smallest node index, so numbering is as stable as the id sort. Iterative: no stack overflow on
 * long chains.
 */
function componentsOf(count: number, callees: readonly (readonly number[])[], callers: readonly (readonly number[])[]): Int32Array {
  const component = new Int32Array(count).fill(-1);
  const stack = new Int32Array(count); // each node is pushed once, when it is numbered
  let next = 0;
  for (let start = 0; start < count; start++) {
    if (component[start] !== -1) continue;
    component[start] = next;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const current = stack[--top]!;
      for (const neighbour of callees[current]!) {
        if (component[neighbour] === -1) {
          component[neighbour] = next;
          stack[top++] = neighbour;
        }
      }
      for (const neighbour of callers[current]!) {
        if (component[neighbour] === -1) {
          component[neighbour] = next;
          stack[top++] = neighbour;
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
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1]! < list[i]!;
  if (sorted) {
    const ids = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) ids[i] = design.nodes[list[i]!]!.id;
    return ids;
  }
  // a numeric sort, then repeats skipped (no Set: the lists are a finding's nodes); the ids are
  // allocated as above, so findings' lists have one elements kind
  const order = sortAscending(list.slice());
  let distinct = 0;
  for (let i = 0; i < order.length; i++) if (i === 0 || order[i] !== order[i - 1]) order[distinct++] = order[i]!;
  const ids = new Array<string>(distinct);
  for (let i = 0; i < distinct; i++) ids[i] = design.nodes[order[i]!]!.id;
  return ids;
}

/** Numbers in ascending order, for `sort` (one comparator for every call). */
export function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Sorts numbers ascending, in place, and returns the list. Short lists (a finding's nodes, a
 * database's users) take an insertion sort: the built-in sort allocates its work space on every
 * call (the heap profile put 170 KB a run on the shared-database sorts alone).
 */
export function sortAscending(list: number[]): number[] {
  if (list.length > 16) return list.sort(ascending);
  for (let i = 1; i < list.length; i++) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > value) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = value;
  }
  return list;
}

/**
 * Code-unit order: the same on every machine and locale (unlike localeCompare). Unequal strings
 * need one relational comparison, not two (equality is cheap: lengths differ, or a pointer).
 */
export function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
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
  const queue = new Int32Array(design.nodes.length); // each node is queued at most once
  let tail = 0;
  for (const node of design.nodes) {
    if (node.kind === 'client' || design.callers[node.index]!.length === 0) {
      depth[node.index] = 0;
      queue[tail++] = node.index;
    }
  }
  for (let head = 0; head < tail; head++) {
    const current = queue[head]!;
    for (const next of design.callees[current]!) {
      if (depth[next] !== -1) continue;
      depth[next] = depth[current]! + 1;
      queue[tail++] = next;
    }
  }
  return depth;
}
