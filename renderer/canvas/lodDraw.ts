/**
 * Level of detail: a large design zoomed out is drawn on one <canvas> instead of one DOM element
 * per server, card and call (see LodLayer). This module is the pure part: the scene as typed
 * arrays built once per geometry, the per-card live state and flags, viewport culling (the draw
 * list), hit testing and box selection on the geometry, and the painter.
 *
 * The threshold: below 45 % zoom a card's 13 px name is under 6 px on screen — unreadable — so
 * nothing is lost by drawing cards as coloured boxes. Designs of up to 300 flow nodes stay in the
 * DOM at every zoom (they are cheap, and keep dragging at any zoom).
 */
import type { TopologyDocument } from '../../shared/document';
import type { DiagramGeometry } from '../../shared/layout/types';

/** Below this zoom, large designs are drawn on the canvas layer. */
export const LOD_ZOOM = 0.45;
/** Only designs with more flow nodes (servers + cards) than this use the canvas layer. */
export const LOD_MIN_NODES = 300;

/** Below this zoom every line is a hairline (one device pixel). */
const THIN_ZOOM = 0.15;

/** Outline colours shared by the cards of one replica group (cycled; the DOM cards use them too). */
export const GROUP_COLORS = ['#7c3aed', '#0891b2', '#c2410c', '#4d7c0f', '#be185d', '#1d4ed8'];

/** Live status codes per card: 0 = no live state (not simulating). */
export const STATUS = { none: 0, healthy: 1, busy: 2, overloaded: 3, down: 4 } as const;
const STATUS_BY_NAME: Record<string, number> = { healthy: 1, busy: 2, overloaded: 3, down: 4 };

/** Flag bits per card, server and route. */
export const FLAG_SELECTED = 1;
export const FLAG_HIGHLIGHTED = 2;
export const FLAG_DIMMED = 4;
export const FLAG_DOWN = 8;

export interface LodScene {
  readonly geometry: DiagramGeometry;
  /** Zones and regions: x, y, width, height each. */
  readonly domains: Float32Array;
  /** 0 = zone, 1 = region. */
  readonly domainKinds: Uint8Array;
  readonly domainLabels: readonly string[];
  /** Servers: x, y, width, height each, in geometry order. */
  readonly servers: Float32Array;
  readonly serverHosts: readonly string[];
  /** Colour slot of each server's host. */
  readonly serverColor: Int32Array;
  readonly serverNames: readonly string[];
  /** Cards: x, y, width, height each, in geometry order (later cards are drawn on top). */
  readonly cards: Float32Array;
  /** Index into `nodeIds` of each card's node. */
  readonly cardNode: Int32Array;
  /** Index into `kinds` of each card's node kind. */
  readonly cardKind: Uint8Array;
  /** Replica-group colour slot (as the DOM cards number them), -1 for a single instance. */
  readonly cardGroup: Int16Array;
  /** Instance index of an instance card, -1 for a whole-node card. */
  readonly cardInstance: Int32Array;
  /** Index into `servers` of the card's server, -1 on the open canvas. */
  readonly cardServer: Int32Array;
  readonly nodeIds: readonly string[];
  readonly kinds: readonly string[];
  /** Routes: their points flattened (x, y), `routeStart[r]`..`routeStart[r + 1]` in points. */
  readonly routePoints: Float32Array;
  readonly routeStart: Uint32Array;
  /** Bounding box of each route: x0, y0, x1, y1. */
  readonly routeBox: Float32Array;
  /** Index into `nodeIds` of each route's caller and callee node. */
  readonly routeFrom: Int32Array;
  readonly routeTo: Int32Array;
  readonly routeCall: readonly string[];
}

