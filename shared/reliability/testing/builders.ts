/** Small design builders for the reliability tests: hosts, a client and a chain of nodes. */
import { CURRENT_VERSION, FORMAT_NAME, type Host, type Settings, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../../document';

export function host(id: string, extra: Partial<Host> = {}): Host {
  return { id, name: id, ...extra };
}

export function node(id: string, kind: TopologyNode['kind'], hosts: (string | undefined)[], extra: Partial<TopologyNode> = {}): TopologyNode {
  return { id, kind, name: id, instances: hosts.map((h) => (h === undefined ? {} : { host: h })), ...extra };
}

export function client(id: string, extra: Partial<TopologyNode> = {}): TopologyNode {
  return { id, kind: 'client', name: id, ...extra };
}

export function edge(from: string, to: string, extra: Partial<TopologyEdge> = {}): TopologyEdge {
  return { id: `${from}-${to}`, from, to, ...extra };
}

export function design(parts: { hosts?: Host[]; nodes: TopologyNode[]; edges: TopologyEdge[]; settings?: Settings }): TopologyDocument {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: 'test',
    hosts: parts.hosts ?? [],
    nodes: parts.nodes,
    edges: parts.edges,
    ...(parts.settings ? { settings: parts.settings } : {}),
  };
}

/** One host's availability with the defaults (MTBF 8760 h, MTTR 2 h). */
export const HOST_A = 8760 / 8762;
