/**
 * The diagram geometry → React Flow view (STYLE: the document is the source of truth; flow nodes
 * are derived). Servers are parent nodes, instance cards their children (React Flow then moves a
 * server's cards with it); free cards and logical-view cards are top-level. Flow objects are
 * cached and reused while their inputs are unchanged, so React Flow's equality check skips them
 * and the memoized node components do not re-render.
 */
import { Position as Side, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { resolveEdge, type Host, type Position, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../../shared/document';
import type { CardBox, DiagramGeometry, EdgeRoute, ServerBox } from '../../shared/layout/types';

/** Side of a card's connection handles (`.topo-handle`: 10 px, centred on the card's edge). */
const HANDLE_SIZE = 10;
const NO_HANDLES: NodeHandle[] = [];

/**
 * Where a card's handles are, known from its box before the card is drawn. React Flow renders
 * every node it has not measured yet, whatever the viewport, to find its handles: given them up
 * front, it culls a large design's cards from the first frame (20,000 cards were all put into the
 * DOM once, for seconds, before).
 */
export function cardHandles(card: { readonly width: number; readonly height: number }, target: boolean): NodeHandle[] {
  const y = card.height / 2 - HANDLE_SIZE / 2;
  const source: NodeHandle = { type: 'source', position: Side.Right, x: card.width - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE };
  return target ? [{ type: 'target', position: Side.Left, x: -HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE }, source] : [source];
}

/** What a host looks like on the canvas: its name and its colour slot. */
export interface HostView {
  readonly id: string;
  readonly name: string;
  readonly index: number;
}

export interface TopologyNodeData extends Record<string, unknown> {
  readonly node: TopologyNode;
  readonly card: CardBox;
  readonly hosts: ReadonlyMap<string, HostView>;
  readonly highlighted: boolean;
  readonly dimmed: boolean;
  /** Replica groups: a colour slot shared by all cards of the node (their common outline). */
  readonly group: number | null;
}

export interface ServerNodeData extends Record<string, unknown> {
  readonly server: ServerBox;
  readonly highlighted: boolean;
  readonly dimmed: boolean;
}

export interface TopologyEdgeData extends Record<string, unknown> {
  readonly edge: TopologyEdge;
  readonly route: EdgeRoute;
  readonly highlighted: boolean;
  /** The caller does not wait (explicit, or by default into a queue). */
  readonly asynchronous: boolean;
  /** Only the first route of a call carries its label (a call into a group has one route per instance). */
  readonly labelled: boolean;
}

export type TopologyFlowNode = Node<TopologyNodeData, 'topology'>;
export type ServerFlowNode = Node<ServerNodeData, 'server'>;
export type CanvasFlowNode = TopologyFlowNode | ServerFlowNode;
export type TopologyFlowEdge = Edge<TopologyEdgeData, 'topology'>;

export interface FlowInputs {
  readonly document: TopologyDocument;
  readonly geometry: DiagramGeometry;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  readonly selectedHost: string | null;
  /** Node ids to emphasise (classification evidence, sweep rows); null when nothing is highlighted. */
  readonly highlightNodes: ReadonlySet<string> | null;
  readonly highlightHosts: ReadonlySet<string> | null;
  /** Positions of a drag in progress, by flow node id (relative to the parent for instance cards). */
  readonly dragPositions: ReadonlyMap<string, Position>;
}

/** The flow node id of a server box (host ids and card keys share no namespace otherwise). */
export function serverNodeId(hostId: string): string {
  return `server:${hostId}`;
}

const hostViewCache = new WeakMap<readonly Host[], ReadonlyMap<string, HostView>>();

export function hostViews(hosts: readonly Host[]): ReadonlyMap<string, HostView> {
  let views = hostViewCache.get(hosts);
  if (!views) {
    views = new Map(hosts.map((h, index) => [h.id, { id: h.id, name: h.name, index }]));
    hostViewCache.set(hosts, views);
  }
  return views;
}

function sameBox(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function sameCard(a: CardBox, b: CardBox): boolean {
  return (
    sameBox(a, b) &&
    a.hostId === b.hostId &&
    a.instance === b.instance &&
    a.replicas === b.replicas &&
    a.collapsed === b.collapsed &&
    a.nameLines.length === b.nameLines.length &&
    a.nameLines.every((line, i) => line === b.nameLines[i])
  );
}

function sameServer(a: ServerBox, b: ServerBox): boolean {
  return sameBox(a, b) && a.name === b.name && a.index === b.index && a.zone === b.zone && a.region === b.region;
}

function samePoints(a: readonly Position[], b: readonly Position[]): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i]!.x && p.y === b[i]!.y);
}