/** Builds the scene of `geometry` (one pass, typed arrays; rebuilt only when the geometry changes). */
export function buildScene(geometry: DiagramGeometry, document: TopologyDocument): LodScene {
  const nodeIndex = new Map<string, number>();
  const nodeIds: string[] = [];
  const kinds: string[] = [];
  const kindIndex = new Map<string, number>();
  const nodeKind: number[] = [];
  for (const node of document.nodes) {
    nodeIndex.set(node.id, nodeIds.length);
    nodeIds.push(node.id);
    let k = kindIndex.get(node.kind);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(node.kind);
      kindIndex.set(node.kind, k);
    }
    nodeKind.push(k);
  }
  const domains = new Float32Array(geometry.domains.length * 4);
  const domainKinds = new Uint8Array(geometry.domains.length);
  geometry.domains.forEach((d, i) => {
    domains.set([d.x, d.y, d.width, d.height], i * 4);
    domainKinds[i] = d.kind === 'region' ? 1 : 0;
  });
  const servers = new Float32Array(geometry.servers.length * 4);
  const serverColor = new Int32Array(geometry.servers.length);
  const serverIndex = new Map<string, number>();
  geometry.servers.forEach((s, i) => {
    servers.set([s.x, s.y, s.width, s.height], i * 4);
    serverColor[i] = s.index;
    serverIndex.set(s.hostId, i);
  });
  const n = geometry.cards.length;
  const cards = new Float32Array(n * 4);
  const cardNode = new Int32Array(n);
  const cardKind = new Uint8Array(n);
  const cardGroup = new Int16Array(n);
  const cardInstance = new Int32Array(n);
  const cardServer = new Int32Array(n);
  const groups = new Map<string, number>();
  geometry.cards.forEach((c, i) => {
    cards[i * 4] = c.x;
    cards[i * 4 + 1] = c.y;
    cards[i * 4 + 2] = c.width;
    cards[i * 4 + 3] = c.height;
    const node = nodeIndex.get(c.nodeId) ?? -1;
    cardNode[i] = node;
    cardKind[i] = node >= 0 ? nodeKind[node]! : 0;
    let group = -1;
    if (c.replicas > 1) {
      group = groups.get(c.nodeId) ?? groups.size;
      groups.set(c.nodeId, group);
    }
    cardGroup[i] = group;
    cardInstance[i] = c.hostId !== null && c.instance !== null ? c.instance : -1;
    cardServer[i] = c.hostId !== null ? (serverIndex.get(c.hostId) ?? -1) : -1;
  });
  let pointCount = 0;
  for (const route of geometry.edges) pointCount += route.points.length;
  const routePoints = new Float32Array(pointCount * 2);
  const routeStart = new Uint32Array(geometry.edges.length + 1);
  const routeBox = new Float32Array(geometry.edges.length * 4);
  const routeFrom = new Int32Array(geometry.edges.length);
  const routeTo = new Int32Array(geometry.edges.length);
  const callOf = new Map(document.edges.map((e) => [e.id, e]));
  let p = 0;
  geometry.edges.forEach((route, r) => {
    routeStart[r] = p;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const point of route.points) {
      routePoints[p * 2] = point.x;
      routePoints[p * 2 + 1] = point.y;
      p += 1;
      x0 = Math.min(x0, point.x);
      y0 = Math.min(y0, point.y);
      x1 = Math.max(x1, point.x);
      y1 = Math.max(y1, point.y);
    }
    routeBox.set([x0, y0, x1, y1], r * 4);
    const call = callOf.get(route.edgeId);
    routeFrom[r] = call ? (nodeIndex.get(call.from) ?? -1) : -1;
    routeTo[r] = call ? (nodeIndex.get(call.to) ?? -1) : -1;
  });
  routeStart[geometry.edges.length] = p;
  return {
    geometry,
    domains,
    domainKinds,
    domainLabels: geometry.domains.map((d) => `${d.kind === 'zone' ? 'zone' : 'region'} ${d.name}`),
    servers,
    serverHosts: geometry.servers.map((s) => s.hostId),
    serverColor,
    serverNames: geometry.servers.map((s) => s.name),
    cards,
    cardNode,
    cardKind,
    cardGroup,
    cardInstance,
    cardServer,
    nodeIds,
    kinds,
    routePoints,
    routeStart,
    routeBox,
    routeFrom,
    routeTo,
    routeCall: geometry.edges.map((e) => e.edgeId),
  };
}

