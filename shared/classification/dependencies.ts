/**
 * Findings about who calls whom (SPEC §3): `sync-cycle`, `shared-database` and
 * `independent-systems`.
 */
import { idsOf, realHosts, sortAscending, type Design } from './design';
import { makeFinding } from './rules';
import { count, listNames, listNodeNames, nodeNames } from './text';
import type { Finding } from './types';

/** How many nodes of a cycle a message spells out before "…". */
const MAX_CYCLE_NAMED = 6;

export function dependencyFindings(design: Design): Finding[] {
  return [...syncCycleFindings(design), ...sharedDatabaseFindings(design), ...independentSystemFindings(design)];
}

/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so long chains
 * cannot overflow the stack). Components come out as ascending node indices. With `cyclicOnly`,
 * only the components that hold a cycle: several nodes, or one that calls itself (most nodes of a
 * design are on no cycle, and a one-node list for each is most of this pass's garbage).
 */
export function stronglyConnected(adjacency: readonly (readonly number[])[], cyclicOnly = false): number[][] {
  const n = adjacency.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n); // Tarjan's stack: each node is on it once
  let top = 0;
  const components: number[][] = [];
  // The depth-first frames (node, position in its adjacency list) in two typed stacks.
  const frameNode = new Int32Array(n);
  const frameNext = new Int32Array(n);
  let counter = 0;
  for (let start = 0; start < n; start++) {
    if (order[start] !== -1) continue;
    let depth = 0;
    frameNode[0] = start;
    frameNext[0] = 0;
    order[start] = low[start] = counter++;
    stack[top++] = start;
    onStack[start] = 1;
    while (depth >= 0) {
      const node = frameNode[depth]!;
      const edges = adjacency[node]!;
      if (frameNext[depth]! < edges.length) {
        const next = edges[frameNext[depth]!++]!;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack[top++] = next;
          onStack[next] = 1;
          depth += 1;
          frameNode[depth] = next;
          frameNext[depth] = 0;
        } else if (onStack[next]) {
          low[node] = Math.min(low[node]!, order[next]!);
        }
        continue;
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = frameNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] !== order[node]) continue;
      let member = stack[--top]!;
      onStack[member] = 0;
      if (member === node) {
        if (!cyclicOnly || edges.includes(node)) components.push([member]);
        continue;
      }
      const component: number[] = [member];
      do {
        member = stack[--top]!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      components.push(component.sort((a, b) => a - b));
    }
  }
  return components;
}

/** One cycle through `root` inside a component, in call order (shortest by breadth-first search). */
function cycleThrough(adjacency: readonly (readonly number[])[], members: ReadonlySet<number>, root: number): number[] {
  if (adjacency[root]!.includes(root)) return [root];
  const parent = new Map<number, number>([[root, root]]);
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head]!;
    for (const next of adjacency[current]!) {
      if (next === root) {
        const cycle = [current];
        while (cycle[cycle.length - 1] !== root) cycle.push(parent.get(cycle[cycle.length - 1]!)!);
        return cycle.reverse();
      }
      if (!members.has(next) || parent.has(next)) continue;
      parent.set(next, current);
      queue.push(next);
    }
  }
  return [root]; // unreachable for a true component; kept total for safety
}

function syncCycleFindings(design: Design): Finding[] {
  const adjacency = design.syncCallees;
  const findings: Finding[] = [];
  for (const component of stronglyConnected(adjacency, true)) {
    const root = component[0]!;
    const cycle = cycleThrough(adjacency, new Set(component), root);
    const names = nodeNames(design, [...cycle, root]);
    const shown = names.length > MAX_CYCLE_NAMED + 1 ? [...names.slice(0, MAX_CYCLE_NAMED), '…', names[names.length - 1]!] : names;
    const rest = component.length > cycle.length ? ` ${count(component.length, 'node')} in all are caught in these synchronous cycles.` : '';
    findings.push(
      makeFinding(
        'sync-cycle',
        `${shown.join(' → ')}: a cycle of synchronous calls, so a request can end up waiting on itself (a deadlock, or calls without end). Make one call asynchronous or break the cycle.${rest}`,
        idsOf(design, component),
        [],
      ),
    );
  }
  return findings;
}

/**
 * Two or more application units that call the same database, directly or through a cache in front
 * of it (cache-aside still shares the data). SPEC §3 says "two services"; a monolith sharing a
 * database with a service couples them just the same, so monoliths count too.
 */
function sharedDatabaseFindings(design: Design): Finding[] {
  const findings: Finding[] = [];
  // The users of the database at hand are marked with its index + 1 (no Set per database).
  const userOf = new Int32Array(design.nodes.length);
  const users: number[] = []; // the first `found` entries are this database's
  for (const database of design.nodes) {
    if (database.kind !== 'database') continue;
    const mark = database.index + 1;
    let found = 0;
    for (const caller of design.callers[database.index]!) {
      const node = design.nodes[caller]!;
      if (node.isUnit) {
        if (userOf[caller] !== mark) users[found++] = caller;
        userOf[caller] = mark;
      } else if (node.kind === 'cache') {
        for (const further of design.callers[caller]!) {
          if (!design.nodes[further]!.isUnit || userOf[further] === mark) continue;
          userOf[further] = mark;
          users[found++] = further;
        }
      }
    }
    if (found < 2) continue;
    const sharing = sortAscending(users.slice(0, found));
    findings.push(
      makeFinding(
        'shared-database',
        `${listNodeNames(design, sharing)} ${sharing.length === 2 ? 'both' : 'all'} use ${database.label}: a shared database couples them — a schema change for one can break the others, and they cannot be deployed or scaled apart.`,
        idsOf(design, [...sharing, database.index]),
        realHosts(database.hosts),
      ),
    );
  }
  return findings;
}

function independentSystemFindings(design: Design): Finding[] {
  if (design.systems.length < 2) return [];
  const representatives = design.systems.map((system) => system.units[0] ?? system.nodes[0]!);
  const described = design.systems.map(
    (system, i) => `${design.nodes[representatives[i]!]!.label} (${count(system.nodes.length, 'node')})`,
  );
  return [
    makeFinding(
      'independent-systems',
      `The design holds ${design.systems.length} independent systems that never call one another: ${listNames(described, 6)}. Each is classified on its own; the labels are their union.`,
      idsOf(design, representatives),
      [],
    ),
  ];
}
