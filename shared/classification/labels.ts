/**
 * The placement labels of one system (SPEC §3): distributed (hosts carry different unit sets),
 * monolith (exactly one unit), and the cluster evidence (a node on two or more hosts). The
 * microservices label is judged by `decomposition.ts`.
 */
import { callDepths, sortAscending, idsOf, realHosts, type Design, type DesignSystem } from './design';
import { hostNames, listNames, listNodeNames, mapped } from './text';
import type { Evidence } from './types';

/**
 * The hosts that carry the system's units, each with its unit set (ascending indices), by position
 * in `Design.hostKeys`; `used` lists those hosts ascending (so by key).
 */
interface UnitSets {
  readonly unitsOf: readonly (number[] | undefined)[];
  readonly used: readonly number[];
  /** The signature of each used host's set, a number: equal sets, equal signatures. */
  readonly signature: Int32Array;
  /** How many different sets there are. */
  readonly different: number;
}

function unitSets(design: Design, system: DesignSystem): UnitSets {
  const unitsOf = new Array<number[] | undefined>(design.hostKeys.length);
  const used: number[] = [];
  for (const unit of system.units) {
    for (const host of design.nodes[unit]!.hostIndices) {
      const set = unitsOf[host];
      if (set) set.push(unit);
      else {
        unitsOf[host] = [unit];
        used.push(host);
      }
    }
  }
  sortAscending(used);
  // Each distinct set gets a number, found by a hash of its (ascending) units and checked unit by
  // unit: no string per host. Sets with one hash are chained through `sameHash`.
  const signature = new Int32Array(design.hostKeys.length);
  const setOfHash = new Map<number, number>();
  const holder: number[] = []; // a host carrying each set
  const sameHash: number[] = []; // the previous set with the same hash, or -1
  for (const host of used) {
    const units = unitsOf[host]!;
    let hash = units.length;
    for (const unit of units) hash = (Math.imul(hash, 31) + unit) | 0;
    const chain = setOfHash.get(hash) ?? -1;
    let set = chain;
    while (set !== -1 && !sameUnits(unitsOf[holder[set]!]!, units)) set = sameHash[set]!;
    if (set === -1) {
      set = holder.length;
      holder.push(host);
      sameHash.push(chain);
      setOfHash.set(hash, set);
    }
    signature[host] = set;
  }
  return { unitsOf, used, signature, different: holder.length };
}