/** The live part of a node the layer reads (the simulation store's node state). */
export interface LiveNode {
  readonly status: string;
  readonly utilization: number;
  readonly instancesUp: readonly boolean[];
  readonly instanceStatus: readonly string[];
}

/**
 * Each card's live status (STATUS codes) and its node's utilization, by the rules of the DOM
 * card: an instance card shows its own instance (down with its server), a whole-node card the node.
 */
export function cardStates(scene: LodScene, nodes: Readonly<Record<string, LiveNode | undefined>>, hostsDown: readonly string[], status: Uint8Array, utilization: Float32Array): void {
  const down = new Set(hostsDown);
  const count = scene.cardNode.length;
  for (let i = 0; i < count; i += 1) {
    const node = scene.cardNode[i]!;
    const live = node >= 0 ? nodes[scene.nodeIds[node]!] : undefined;
    const instance = scene.cardInstance[i]!;
    const server = scene.cardServer[i]!;
    const hostDown = instance >= 0 && server >= 0 && down.has(scene.serverHosts[server]!);
    if (!live) {
      status[i] = hostDown ? STATUS.down : STATUS.none;
      utilization[i] = 0;
      continue;
    }
    const instanceDown = instance >= 0 && (hostDown || live.instancesUp[instance] === false);
    const name = instanceDown ? 'down' : instance >= 0 ? (live.instanceStatus[instance] ?? live.status) : live.status;
    status[i] = STATUS_BY_NAME[name] ?? STATUS.none;
    utilization[i] = Math.min(1, Math.max(0, live.utilization));
  }
}

export interface Emphasis {
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  readonly selectedHost: string | null;
  readonly highlightNodes: ReadonlySet<string> | null;
  readonly highlightHosts: ReadonlySet<string> | null;
  readonly hostsDown: readonly string[];
}

export interface SceneFlags {
  readonly cards: Uint8Array;
  readonly servers: Uint8Array;
  readonly routes: Uint8Array;
}

/** Selection, highlight (findings, sweep rows) and dimming, as the DOM cards and boxes show them. */
export function sceneFlags(scene: LodScene, emphasis: Emphasis): SceneFlags {
  const { selectedNodes, selectedEdges, selectedHost, highlightNodes, highlightHosts } = emphasis;
  const highlighting = highlightNodes !== null || highlightHosts !== null;
  const down = new Set(emphasis.hostsDown);
  const servers = new Uint8Array(scene.serverHosts.length);
  scene.serverHosts.forEach((host, i) => {
    const highlighted = highlightHosts?.has(host) ?? false;
    servers[i] = (host === selectedHost ? FLAG_SELECTED : 0) | (highlighted ? FLAG_HIGHLIGHTED : 0) | (highlighting && !highlighted ? FLAG_DIMMED : 0) | (down.has(host) ? FLAG_DOWN : 0);
  });
  const cards = new Uint8Array(scene.cardNode.length);
  for (let i = 0; i < cards.length; i += 1) {
    const node = scene.cardNode[i]!;
    const id = node >= 0 ? scene.nodeIds[node]! : '';
    const server = scene.cardServer[i]!;
    const highlighted = (highlightNodes?.has(id) ?? false) || (server >= 0 && (highlightHosts?.has(scene.serverHosts[server]!) ?? false));
    cards[i] = (selectedNodes.has(id) ? FLAG_SELECTED : 0) | (highlighted ? FLAG_HIGHLIGHTED : 0) | (highlighting && !highlighted ? FLAG_DIMMED : 0);
  }
  const routes = new Uint8Array(scene.routeCall.length);
  for (let r = 0; r < routes.length; r += 1) {
    const from = scene.routeFrom[r]!;
    const to = scene.routeTo[r]!;
    const highlighted = highlightNodes !== null && from >= 0 && to >= 0 && highlightNodes.has(scene.nodeIds[from]!) && highlightNodes.has(scene.nodeIds[to]!);
    routes[r] = (selectedEdges.has(scene.routeCall[r]!) ? FLAG_SELECTED : 0) | (highlighted ? FLAG_HIGHLIGHTED : 0) | (highlighting && !highlighted ? FLAG_DIMMED : 0);
  }
  return { cards, servers, routes };
}

