/**
 * The channels between the obstacles of a whole design, for the orthogonal router: the sparse grid
 * made of every obstacle's borders (laid-out cards share columns and rows, so it stays small), with
 * each grid cell marked when it lies inside an obstacle. Built once per design; every route is then
 * an A* search over it (plus the route's own two end lines), so no route crosses an obstacle however
 * crowded the design, and no search scans the obstacle list.
 */
import type { Position } from '../document';
import type { Box } from './types';

const EPSILON = 1e-6;
/**
 * Weight of the estimate in the search order: above 1 the search heads for the goal instead of
 * proving the shortest path (routes may be a little longer than the best; large designs stay fast).
 */
const GREED = 1.5;
/** Above this many search states the per-search arrays would be too big; a map holds them instead. */
const MAX_ARRAY_STATES = 3_000_000;

function sortedUnique(values: Float64Array): Float64Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (n === 0 || values[i]! - values[n - 1]! > EPSILON) values[n++] = values[i]!;
  return values.slice(0, n);
}

/** First index with values[i] >= v - EPSILON. */
function lowerBound(values: Float64Array, v: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < v - EPSILON) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One axis of a search grid: the design's lines plus a route's end coordinates. For every line, the
 * design's cells on its low and high side (equal when the line runs inside a cell; -1 or the cell
 * count past the ends, which are free).
 */
interface Axis {
  readonly values: Float64Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  length: number;
}

function newAxis(size: number): Axis {
  return { values: new Float64Array(size), low: new Int32Array(size), high: new Int32Array(size), length: 0 };
}

/** Fills `axis` with `lines` and the extra coordinates (at most two), in order. */
function mergeAxis(axis: Axis, lines: Float64Array, extra: readonly number[]): void {
  const sortedExtra = [...extra].sort((a, b) => a - b);
  let n = 0;
  let e = 0;
  const push = (value: number, low: number, high: number) => {
    if (n > 0 && value - axis.values[n - 1]! <= EPSILON) return;
    axis.values[n] = value;
    axis.low[n] = low;
    axis.high[n] = high;
    n++;
  };
  for (let i = 0; i <= lines.length; i++) {
    const line = i < lines.length ? lines[i]! : Infinity;
    while (e < sortedExtra.length && sortedExtra[e]! < line - EPSILON) {
      // Strictly between line i-1 and line i: inside cell i-1.
      push(sortedExtra[e]!, i - 1, i - 1);
      e++;
    }
    if (i < lines.length) push(line, i - 1, i);
  }
  axis.length = n;
}

/** A binary min-heap of integer items by priority, then tie value, then insertion order (determinism). */
class MinHeap {
  private items: number[] = [];
  private priorities: number[] = [];
  private ties: number[] = [];
  private serials: number[] = [];
  private serial = 0;

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
    this.priorities.length = 0;
    this.ties.length = 0;
    this.serials.length = 0;
  }

  private less(a: number, b: number): boolean {
    const pa = this.priorities[a]!;
    const pb = this.priorities[b]!;
    if (pa !== pb) return pa < pb;
    const ta = this.ties[a]!;
    const tb = this.ties[b]!;
    return ta !== tb ? ta < tb : this.serials[a]! < this.serials[b]!;
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from]!;
    this.priorities[to] = this.priorities[from]!;
    this.ties[to] = this.ties[from]!;
    this.serials[to] = this.serials[from]!;
  }

  /** Lower `priority` first; among equals, lower `tie`, then first pushed. */
  push(item: number, priority: number, tie: number): void {
    let i = this.items.length;
    this.items.push(item);
    this.priorities.push(priority);
    this.ties.push(tie);
    this.serials.push(this.serial++);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private swap(a: number, b: number): void {
    const item = this.items[a]!;
    const priority = this.priorities[a]!;
    const tie = this.ties[a]!;
    const serial = this.serials[a]!;
    this.move(b, a);
    this.items[b] = item;
    this.priorities[b] = priority;
    this.ties[b] = tie;
    this.serials[b] = serial;
  }

  pop(): number {
    const top = this.items[0]!;
    const last = this.items.length - 1;
    if (last > 0) this.move(last, 0);
    this.items.pop();
    this.priorities.pop();
    this.ties.pop();
    this.serials.pop();
    let i = 0;
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.less(l, smallest)) smallest = l;
      if (r < n && this.less(r, smallest)) smallest = r;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }
}