/** The accessible name of a card: "Orders on app-1" inside a server, the node's name elsewhere. */
export function cardLabel(node: TopologyNode, card: CardBox, hosts: ReadonlyMap<string, HostView>): string {
  if (card.hostId === null || card.instance === null) return node.name;
  const host = hosts.get(card.hostId)?.name ?? card.hostId;
  return card.replicas > 1 ? `${node.name} on ${host}, instance ${card.instance + 1} of ${card.replicas}` : `${node.name} on ${host}`;
}

export class FlowCache {
  private nodes = new Map<string, CanvasFlowNode>();
  private edges = new Map<string, TopologyFlowEdge>();

  toNodes(inputs: FlowInputs): CanvasFlowNode[] {
    const { document, geometry, selectedNodes, selectedHost, highlightNodes, highlightHosts, dragPositions } = inputs;
    const hosts = hostViews(document.hosts);
    const byId = new Map(document.nodes.map((n) => [n.id, n]));
    const serverBoxes = new Map(geometry.servers.map((s) => [s.hostId, s]));
    const next = new Map<string, CanvasFlowNode>();
    const out: CanvasFlowNode[] = [];
    const highlighting = highlightNodes !== null || highlightHosts !== null;

    // Parents come before their children, as React Flow requires.
    for (const server of geometry.servers) {
      const id = serverNodeId(server.hostId);
      const position = dragPositions.get(id) ?? { x: server.x, y: server.y };
      const selected = selectedHost === server.hostId;
      const highlighted = highlightHosts?.has(server.hostId) ?? false;
      const dimmed = highlighting && !highlighted;
      const previous = this.nodes.get(id) as ServerFlowNode | undefined;
      const reusable =
        previous?.type === 'server' &&
        sameServer(previous.data.server, server) &&
        previous.selected === selected &&
        previous.data.highlighted === highlighted &&
        previous.data.dimmed === dimmed &&
        previous.position.x === position.x &&
        previous.position.y === position.y;
      const flowNode: ServerFlowNode = reusable
        ? previous
        : {
            id,
            type: 'server',
            position,
            width: server.width,
            height: server.height,
            data: { server, highlighted, dimmed },
            // No handles, said up front: React Flow then culls the box before it was ever measured.
            handles: NO_HANDLES,
            selected,
            connectable: false,
            zIndex: 0,
            ariaRole: 'group',
            ariaLabel: `Server ${server.name}`,
          };
      next.set(id, flowNode);
      out.push(flowNode);
    }

    const groups = new Map<string, number>();
    for (const card of geometry.cards) {
      const node = byId.get(card.nodeId);
      if (!node) continue;
      const parent = card.hostId !== null ? serverBoxes.get(card.hostId) : undefined;
      const base = parent ? { x: card.x - parent.x, y: card.y - parent.y } : { x: card.x, y: card.y };
      const position = dragPositions.get(card.key) ?? base;
      const selected = selectedNodes.has(node.id);
      const highlighted = (highlightNodes?.has(node.id) ?? false) || (card.hostId !== null && (highlightHosts?.has(card.hostId) ?? false));
      const dimmed = highlighting && !highlighted;
      let group: number | null = null;
      if (card.replicas > 1) {
        group = groups.get(node.id) ?? groups.size;
        groups.set(node.id, group);
      }
      const previous = this.nodes.get(card.key) as TopologyFlowNode | undefined;
      const reusable =
        previous?.type === 'topology' &&
        previous.data.node === node &&
        previous.data.hosts === hosts &&
        sameCard(previous.data.card, card) &&
        previous.data.highlighted === highlighted &&
        previous.data.dimmed === dimmed &&
        previous.data.group === group &&
        previous.selected === selected &&
        previous.position.x === position.x &&
        previous.position.y === position.y;
      const flowNode: TopologyFlowNode = reusable
        ? previous
        : {
            id: card.key,
            type: 'topology',
            position,
            width: card.width,
            height: card.height,
            handles: cardHandles(card, node.kind !== 'client'),
            data: { node, card, hosts, highlighted, dimmed, group },
            selected,
            // Above the calls (2), which are above the server boxes (0): a call never covers a card.
            zIndex: 3,
            ariaLabel: cardLabel(node, card, hosts),
            ...(parent ? { parentId: serverNodeId(parent.hostId) } : {}),
          };
      next.set(card.key, flowNode);
      out.push(flowNode);
    }
    this.nodes = next;
    return out;
  }

