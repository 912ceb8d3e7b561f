/**
 * The deployment view (SPEC §6, "the canvas shows the deployment"): every server exactly one box
 * holding a card per instance placed on it, zones and regions as boxes around their servers,
 * clients and unplaced nodes as free cards, and an orthogonal route per call and instance.
 *
 * Saved positions (`view.deployment`) are honoured; servers and free cards without one are laid
 * out by call depth (`place.ts`) below the saved drawing; boxes that overlap (a server grew) are
 * shifted down, deterministically. Synchronous, pure and near-linear.
 */
import type { Position, TopologyDocument } from '../document';
import { edgeLabel } from '../export/edges';
import { DOMAIN_PADDING } from './cards';
import { callDepths } from './depth';
import { layerBlocks, separate, BLOCK_GAP, type Block, type Movable } from './place';
import { routeCalls, labelBox, type RouteRequest } from './route';
import { serverContents, type CardDraft, type ServerDraft } from './servers';
import { unionOf } from './spatial';
import type { Box, CardBox, DiagramGeometry, DomainBox, EdgeRoute, LayoutDirection, ServerBox } from './types';

export interface GeometryOptions {
  /** Direction of the fallback layout for boxes without a saved position (default RIGHT). */
  readonly direction?: LayoutDirection;
  /** Widest band of the fallback layout before a long chain wraps, in px (default 1600). */
  readonly wrapWidth?: number;
  /**
   * Route the calls (default true). Without, `edges` is empty: the boxes alone, a quarter of the
   * time on a large design — what the canvas shows first while it routes the calls.
   */
  readonly routes?: boolean;
}

/** Space kept between top-level boxes, and between the saved drawing and boxes laid out below it. */
const SEPARATION = 32;
const APPENDED_GAP = 120;

type Item = { kind: 'server'; server: ServerDraft } | { kind: 'card'; card: CardDraft };

/** A block of the fallback layout: a server, a free card, or a zone/region holding several. */
interface Group extends Block {
  readonly items: readonly { item: Item; x: number; y: number }[];
}

function itemSize(item: Item): { width: number; height: number } {
  return item.kind === 'server' ? item.server : item.card;
}

/** Packs children on a near-square grid (one line when four or fewer) inside a domain's padding. */
function domainGroup(children: readonly Group[], direction: LayoutDirection): Group {
  const sorted = [...children].sort((a, b) => a.depth - b.depth || a.order - b.order);
  const n = sorted.length;
  const line = n <= 4 ? n : Math.ceil(Math.sqrt(n));
  const items: { item: Item; x: number; y: number }[] = [];
  let cursorMain = 0;
  let cursorCross = 0;
  let lineThick = 0;
  let width = 0;
  let height = 0;
  const down = direction === 'DOWN';
  sorted.forEach((child, i) => {
    if (i > 0 && i % line === 0) {
      cursorCross += lineThick + BLOCK_GAP;
      cursorMain = 0;
      lineThick = 0;
    }
    const x = DOMAIN_PADDING.side + (down ? cursorCross : cursorMain);
    const y = DOMAIN_PADDING.top + (down ? cursorMain : cursorCross);
    for (const inner of child.items) items.push({ item: inner.item, x: x + inner.x, y: y + inner.y });
    cursorMain += (down ? child.height : child.width) + BLOCK_GAP;
    lineThick = Math.max(lineThick, down ? child.width : child.height);
    width = Math.max(width, x + child.width);
    height = Math.max(height, y + child.height);
  });
  let depth = Infinity;
  let order = Infinity;
  for (const child of children) {
    depth = Math.min(depth, child.depth);
    order = Math.min(order, child.order);
  }
  return { items, width: width + DOMAIN_PADDING.side, height: height + DOMAIN_PADDING.bottom, depth, order };
}

function single(item: Item, depth: number, order: number): Group {
  const size = itemSize(item);
  return { items: [{ item, x: 0, y: 0 }], width: size.width, height: size.height, depth, order };
}

