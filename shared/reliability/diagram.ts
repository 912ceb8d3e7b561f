/**
 * An algebraic decision diagram: a reduced, ordered diagram over boolean variables (the failure
 * units, 1 = up) whose leaves are numbers. A node's up-ness is a 0/1 diagram, the served share a
 * diagram with values in [0, 1]; its expectation under independent units is one pass over it.
 * Nodes are shared (a unique table) and every operation is memoised, so designs whose units are
 * ordered by nesting (region, zone, host, process) stay small.
 */

/** Past this many diagram nodes the exact computation gives up rather than exhaust memory. */
export const MAX_DIAGRAM_NODES = 2_000_000; // < 2^21, so ids pack into keys

export class DiagramTooLarge extends Error {
  constructor() {
    super(`the decision diagram grew past ${MAX_DIAGRAM_NODES} nodes`);
  }
}

type Operation = 'times' | 'plus';

export class DecisionDiagram {
  /** Variable of each diagram node; leaves carry `variableCount`. */
  private readonly variable: number[] = [];
  private readonly low: number[] = [];
  private readonly high: number[] = [];
  private readonly value: number[] = [];
  /** Keys pack small integers into one safe integer (ids < 2^21, variables < 2^10): no strings. */
  private readonly unique = new Map<number, number>();
  private readonly leaves = new Map<number, number>();
  private readonly memo = new Map<number, number>();
  private readonly scaleMemo = new Map<number, Map<number, number>>();
  readonly zero: number;
  readonly one: number;

  constructor(readonly variableCount: number) {
    if (variableCount >= 1024) throw new RangeError('a decision diagram takes fewer than 1,024 variables');
    this.zero = this.leaf(0);
    this.one = this.leaf(1);
  }

  get size(): number {
    return this.variable.length;
  }

  leaf(value: number): number {
    // Sums reached along different paths (0.3 + 0.7) must meet in one leaf; 1e-12 is far below
    // any availability we print. -0 and 0 are one leaf too.
    const rounded = Math.round(value * 1e12) / 1e12;
    const key = rounded === 0 ? 0 : rounded;
    const known = this.leaves.get(key);
    if (known !== undefined) return known;
    const id = this.push(this.variableCount, -1, -1, key);
    this.leaves.set(key, id);
    return id;
  }

  /** The diagram of "variable `v` is up". */
  variableUp(v: number): number {
    return this.make(v, this.zero, this.one);
  }

  times(a: number, b: number): number {
    return this.apply('times', a, b);
  }

  plus(a: number, b: number): number {
    return this.apply('plus', a, b);
  }

  scale(a: number, factor: number): number {
    if (factor === 1) return a;
    if (factor === 0) return this.zero;
    let memo = this.scaleMemo.get(factor);
    if (!memo) this.scaleMemo.set(factor, (memo = new Map()));
    const known = memo.get(a);
    if (known !== undefined) return known;
    const result = this.isLeaf(a) ? this.leaf(this.value[a]! * factor) : this.make(this.variable[a]!, this.scale(this.low[a]!, factor), this.scale(this.high[a]!, factor));
    memo.set(a, result);
    return result;
  }

  /**
   * The expected value E when variable v is up with probability `up[v]`, independently, and for
   * every variable ∂E/∂up[v]. E is linear in each up[v] (a variable occurs once on any path), so
   * E with v always up is E + (1 − up[v]) × ∂E/∂up[v]. One pass up and one down: children always
   * have smaller ids than their parents, so ids order the diagram.
   */
  expectation(root: number, up: ArrayLike<number>): { value: number; derivative: Float64Array } {
    const derivative = new Float64Array(this.variableCount);
    const reachable: number[] = [root];
    const seen = new Set<number>(reachable);
    for (let k = 0; k < reachable.length; k++) {
      const id = reachable[k]!;
      if (this.isLeaf(id)) continue;
      for (const child of [this.low[id]!, this.high[id]!]) {
        if (seen.has(child)) continue;
        seen.add(child);
        reachable.push(child);
      }
    }
    reachable.sort((a, b) => a - b);
    const expected = new Map<number, number>();
    for (const id of reachable) {
      if (this.isLeaf(id)) expected.set(id, this.value[id]!);
      else {
        const p = up[this.variable[id]!]!;
        expected.set(id, p * expected.get(this.high[id]!)! + (1 - p) * expected.get(this.low[id]!)!);
      }
    }
    // Probability of reaching each node from the root, top down.
    const reach = new Map<number, number>([[root, 1]]);
    for (let k = reachable.length - 1; k >= 0; k--) {
      const id = reachable[k]!;
      if (this.isLeaf(id)) continue;
      const here = reach.get(id) ?? 0;
      const v = this.variable[id]!;
      const p = up[v]!;
      derivative[v]! += here * (expected.get(this.high[id]!)! - expected.get(this.low[id]!)!);
      reach.set(this.high[id]!, (reach.get(this.high[id]!) ?? 0) + here * p);
      reach.set(this.low[id]!, (reach.get(this.low[id]!) ?? 0) + here * (1 - p));
    }
    return { value: expected.get(root)!, derivative };
  }

  private isLeaf(id: number): boolean {
    return this.variable[id] === this.variableCount;
  }

  private push(variable: number, low: number, high: number, value: number): number {
    if (this.variable.length >= MAX_DIAGRAM_NODES) throw new DiagramTooLarge();
    this.variable.push(variable);
    this.low.push(low);
    this.high.push(high);
    this.value.push(value);
    return this.variable.length - 1;
  }

  private make(variable: number, low: number, high: number): number {
    if (low === high) return low;
    const key = (variable * 2 ** 21 + low) * 2 ** 21 + high;
    const known = this.unique.get(key);
    if (known !== undefined) return known;
    const id = this.push(variable, low, high, Number.NaN);
    this.unique.set(key, id);
    return id;
  }

  private apply(operation: Operation, a: number, b: number): number {
    if (operation === 'times') {
      if (a === this.zero || b === this.zero) return this.zero;
      if (a === this.one) return b;
      if (b === this.one) return a;
    } else {
      if (a === this.zero) return b;
      if (b === this.zero) return a;
    }
    // Both operations commute: one memo entry per unordered pair.
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = ((operation === 'times' ? 1 : 0) * 2 ** 21 + x) * 2 ** 21 + y;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    let result: number;
    if (this.isLeaf(x) && this.isLeaf(y)) {
      const vx = this.value[x]!;
      const vy = this.value[y]!;
      result = this.leaf(operation === 'times' ? vx * vy : vx + vy);
    } else {
      const vx = this.variable[x]!;
      const vy = this.variable[y]!;
      const top = Math.min(vx, vy);
      const xLow = vx === top ? this.low[x]! : x;
      const xHigh = vx === top ? this.high[x]! : x;
      const yLow = vy === top ? this.low[y]! : y;
      const yHigh = vy === top ? this.high[y]! : y;
      result = this.make(top, this.apply(operation, xLow, yLow), this.apply(operation, xHigh, yHigh));
    }
    this.memo.set(key, result);
    return result;
  }
}