/** A rectangle in canvas (flow) coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of the canvas a viewport shows: screen size `width`×`height` at transform (x, y, zoom). */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

/** What a frame draws: indices of the domains, servers, cards and routes that meet the view. */
export interface DrawList {
  domains: Int32Array;
  domainCount: number;
  servers: Int32Array;
  serverCount: number;
  cards: Int32Array;
  cardCount: number;
  routes: Int32Array;
  routeCount: number;
}

export function emptyDrawList(scene: LodScene): DrawList {
  return {
    domains: new Int32Array(scene.domainKinds.length),
    domainCount: 0,
    servers: new Int32Array(scene.serverHosts.length),
    serverCount: 0,
    cards: new Int32Array(scene.cardNode.length),
    cardCount: 0,
    routes: new Int32Array(scene.routeCall.length),
    routeCount: 0,
  };
}

function boxesIn(boxes: Float32Array, view: Rect, out: Int32Array): number {
  const x1 = view.x + view.width;
  const y1 = view.y + view.height;
  let count = 0;
  for (let i = 0, n = boxes.length / 4; i < n; i += 1) {
    const x = boxes[i * 4]!;
    const y = boxes[i * 4 + 1]!;
    if (x <= x1 && y <= y1 && x + boxes[i * 4 + 2]! >= view.x && y + boxes[i * 4 + 3]! >= view.y) out[count++] = i;
  }
  return count;
}

/** Culls the scene to `view` (no allocation: fills `out`, made by emptyDrawList for this scene). */
export function drawList(scene: LodScene, view: Rect, out: DrawList = emptyDrawList(scene)): DrawList {
  out.domainCount = boxesIn(scene.domains, view, out.domains);
  out.serverCount = boxesIn(scene.servers, view, out.servers);
  out.cardCount = boxesIn(scene.cards, view, out.cards);
  const x1 = view.x + view.width;
  const y1 = view.y + view.height;
  let count = 0;
  const box = scene.routeBox;
  for (let r = 0, n = scene.routeCall.length; r < n; r += 1) {
    if (box[r * 4]! <= x1 && box[r * 4 + 1]! <= y1 && box[r * 4 + 2]! >= view.x && box[r * 4 + 3]! >= view.y) out.routes[count++] = r;
  }
  out.routeCount = count;
  return out;
}

export type Hit = { readonly kind: 'card'; readonly index: number } | { readonly kind: 'server'; readonly index: number } | null;

function inside(boxes: Float32Array, i: number, x: number, y: number): boolean {
  const bx = boxes[i * 4]!;
  const by = boxes[i * 4 + 1]!;
  return x >= bx && y >= by && x <= bx + boxes[i * 4 + 2]! && y <= by + boxes[i * 4 + 3]!;
}

/** What is under the point (canvas coordinates): the topmost card, else the server, else nothing. */
export function hitTest(scene: LodScene, x: number, y: number): Hit {
  for (let i = scene.cardNode.length - 1; i >= 0; i -= 1) if (inside(scene.cards, i, x, y)) return { kind: 'card', index: i };
  for (let i = scene.serverHosts.length - 1; i >= 0; i -= 1) if (inside(scene.servers, i, x, y)) return { kind: 'server', index: i };
  return null;
}

/** Node ids of the cards lying wholly inside `rect` (box selection, as React Flow's full mode). */
export function nodesInRect(scene: LodScene, rect: Rect): string[] {
  const out = new Set<string>();
  const x1 = rect.x + rect.width;
  const y1 = rect.y + rect.height;
  const boxes = scene.cards;
  for (let i = 0; i < scene.cardNode.length; i += 1) {
    const x = boxes[i * 4]!;
    const y = boxes[i * 4 + 1]!;
    if (x >= rect.x && y >= rect.y && x + boxes[i * 4 + 2]! <= x1 && y + boxes[i * 4 + 3]! <= y1 && scene.cardNode[i]! >= 0) out.add(scene.nodeIds[scene.cardNode[i]!]!);
  }
  return [...out];
}

