/** Copy and paste of parts of a design: fragments with fresh ids, names and positions. */
import { allIds, uniqueId, uniqueName, withPositions } from './edit';
import { idTable } from './idTable';
import type { Position, TopologyDocument, TopologyEdge, TopologyNode } from './schema';

/** A copied piece of a design: nodes, the edges among them, their positions. */
export interface Fragment {
  readonly nodes: TopologyNode[];
  readonly edges: TopologyEdge[];
  readonly positions: Record<string, Position>;
}

export function extractFragment(doc: TopologyDocument, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  const positions = idTable<Position>();
  const saved = idTable(doc.view?.positions);
  for (const id of ids) {
    const p = saved[id];
    if (p) positions[id] = p;
  }
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
    edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => structuredClone(e)),
    positions,
  };
}

/** Inserts a fragment with fresh ids and names, offset by `offset`; unknown hosts become unplaced. */
export function pasteFragment(
  doc: TopologyDocument,
  fragment: Fragment,
  offset: Position = { x: 40, y: 40 },
): { document: TopologyDocument; nodeIds: string[] } {
  const taken = allIds(doc);
  const names = doc.nodes.map((n) => n.name);
  const hostIds = new Set(doc.hosts.map((h) => h.id));
  const idMap = new Map<string, string>();
  const nodes: TopologyNode[] = [];
  const positions = idTable(doc.view?.positions);
  for (const node of fragment.nodes) {
    // "Shop 2" pasted again becomes "Shop 3", not "Shop 2 2".
    const name = uniqueName(node.name.replace(/ \d+$/, ''), names);
    names.push(name);
    const id = uniqueId(node.id, taken);
    taken.add(id);
    idMap.set(node.id, id);
    const copy: TopologyNode = { ...structuredClone(node), id, name };
    if (copy.instances) {
      copy.instances = copy.instances.map((i) => {
        if (i.host === undefined || hostIds.has(i.host)) return i;
        const { host: _unknown, ...rest } = i;
        return rest;
      });
    }
    nodes.push(copy);
    const p = Object.prototype.hasOwnProperty.call(fragment.positions, node.id) ? fragment.positions[node.id] : undefined;
    if (p) positions[id] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  const edges: TopologyEdge[] = [];
  let n = doc.edges.length + 1;
  for (const edge of fragment.edges) {
    const from = idMap.get(edge.from);
    const to = idMap.get(edge.to);
    // A fragment from the clipboard may carry edges to nodes it does not hold: they cannot be pasted.
    if (from === undefined || to === undefined) continue;
    while (taken.has(`e${n}`)) n += 1;
    const id = `e${n}`;
    taken.add(id);
    edges.push({ ...structuredClone(edge), id, from, to });
  }
  return {
    document: withPositions({ ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, positions),
    nodeIds: nodes.map((n) => n.id),
  };
}