  toEdges(inputs: FlowInputs): TopologyFlowEdge[] {
    const { document, geometry, selectedEdges, highlightNodes } = inputs;
    const names = new Map(document.nodes.map((n) => [n.id, n.name]));
    const kinds = new Map(document.nodes.map((n) => [n.id, n.kind]));
    const edgesById = new Map(document.edges.map((e) => [e.id, e]));
    const cardsByKey = new Map(geometry.cards.map((c) => [c.key, c]));
    const hosts = hostViews(document.hosts);
    const routesPerEdge = new Map<string, number>();
    for (const route of geometry.edges) routesPerEdge.set(route.edgeId, (routesPerEdge.get(route.edgeId) ?? 0) + 1);
    const seen = new Map<string, number>();
    const next = new Map<string, TopologyFlowEdge>();
    const out: TopologyFlowEdge[] = [];
    for (const route of geometry.edges) {
      const edge = edgesById.get(route.edgeId);
      if (!edge) continue;
      const index = seen.get(route.edgeId) ?? 0;
      seen.set(route.edgeId, index + 1);
      const id = index === 0 ? edge.id : `${edge.id}|${route.toKey}|${index}`;
      const selected = selectedEdges.has(edge.id);
      const highlighted = highlightNodes !== null && highlightNodes.has(edge.from) && highlightNodes.has(edge.to);
      const asynchronous = resolveEdge(edge, kinds.get(edge.to)).async;
      const target = cardsByKey.get(route.toKey);
      const many = (routesPerEdge.get(edge.id) ?? 1) > 1;
      const where = many && target?.hostId ? ` on ${hosts.get(target.hostId)?.name ?? target.hostId}` : '';
      const ariaLabel = `${names.get(edge.from) ?? edge.from} calls ${names.get(edge.to) ?? edge.to}${index > 0 || many ? where : ''}`;
      const labelled = index === 0;
      const previous = this.edges.get(id);
      const reusable =
        previous?.data &&
        previous.data.edge === edge &&
        previous.source === route.fromKey &&
        previous.target === route.toKey &&
        samePoints(previous.data.route.points, route.points) &&
        previous.data.route.label.x === route.label.x &&
        previous.data.route.label.y === route.label.y &&
        previous.selected === selected &&
        previous.data.highlighted === highlighted &&
        previous.data.asynchronous === asynchronous &&
        previous.ariaLabel === ariaLabel;
      const flowEdge: TopologyFlowEdge = reusable
        ? previous
        : {
            id,
            type: 'topology',
            source: route.fromKey,
            target: route.toKey,
            selected,
            zIndex: 2,
            data: { edge, route, highlighted, asynchronous, labelled },
            ariaLabel,
          };
      next.set(id, flowEdge);
      out.push(flowEdge);
    }
    this.edges = next;
    return out;
  }
}
