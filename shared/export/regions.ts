/**
 * Host regions: the translucent rounded areas drawn behind the nodes that live only on one host.
 *
 * A host's region is the box around its nodes' cards, unless that box would cover a card that is
 * not on the host — then the host gets several smaller regions (each labelled), merged greedily as
 * far as they can grow without covering anyone else. Nodes spread over several hosts (clusters)
 * and clients have no region; their instance chips name their hosts instead.
 */
import { resolveNode, type TopologyDocument } from '../document';
import { unionBoxes, type Box, type DiagramLayout } from './layout';

/** Space around the cards inside a region, in px; the top leaves room for the host's name. */
export const REGION_PADDING = { side: 14, top: 30, bottom: 14 } as const;

export interface HostRegion {
  readonly hostId: string;
  /** Index of the host in `doc.hosts` (its tint). */
  readonly hostIndex: number;
  /** "server-1 · rack-a". */
  readonly label: string;
  readonly box: Box;
  readonly nodes: readonly string[];
}

function pad(box: Box): Box {
  return {
    x: box.x - REGION_PADDING.side,
    y: box.y - REGION_PADDING.top,
    width: box.width + 2 * REGION_PADDING.side,
    height: box.height + REGION_PADDING.top + REGION_PADDING.bottom,
  };
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The id of the one host every instance of the node sits on, or null (several, none, or a client). */
export function soleHost(node: TopologyDocument['nodes'][number]): string | null {
  const instances = resolveNode(node).instances;
  if (instances.length === 0) return null;
  const first = instances[0]!.host;
  if (first === undefined) return null;
  return instances.every((instance) => instance.host === first) ? first : null;
}

/** Regions of every host, in host order (a host with several pieces gives several regions). */
export function hostRegions(doc: TopologyDocument, layout: DiagramLayout): HostRegion[] {
  const regions: HostRegion[] = [];
  const members = new Map<string, string[]>();
  for (const node of doc.nodes) {
    const host = soleHost(node);
    if (host !== null) members.set(host, [...(members.get(host) ?? []), node.id]);
  }
  doc.hosts.forEach((host, hostIndex) => {
    const ids = members.get(host.id);
    if (!ids) return;
    const inside = new Set(ids);
    const others = layout.nodes.filter((n) => !inside.has(n.id));
    const covers = (box: Box) => others.some((other) => intersects(box, other));
    // The common case first: one box around all of them covers nobody else.
    const whole = unionBoxes(ids.map((id) => pad(layout.byId.get(id)!)));
    // Otherwise start with one piece per card and merge any two whose joint box covers nobody else.
    let pieces = covers(whole) ? ids.map((id) => ({ nodes: [id], box: pad(layout.byId.get(id)!) })) : [{ nodes: ids, box: whole }];
    let merged = true;
    while (merged && pieces.length > 1) {
      merged = false;
      search: for (let i = 0; i < pieces.length; i++) {
        for (let j = i + 1; j < pieces.length; j++) {
          const box = unionBoxes([pieces[i]!.box, pieces[j]!.box]);
          if (covers(box)) continue;
          pieces = [...pieces.slice(0, i), { nodes: [...pieces[i]!.nodes, ...pieces[j]!.nodes], box }, ...pieces.slice(i + 1, j), ...pieces.slice(j + 1)];
          merged = true;
          break search;
        }
      }
    }
    const name = host.name.trim() === '' ? host.id : host.name;
    const label = host.zone ? `${name} · ${host.zone}` : name;
    for (const piece of pieces) regions.push({ hostId: host.id, hostIndex, label, box: piece.box, nodes: piece.nodes });
  });
  return regions;
}
