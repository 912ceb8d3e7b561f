/**
 * Viewport arithmetic (pure, tested): a viewport that shows a box inside the canvas minus the
 * overlay insets, the box of a design's entry points, and free space for a new card.
 */
import type { Position, TopologyDocument } from '../../shared/document';
import type { Box, DiagramGeometry } from '../../shared/layout/types';

/** Canvas pixels kept free on each side (for overlays). */
export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * A viewport showing `bounds` within `area` minus `insets`. Without `zoom` it fits the bounds
 * (capped at `maxZoom`), centred; with `zoom` it shows `focus` at that zoom, its left edge at the
 * left inset and centred vertically (from its top when taller than the canvas), without leaving empty space above the design's top.
 */
export function viewportFor(bounds: Box, area: { width: number; height: number }, insets: Insets, options: { maxZoom?: number; zoom?: number; focus?: Box } = {}): Viewport {
  const width = Math.max(1, area.width - insets.left - insets.right);
  const height = Math.max(1, area.height - insets.top - insets.bottom);
  if (options.zoom === undefined) {
    const zoom = Math.min(width / Math.max(1, bounds.width), height / Math.max(1, bounds.height), options.maxZoom ?? 1);
    return {
      x: insets.left + (width - bounds.width * zoom) / 2 - bounds.x * zoom,
      y: insets.top + (height - bounds.height * zoom) / 2 - bounds.y * zoom,
      zoom,
    };
  }
  const zoom = options.zoom;
  const focus = options.focus ?? bounds;
  const x = insets.left - focus.x * zoom;
  // A focus taller than the canvas shows from its top (the first entries and what they call).
  let y = focus.height * zoom > height ? insets.top - focus.y * zoom : insets.top + height / 2 - (focus.y + focus.height / 2) * zoom;
  // Never push the design's top below the top inset (empty space above it helps nobody)...
  y = Math.min(y, insets.top - bounds.y * zoom);
  // ...nor its bottom above the bottom inset when it is taller than the canvas.
  if (bounds.height * zoom > height) y = Math.max(y, insets.top + height - (bounds.y + bounds.height) * zoom);
  return { x, y, zoom };
}

/** The box around the cards where requests enter: clients, or else the nodes nobody calls. */
export function entryBox(geometry: DiagramGeometry, document: TopologyDocument): Box | null {
  const called = new Set(document.edges.map((e) => e.to));
  const clients = new Set(document.nodes.filter((n) => n.kind === 'client').map((n) => n.id));
  let entries = geometry.cards.filter((c) => clients.has(c.nodeId));
  if (entries.length === 0) entries = geometry.cards.filter((c) => !called.has(c.nodeId));
  if (entries.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const c of entries) {
    x0 = Math.min(x0, c.x);
    y0 = Math.min(y0, c.y);
    x1 = Math.max(x1, c.x + c.width);
    y1 = Math.max(y1, c.y + c.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function overlaps(a: Box, b: Box, margin: number): boolean {
  return a.x < b.x + b.width + margin && a.x + a.width + margin > b.x && a.y < b.y + b.height + margin && a.y + a.height + margin > b.y;
}

/**
 * The grid position nearest `wanted` (top-left corner) where a card of `size` overlaps no card,
 * server or zone box: rings of candidates outward on a 20 px grid, a bounded search.
 */
export function freeSpot(geometry: DiagramGeometry, wanted: Position, size: { width: number; height: number }, margin = 20): Position {
  const obstacles: Box[] = [...geometry.cards.filter((c) => c.hostId === null), ...geometry.servers, ...geometry.domains];
  const near = obstacles.filter((o) => Math.abs(o.x - wanted.x) < 4000 && Math.abs(o.y - wanted.y) < 4000);
  const fits = (p: Position) => !near.some((o) => overlaps({ ...p, ...size }, o, margin));
  const step = 20;
  for (let ring = 0; ring <= 60; ring += 1) {
    for (let dx = -ring; dx <= ring; dx += 1) {
      for (const dy of ring === 0 ? [0] : [-ring, ring]) {
        const p = { x: wanted.x + dx * step * 2, y: wanted.y + dy * step };
        if (fits(p)) return p;
      }
    }
    for (let dy = -ring + 1; dy <= ring - 1; dy += 1) {
      for (const dx of [-ring, ring]) {
        const p = { x: wanted.x + dx * step * 2, y: wanted.y + dy * step };
        if (fits(p)) return p;
      }
    }
  }
  return wanted;
}
