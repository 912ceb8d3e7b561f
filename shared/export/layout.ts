/**
 * Where each node's card goes in an exported diagram.
 *
 * Positions saved in the document (`view.positions`, the top-left corners of the canvas cards)
 * are used as they are. Nodes without one get a deterministic layered layout (below), written in
 * plain synchronous TypeScript: elkjs is asynchronous and heavy, and the exports are pure,
 * synchronous string builders that must give the same bytes on every run. The app's canvas keeps
 * elkjs for its interactive auto-layout.
 *
 * The layered layout (Sugiyama-style, left to right):
 * 1. break cycles by dropping the back edges a depth-first search meets (in document order);
 * 2. put each node in the layer after its longest chain of callers (clients start at layer 0);
 * 3. order each layer by the mean position of its neighbours (four sweeps down and up), keeping
 *    the nodes that live on one same host next to each other so host regions stay compact;
 * 4. columns 280 px apart, rows 170 px apart, each column centred on the tallest, which matches
 *    the grid of the built-in templates.
 */
import type { Position, TopologyDocument } from '../document';
import { cardLayout, indexHosts, type Card } from './card';
import { maxOf, minOf } from './extent';

export const COLUMN_SPACING = 280;
export const ROW_SPACING = 170;
/** Gap between the saved diagram and nodes laid out below it, in px. */
const APPENDED_GAP = 120;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface NodeBox extends Box {
  readonly id: string;
  readonly card: Card;
}

export interface DiagramLayout {
  /** One box per node, in document order. */
  readonly nodes: readonly NodeBox[];
  readonly byId: ReadonlyMap<string, NodeBox>;
  /** The smallest box holding every card (zero-sized at the origin for an empty document). */
  readonly bounds: Box;
  /** How many nodes had no saved position and were laid out here. */
  readonly laidOut: number;
}

/** The card box of every node: saved positions where present, the layered layout elsewhere. */
export function diagramLayout(doc: TopologyDocument): DiagramLayout {
  const hosts = indexHosts(doc);
  const saved = doc.view?.positions ?? {};
  const has = (id: string) => Object.prototype.hasOwnProperty.call(saved, id);
  const missing = doc.nodes.filter((node) => !has(node.id));
  // Null-prototype tables: a node id such as "constructor" must not find Object.prototype members.
  let placed: Record<string, Position> = Object.create(null) as Record<string, Position>;
  if (missing.length > 0) {
    placed = layeredPositions({ ...doc, nodes: missing, edges: doc.edges });
    const savedIds = doc.nodes.filter((node) => has(node.id));
    if (savedIds.length > 0) {
      // Put the new nodes below the saved drawing, aligned with its left edge.
      const left = minOf(savedIds.map((n) => saved[n.id]!.x));
      const bottom = maxOf(savedIds.map((n) => saved[n.id]!.y + cardLayout(n, hosts).height));
      placed = Object.assign(Object.create(null) as Record<string, Position>, Object.fromEntries(Object.entries(placed).map(([id, p]) => [id, { x: p.x + left, y: p.y + bottom + APPENDED_GAP }])));
    }
  }
  const nodes = doc.nodes.map((node) => {
    const position = has(node.id) ? saved[node.id]! : placed[node.id]!;
    const card = cardLayout(node, hosts);
    return { id: node.id, x: position.x, y: position.y, width: card.width, height: card.height, card };
  });
  return { nodes, byId: new Map(nodes.map((n) => [n.id, n])), bounds: unionBoxes(nodes), laidOut: missing.length };
}

