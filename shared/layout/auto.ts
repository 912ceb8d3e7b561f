/**
 * Auto-layout with elkjs (SPEC §6): a compound layered layout — regions and zones as outer
 * parents, servers as parents of their instance cards, orthogonal routing with ports, long chains
 * wrapped — that returns the positions to store: `view.deployment` (servers and free cards) or
 * `view.positions` (logical cards). Instance cards are not stored: the geometry arranges them.
 * Very large designs use the fast layout instead, which is what the geometry draws when positions
 * are missing.
 */
import type { DeploymentView, Position, TopologyDocument } from '../document';
import { deploymentGeometry } from './deployment';
import { logicalGeometry } from './logical';
import type { LayoutDirection, ViewMode } from './types';

type Elk = InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>;
interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
  layoutOptions?: Record<string, string>;
}

/** Above this many cards elkjs takes too long; the fast deterministic layout is used. */
export const ELK_CARD_LIMIT = 1500;

let elk: Promise<Elk> | null = null;
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

export interface AutoLayoutOptions {
  readonly mode: ViewMode;
  readonly direction?: LayoutDirection;
}

export type AutoLayoutResult = { readonly mode: 'deployment'; readonly deployment: DeploymentView } | { readonly mode: 'logical'; readonly positions: Record<string, Position> };

function withoutView(doc: TopologyDocument): TopologyDocument {
  const { view: _view, ...rest } = doc;
  return rest;
}

/** Positions to store for `doc` in the given view, laid out afresh. */
export async function autoLayout(doc: TopologyDocument, options: AutoLayoutOptions): Promise<AutoLayoutResult> {
  const direction = options.direction ?? 'RIGHT';
  // The fast layout (without the saved view) gives the sizes, and the fallback answer.
  const base = withoutView(doc);
  const geometry = options.mode === 'logical' ? logicalGeometry(base, { direction }) : deploymentGeometry(base, { direction });
  const fast = (): AutoLayoutResult => {
    if (options.mode === 'logical') return { mode: 'logical', positions: Object.fromEntries(geometry.cards.map((c) => [c.nodeId, { x: c.x, y: c.y }])) };
    return {
      mode: 'deployment',
      deployment: {
        servers: Object.fromEntries(geometry.servers.map((s) => [s.hostId, { x: s.x, y: s.y }])),
        cards: Object.fromEntries(geometry.cards.filter((c) => c.hostId === null).map((c) => [c.nodeId, { x: c.x, y: c.y }])),
      },
    };
  };
  if (geometry.cards.length > ELK_CARD_LIMIT || geometry.cards.length === 0) return fast();
  const layoutOptions: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.spacing.nodeNode': '48',
    'elk.layered.spacing.nodeNodeBetweenLayers': '96',
    'elk.layered.wrapping.strategy': direction === 'RIGHT' ? 'MULTI_EDGE' : 'OFF',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  };
  // Top-level elk nodes: servers (fixed size, the geometry arranges their cards) inside their
  // zone and region parents, and free cards.
  const top: ElkNode[] = [];
  const parents = new Map<string, ElkNode>();
  const parentOf = (region: string | undefined, zone: string | undefined): ElkNode[] => {
    let list = top;
    if (region !== undefined) {
      const key = `region:${region}`;
      let node = parents.get(key);
      if (!node) {
        node = { id: key, children: [], layoutOptions: { 'elk.padding': '[top=40,left=16,bottom=16,right=16]' } };
        parents.set(key, node);
        list.push(node);
      }
      list = node.children!;
    }
    if (zone !== undefined) {
      const key = `zone:${region ?? ''}:${zone}`;
      let node = parents.get(key);
      if (!node) {
        node = { id: key, children: [], layoutOptions: { 'elk.padding': '[top=40,left=16,bottom=16,right=16]' } };
        parents.set(key, node);
        list.push(node);
      }
      list = node.children!;
    }
    return list;
  };
  const owner = new Map<string, string>(); // card key → elk node id
  for (const server of geometry.servers) {
    parentOf(server.region, server.zone).push({ id: `server:${server.hostId}`, width: server.width, height: server.height });
  }
  for (const card of geometry.cards) {
    if (card.hostId === null) {
      top.push({ id: `card:${card.nodeId}`, width: card.width, height: card.height });
      owner.set(card.key, `card:${card.nodeId}`);
    } else owner.set(card.key, `server:${card.hostId}`);
  }
  const edges = geometry.edges
    .map((route, i) => ({ id: `route:${i}`, sources: [owner.get(route.fromKey)!], targets: [owner.get(route.toKey)!] }))
    .filter((edge) => edge.sources[0] !== edge.targets[0]);
  const graph: ElkNode = { id: 'root', layoutOptions, children: top, edges };
  const laid = (await (await loadElk()).layout(graph as Parameters<Elk['layout']>[0])) as ElkNode;
  const absolute = new Map<string, Position>();
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      absolute.set(child.id, { x: Math.round(x), y: Math.round(y) });
      walk(child, x, y);
    }
  };
  walk(laid, 0, 0);
  if (options.mode === 'logical') {
    return { mode: 'logical', positions: Object.fromEntries(geometry.cards.map((c) => [c.nodeId, absolute.get(`card:${c.nodeId}`) ?? { x: c.x, y: c.y }])) };
  }
  return {
    mode: 'deployment',
    deployment: {
      servers: Object.fromEntries(geometry.servers.map((s) => [s.hostId, absolute.get(`server:${s.hostId}`) ?? { x: s.x, y: s.y }])),
      cards: Object.fromEntries(geometry.cards.filter((c) => c.hostId === null).map((c) => [c.nodeId, absolute.get(`card:${c.nodeId}`) ?? { x: c.x, y: c.y }])),
    },
  };
}