/** Colours of the painter (read from the theme's CSS variables by the layer). */
export interface Palette {
  readonly card: string;
  readonly border: string;
  readonly borderStrong: string;
  readonly canvas: string;
  readonly call: string;
  readonly accent: string;
  readonly highlight: string;
  readonly muted: string;
  readonly ok: string;
  readonly busy: string;
  readonly bad: string;
  /** Kind hue by `scene.kinds` index. */
  readonly kinds: readonly string[];
  /** Host tint by colour slot (0 .. hostSlots - 1). */
  host(index: number): string;
  readonly hostSlots: number;
}

export interface Frame {
  readonly ratio: number;
  readonly transform: readonly [number, number, number];
  readonly list: DrawList;
  readonly flags: SceneFlags;
  readonly status: Uint8Array;
  readonly utilization: Float32Array;
  /** The plain calls pre-drawn at this zoom, and the canvas box the image covers. */
  readonly calls?: { readonly image: CanvasImageSource; readonly box: Rect };
}

type Ctx = CanvasRenderingContext2D;

const PLAIN = FLAG_DIMMED | FLAG_SELECTED | FLAG_HIGHLIGHTED;

function strokeMatching(context: Ctx, scene: LodScene, flags: SceneFlags, routes: Int32Array, count: number, mask: number, want: number, color: string, width: number): void {
  const points = scene.routePoints;
  context.strokeStyle = color;
  context.lineWidth = width;
  context.beginPath();
  let any = false;
  for (let k = 0; k < count; k += 1) {
    const r = routes[k]!;
    if ((flags.routes[r]! & mask) !== want) continue;
    const start = scene.routeStart[r]!;
    const end = scene.routeStart[r + 1]!;
    if (end - start < 2) continue;
    context.moveTo(points[start * 2]!, points[start * 2 + 1]!);
    for (let q = start + 1; q < end; q += 1) context.lineTo(points[q * 2]!, points[q * 2 + 1]!);
    any = true;
  }
  if (any) context.stroke();
}

/**
 * The plain calls (neither selected nor highlighted; dimmed ones faded) as one-pixel lines. Drawn
 * into the frame, or once per zoom into an image of the whole design that a pan only moves.
 */
export function strokeCalls(context: Ctx, scene: LodScene, palette: Palette, flags: SceneFlags, routes: Int32Array, count: number, zoom: number): void {
  context.lineJoin = 'miter';
  context.globalAlpha = 0.35;
  strokeMatching(context, scene, flags, routes, count, PLAIN, FLAG_DIMMED, palette.call, 1 / zoom);
  context.globalAlpha = 1;
  strokeMatching(context, scene, flags, routes, count, PLAIN, 0, palette.call, 1 / zoom);
}

function rectPath(context: Ctx, boxes: Float32Array, i: number): void {
  context.rect(boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!);
}

/**
 * Paints one frame: zones and regions, servers, calls, then cards (fill by live status with a
 * utilization bar, kind stripe, replica-group outline), then selection and highlight outlines.
 * Batched by colour: one path per colour per pass, whatever the number of cards.
 */
