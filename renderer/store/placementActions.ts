/**
 * Deployment edits the canvas makes: place a node or one of its instances on a server, unplace it,
 * move servers and free cards, create a server, set a server's zone, and the node and server
 * context-menu actions. Each action is exactly one undo step (one `edit()`); a drop that moves
 * several cards at once is described as one `CanvasDrop` and committed together.
 *
 * The pure document edits are exported beside their actions so they can be tested without a store.
 */
import {
  addHost as addHostEdit,
  addNode,
  deleteHost as deleteHostEdit,
  extractFragment,
  pasteFragment,
  removeElements,
  updateHost,
  withPositions,
  idTable,
  type DeploymentView,
  type Instance,
  type NodeKind,
  type Position,
  type TopologyDocument,
} from '../../shared/document';
import { useDocumentStore } from './documentStore';
import { selectOnly, useUiStore } from './uiStore';

const doc = () => useDocumentStore.getState();
const ui = () => useUiStore.getState();

/** The deployment view's saved positions of a document (empty when none are saved). */
export function deploymentPositions(document: TopologyDocument): DeploymentView {
  return document.view?.deployment ?? {};
}

function withDeployment(document: TopologyDocument, deployment: DeploymentView): TopologyDocument {
  return { ...document, view: { ...document.view, deployment } };
}

/** Where a card was dropped: a server (placed there) or the open canvas (unplaced, at `position`). */
export type CardTarget = { readonly hostId: string } | { readonly hostId: null; readonly position: Position };

/** One card of a drop: a whole node (`instance` null: all its unplaced instances) or one instance. */
export interface CardMove {
  readonly nodeId: string;
  readonly instance: number | null;
  readonly target: CardTarget;
}

/** One server of a drop: its new top-left corner and, when dropped into a zone box, that zone. */
export interface ServerMove {
  readonly hostId: string;
  readonly position: Position;
  readonly zone?: { readonly name: string; readonly region?: string };
}

/** Everything one drag ended with; committed as one undo step. */
export interface CanvasDrop {
  readonly cards?: readonly CardMove[];
  readonly servers?: readonly ServerMove[];
  /** Logical view: node card top-left corners. */
  readonly logical?: Readonly<Record<string, Position>>;
}

function setInstanceHosts(instances: readonly Instance[], indices: ReadonlySet<number>, hostId: string | null): Instance[] {
  return instances.map((instance, index) => {
    if (!indices.has(index)) return instance;
    if (hostId) return { ...instance, host: hostId };
    const { host: _dropped, ...rest } = instance;
    return rest;
  });
}

/**
 * Places a node's instances on a server (`hostId`) or unplaces them (null). `instance` null means
 * the whole node: every unplaced instance, or every instance when the node has none unplaced.
 * Clients stand outside every server and are left as they are.
 */
export function placeInDocument(document: TopologyDocument, nodeId: string, instance: number | null, hostId: string | null): TopologyDocument {
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind === 'client') return document;
  if (hostId && !document.hosts.some((h) => h.id === hostId)) return document;
  const instances = node.instances ?? [{}];
  let indices: Set<number>;
  if (instance !== null) {
    if (instance < 0 || instance >= instances.length) return document;
    indices = new Set([instance]);
  } else {
    const unplaced = instances.flatMap((i, index) => (i.host ? [] : [index]));
    indices = new Set(unplaced.length > 0 && hostId ? unplaced : instances.map((_, index) => index));
  }
  const changed = [...indices].some((index) => (instances[index]!.host ?? null) !== hostId);
  if (!changed) return document;
  const nextNode = { ...node, instances: setInstanceHosts(instances, indices, hostId) };
  return { ...document, nodes: document.nodes.map((n) => (n.id === nodeId ? nextNode : n)) };
}

