/**
 * Pointer interaction on the level-of-detail layer, hit-tested on the geometry (there is no DOM
 * element to click): a click selects the card (its node) or the server under the pointer, a
 * context menu opens the card's or the server's menu ("Fail at…"), a double click zooms in on the
 * spot at a readable zoom, where the DOM cards come back.
 */
import type { Position } from '../../shared/document';
import { useUiStore } from '../store/uiStore';
import { useCanvasMenu } from './CanvasMenus';
import { READABLE_ZOOM } from './canvasCommands';
import { hitTest, type LodScene } from './lodDraw';

/** Selects what is under `point`; false when nothing is (the click is on the open canvas). */
export function lodPaneClick(scene: LodScene, point: Position, additive: boolean): boolean {
  const hit = hitTest(scene, point.x, point.y);
  if (!hit) return false;
  const ui = useUiStore.getState();
  if (hit.kind === 'server') {
    ui.select({ nodes: [], edges: [], host: scene.serverHosts[hit.index]! });
    return true;
  }
  const node = scene.cardNode[hit.index]!;
  if (node < 0) return false;
  const id = scene.nodeIds[node]!;
  if (!additive) {
    ui.select({ nodes: [id], edges: [], host: null });
    return true;
  }
  const current = new Set(ui.selection.nodes);
  if (current.has(id)) current.delete(id);
  else current.add(id);
  ui.select({ nodes: [...current], host: null });
  return true;
}

/** Opens the menu of the card or server under `point` at the pointer (client coordinates). */
export function lodContextMenu(scene: LodScene, point: Position, clientX: number, clientY: number): boolean {
  const hit = hitTest(scene, point.x, point.y);
  if (!hit) return false;
  if (hit.kind === 'server') {
    useCanvasMenu.getState().open({ kind: 'host', id: scene.serverHosts[hit.index]! }, clientX, clientY);
    return true;
  }
  const node = scene.cardNode[hit.index]!;
  if (node < 0) return false;
  const instance = scene.cardInstance[hit.index]!;
  useCanvasMenu.getState().open({ kind: 'node', id: scene.nodeIds[node]!, instance: instance >= 0 ? instance : null }, clientX, clientY);
  return true;
}

interface Zoomable {
  setViewport(viewport: { x: number; y: number; zoom: number }, options?: { duration?: number }): Promise<boolean>;
}

/** Zooms to the readable zoom keeping the flow point `flow` under the screen point `screen`. */
export function lodDoubleClick(instance: Zoomable, screen: Position, flow: Position): void {
  const zoom = READABLE_ZOOM;
  void instance.setViewport({ x: screen.x - flow.x * zoom, y: screen.y - flow.y * zoom, zoom }, { duration: 200 });
}
