/**
 * What share of a client's requests can be served, written once over an algebra so the exact
 * computation (decision diagrams over the units) and Monte Carlo (numbers for one state of the
 * units) read the design the same way:
 *
 *   node(n)   = up(n) × route(n)                      up: at least `needed` instances up
 *   route(n)  = 1 for a queue                          (consumer work never fails the request)
 *             = hit + (1 − hit) × calls(n) for a cache (a hit needs nothing downstream)
 *             = calls(n) otherwise
 *   calls(n)  = Σ share(e) × edge(e)                    fan-out `one`: weighted mean over branches
 *             = Π ((1 − p(e)) + p(e) × edge(e))         fan-out `all`: a branch is needed p(e) of the time
 *   edge(e)   = 1 when optional; up(to) when async (only the acceptance is waited for); node(to)
 *
 * Given the state of every unit, the request's own choices (branch, probability, cache hit) are
 * independent, so this product-and-mean form is the exact served share of that state. A call back
 * into a node already on the request's way needs only that node up: the cycle is cut there.
 */
import { edgeShares, passOnShare, type FlowDesign } from './flow';

/** The operations the formula needs; `T` is a number or a decision diagram. */
export interface Algebra<T> {
  readonly one: T;
  constant(value: number): T;
  /** 1 where node `n` has at least its needed instances up, else 0. */
  nodeUp(node: number): T;
  times(a: T, b: T): T;
  plus(a: T, b: T): T;
  scale(a: T, factor: number): T;
}

/** Nodes on a cycle of calls (their terms depend on the path, so they are not memoised). */
export function nodesOnCycles(design: FlowDesign): Uint8Array {
  const count = design.nodes.length;
  const onCycle = new Uint8Array(count);
  // Tarjan's strongly connected components, iteratively (designs may be deep).
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  let counter = 0;
  const targets = design.outEdges.map((edges) => edges.map((edge) => design.nodeIndex.get(edge.to)!));
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, next] = frame;
      if (next === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const out = targets[v]!;
      if (next < out.length) {
        frame[1] = next + 1;
        const w = out[next]!;
        if (w === v) onCycle[v] = 1;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          members.push(w);
        } while (w !== v);
        if (members.length > 1) for (const m of members) onCycle[m] = 1;
      }
    }
  }
  return onCycle;
}

/** The served share of `client`'s requests, in the algebra given. */
export function servedShare<T>(design: FlowDesign, onCycle: Uint8Array, client: number, algebra: Algebra<T>): T {
  const memo: (T | undefined)[] = new Array(design.nodes.length);
  const onPath = new Uint8Array(design.nodes.length);

  const calls = (n: number): T => {
    const shares = edgeShares(design, n);
    if (shares.length === 0) return algebra.one;
    if (design.nodes[n]!.fanout === 'one') {
      let sum: T | undefined;
      for (const [edge, share] of shares) {
        if (share === 0) continue;
        const term = algebra.scale(edgeTerm(edge.to, edge.optional, edge.async), share);
        sum = sum === undefined ? term : algebra.plus(sum, term);
      }
      return sum ?? algebra.one;
    }
    let product = algebra.one;
    for (const [edge, p] of shares) {
      if (p === 0 || edge.optional) continue;
      const term = edgeTerm(edge.to, edge.optional, edge.async);
      product = algebra.times(product, p >= 1 ? term : algebra.plus(algebra.constant(1 - p), algebra.scale(term, p)));
    }
    return product;
  };

  const edgeTerm = (to: string, optional: boolean, async: boolean): T => {
    if (optional) return algebra.one;
    const target = design.nodeIndex.get(to)!;
    return async ? algebra.nodeUp(target) : node(target);
  };

  function node(n: number): T {
    if (onPath[n]) return algebra.nodeUp(n);
    const known = memo[n];
    if (known !== undefined) return known;
    onPath[n] = 1;
    const resolved = design.nodes[n]!;
    let route: T;
    if (resolved.kind === 'queue') route = algebra.one;
    else if (resolved.kind === 'cache' && passOnShare(resolved) < 1) {
      const miss = passOnShare(resolved);
      route = miss === 0 ? algebra.one : algebra.plus(algebra.constant(1 - miss), algebra.scale(calls(n), miss));
    } else route = calls(n);
    onPath[n] = 0;
    const value = algebra.times(algebra.nodeUp(n), route);
    if (!onCycle[n]) memo[n] = value;
    return value;
  }

  return calls(client);
}

/** Nodes a client's requests may reach (the only ones whose units can matter to it). */
export function reachableFrom(design: FlowDesign, client: number): number[] {
  const seen = new Uint8Array(design.nodes.length);
  const order: number[] = [];
  const pending = [client];
  seen[client] = 1;
  while (pending.length > 0) {
    const n = pending.pop()!;
    if (n !== client) order.push(n);
    if (design.nodes[n]!.kind === 'queue' && n !== client) continue;
    for (const edge of design.outEdges[n]!) {
      const to = design.nodeIndex.get(edge.to)!;
      if (seen[to]) continue;
      seen[to] = 1;
      pending.push(to);
    }
  }
  return order;
}
