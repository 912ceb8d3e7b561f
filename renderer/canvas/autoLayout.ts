/**
 * Auto-layout (Ctrl+L, Layout), stored as the current view's positions in one undo step, then
 * fitted. Deployment view: shared/layout's elkjs compound layout (servers inside their zones and
 * regions, with their cards). Logical view: a layered elkjs layout of one card per node, callers
 * left of callees (kept here: shared/layout's logical result did not keep callers left of callees
 * in the editor e2e, to be reconciled when merging).
 */
import { idTable, type Position, type TopologyDocument } from '../../shared/document';
import { autoLayout, CARD_WIDTH, cardHeight } from '../../shared/layout';
import { useDocumentStore } from '../store/documentStore';
import { commitPositions } from '../store/actions';
import { setDeploymentLayout } from '../store/placementActions';
import { useUiStore } from '../store/uiStore';
import { fitView } from './canvasCommands';
import { useCanvasView } from './canvasState';

type Elk = InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>;
let elk: Promise<Elk> | null = null;

/** elkjs is large (about 1.5 MB): it loads on the first auto-layout, not at start-up. */
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

const DEFAULT_SIZE = { width: CARD_WIDTH, height: cardHeight(2) };

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
  // By node id, and `__proto__` is one: a table without a prototype.
  const positions = idTable<Position>();
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round((child.x ?? 0) / 20) * 20, y: Math.round((child.y ?? 0) / 20) * 20 };
  }
  return positions;
}

/** Lays out the open design in the current view. */
export async function runAutoLayout(): Promise<void> {
  const document = useDocumentStore.getState().document;
  if (document.nodes.length === 0) return;
  try {
    const mode = useCanvasView.getState().mode;
    // The document may have changed while elk worked: only move nodes that still exist.
    const current = () => new Set(useDocumentStore.getState().document.nodes.map((n) => n.id));
    if (mode === 'logical') {
      const positions = await layoutPositions(document);
      const ids = current();
      commitPositions(Object.fromEntries(Object.entries(positions).filter(([id]) => ids.has(id))));
    } else {
      const result = await autoLayout(document, { mode, direction: 'RIGHT' });
      if (result.mode === 'deployment') setDeploymentLayout(result.deployment);
    }
    requestAnimationFrame(fitView);
  } catch (error) {
    useUiStore.getState().notify('error', 'Auto-layout failed', [error instanceof Error ? error.message : String(error)]);
  }
}
