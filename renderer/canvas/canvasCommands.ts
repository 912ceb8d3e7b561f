/**
 * Viewport commands the toolbar, shortcuts and menus send to the canvas. The canvas registers its
 * React Flow instance here when it mounts; callers need not live inside the ReactFlowProvider.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../shared/document';
import type { TopologyFlowEdge, TopologyFlowNode } from './toFlow';

type Instance = ReactFlowInstance<TopologyFlowNode, TopologyFlowEdge>;

let instance: Instance | null = null;
let container: HTMLElement | null = null;

export function registerCanvas(flow: Instance | null, element: HTMLElement | null): void {
  instance = flow;
  container = element;
}

export function fitView(): void {
  void instance?.fitView({ padding: 0.15, duration: 200 });
}

export function zoomIn(): void {
  void instance?.zoomIn({ duration: 150 });
}

export function zoomOut(): void {
  void instance?.zoomOut({ duration: 150 });
}

/** The flow position at the centre of the visible canvas (where keyboard-added nodes go). */
export function viewportCentre(): Position {
  if (!instance || !container) return { x: 0, y: 0 };
  const rect = container.getBoundingClientRect();
  const p = instance.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  return { x: Math.round(p.x / 20) * 20 - 100, y: Math.round(p.y / 20) * 20 - 40 };
}