/** The smallest box holding all of `boxes`. */
export function unionBoxes(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const left = minOf(boxes.map((b) => b.x));
  const top = minOf(boxes.map((b) => b.y));
  const right = maxOf(boxes.map((b) => b.x + b.width));
  const bottom = maxOf(boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Top-left positions for every node of `doc` by the layered layout, ignoring saved positions.
 * Edges naming nodes that are not in `doc.nodes` are skipped. Deterministic: the same document
 * always gives the same positions.
 */
export function layeredPositions(doc: TopologyDocument): Record<string, Position> {
  const ids = doc.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const outgoing: number[][] = ids.map(() => []);
  for (const edge of doc.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    outgoing[from]!.push(to);
  }
  const forward = acyclicEdges(outgoing);
  const layer = assignLayers(ids.length, forward, doc.nodes.map((n) => n.kind === 'client'));
  const order = orderLayers(doc, layer, forward);
  const tallest = maxOf(order.map((column) => column.length), 0);
  const positions: Record<string, Position> = Object.create(null) as Record<string, Position>;
  order.forEach((column, c) => {
    const offset = ((tallest - column.length) * ROW_SPACING) / 2;
    column.forEach((node, r) => {
      positions[ids[node]!] = { x: c * COLUMN_SPACING, y: offset + r * ROW_SPACING };
    });
  });
  return positions;
}

/** Edges `[from, to]` with the back edges of a depth-first search (from sources first) dropped. */
function acyclicEdges(outgoing: readonly number[][]): [number, number][] {
  const count = outgoing.length;
  const incoming = new Array<number>(count).fill(0);
  for (const targets of outgoing) for (const t of targets) incoming[t]!++;
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const kept: [number, number][] = [];
  const starts = [...Array(count).keys()].sort((a, b) => Number(incoming[a]! > 0) - Number(incoming[b]! > 0) || a - b);
  for (const start of starts) {
    if (state[start] !== 0) continue;
    // Iterative DFS: designs may be deep enough to overflow recursion.
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      const targets = outgoing[node]!;
      if (next >= targets.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const target = targets[next]!;
      if (state[target] === 1) continue; // a back edge: it would close a cycle
      kept.push([node, target]);
      if (state[target] === 0) {
        state[target] = 1;
        stack.push([target, 0]);
      }
    }
  }
  return kept;
}

/** Longest-path layering over an acyclic edge list; clients are pinned to layer 0. */
function assignLayers(count: number, edges: readonly [number, number][], isClient: readonly boolean[]): number[] {
  const layer = new Array<number>(count).fill(0);
  const incoming = new Array<number>(count).fill(0);
  const outgoing: number[][] = Array.from({ length: count }, () => []);
  for (const [from, to] of edges) {
    outgoing[from]!.push(to);
    incoming[to]!++;
  }
  const hasCaller = incoming.map((n) => n > 0);
  const ready = [...Array(count).keys()].filter((i) => incoming[i] === 0);
  for (let head = 0; head < ready.length; head++) {
    const node = ready[head]!;
    for (const to of outgoing[node]!) {
      layer[to] = Math.max(layer[to]!, layer[node]! + 1);
      if (--incoming[to]! === 0) ready.push(to);
    }
  }
  // A node nothing calls that is not a client (a worker, a cron job) sits just before its first callee.
  for (let i = 0; i < count; i++) {
    if (isClient[i] || hasCaller[i]) continue;
    const callees = outgoing[i]!.map((to) => layer[to]!);
    if (callees.length > 0) layer[i] = Math.max(0, minOf(callees) - 1);
  }
  return layer;
}

/** Nodes of each layer, top to bottom. */
function orderLayers(doc: TopologyDocument, layer: readonly number[], edges: readonly [number, number][]): number[][] {
  const count = layer.length;
  const layers: number[][] = [];
  for (let i = 0; i < count; i++) (layers[layer[i]!] ??= []).push(i);
  for (let l = 0; l < layers.length; l++) layers[l] ??= [];
  const neighbours: number[][] = Array.from({ length: count }, () => []);
  for (const [from, to] of edges) {
    neighbours[from]!.push(to);
    neighbours[to]!.push(from);
  }
  const hostKey = doc.nodes.map((node) => {
    const hostIds = new Set((node.instances ?? []).map((instance) => instance.host ?? ''));
    return hostIds.size === 1 && !hostIds.has('') ? [...hostIds][0]! : null;
  });
  const rank = new Array<number>(count).fill(0);
  const renumber = () => layers.forEach((column) => column.forEach((node, r) => (rank[node] = r - column.length / 2)));
  renumber();
  for (let sweep = 0; sweep < 8; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.map((_, l) => l) : layers.map((_, l) => layers.length - 1 - l);
    for (const l of sequence) {
      const reference = down ? l - 1 : l + 1;
      const column = layers[l]!;
      const centre = new Map<number, number>();
      for (const node of column) {
        const adjacent = neighbours[node]!.filter((n) => layer[n] === reference);
        centre.set(node, adjacent.length === 0 ? rank[node]! : adjacent.reduce((sum, n) => sum + rank[n]!, 0) / adjacent.length);
      }
      const ordered = groupByHost(column, centre, hostKey);
      layers[l] = ordered;
      // Only this layer moved: renumbering every layer here made long chains quadratic.
      ordered.forEach((node, r) => (rank[node] = r - ordered.length / 2));
    }
  }
  return layers;
}

/** Sorts a layer by barycentre, but as blocks: the nodes living only on one host stay together. */
function groupByHost(column: readonly number[], centre: ReadonlyMap<number, number>, hostKey: readonly (string | null)[]): number[] {
  const blocks = new Map<string, number[]>();
  for (const node of column) {
    const key = hostKey[node] === null ? `node:${node}` : `host:${hostKey[node]}`;
    const block = blocks.get(key);
    if (block) block.push(node);
    else blocks.set(key, [node]);
  }
  const mean = (nodes: readonly number[]) => nodes.reduce((sum, n) => sum + centre.get(n)!, 0) / nodes.length;
  return [...blocks.values()]
    .map((nodes) => nodes.sort((a, b) => centre.get(a)! - centre.get(b)! || a - b))
    .sort((a, b) => mean(a) - mean(b) || a[0]! - b[0]!)
    .flat();
}
