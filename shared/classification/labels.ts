/**
 * The placement labels of one system (SPEC §3): distributed (hosts carry different unit sets),
 * monolith (exactly one unit), and the cluster evidence (a node on two or more hosts). The
 * microservices label is judged by `decomposition.ts`.
 */
import { callDepths, compareText, idsOf, realHosts, type Design, type DesignSystem } from './design';
import { hostNames, listNames, nodeNames } from './text';
import type { Evidence } from './types';

/** Hosts that carry the system's units, each with its unit set (ascending indices). */
function unitSets(design: Design, system: DesignSystem): Map<string, number[]> {
  const sets = new Map<string, number[]>();
  for (const unit of system.units) {
    for (const host of design.nodes[unit]!.hosts) {
      const set = sets.get(host);
      if (set) set.push(unit);
      else sets.set(host, [unit]);
    }
  }
  return sets;
}

/**
 * Distributed: two hosts of the system carry different, non-empty unit sets. (Two different
 * non-empty sets always hold at least two units between them, SPEC's second condition.) Returns
 * the evidence, or undefined when the system is not distributed.
 */
export function distributedEvidence(design: Design, system: DesignSystem): Evidence | undefined {
  const sets = unitSets(design, system);
  const signatureOf = new Map<string, string>();
  for (const [host, units] of sets) signatureOf.set(host, units.join(','));
  if (new Set(signatureOf.values()).size < 2) return undefined;

  // Most hosts carry a handful of units: a scan of the list beats a Set per host; long lists get one.
  const big = new Map<string, Set<number>>();
  const carries = (host: string, unit: number) => {
    const units = sets.get(host)!;
    if (units.length <= 16) return units.includes(unit);
    let set = big.get(host);
    if (!set) big.set(host, (set = new Set(units)));
    return set.has(unit);
  };
  // Best evidence: a call between two units that live apart, "server-1 runs Web while server-2
  // runs Logic, and Web calls Logic" — the one nearest the entry, as a reader follows a request.
  // Callers by call depth, then id; callees in id order: deterministic.
  const depth = callDepths(design);
  const callers = [...system.units].sort((x, y) => (depth[x]! < 0 ? Infinity : depth[x]!) - (depth[y]! < 0 ? Infinity : depth[y]!) || x - y);
  for (const caller of callers) {
    for (const callee of design.callees[caller]!) {
      if (!design.nodes[callee]!.isUnit || callee === caller) continue;
      for (const a of design.nodes[caller]!.hosts) {
        if (carries(a, callee)) continue;
        for (const b of design.nodes[callee]!.hosts) {
          if (carries(b, caller) || signatureOf.get(a) === signatureOf.get(b)) continue;
          const how = `${design.nodes[caller]!.label} calls ${design.nodes[callee]!.label}`;
          return pairEvidence(design, sets, a, b, [], how);
        }
      }
    }
  }

  // Otherwise the first two hosts (by id) with different sets, and how their units are connected.
  const hosts = [...sets.keys()].sort(compareText);
  const a = hosts[0]!;
  const b = hosts.find((h) => signatureOf.get(h) !== signatureOf.get(a))!;
  const onlyB = sets.get(b)!.filter((u) => !carries(a, u));
  const onlyA = sets.get(a)!.filter((u) => !carries(b, u));
  const from = onlyA[0] ?? sets.get(a)![0]!;
  const to = onlyB[0] ?? sets.get(b)![0]!;
  const path = undirectedPath(design, from, to);
  const between = path.slice(1, -1);
  const how =
    between.length === 0
      ? design.callees[from]!.includes(to)
        ? `${design.nodes[from]!.label} calls ${design.nodes[to]!.label}`
        : `${design.nodes[to]!.label} calls ${design.nodes[from]!.label}`
      : `${design.nodes[from]!.label} and ${design.nodes[to]!.label} cooperate through ${listNames(nodeNames(design, between))}`;
  return pairEvidence(design, sets, a, b, between, how);
}

function pairEvidence(design: Design, sets: Map<string, number[]>, a: string, b: string, between: number[], how: string): Evidence {
  const unitsA = sets.get(a)!;
  const unitsB = sets.get(b)!;
  const [nameA, nameB] = hostNames(design, [a, b]);
  const different = new Set([...sets.values()].map((units) => units.join(','))).size;
  const more = different > 2 ? ` (${different} different sets of units across ${sets.size} servers in all)` : '';
  return {
    label: 'distributed',
    message: `${nameA} runs ${listNames(nodeNames(design, unitsA))} while ${nameB} runs ${listNames(nodeNames(design, unitsB))}, and ${how}: different modules on different servers cooperate over the network${more}.`,
    nodes: idsOf(design, [...unitsA, ...unitsB, ...between]),
    hosts: realHosts([a, b]),
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
    others.length === 0 ? '' : `; ${listNames(nodeNames(design, others))} also ${others.length === 1 ? 'runs' : 'run'} on several servers`;
  return {
    label: 'cluster',
    message: `${node.label} runs the same code on ${listNames(hostNames(design, node.hosts), 6)}${also}: copies behind load balancing add throughput and survive the loss of a server.`,
    nodes: idsOf(design, replicated),
    hosts: realHosts(replicated.flatMap((i) => design.nodes[i]!.hosts)),
  };
}

/**
 * Monolith: a system with exactly one application unit — counting the roles of one codebase (web
 * and worker of one image, `codebase`) as that one unit.
 */
export function monolithEvidence(design: Design, system: DesignSystem): Evidence | undefined {
  if (system.units.length === 0) return undefined;
  const roles = system.units.map((i) => design.nodes[i]!);
  if (roles.some((role) => role.deployable !== roles[0]!.deployable)) return undefined;
  const inUnit = new Set(system.units);
  const others = system.nodes.filter((i) => !inUnit.has(i));
  const context = others.length === 0 ? '' : ` (with ${listNames(nodeNames(design, others))} around it)`;
  const one = roles.length === 1;
  const who = one ? `${roles[0]!.label} is` : `${listNames(roles.map((r) => r.label))} are the roles of one codebase,`;
  return {
    label: 'monolith',
    message: `${who} the only application unit of ${one ? 'its' : 'their'} system${context}: one deployable unit holds every module.`,
    nodes: idsOf(design, system.units),
    hosts: realHosts(roles.flatMap((role) => role.hosts)),
  };
}
