/**
 * Editing actions the UI calls (palette, canvas, shortcuts, menus). Each reads the stores, calls a
 * pure edit from shared/document, sets the result once and tells the user what it changed.
 */
import {
  addHost as addHostEdit,
  addNode,
  connect,
  deleteHost as deleteHostEdit,
  extractFragment,
  movePositions,
  pasteFragment,
  removeElements,
  removeInstance,
  updateEdge,
  updateHost,
  updateNode,
  type Instance,
  type NodeKind,
  type Position,
  type TopologyEdge,
  type TopologyNode,
} from '../../shared/document';
import { useDocumentStore } from './documentStore';
import { selectOnly, useUiStore } from './uiStore';

const doc = () => useDocumentStore.getState();
const ui = () => useUiStore.getState();

/** Adds a node of `kind` (a replica group is a service with three instances on three hosts). */
export function addNodeAt(kind: NodeKind | 'replicaGroup', position: Position): string {
  let createdId = '';
  doc().edit((d) => {
    let document = d;
    let instances: Instance[] | undefined;
    if (kind === 'replicaGroup') {
      // A replica group: one service, three instances, each on its own server (new ones if needed).
      const hostIds = [...document.hosts.map((h) => h.id)];
      while (hostIds.length < 3) {
        const added = addHostEdit(document);
        document = added.document;
        hostIds.push(added.id);
      }
      instances = hostIds.slice(0, 3).map((host) => ({ host }));
    }
    const result = addNode(document, kind === 'replicaGroup' ? 'service' : kind, {
      position,
      ...(instances ? { instances, name: undefined } : {}),
    });
    createdId = result.id;
    return result.document;
  });
  selectOnly([createdId]);
  return createdId;
}

export function connectNodes(from: string, to: string): void {
  const result = connect(doc().document, from, to);
  if (!result.ok) {
    ui().notify('warning', 'Cannot connect', [result.reason]);
    return;
  }
  doc().edit(() => result.document);
  selectOnly([], [result.id]);
}

export function editNode(id: string, patch: Partial<TopologyNode>): void {
  doc().edit((d) => updateNode(d, id, patch));
}

/** Removes one instance of a node, with the faults that pointed at it (the user is told). */
export function removeNodeInstance(nodeId: string, index: number): void {
  const report = removeInstance(doc().document, nodeId, index);
  doc().edit(() => report.document);
  if (report.droppedFaults.length > 0) ui().notify('info', 'Faults removed with the instance', report.droppedFaults);
}

export function editEdge(id: string, patch: Partial<TopologyEdge>): void {
  doc().edit((d) => updateEdge(d, id, patch));
}

export function commitPositions(moves: Record<string, Position>): void {
  if (Object.keys(moves).length === 0) return;
  doc().edit((d) => movePositions(d, moves));
}

export function deleteSelection(): void {
  const { nodes, edges } = ui().selection;
  if (nodes.length === 0 && edges.length === 0) return;
  const report = removeElements(doc().document, nodes, edges);
  doc().edit(() => report.document);
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
  doc().edit(() => result.document);
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
  doc().edit(() => result.document);
  selectOnly(result.nodeIds);
}

export function addHost(): string {
  let id = '';
  doc().edit((d) => {
    const result = addHostEdit(d);
    id = result.id;
    return result.document;
  });
  return id;
}

export function editHost(id: string, patch: { name?: string; zone?: string | undefined }): void {
  doc().edit((d) => updateHost(d, id, patch));
}

export function deleteHost(id: string): void {
  const host = doc().document.hosts.find((h) => h.id === id);
  const report = deleteHostEdit(doc().document, id);
  doc().edit(() => report.document);
  if (ui().selection.host === id) ui().select({ host: null });
  const lines = [
    ...(report.unplacedNodes.length > 0 ? [`Now unplaced: instances of ${report.unplacedNodes.join(', ')}.`] : []),
    ...report.droppedFaults.map((f) => `Fault removed: ${f}`),
  ];
  ui().notify(report.unplacedNodes.length > 0 ? 'warning' : 'info', `Deleted host ${host?.name ?? id}`, lines);
}
