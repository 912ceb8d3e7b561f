/**
 * Placement of top-level blocks (servers, zone and region boxes, free cards) when the saved view
 * has no position for them, and the deterministic shifting that keeps saved boxes apart.
 *
 * The fallback is a layered layout by call depth: blocks of one depth form a column (direction
 * RIGHT) or a row (DOWN), in document order; columns that would make the picture wider than
 * `wrapWidth` start a new band below, so a long chain reads like lines of text instead of one
 * very wide strip.
 */
import type { Position } from '../document';
import type { LayoutDirection } from './types';
import { SpatialIndex } from './spatial';

export interface Block {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  /** Document order of the block's first member: the tie-break. */
  readonly order: number;
}

/** Space between blocks of one column, between columns, and between bands, in px. */
export const BLOCK_GAP = 48;
export const COLUMN_GAP = 96;
export const BAND_GAP = 80;
/** Default widest band before a chain wraps, in px. */
export const DEFAULT_WRAP_WIDTH = 1600;

/** Top-left corners of `blocks` (same order), laid out from the origin. */
export function layerBlocks(blocks: readonly Block[], direction: LayoutDirection, wrapWidth = DEFAULT_WRAP_WIDTH): Position[] {
  const byDepth = new Map<number, number[]>();
  blocks.forEach((block, i) => {
    const list = byDepth.get(block.depth);
    if (list) list.push(i);
    else byDepth.set(block.depth, [i]);
  });
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  const layers = depths.map((d) => byDepth.get(d)!.sort((a, b) => blocks[a]!.order - blocks[b]!.order || a - b));
  const positions: Position[] = blocks.map(() => ({ x: 0, y: 0 }));
  const down = direction === 'DOWN';
  // Along: the axis layers follow; across: the axis blocks of one layer stack on.
  const along = (b: Block) => (down ? b.height : b.width);
  const across = (b: Block) => (down ? b.width : b.height);
  const layerSize = layers.map((layer) => {
    let thick = 0;
    let length = 0;
    for (const i of layer) {
      const b = blocks[i]!;
      if (along(b) > thick) thick = along(b);
      length += across(b);
    }
    return { thick, length: length + BLOCK_GAP * Math.max(0, layer.length - 1) };
  });
  // Bands: consecutive layers whose thickness sum fits the wrap width (RIGHT only).
  const bands: number[][] = [];
  let current: number[] = [];
  let used = 0;
  layers.forEach((_, l) => {
    const thick = layerSize[l]!.thick;
    if (!down && current.length > 0 && used + COLUMN_GAP + thick > wrapWidth) {
      bands.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? COLUMN_GAP : 0) + thick;
    current.push(l);
  });
  if (current.length > 0) bands.push(current);
  let bandStart = 0;
  for (const band of bands) {
    let bandLength = 0;
    for (const l of band) if (layerSize[l]!.length > bandLength) bandLength = layerSize[l]!.length;
    let offset = 0;
    for (const l of band) {
      const { thick, length } = layerSize[l]!;
      let cursor = (bandLength - length) / 2;
      for (const i of layers[l]!) {
        const b = blocks[i]!;
        const inner = (thick - along(b)) / 2;
        positions[i] = down ? { x: bandStart + cursor, y: offset + inner } : { x: offset + inner, y: bandStart + cursor };
        cursor += across(b) + BLOCK_GAP;
      }
      offset += thick + COLUMN_GAP;
    }
    bandStart += bandLength + BAND_GAP;
  }
  return positions;
}

export interface Movable {
  x: number;
  y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Moves boxes down until none overlaps another (with `gap` px between them). Boxes are taken top
 * to bottom, left to right (then by index), and each one only moves below those already settled,
 * so the result does not depend on anything but the boxes. Returns how many boxes moved.
 */
export function separate(boxes: Movable[], gap: number): number {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.y - boxes[b]!.y || boxes[a]!.x - boxes[b]!.x || a - b);
  const settled = new SpatialIndex();
  let moved = 0;
  for (const i of order) {
    const box = boxes[i]!;
    let shifted = false;
    for (;;) {
      const hits = settled.intersecting(box.x - gap, box.y - gap, box.width + 2 * gap, box.height + 2 * gap);
      if (hits.length === 0) break;
      let bottom = box.y;
      for (const h of hits) {
        const other = settled.box(h);
        if (other.y + other.height + gap > bottom) bottom = other.y + other.height + gap;
      }
      box.y = bottom;
      shifted = true;
    }
    if (shifted) moved++;
    settled.add({ x: box.x, y: box.y, width: box.width, height: box.height });
  }
  return moved;
}