/** Applies a whole drop (placements, free-card and server positions, zones) to a document. */
export function applyDrop(document: TopologyDocument, drop: CanvasDrop): TopologyDocument {
  let next = document;
  const saved = deploymentPositions(document);
  // By node and host id, and `__proto__` is one: tables without a prototype.
  const cards = idTable(saved.cards);
  const servers = idTable(saved.servers);
  let deploymentChanged = false;
  for (const move of drop.cards ?? []) {
    const node = next.nodes.find((n) => n.id === move.nodeId);
    if (!node) continue;
    if (move.target.hostId !== null) {
      next = placeInDocument(next, move.nodeId, move.instance, move.target.hostId);
    } else {
      next = placeInDocument(next, move.nodeId, move.instance, null);
      const previous = cards[move.nodeId];
      if (!previous || previous.x !== move.target.position.x || previous.y !== move.target.position.y) {
        cards[move.nodeId] = move.target.position;
        deploymentChanged = true;
      }
    }
  }
  for (const move of drop.servers ?? []) {
    if (!next.hosts.some((h) => h.id === move.hostId)) continue;
    const previous = servers[move.hostId];
    if (!previous || previous.x !== move.position.x || previous.y !== move.position.y) {
      servers[move.hostId] = move.position;
      deploymentChanged = true;
    }
    const host = next.hosts.find((h) => h.id === move.hostId)!;
    if (move.zone && (host.zone !== move.zone.name || (move.zone.region !== undefined && host.region !== move.zone.region))) {
      next = updateHost(next, move.hostId, { zone: move.zone.name, ...(move.zone.region !== undefined ? { region: move.zone.region } : {}) });
    }
  }
  if (deploymentChanged) next = withDeployment(next, { ...saved, cards, servers });
  if (drop.logical && Object.keys(drop.logical).length > 0) next = withPositions(next, idTable(next.view?.positions, drop.logical));
  return next;
}

/** Commits a drop as one undo step (nothing is recorded when it changes nothing). */
export function commitDrop(drop: CanvasDrop): void {
  doc().edit((d) => applyDrop(d, drop), { record: true });
}

/** Places a node (all its unplaced instances) or one instance on a server; one undo step. */
export function placeOnServer(nodeId: string, instance: number | null, hostId: string): void {
  doc().edit((d) => placeInDocument(d, nodeId, instance, hostId), { record: true });
}

/** Takes a node (every instance) or one instance off its server; one undo step. */
export function unplace(nodeId: string, instance: number | null): void {
  doc().edit((d) => placeInDocument(d, nodeId, instance, null), { record: true });
}

/** Moves servers and free cards of the deployment view; one undo step. */
export function moveDeployment(servers: Readonly<Record<string, Position>>, cards: Readonly<Record<string, Position>> = {}): void {
  commitDrop({
    servers: Object.entries(servers).map(([hostId, position]) => ({ hostId, position })),
    cards: Object.entries(cards).map(([nodeId, position]) => ({ nodeId, instance: null, target: { hostId: null, position } })),
  });
}

/**
 * "New server…": creates a server (optionally at a position in the deployment view, optionally
 * placing a node or instance on it) in one undo step, and selects it. Returns its id.
 */
export function createServer(options: { name?: string; position?: Position; place?: { nodeId: string; instance: number | null } } = {}): string {
  let id = '';
  doc().edit((d) => {
    const added = addHostEdit(d, options.name?.trim() || undefined);
    id = added.id;
    let next = added.document;
    if (options.position) next = applyDrop(next, { servers: [{ hostId: id, position: options.position }] });
    if (options.place) next = placeInDocument(next, options.place.nodeId, options.place.instance, id);
    return next;
  }, { record: true });
  ui().select({ nodes: [], edges: [], host: id });
  return id;
}

/** Renames a server; blank names are refused (a server always has a name). One undo step. */
export function renameServer(hostId: string, name: string): void {
  const trimmed = name.trim();
  if (!trimmed) return;
  doc().edit((d) => (d.hosts.find((h) => h.id === hostId)?.name === trimmed ? d : updateHost(d, hostId, { name: trimmed })), { record: true });
}

/** Sets (or, with a blank name, clears) a server's zone. One undo step. */
export function setServerZone(hostId: string, zone: string): void {
  const trimmed = zone.trim();
  doc().edit((d) => {
    const host = d.hosts.find((h) => h.id === hostId);
    if (!host || (host.zone ?? '') === trimmed) return d;
    return updateHost(d, hostId, { zone: trimmed || undefined });
  }, { record: true });
}

