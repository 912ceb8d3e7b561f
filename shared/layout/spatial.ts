/**
 * A uniform-grid spatial index over boxes: which boxes may meet a query box, in time proportional
 * to the cells the query covers, so checks stay near-linear for very large designs.
 */
import type { Box } from './types';

const CELL = 256;

export class SpatialIndex {
  private readonly cells = new Map<string, number[]>();
  private readonly boxes: Box[] = [];
  private stamp: Uint32Array;
  private query = 0;

  constructor(boxes: readonly Box[] = []) {
    this.stamp = new Uint32Array(Math.max(16, boxes.length));
    for (const box of boxes) this.add(box);
  }

  /** Adds a box; returns its index. */
  add(box: Box): number {
    const index = this.boxes.length;
    this.boxes.push(box);
    if (index >= this.stamp.length) {
      const grown = new Uint32Array(this.stamp.length * 2);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    this.insert(index, box);
    return index;
  }

  /** The box at `index`. */
  box(index: number): Box {
    return this.boxes[index]!;
  }

  private insert(index: number, box: Box): void {
    const x0 = Math.floor(box.x / CELL);
    const x1 = Math.floor((box.x + box.width) / CELL);
    const y0 = Math.floor(box.y / CELL);
    const y1 = Math.floor((box.y + box.height) / CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = `${cx},${cy}`;
        const cell = this.cells.get(key);
        if (cell) cell.push(index);
        else this.cells.set(key, [index]);
      }
    }
  }

  /** Indices of boxes whose cells meet the query box (a superset of the boxes that intersect it). */
  near(x: number, y: number, width: number, height: number): number[] {
    this.query++;
    const found: number[] = [];
    const x0 = Math.floor(x / CELL);
    const x1 = Math.floor((x + width) / CELL);
    const y0 = Math.floor(y / CELL);
    const y1 = Math.floor((y + height) / CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const cell = this.cells.get(`${cx},${cy}`);
        if (!cell) continue;
        for (const index of cell) {
          if (this.stamp[index] === this.query) continue;
          this.stamp[index] = this.query;
          found.push(index);
        }
      }
    }
    return found;
  }

  /** Indices of boxes whose interior meets the open box (x, y, width, height). */
  intersecting(x: number, y: number, width: number, height: number): number[] {
    return this.near(x, y, width, height).filter((i) => {
      const b = this.boxes[i]!;
      return b.x < x + width && x < b.x + b.width && b.y < y + height && y < b.y + b.height;
    });
  }
}

/** True when the interiors of two boxes meet. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The smallest box holding all of `boxes` (zero-sized at the origin when there are none). No spreads: safe for huge lists. */
export function unionOf(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    if (b.x < left) left = b.x;
    if (b.y < top) top = b.y;
    if (b.x + b.width > right) right = b.x + b.width;
    if (b.y + b.height > bottom) bottom = b.y + b.height;
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
