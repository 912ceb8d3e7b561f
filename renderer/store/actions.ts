/**
 * Editing actions the UI calls (palette, canvas, shortcuts, menus). Each reads the stores, calls a
 * pure edit from shared/document, sets the result once and tells the user what it changed.
 * These and `designActions.ts` are the only callers of the document store's `edit`; every call
 * says whether undo records it (all of these are undo steps).
 */
import {
  addHost as addHostEdit,
  addNode,
  addReplicaGroup,
  applyPatch,
  connect,
  deleteHost as deleteHostEdit,
  extractFragment,
  movePositions,
  pasteFragment,
  removeElements,
  removeInstance,
  type NodeKind,
  type Position,
  type TopologyEdge,
  type TopologyNode,
} from '../../shared/document';
import { useDocumentStore } from './documentStore';
import { selectOnly, useUiStore } from './uiStore';

const doc = () => useDocumentStore.getState();
const ui = () => useUiStore.getState();

/** An undo step: every editing action below is one. */
const RECORD = { record: true } as const;

/** Adds a node of `kind` (a replica group is a service with three instances on three hosts). */
export function addNodeAt(kind: NodeKind | 'replicaGroup', position: Position): string {
  const result = kind === 'replicaGroup' ? addReplicaGroup(doc().document, position) : addNode(doc().document, kind, { position });
  doc().edit(() => result.document, RECORD);
  selectOnly([result.id]);
  return result.id;
}

export function connectNodes(from: string, to: string): void {
  const result = connect(doc().document, from, to);
  if (!result.ok) {
    ui().notify('warning', 'Cannot connect', [result.reason]);
    return;
  }
  doc().edit(() => result.document, RECORD);
  selectOnly([], [result.id]);
}

export function editNode(id: string, changes: Partial<Omit<TopologyNode, 'id'>>): void {
  doc().edit((d) => applyPatch(d, { kind: 'node', id, changes }), RECORD);
}

/** Removes one instance of a node, with the faults that pointed at it (the user is told). */
export function removeNodeInstance(nodeId: string, index: number): void {
  const report = removeInstance(doc().document, nodeId, index);
  doc().edit(() => report.document, RECORD);
  if (report.droppedFaults.length > 0) ui().notify('info', 'Faults removed with the instance', report.droppedFaults);
}

export function editEdge(id: string, changes: Partial<Omit<TopologyEdge, 'id'>>): void {
  doc().edit((d) => applyPatch(d, { kind: 'edge', id, changes }), RECORD);
}

export function commitPositions(moves: Record<string, Position>): void {
  if (Object.keys(moves).length === 0) return;
  doc().edit((d) => movePositions(d, moves), RECORD);
}

export function deleteSelection(): void {
  const { nodes, edges } = ui().selection;
  if (nodes.length === 0 && edges.length === 0) return;
  const report = removeElements(doc().document, nodes, edges);
  doc().edit(() => report.document, RECORD);
  selectOnly([]);
  if (report.droppedFaults.length > 0) {
    ui().notify('info', 'Faults removed with the deleted nodes', report.droppedFaults);
  }
}

export function selectAll(): void {
  const d = doc().document;
  selectOnly(
    d.nodes.map((n) => n.id),
    d.edges.map((e) => e.id),
  );
}

export function copySelection(): boolean {
  const { nodes } = ui().selection;
  if (nodes.length === 0) return false;
  const fragment = extractFragment(doc().document, nodes);
  ui().setClipboard(fragment);
  try {
    void navigator.clipboard?.writeText(JSON.stringify({ 'topology-designer-fragment': fragment }, null, 2)).catch(() => undefined);
  } catch {
    // The system clipboard is optional; the in-app clipboard holds the copy.
  }
  return true;
}

export function cutSelection(): void {
  if (copySelection()) deleteSelection();
}

export function paste(offset: Position = { x: 40, y: 40 }): void {
  const fragment = ui().clipboard;
  if (!fragment) return;
  const result = pasteFragment(doc().document, fragment, offset);
  doc().edit(() => result.document, RECORD);
  selectOnly(result.nodeIds);
  // Pasting again steps further, like every drawing tool.
  ui().setClipboard({
    ...fragment,
    positions: Object.fromEntries(Object.entries(fragment.positions).map(([id, p]) => [id, { x: p.x + offset.x, y: p.y + offset.y }])),
  });
}

export function duplicateSelection(): void {
  const { nodes } = ui().selection;
  if (nodes.length === 0) return;
  const fragment = extractFragment(doc().document, nodes);
  const result = pasteFragment(doc().document, fragment, { x: 40, y: 40 });
  doc().edit(() => result.document, RECORD);
  selectOnly(result.nodeIds);
}

export function addHost(): string {
  const result = addHostEdit(doc().document);
  doc().edit(() => result.document, RECORD);
  return result.id;
}

export function editHost(id: string, changes: { name?: string; zone?: string | undefined }): void {
  doc().edit((d) => applyPatch(d, { kind: 'host', id, changes }), RECORD);
}

export function deleteHost(id: string): void {
  const host = doc().document.hosts.find((h) => h.id === id);
  const report = deleteHostEdit(doc().document, id);
  doc().edit(() => report.document, RECORD);
  if (ui().selection.host === id) ui().select({ host: null });
  const lines = [
    ...(report.unplacedNodes.length > 0 ? [`Now unplaced: instances of ${report.unplacedNodes.join(', ')}.`] : []),
    ...report.droppedFaults.map((f) => `Fault removed: ${f}`),
  ];
  ui().notify(report.unplacedNodes.length > 0 ? 'warning' : 'info', `Deleted host ${host?.name ?? id}`, lines);
}
