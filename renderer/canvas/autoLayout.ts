/**
 * Auto-layout (Ctrl+L, Layout): shared/layout's elkjs compound layout of the current view — in the
 * deployment view servers (inside their zones and regions) with their cards, in the logical view
 * one card per node — stored as that view's positions in one undo step, then fitted.
 */
import { autoLayout } from '../../shared/layout';
import { useDocumentStore } from '../store/documentStore';
import { commitPositions } from '../store/actions';
import { setDeploymentLayout } from '../store/placementActions';
import { useUiStore } from '../store/uiStore';
import { fitView } from './canvasCommands';
import { useCanvasView } from './canvasState';

export async function runAutoLayout(): Promise<void> {
  const document = useDocumentStore.getState().document;
  if (document.nodes.length === 0) return;
  try {
    const result = await autoLayout(document, { mode: useCanvasView.getState().mode, direction: 'RIGHT' });
    // The document may have changed while elk worked: only move nodes that still exist.
    const current = new Set(useDocumentStore.getState().document.nodes.map((n) => n.id));
    if (result.mode === 'logical') commitPositions(Object.fromEntries(Object.entries(result.positions).filter(([id]) => current.has(id))));
    else setDeploymentLayout(result.deployment);
    requestAnimationFrame(fitView);
  } catch (error) {
    useUiStore.getState().notify('error', 'Auto-layout failed', [error instanceof Error ? error.message : String(error)]);
  }
}
