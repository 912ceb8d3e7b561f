/**
 * Viewport commands the toolbar, shortcuts and menus send to the canvas. The canvas registers its
 * React Flow instance and its current geometry here when it mounts; callers need not live inside
 * the ReactFlowProvider.
 *
 * Fit and the opening view keep clear of the minimap (bottom right), the hosts legend (top right)
 * and the zoom controls (bottom left), so those never cover a card.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../shared/document';
import type { Box, DiagramGeometry } from '../../shared/layout/types';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import type { CanvasFlowNode, TopologyFlowEdge } from './toFlow';
import { entryBox, freeSpot, viewportFor, type Insets } from './viewport';

type Instance = ReactFlowInstance<CanvasFlowNode, TopologyFlowEdge>;

let instance: Instance | null = null;
let container: HTMLElement | null = null;
let geometry: () => DiagramGeometry | null = () => null;

/** Card names are drawn at this size (px at zoom 1; the layout's and exports' size too, see canvas.css). */
export const NAME_FONT_PX = 13;
/** The smallest zoom at which names are at least 12 px on screen. */
export const READABLE_ZOOM = 12 / NAME_FONT_PX;
const MAX_FIT_ZOOM = 1.25;

export function registerCanvas(flow: Instance | null, element: HTMLElement | null, currentGeometry: () => DiagramGeometry | null = () => null): void {
  instance = flow;
  container = element;
  geometry = currentGeometry;
}

/** Room kept free for the overlays: the minimap and legend on the right, the controls on the left. */
function insets(): Insets {
  const minimap = useUiStore.getState().minimap;
  return { top: 20, right: minimap ? 200 : 190, bottom: 20, left: 60 };
}

function size(): { width: number; height: number } | null {
  if (!container) return null;
  const rect = container.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 ? { width: rect.width, height: rect.height } : null;
}

/** Zooms to show the whole design, clear of the minimap, legend and controls. */
export function fitView(): void {
  const g = geometry();
  const area = size();
  if (!instance || !g || !area || g.cards.length === 0) {
    void instance?.fitView({ padding: 0.15, duration: 200 });
    return;
  }
  void instance.setViewport(viewportFor(g.bounds, area, insets(), { maxZoom: MAX_FIT_ZOOM }), { duration: 200 });
}

/**
 * How a design first appears: the whole of it when it fits at a readable zoom, otherwise at the
 * readable zoom with its entry points (clients, then nodes nobody calls) at the left edge.
 */
export function showOpeningView(): void {
  const g = geometry();
  const area = size();
  if (!instance || !g || !area || g.cards.length === 0) return;
  const fit = viewportFor(g.bounds, area, insets(), { maxZoom: MAX_FIT_ZOOM });
  if (fit.zoom >= READABLE_ZOOM) {
    void instance.setViewport(fit);
    return;
  }
  const document = useDocumentStore.getState().document;
  const focus: Box = entryBox(g, document) ?? g.bounds;
  void instance.setViewport(viewportFor(g.bounds, area, insets(), { zoom: READABLE_ZOOM, focus }));
}

export function zoomIn(): void {
  void instance?.zoomIn({ duration: 150 });
}

export function zoomOut(): void {
  void instance?.zoomOut({ duration: 150 });
}

/**
 * Where a node added from the keyboard or a palette click goes: free space nearest the centre of
 * the visible canvas (top-left corner of the new card, on the grid), never on top of a card or server.
 */
export function viewportCentre(): Position {
  if (!instance || !container) return { x: 0, y: 0 };
  const rect = container.getBoundingClientRect();
  const p = instance.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  const centre = { x: Math.round(p.x / 20) * 20 - 100, y: Math.round(p.y / 20) * 20 - 40 };
  const g = geometry();
  return g ? freeSpot(g, centre, { width: 220, height: 100 }) : centre;
}