export function paint(context: Ctx, scene: LodScene, palette: Palette, frame: Frame): void {
  const { ratio, transform, list, flags, status, utilization } = frame;
  const [tx, ty, zoom] = transform;
  const px = 1 / zoom;
  // Far out, every line is one device pixel: a hairline, which the rasterizer draws much faster.
  const thin = zoom < THIN_ZOOM;
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
  context.lineJoin = 'miter';

  // Zones and regions: dashed outlines behind everything.
  if (list.domainCount > 0) {
    context.strokeStyle = palette.borderStrong;
    context.lineWidth = 1.5 * px;
    context.setLineDash([6 * px, 4 * px]);
    context.beginPath();
    for (let k = 0; k < list.domainCount; k += 1) rectPath(context, scene.domains, list.domains[k]!);
    context.stroke();
    context.setLineDash([]);
    {
      context.fillStyle = palette.muted;
      context.font = `600 ${12 * px}px ui-monospace, monospace`;
      context.textBaseline = 'top';
      for (let k = 0; k < list.domainCount; k += 1) {
        const i = list.domains[k]!;
        context.fillText(scene.domainLabels[i]!, scene.domains[i * 4]! + 10 * px, scene.domains[i * 4 + 1]! + 4 * px);
      }
    }
  }

  // Servers: a light fill and an outline in the host's tint (red when down), batched by colour.
  const slots = palette.hostSlots;
  for (let pass = 0; pass < 2; pass += 1) {
    const dimmed = pass === 1;
    const base = dimmed ? 0.55 : 1;
    const take = (k: number): number => {
      const i = list.servers[k]!;
      return ((flags.servers[i]! & FLAG_DIMMED) !== 0) === dimmed ? i : -1;
    };
    context.globalAlpha = base;
    context.fillStyle = palette.canvas;
    context.beginPath();
    for (let k = 0; k < list.serverCount; k += 1) {
      const i = take(k);
      if (i >= 0) rectPath(context, scene.servers, i);
    }
    context.fill();
    // slot -1: the downed servers
    for (let slot = -1; slot < slots; slot += 1) {
      context.beginPath();
      let any = false;
      for (let k = 0; k < list.serverCount; k += 1) {
        const i = take(k);
        if (i < 0) continue;
        const down = (flags.servers[i]! & FLAG_DOWN) !== 0;
        if (slot < 0 ? !down : down || scene.serverColor[i]! % slots !== slot) continue;
        rectPath(context, scene.servers, i);
        any = true;
      }
      if (!any) continue;
      const color = slot < 0 ? palette.bad : palette.host(slot);
      context.globalAlpha = base * 0.1;
      context.fillStyle = color;
      context.fill();
      context.globalAlpha = base;
      context.strokeStyle = color;
      context.lineWidth = (thin ? 1 : 1.5) * px;
      context.stroke();
    }
  }
  context.globalAlpha = 1;
  context.font = `600 ${11 * px}px system-ui, sans-serif`;
  context.textBaseline = 'top';
  for (let k = 0; k < list.serverCount; k += 1) {
    const i = list.servers[k]!;
    if (scene.servers[i * 4 + 2]! * zoom < 70) continue;
    context.fillStyle = (flags.servers[i]! & FLAG_DOWN) !== 0 ? palette.bad : palette.host(scene.serverColor[i]!);
    const label = (flags.servers[i]! & FLAG_DOWN) !== 0 ? `${scene.serverNames[i]!} ✖ down` : scene.serverNames[i]!;
    context.fillText(label, scene.servers[i * 4]! + 8 * px, scene.servers[i * 4 + 1]! + 5 * px);
  }

  // Calls: the plain ones (from the pre-drawn layer when there is one), then the selected and
  // highlighted ones on top.
  if (frame.calls) {
    const { image, box } = frame.calls;
    context.drawImage(image, box.x, box.y, box.width, box.height);
  } else strokeCalls(context, scene, palette, flags, list.routes, list.routeCount, zoom);
  const strokeRoutes = (mask: number, want: number, color: string, width: number) => strokeMatching(context, scene, flags, list.routes, list.routeCount, mask, want, color, width * px);
  strokeRoutes(FLAG_HIGHLIGHTED, FLAG_HIGHLIGHTED, palette.highlight, 2.5);
  strokeRoutes(FLAG_SELECTED, FLAG_SELECTED, palette.accent, 2.2);

  // Cards, in two passes: the ones in view, then the dimmed ones faded.
  const boxes = scene.cards;
  const statusColor = ['', palette.ok, palette.busy, palette.bad, palette.bad];
  for (let pass = 0; pass < 2; pass += 1) {
    const dimmed = pass === 1;
    const base = dimmed ? 0.35 : 1;
    const take = (k: number): number => {
      const i = list.cards[k]!;
      return ((flags.cards[i]! & FLAG_DIMMED) !== 0) === dimmed ? i : -1;
    };
    context.globalAlpha = base;
    context.fillStyle = palette.card;
    context.beginPath();
    for (let k = 0; k < list.cardCount; k += 1) {
      const i = take(k);
      if (i >= 0) rectPath(context, boxes, i);
    }
    context.fill();
    // Live status: a tint of the card by its status and a utilization bar along its foot.
    for (let s = 1; s < statusColor.length; s += 1) {
      context.fillStyle = statusColor[s]!;
      context.globalAlpha = base * (s === STATUS.down ? 0.35 : 0.18);
      context.beginPath();
      let any = false;
      for (let k = 0; k < list.cardCount; k += 1) {
        const i = take(k);
        if (i < 0 || status[i] !== s) continue;
        rectPath(context, boxes, i);
        any = true;
      }
      if (!any) continue;
      context.fill();
      context.globalAlpha = base;
      context.beginPath();
      for (let k = 0; k < list.cardCount; k += 1) {
        const i = take(k);
        if (i < 0 || status[i] !== s) continue;
        const h = boxes[i * 4 + 3]!;
        context.rect(boxes[i * 4]!, boxes[i * 4 + 1]! + h * 0.78, boxes[i * 4 + 2]! * utilization[i]!, h * 0.22);
      }
      context.fill();
    }
    context.globalAlpha = base;
    // The kind stripe on the left, as the DOM card's left border.
    for (let kind = 0; kind < scene.kinds.length; kind += 1) {
      context.fillStyle = palette.kinds[kind]!;
      context.beginPath();
      let any = false;
      for (let k = 0; k < list.cardCount; k += 1) {
        const i = take(k);
        if (i < 0 || scene.cardKind[i] !== kind) continue;
        context.rect(boxes[i * 4]!, boxes[i * 4 + 1]!, Math.max(8, 3 * px), boxes[i * 4 + 3]!);
        any = true;
      }
      if (any) context.fill();
    }
    // Outlines: the replica group's colour, else the border (red when down).
    for (let g = -1; g < GROUP_COLORS.length; g += 1) {
      context.strokeStyle = g < 0 ? palette.borderStrong : GROUP_COLORS[g]!;
      context.lineWidth = (g < 0 || thin ? 1 : 2) * px;
      context.beginPath();
      let any = false;
      for (let k = 0; k < list.cardCount; k += 1) {
        const i = take(k);
        if (i < 0 || status[i] === STATUS.down) continue;
        const group = scene.cardGroup[i]!;
        if ((group < 0 ? -1 : group % GROUP_COLORS.length) !== g) continue;
        rectPath(context, boxes, i);
        any = true;
      }
      if (any) context.stroke();
    }
    context.strokeStyle = palette.bad;
    context.lineWidth = 2 * px;
    context.beginPath();
    for (let k = 0; k < list.cardCount; k += 1) {
      const i = take(k);
      if (i >= 0 && status[i] === STATUS.down) rectPath(context, boxes, i);
    }
    context.stroke();
  }
  context.globalAlpha = 1;

  // Emphasis: highlighted and selected cards and servers, outlined outside their box.
  const outline = (mask: number, color: string, width: number, gap: number) => {
    context.strokeStyle = color;
    context.lineWidth = width * px;
    context.beginPath();
    let any = false;
    for (let k = 0; k < list.serverCount; k += 1) {
      const i = list.servers[k]!;
      if ((flags.servers[i]! & mask) === 0) continue;
      const o = gap * px;
      context.rect(scene.servers[i * 4]! - o, scene.servers[i * 4 + 1]! - o, scene.servers[i * 4 + 2]! + 2 * o, scene.servers[i * 4 + 3]! + 2 * o);
      any = true;
    }
    for (let k = 0; k < list.cardCount; k += 1) {
      const i = list.cards[k]!;
      if ((flags.cards[i]! & mask) === 0) continue;
      const o = gap * px;
      context.rect(boxes[i * 4]! - o, boxes[i * 4 + 1]! - o, boxes[i * 4 + 2]! + 2 * o, boxes[i * 4 + 3]! + 2 * o);
      any = true;
    }
    if (any) context.stroke();
  };
  outline(FLAG_HIGHLIGHTED, palette.highlight, 3, 3);
  outline(FLAG_SELECTED, palette.accent, 2.5, 2);
}