/** Deletes a server; what ran on it becomes unplaced (the user is told). One undo step. */
export function deleteServer(hostId: string): void {
  const host = doc().document.hosts.find((h) => h.id === hostId);
  if (!host) return;
  const report = deleteHostEdit(doc().document, hostId);
  doc().edit(() => {
    const saved = deploymentPositions(report.document);
    if (!saved.servers?.[hostId]) return report.document;
    const { [hostId]: _dropped, ...servers } = saved.servers;
    return withDeployment(report.document, { ...saved, servers });
  }, { record: true });
  if (ui().selection.host === hostId) ui().select({ host: null });
  const lines = [
    ...(report.unplacedNodes.length > 0 ? [`Now unplaced: instances of ${report.unplacedNodes.join(', ')}.`] : []),
    ...report.droppedFaults.map((f) => `Fault removed: ${f}`),
  ];
  ui().notify(report.unplacedNodes.length > 0 ? 'warning' : 'info', `Deleted host ${host.name}`, lines);
}

/** Duplicates one node (from its context menu) beside the original; one undo step. */
export function duplicateNode(nodeId: string): void {
  const fragment = extractFragment(doc().document, [nodeId]);
  if (fragment.nodes.length === 0) return;
  const result = pasteFragment(doc().document, fragment, { x: 40, y: 40 });
  doc().edit(() => result.document, { record: true });
  selectOnly(result.nodeIds);
}

/** Copies one node (from its context menu) to the in-app clipboard. */
export function copyNode(nodeId: string): void {
  const fragment = extractFragment(doc().document, [nodeId]);
  if (fragment.nodes.length > 0) ui().setClipboard(fragment);
}

/** Deletes one node with its calls (from its context menu); one undo step. */
export function deleteNode(nodeId: string): void {
  const report = removeElements(doc().document, [nodeId], []);
  doc().edit(() => {
    const saved = deploymentPositions(report.document);
    if (!saved.cards?.[nodeId]) return report.document;
    const { [nodeId]: _dropped, ...cards } = saved.cards;
    return withDeployment(report.document, { ...saved, cards });
  }, { record: true });
  if (ui().selection.nodes.includes(nodeId)) selectOnly([]);
  if (report.droppedFaults.length > 0) ui().notify('info', 'Faults removed with the deleted node', report.droppedFaults);
}

/**
 * Adds a node from the palette where it was dropped, in one undo step: its card lands there in both
 * views, and dropped on a server box (`hostId`) it runs on that server. A replica group is a
 * service with three instances on three servers (new ones when the design has fewer).
 */
export function addNodeOnCanvas(kind: NodeKind | 'replicaGroup', position: Position, hostId: string | null = null): string {
  let createdId = '';
  doc().edit((d) => {
    let document = d;
    let instances: Instance[] | undefined;
    if (kind === 'replicaGroup') {
      const hostIds = hostId ? [hostId, ...document.hosts.map((h) => h.id).filter((id) => id !== hostId)] : document.hosts.map((h) => h.id);
      while (hostIds.length < 3) {
        const added = addHostEdit(document);
        document = added.document;
        hostIds.push(added.id);
      }
      instances = hostIds.slice(0, 3).map((host) => ({ host }));
    } else if (hostId && kind !== 'client') {
      instances = [{ host: hostId }];
    }
    const result = addNode(document, kind === 'replicaGroup' ? 'service' : kind, { position, ...(instances ? { instances } : {}) });
    createdId = result.id;
    const placed = instances?.every((i) => i.host) ?? false;
    return placed ? result.document : applyDrop(result.document, { cards: [{ nodeId: result.id, instance: null, target: { hostId: null, position } }] });
  }, { record: true });
  selectOnly([createdId]);
  return createdId;
}

/**
 * Stores a deployment-view layout (server and free-card positions from auto-layout) in one undo
 * step; positions of hosts and nodes no longer in the document are left out.
 */
export function setDeploymentLayout(deployment: DeploymentView): void {
  doc().edit((d) => {
    const hosts = new Set(d.hosts.map((h) => h.id));
    const nodes = new Set(d.nodes.map((n) => n.id));
    const servers = Object.fromEntries(Object.entries(deployment.servers ?? {}).filter(([id]) => hosts.has(id)));
    const cards = Object.fromEntries(Object.entries(deployment.cards ?? {}).filter(([id]) => nodes.has(id)));
    return withDeployment(d, { servers, cards });
  }, { record: true });
}
