/**
 * The document → React Flow view (STYLE: the document is the source of truth; flow nodes are
 * derived). Flow node objects are cached and reused while their inputs are unchanged, so React
 * Flow's equality check skips them and memoized node components do not re-render.
 */
import type { Edge, Node } from '@xyflow/react';
import { resolveEdge, type Host, type Position, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../../shared/document';

/** What a host looks like on the canvas: its name and its colour slot. */
export interface HostView {
  readonly id: string;
  readonly name: string;
  readonly index: number;
}

export interface TopologyNodeData extends Record<string, unknown> {
  readonly node: TopologyNode;
  readonly hosts: ReadonlyMap<string, HostView>;
  readonly highlighted: boolean;
  readonly dimmed: boolean;
}

export interface TopologyEdgeData extends Record<string, unknown> {
  readonly edge: TopologyEdge;
  readonly highlighted: boolean;
  /** The caller does not wait (explicit, or by default into a queue). */
  readonly asynchronous: boolean;
}

export type TopologyFlowNode = Node<TopologyNodeData, 'topology'>;
export type TopologyFlowEdge = Edge<TopologyEdgeData, 'topology'>;

export interface Measured {
  readonly width: number;
  readonly height: number;
}

export interface FlowInputs {
  readonly document: TopologyDocument;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  /** Node ids to emphasise (classification evidence, sweep rows); null when nothing is highlighted. */
  readonly highlightNodes: ReadonlySet<string> | null;
  /** Positions of a drag in progress (not yet in the document). */
  readonly dragPositions: ReadonlyMap<string, Position>;
  readonly measured: ReadonlyMap<string, Measured>;
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

/** A default spot for nodes without a stored position: a grid, so nothing stacks. */
export function fallbackPosition(index: number): Position {
  return { x: (index % 8) * 260, y: Math.floor(index / 8) * 180 };
}

export class FlowCache {
  private nodes = new Map<string, TopologyFlowNode>();
  private edges = new Map<string, TopologyFlowEdge>();

  toNodes(inputs: FlowInputs): TopologyFlowNode[] {
    const { document, selectedNodes, highlightNodes, dragPositions, measured } = inputs;
    const hosts = hostViews(document.hosts);
    const positions = document.view?.positions ?? {};
    const next = new Map<string, TopologyFlowNode>();
    const out = document.nodes.map((node, index) => {
      const position = dragPositions.get(node.id) ?? positions[node.id] ?? fallbackPosition(index);
      const selected = selectedNodes.has(node.id);
      const highlighted = highlightNodes?.has(node.id) ?? false;
      const dimmed = highlightNodes !== null && !highlighted;
      const size = measured.get(node.id);
      const previous = this.nodes.get(node.id);
      const reusable =
        previous &&
        previous.data.node === node &&
        previous.data.hosts === hosts &&
        previous.data.highlighted === highlighted &&
        previous.data.dimmed === dimmed &&
        previous.selected === selected &&
        previous.position.x === position.x &&
        previous.position.y === position.y &&
        previous.measured?.width === size?.width &&
        previous.measured?.height === size?.height;
      const flowNode: TopologyFlowNode = reusable
        ? previous
        : {
            id: node.id,
            type: 'topology',
            position,
            data: { node, hosts, highlighted, dimmed },
            selected,
            ariaLabel: node.name,
            ...(size ? { measured: size } : {}),
          };
      next.set(node.id, flowNode);
      return flowNode;
    });
    this.nodes = next;
    return out;
  }

  toEdges(inputs: FlowInputs): TopologyFlowEdge[] {
    const { document, selectedEdges, highlightNodes } = inputs;
    const names = new Map(document.nodes.map((n) => [n.id, n.name]));
    const kinds = new Map(document.nodes.map((n) => [n.id, n.kind]));
    const next = new Map<string, TopologyFlowEdge>();
    const out = document.edges.map((edge) => {
      const selected = selectedEdges.has(edge.id);
      const highlighted = highlightNodes !== null && highlightNodes.has(edge.from) && highlightNodes.has(edge.to);
      const previous = this.edges.get(edge.id);
      const ariaLabel = `${names.get(edge.from) ?? edge.from} calls ${names.get(edge.to) ?? edge.to}`;
      const asynchronous = resolveEdge(edge, kinds.get(edge.to)).async;
      const flowEdge: TopologyFlowEdge =
        previous && previous.data?.edge === edge && previous.selected === selected && previous.data.highlighted === highlighted && previous.data.asynchronous === asynchronous && previous.ariaLabel === ariaLabel
          ? previous
          : {
              id: edge.id,
              type: 'topology',
              source: edge.from,
              target: edge.to,
              selected,
              data: { edge, highlighted, asynchronous },
              ariaLabel,
            };
      next.set(edge.id, flowEdge);
      return flowEdge;
    });
    this.edges = next;
    return out;
  }
}