function sameUnits(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Distributed: two hosts of the system carry different, non-empty unit sets. (Two different
 * non-empty sets always hold at least two units between them, SPEC's second condition.) Returns
 * the evidence, or undefined when the system is not distributed.
 */
export function distributedEvidence(design: Design, system: DesignSystem): Evidence | undefined {
  if (system.units.length < 2) return undefined; // one unit: every host carries the same set
  const sets = unitSets(design, system);
  if (sets.different < 2) return undefined;
  const { unitsOf, signature } = sets;

  // Most hosts carry a handful of units: a scan of the list beats a Set per host; long lists get one.
  const big = new Map<number, Set<number>>();
  const carries = (host: number, unit: number) => {
    const units = unitsOf[host]!;
    if (units.length <= 16) return units.includes(unit);
    let set = big.get(host);
    if (!set) big.set(host, (set = new Set(units)));
    return set.has(unit);
  };
  // Best evidence: a call between two units that live apart, "server-1 runs Web while server-2
  // runs Logic, and Web calls Logic" — the one nearest the entry, as a reader follows a request.
  // Callers by call depth, then id; callees in id order: deterministic.
  for (const caller of byCallDepth(design, system.units)) {
    for (const callee of design.callees[caller]!) {
      if (!design.nodes[callee]!.isUnit || callee === caller) continue;
      for (const a of design.nodes[caller]!.hostIndices) {
        if (carries(a, callee)) continue;
        for (const b of design.nodes[callee]!.hostIndices) {
          if (carries(b, caller) || signature[a] === signature[b]) continue;
          const how = `${design.nodes[caller]!.label} calls ${design.nodes[callee]!.label}`;
          return pairEvidence(design, sets, a, b, [], how);
        }
      }
    }
  }

  // Otherwise the first two hosts (by id) with different sets, and how their units are connected.
  const a = sets.used[0]!;
  const b = sets.used.find((h) => signature[h] !== signature[a])!;
  const onlyB = unitsOf[b]!.filter((u) => !carries(a, u));
  const onlyA = unitsOf[a]!.filter((u) => !carries(b, u));
  const from = onlyA[0] ?? unitsOf[a]![0]!;
  const to = onlyB[0] ?? unitsOf[b]![0]!;
  const path = undirectedPath(design, from, to);
  const between = path.slice(1, -1);
  const how =
    between.length === 0
      ? design.callees[from]!.includes(to)
        ? `${design.nodes[from]!.label} calls ${design.nodes[to]!.label}`
        : `${design.nodes[to]!.label} calls ${design.nodes[from]!.label}`
      : `${design.nodes[from]!.label} and ${design.nodes[to]!.label} cooperate through ${listNodeNames(design, between)}`;
  return pairEvidence(design, sets, a, b, between, how);
}

/**
 * Nodes (ascending indices) ordered by call depth, unreached ones last, keeping index order within
 * a depth: a counting sort, as depths are small integers.
 */
function byCallDepth(design: Design, nodes: readonly number[]): number[] {
  const depth = callDepths(design);
  let deepest = -1;
  for (const node of nodes) if (depth[node]! > deepest) deepest = depth[node]!;
  // bucket d + 1 holds depth d, bucket deepest + 2 the unreached (depth -1)
  const starts = new Int32Array(deepest + 3);
  for (const node of nodes) starts[depth[node]! < 0 ? deepest + 2 : depth[node]! + 1]! += 1;
  for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
  const ordered = new Array<number>(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    ordered[--starts[depth[node]! < 0 ? deepest + 2 : depth[node]! + 1]!] = node;
  }
  return ordered;
}

function pairEvidence(design: Design, sets: UnitSets, a: number, b: number, between: number[], how: string): Evidence {
  const unitsA = sets.unitsOf[a]!;
  const unitsB = sets.unitsOf[b]!;
  const [nameA, nameB] = hostNames(design, [design.hostKeys[a]!, design.hostKeys[b]!]);
  const more = sets.different > 2 ? ` (${sets.different} different sets of units across ${sets.used.length} servers in all)` : '';
  return {
    label: 'distributed',
    message: `${nameA} runs ${listNodeNames(design, unitsA)} while ${nameB} runs ${listNodeNames(design, unitsB)}, and ${how}: different modules on different servers cooperate over the network${more}.`,
    nodes: idsOf(design, [...unitsA, ...unitsB, ...between]),
    hosts: realHosts([design.hostKeys[a]!, design.hostKeys[b]!]),
  };
}

/** Shortest path between two nodes with edges undirected (they are in one system, so it exists). */
function undirectedPath(design: Design, from: number, to: number): number[] {
  const parent = new Map<number, number>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !parent.has(to); head++) {
    const current = queue[head]!;
    for (const list of [design.callees[current]!, design.callers[current]!]) {
      for (const next of list) {
        if (parent.has(next)) continue;
        parent.set(next, current);
        queue.push(next);
      }
    }
  }
  const path = [to];
  while (path[path.length - 1] !== from) path.push(parent.get(path[path.length - 1]!)!);
  return path.reverse();
}

/** Cluster: deployable nodes of the system with instances on two or more distinct hosts. */
export function clusterEvidence(design: Design, system: DesignSystem): Evidence | undefined {
  const replicated = system.nodes.filter((i) => design.nodes[i]!.isDeployable && design.nodes[i]!.hosts.length >= 2);
  if (replicated.length === 0) return undefined;
  // Name an application unit first: "Shop runs on …" says more than "Load balancer runs on …".
  const first = replicated.find((i) => design.nodes[i]!.isUnit) ?? replicated[0]!;
  const node = design.nodes[first]!;
  const others = replicated.filter((i) => i !== first);
  const also =
    others.length === 0 ? '' : `; ${listNodeNames(design, others)} also ${others.length === 1 ? 'runs' : 'run'} on several servers`;
  return {
    label: 'cluster',
    message: `${node.label} runs the same code on ${listNames(hostNames(design, node.hosts), 6)}${also}: copies behind load balancing add throughput and survive the loss of a server.`,
    nodes: idsOf(design, replicated),
    hosts: design.hostsOf(replicated),
  };
}

/**
 * Monolith: a system with exactly one application unit — counting the roles of one codebase (web
 * and worker of one image, `codebase`) as that one unit.
 */
export function monolithEvidence(design: Design, system: DesignSystem): Evidence | undefined {
  if (system.units.length === 0) return undefined;
  const roles = mapped(system.units, (i) => design.nodes[i]!);
  if (roles.some((role) => role.deployable !== roles[0]!.deployable)) return undefined;
  const inUnit = new Set(system.units);
  const others = system.nodes.filter((i) => !inUnit.has(i));
  const context = others.length === 0 ? '' : ` (with ${listNodeNames(design, others)} around it)`;
  const one = roles.length === 1;
  const who = one ? `${roles[0]!.label} is` : `${listNames(mapped(roles, (r) => r.label))} are the roles of one codebase,`;
  return {
    label: 'monolith',
    message: `${who} the only application unit of ${one ? 'its' : 'their'} system${context}: one deployable unit holds every module.`,
    nodes: idsOf(design, system.units),
    hosts: design.hostsOf(system.units),
  };
}