/** The deployment geometry of `doc`. */
export function deploymentGeometry(doc: TopologyDocument, options: GeometryOptions = {}): DiagramGeometry {
  const direction = options.direction ?? 'RIGHT';
  const depth = callDepths(doc);
  const { servers, free } = serverContents(doc, depth, direction);
  const savedServers = doc.view?.deployment?.servers ?? {};
  const savedCards = doc.view?.deployment?.cards ?? {};
  const own = (record: Record<string, Position>, key: string) => Object.prototype.hasOwnProperty.call(record, key);

  // Top-left corner of every server and free card; saved ones first.
  const serverAt = new Map<ServerDraft, Movable>();
  const cardAt = new Map<CardDraft, Movable>();
  const pending: Group[] = [];
  const domains = new Map<string, { region?: string; zone?: string; children: Group[] }>();
  const regionGroups = new Map<string, Group[]>();
  let maxDepth = 0;
  for (let i = 0; i < depth.length; i++) if (depth[i]! > maxDepth) maxDepth = depth[i]!;
  for (const server of servers) {
    if (own(savedServers, server.hostId)) {
      const p = savedServers[server.hostId]!;
      serverAt.set(server, { x: p.x, y: p.y, width: server.width, height: server.height });
      continue;
    }
    const group = single({ kind: 'server', server }, Number.isFinite(server.depth) ? server.depth : maxDepth + 1, server.order);
    if (server.zone !== undefined) {
      const key = `${server.region ?? ''}\u0000${server.zone}`;
      const domain = domains.get(key) ?? { region: server.region, zone: server.zone, children: [] };
      domain.children.push(group);
      domains.set(key, domain);
    } else if (server.region !== undefined) {
      const list = regionGroups.get(server.region) ?? [];
      list.push(group);
      regionGroups.set(server.region, list);
    } else pending.push(group);
  }
  for (const domain of domains.values()) {
    const zone = domainGroup(domain.children, direction);
    if (domain.region !== undefined) {
      const list = regionGroups.get(domain.region) ?? [];
      list.push(zone);
      regionGroups.set(domain.region, list);
    } else pending.push(zone);
  }
  for (const list of regionGroups.values()) pending.push(domainGroup(list, direction));
  for (const card of free) {
    if (own(savedCards, card.nodeId)) {
      const p = savedCards[card.nodeId]!;
      cardAt.set(card, { x: p.x, y: p.y, width: card.width, height: card.height });
    } else pending.push(single({ kind: 'card', card }, depth[card.nodeIndex]!, card.nodeIndex));
  }

  const laidOut = layerBlocks(pending, direction, options.wrapWidth);
  const saved = unionOf([...serverAt.values(), ...cardAt.values()]);
  const hasSaved = serverAt.size + cardAt.size > 0;
  const offset = hasSaved ? { x: saved.x, y: saved.y + saved.height + APPENDED_GAP } : { x: 0, y: 0 };
  pending.forEach((group, g) => {
    const at = laidOut[g]!;
    for (const { item, x, y } of group.items) {
      const size = itemSize(item);
      const box = { x: offset.x + at.x + x, y: offset.y + at.y + y, width: size.width, height: size.height };
      if (item.kind === 'server') serverAt.set(item.server, box);
      else cardAt.set(item.card, box);
    }
  });
  if (hasSaved) separate([...serverAt.values(), ...cardAt.values()], SEPARATION);

  const serverBoxes: ServerBox[] = servers.map((server) => {
    const at = serverAt.get(server)!;
    return {
      hostId: server.hostId,
      name: server.name,
      index: server.index,
      ...(server.zone !== undefined ? { zone: server.zone } : {}),
      ...(server.region !== undefined ? { region: server.region } : {}),
      x: at.x,
      y: at.y,
      width: server.width,
      height: server.height,
    };
  });
  const cards: CardBox[] = [];
  const toCard = (draft: CardDraft, x: number, y: number): CardBox => ({
    key: draft.key,
    nodeId: draft.nodeId,
    instance: draft.instance,
    hostId: draft.hostId,
    nameLines: draft.nameLines,
    replicas: draft.replicas,
    collapsed: draft.collapsed,
    x,
    y,
    width: draft.width,
    height: draft.height,
  });
  // Cards in document order of their node: free card first, then instance cards by server order.
  const byNode: CardBox[][] = doc.nodes.map(() => []);
  for (const card of free) byNode[card.nodeIndex]!.push(toCard(card, cardAt.get(card)!.x, cardAt.get(card)!.y));
  servers.forEach((server) => {
    const at = serverAt.get(server)!;
    for (const draft of server.cards) byNode[draft.nodeIndex]!.push(toCard(draft, at.x + draft.x, at.y + draft.y));
  });
  for (const list of byNode) for (const card of list) cards.push(card);

  const domainBoxes = domainBoxesOf(serverBoxes);
  const edges = options.routes === false ? [] : routeEdges(doc, cards, byNode);
  return { mode: 'deployment', domains: domainBoxes, servers: serverBoxes, cards, edges, bounds: boundsOf(domainBoxes, serverBoxes, cards, edges, doc) };
}

