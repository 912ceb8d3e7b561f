/**
 * Auto-layout. Logical view: elkjs (layered, left to right: callers left of callees), every
 * position committed as one undo step. Deployment view: the saved server and card positions are
 * dropped (one undo step) so shared/layout arranges them afresh; its compound elk layout replaces
 * this once it is exported.
 */
import type { Position, TopologyDocument } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { commitPositions } from '../store/actions';
import { useUiStore } from '../store/uiStore';
import { fitView } from './canvasCommands';
import { resetDeploymentLayout } from '../store/placementActions';
import { useCanvasView } from './canvasState';

type Elk = InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>;
let elk: Promise<Elk> | null = null;

/** elkjs is large (about 1.5 MB): it loads on the first auto-layout, not at start-up. */
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

const DEFAULT_SIZE = { width: 220, height: 96 };

/** Computes layered positions for a document (node sizes default where not measured). */
export async function layoutPositions(document: TopologyDocument, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Promise<Record<string, Position>> {
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.separateConnectedComponents': 'true',
    },
    children: document.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_SIZE) })),
    edges: document.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const result = await (await loadElk()).layout(graph);
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round((child.x ?? 0) / 20) * 20, y: Math.round((child.y ?? 0) / 20) * 20 };
  }
  return positions;
}

/** Lays out the open design in the current view and stores the positions (one undo step). */
export async function runAutoLayout(): Promise<void> {
  const document = useDocumentStore.getState().document;
  if (document.nodes.length === 0) return;
  if (useCanvasView.getState().mode === 'deployment') {
    // The deployment view's own arrangement: servers by call depth, cards inside them.
    resetDeploymentLayout();
    requestAnimationFrame(fitView);
    return;
  }
  try {
    const positions = await layoutPositions(document);
    // The document may have changed while elk worked: only move nodes that still exist.
    const current = new Set(useDocumentStore.getState().document.nodes.map((n) => n.id));
    commitPositions(Object.fromEntries(Object.entries(positions).filter(([id]) => current.has(id))));
    requestAnimationFrame(fitView);
  } catch (error) {
    useUiStore.getState().notify('error', 'Auto-layout failed', [error instanceof Error ? error.message : String(error)]);
  }
}