/** Cost and way back of each search state, in arrays (reset by a stamp) or, for huge grids, maps. */
class StateStore {
  private readonly cost: Float64Array | null;
  private readonly previous: Int32Array | null;
  private readonly stamp: Uint32Array | null;
  private readonly costMap = new Map<number, number>();
  private readonly previousMap = new Map<number, number>();
  private generation = 0;

  constructor(states: number) {
    const arrays = states <= MAX_ARRAY_STATES;
    this.cost = arrays ? new Float64Array(states) : null;
    this.previous = arrays ? new Int32Array(states) : null;
    this.stamp = arrays ? new Uint32Array(states) : null;
  }

  reset(): void {
    this.generation++;
    this.costMap.clear();
    this.previousMap.clear();
  }

  costOf(state: number): number | undefined {
    if (this.stamp) return this.stamp[state] === this.generation ? this.cost![state]! : undefined;
    return this.costMap.get(state);
  }

  previousOf(state: number): number {
    if (this.stamp) return this.previous![state]!;
    return this.previousMap.get(state) ?? -1;
  }

  set(state: number, cost: number, previous: number): void {
    if (this.stamp) {
      this.stamp[state] = this.generation;
      this.cost![state] = cost;
      this.previous![state] = previous;
      return;
    }
    this.costMap.set(state, cost);
    this.previousMap.set(state, previous);
  }
}

/** The obstacle channels of a design (see the file comment). */
export class ChannelGrid {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** 1 where the cell between lines (i, i+1) × (j, j+1) lies inside an obstacle; row-major by j. */
  private readonly blocked: Uint8Array;
  private readonly columns: number;
  private readonly rows: number;
  private readonly xAxis: Axis;
  private readonly yAxis: Axis;
  private readonly states: StateStore;
  private readonly heap = new MinHeap();

  constructor(obstacles: readonly Box[]) {
    const finite = obstacles.filter((o) => Number.isFinite(o.x) && Number.isFinite(o.y) && Number.isFinite(o.width) && Number.isFinite(o.height));
    const xs = new Float64Array(finite.length * 2);
    const ys = new Float64Array(finite.length * 2);
    finite.forEach((o, k) => {
      xs[2 * k] = o.x;
      xs[2 * k + 1] = o.x + o.width;
      ys[2 * k] = o.y;
      ys[2 * k + 1] = o.y + o.height;
    });
    this.xs = sortedUnique(xs);
    this.ys = sortedUnique(ys);
    this.columns = Math.max(0, this.xs.length - 1);
    this.rows = Math.max(0, this.ys.length - 1);
    this.blocked = new Uint8Array(this.columns * this.rows);
    for (const o of finite) {
      const i0 = lowerBound(this.xs, o.x);
      const i1 = lowerBound(this.xs, o.x + o.width);
      const j0 = lowerBound(this.ys, o.y);
      const j1 = lowerBound(this.ys, o.y + o.height);
      for (let j = j0; j < j1; j++) this.blocked.fill(1, j * this.columns + i0, j * this.columns + i1);
    }
    this.xAxis = newAxis(this.xs.length + 2);
    this.yAxis = newAxis(this.ys.length + 2);
    this.states = new StateStore((this.xs.length + 2) * (this.ys.length + 2) * 3);
  }

  private cell(i: number, j: number): boolean {
    return i >= 0 && j >= 0 && i < this.columns && j < this.rows && this.blocked[j * this.columns + i] === 1;
  }

  /** Design cells on the low and high side of coordinate `v` along `lines` (equal inside a cell). */
  private sidesOf(lines: Float64Array, v: number): [number, number] {
    const k = lowerBound(lines, v);
    if (k < lines.length && Math.abs(lines[k]! - v) <= EPSILON) return [k - 1, k];
    return [k - 1, k - 1];
  }

