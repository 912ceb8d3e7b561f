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
 * into a node already on the request's way needs only that node up: the cycle is cut there. Each
 * node's term is computed once per evaluation; on a cycle it keeps the cut of the path it was
 * first reached by (exact for designs without cycles of calls, polynomial for every design — the
 * engine fails such requests anyway when the cycle does not end, and classification flags it).
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

/** The served share of `client`'s requests, in the algebra given. */
export function servedShare<T>(design: FlowDesign, client: number, algebra: Algebra<T>): T {
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
    memo[n] = value;
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

const TERM_ONE = 0;
const TERM_UP = 1;
const TERM_VALUE = 2;

/**
 * `servedShare` over numbers compiled into flat arrays for one client: the nodes in the order the
 * recursion finishes them, each with its terms, so Monte Carlo evaluates a state without
 * recursion or allocation — and with exactly the cuts and memo order of `servedShare`.
 */
export class ServedPlan {
  private readonly order: Int32Array;
  /** Per node in `order`: 0 other, 1 queue, 2 cache; and its miss share (caches). */
  private readonly route: Uint8Array;
  private readonly miss: Float64Array;
  private readonly fanoutAll: Uint8Array;
  /** Terms of order[i] are termStart[i] .. termStart[i + 1]; the client's are the last block. */
  private readonly termStart: Int32Array;
  private readonly termTarget: Int32Array;
  private readonly termShare: Float64Array;
  private readonly termKind: Uint8Array;
  private readonly value: Float64Array;

  constructor(design: FlowDesign, client: number) {
    const order: number[] = [];
    const starts: number[] = [];
    const targets: number[] = [];
    const shares: number[] = [];
    const kinds: number[] = [];
    const done = new Uint8Array(design.nodes.length);
    const onPath = new Uint8Array(design.nodes.length);
    type Term = [number, number, number];
    const termsOf = (n: number): Term[] => {
      const all = design.nodes[n]!.fanout === 'all';
      const list: Term[] = [];
      for (const [edge, share] of edgeShares(design, n)) {
        if (share === 0 || (all && edge.optional)) continue;
        const to = design.nodeIndex.get(edge.to)!;
        if (edge.optional) list.push([to, share, TERM_ONE]);
        else if (edge.async) list.push([to, share, TERM_UP]);
        else if (onPath[to] && !done[to]) list.push([to, share, TERM_UP]);
        else {
          if (!done[to]) visit(to);
          list.push([to, share, TERM_VALUE]);
        }
      }
      return list;
    };
    const emit = (n: number, terms: Term[]): void => {
      order.push(n);
      starts.push(targets.length);
      for (const [to, share, kind] of terms) {
        targets.push(to);
        shares.push(share);
        kinds.push(kind);
      }
    };
    // The same walk as servedShare: a node's calls are explored in edge order, depth first.
    function visit(n: number): void {
      onPath[n] = 1;
      const node = design.nodes[n]!;
      const skipCalls = node.kind === 'queue' || (node.kind === 'cache' && passOnShare(node) === 0);
      const terms = skipCalls ? [] : termsOf(n);
      onPath[n] = 0;
      done[n] = 1;
      emit(n, terms);
    }
    onPath[client] = 1;
    emit(client, termsOf(client));
    starts.push(targets.length);
    this.order = Int32Array.from(order);
    this.route = Uint8Array.from(order, (n) => (design.nodes[n]!.kind === 'queue' ? 1 : design.nodes[n]!.kind === 'cache' ? 2 : 0));
    this.miss = Float64Array.from(order, (n) => passOnShare(design.nodes[n]!));
    this.fanoutAll = Uint8Array.from(order, (n) => (design.nodes[n]!.fanout === 'all' ? 1 : 0));
    this.termStart = Int32Array.from(starts);
    this.termTarget = Int32Array.from(targets);
    this.termShare = Float64Array.from(shares);
    this.termKind = Uint8Array.from(kinds);
    this.value = new Float64Array(design.nodes.length);
  }

  /** The served share for the given node up-ness (1 up, 0 down). */
  evaluate(nodeUp: Uint8Array): number {
    const last = this.order.length - 1;
    for (let i = 0; i <= last; i++) {
      const n = this.order[i]!;
      const from = this.termStart[i]!;
      const to = this.termStart[i + 1]!;
      let calls: number;
      if (from === to) calls = 1;
      else if (this.fanoutAll[i] === 0) {
        calls = 0;
        for (let t = from; t < to; t++) calls += this.termShare[t]! * this.term(t, nodeUp);
      } else {
        calls = 1;
        for (let t = from; t < to; t++) {
          const p = this.termShare[t]!;
          const term = this.term(t, nodeUp);
          calls *= p >= 1 ? term : 1 - p + p * term;
        }
      }
      if (i === last) return calls;
      const route = this.route[i] === 1 ? 1 : this.route[i] === 2 ? 1 - this.miss[i]! + this.miss[i]! * calls : calls;
      this.value[n] = nodeUp[n]! * route;
    }
    return 1;
  }

  private term(t: number, nodeUp: Uint8Array): number {
    const kind = this.termKind[t];
    if (kind === TERM_ONE) return 1;
    const target = this.termTarget[t]!;
    return kind === TERM_UP ? nodeUp[target]! : this.value[target]!;
  }
}