/** Zone boxes around their servers, region boxes around their zones and servers. */
export function domainBoxesOf(servers: readonly ServerBox[]): DomainBox[] {
  const pad = (box: Box): Box => ({
    x: box.x - DOMAIN_PADDING.side,
    y: box.y - DOMAIN_PADDING.top,
    width: box.width + 2 * DOMAIN_PADDING.side,
    height: box.height + DOMAIN_PADDING.top + DOMAIN_PADDING.bottom,
  });
  const zones = new Map<string, { zone: string; region?: string; members: Box[] }>();
  for (const server of servers) {
    if (server.zone === undefined) continue;
    const key = `${server.region ?? ''}\u0000${server.zone}`;
    const zone = zones.get(key) ?? { zone: server.zone, region: server.region, members: [] };
    zone.members.push(server);
    zones.set(key, zone);
  }
  const result: DomainBox[] = [];
  const regionMembers = new Map<string, Box[]>();
  for (const zone of zones.values()) {
    const box = pad(unionOf(zone.members));
    result.push({ kind: 'zone', name: zone.zone, ...(zone.region !== undefined ? { region: zone.region } : {}), ...box });
    if (zone.region !== undefined) {
      const list = regionMembers.get(zone.region) ?? [];
      list.push(box);
      regionMembers.set(zone.region, list);
    }
  }
  for (const server of servers) {
    if (server.zone !== undefined || server.region === undefined) continue;
    const list = regionMembers.get(server.region) ?? [];
    list.push(server);
    regionMembers.set(server.region, list);
  }
  const regions: DomainBox[] = [];
  for (const [name, members] of regionMembers) regions.push({ kind: 'region', name, ...pad(unionOf(members)) });
  // Regions first: outer boxes are drawn before (under) the inner ones.
  return [...regions, ...result];
}

/** One route per caller card and callee card in rotation (max of both counts), for every call. */
export function routeEdges(doc: TopologyDocument, cards: readonly CardBox[], byNode: readonly (readonly CardBox[])[]): EdgeRoute[] {
  const nodeIndex = new Map<string, number>();
  doc.nodes.forEach((node, i) => nodeIndex.set(node.id, i));
  const cardIndex = new Map<CardBox, number>();
  cards.forEach((card, i) => cardIndex.set(card, i));
  const requests: RouteRequest[] = [];
  for (const edge of doc.edges) {
    const from = nodeIndex.get(edge.from);
    const to = nodeIndex.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    const callers = byNode[from]!;
    const callees = byNode[to]!;
    if (callers.length === 0 || callees.length === 0) continue;
    const labelLines = edgeLabel(edge);
    const count = Math.max(callers.length, callees.length);
    for (let j = 0; j < count; j++) {
      requests.push({ edgeId: edge.id, from: cardIndex.get(callers[j % callers.length]!)!, to: cardIndex.get(callees[j % callees.length]!)!, labelLines });
    }
  }
  return routeCalls(cards, requests).map((route) => ({
    edgeId: route.request.edgeId,
    fromKey: cards[route.request.from]!.key,
    toKey: cards[route.request.to]!.key,
    points: route.points,
    label: route.label,
  }));
}

/** Everything drawn, label boxes included. */
export function boundsOf(domains: readonly Box[], servers: readonly Box[], cards: readonly Box[], edges: readonly EdgeRoute[], doc: TopologyDocument): Box {
  const boxes: Box[] = [...domains, ...servers, ...cards];
  const labels = new Map(doc.edges.map((edge) => [edge.id, edgeLabel(edge)]));
  for (const edge of edges) {
    boxes.push(unionOf(edge.points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 }))));
    const lines = labels.get(edge.edgeId) ?? [];
    if (lines.length > 0) boxes.push(labelBox(lines, edge.label));
  }
  return unionOf(boxes);
}