  /** True when the horizontal or vertical segment a–b runs through no obstacle's interior. */
  segmentClear(a: Position, b: Position): boolean {
    const horizontal = Math.abs(a.y - b.y) <= EPSILON;
    const [lines, along] = horizontal ? [this.xs, this.ys] : [this.ys, this.xs];
    const [from, to] = horizontal ? [Math.min(a.x, b.x), Math.max(a.x, b.x)] : [Math.min(a.y, b.y), Math.max(a.y, b.y)];
    if (to - from <= EPSILON) return true;
    const [low, high] = this.sidesOf(along, horizontal ? a.y : a.x);
    // Cells along the segment: from the one holding `from` to the one holding `to`.
    let c = lowerBound(lines, from);
    if (c >= lines.length || lines[c]! - from > EPSILON) c -= 1;
    for (c = Math.max(0, c); c < lines.length - 1 && lines[c]! < to - EPSILON; c++) {
      const blockedLow = horizontal ? this.cell(c, low) : this.cell(low, c);
      const blockedHigh = horizontal ? this.cell(c, high) : this.cell(high, c);
      if (blockedLow && blockedHigh) return false;
    }
    return true;
  }

  /**
   * The path from `start` to `goal` with the fewest length plus `bendCost` per bend, along the
   * design's lines and the ends' own; null when the goal cannot be reached. Ties go to the point
   * nearest the goal, so the search runs along the route instead of flooding the design.
   */
  search(start: Position, goal: Position, bendCost: number): Position[] | null {
    const xa = this.xAxis;
    const ya = this.yAxis;
    mergeAxis(xa, this.xs, [start.x, goal.x]);
    mergeAxis(ya, this.ys, [start.y, goal.y]);
    const nx = xa.length;
    const ny = ya.length;
    const xv = xa.values;
    const yv = ya.values;
    const find = (axis: Axis, v: number) => {
      let low = 0;
      let high = axis.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (axis.values[mid]! < v - EPSILON) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    const startPoint = find(ya, start.y) * nx + find(xa, start.x);
    const goalPoint = find(ya, goal.y) * nx + find(xa, goal.x);
    const gx = goal.x;
    const gy = goal.y;
    const states = this.states;
    const heap = this.heap;
    states.reset();
    heap.clear();
    // Distance left, plus a bend when the goal is on neither line through the point.
    const estimate = (px: number, py: number) =>
      Math.abs(px - gx) + Math.abs(py - gy) + (Math.abs(px - gx) > EPSILON && Math.abs(py - gy) > EPSILON ? bendCost : 0);
    const startEstimate = estimate(xv[startPoint % nx]!, yv[Math.floor(startPoint / nx)]!);
    // States: point × arriving direction (0 none, 1 horizontal, 2 vertical).
    states.set(startPoint * 3, 0, -1);
    heap.push(startPoint * 3, startEstimate, startEstimate);
    let reached = -1;
    while (heap.size > 0) {
      const state = heap.pop();
      const point = (state / 3) | 0;
      const dir = state - point * 3;
      if (point === goalPoint) {
        reached = state;
        break;
      }
      const here = states.costOf(state)!;
      const j = (point / nx) | 0;
      const i = point - j * nx;
      const x = xv[i]!;
      const y = yv[j]!;
      for (let move = 0; move < 4; move++) {
        let ni = i;
        let nj = j;
        let free: boolean;
        if (move < 2) {
          ni = move === 0 ? i + 1 : i - 1;
          if (ni < 0 || ni >= nx) continue;
          // The design cell the step runs through, on both sides of this row.
          const c = move === 0 ? xa.high[i]! : xa.high[ni]!;
          free = !(this.cell(c, ya.low[j]!) && this.cell(c, ya.high[j]!));
        } else {
          nj = move === 2 ? j + 1 : j - 1;
          if (nj < 0 || nj >= ny) continue;
          const c = move === 2 ? ya.high[j]! : ya.high[nj]!;
          free = !(this.cell(xa.low[i]!, c) && this.cell(xa.high[i]!, c));
        }
        if (!free) continue;
        const axis = move < 2 ? 1 : 2;
        const px = xv[ni]!;
        const py = yv[nj]!;
        const value = here + Math.abs(px - x) + Math.abs(py - y) + (dir !== 0 && dir !== axis ? bendCost : 0);
        const next = (nj * nx + ni) * 3 + axis;
        const known = states.costOf(next);
        if (known === undefined || value < known - 1e-9) {
          states.set(next, value, state);
          const h = estimate(px, py);
          heap.push(next, value + GREED * h, h);
        }
      }
    }
    if (reached < 0) return null;
    const path: Position[] = [];
    for (let state = reached; state >= 0; state = states.previousOf(state)) {
      const point = (state / 3) | 0;
      path.push({ x: xv[point % nx]!, y: yv[(point / nx) | 0]! });
    }
    path.reverse();
    return path;
  }
}
