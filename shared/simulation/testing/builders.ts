/**
 * Test builders for simulation tests: small documents written as one line per node instead of
 * literal fixtures. `hosts` are declared from the instances that name them.
 */
import { CURRENT_VERSION, FORMAT_NAME, type Fault, type NodeKind, type Scenario, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../../document';

type NodeExtras = Partial<Omit<TopologyNode, 'id' | 'kind' | 'instances'>>;

/** A client sending `rate` requests per second. */
export function makeClient(id: string, rate: number, extras: NodeExtras = {}): TopologyNode {
  return { id, kind: 'client', name: id, rate, ...extras };
}

/** A deployable node with one instance per host listed (`null` for an unplaced instance). */
export function makeNode(kind: NodeKind, id: string, hosts: readonly (string | null)[], extras: NodeExtras & { weights?: number[] } = {}): TopologyNode {
  const { weights, ...rest } = extras;
  const instances = hosts.map((host, i) => ({ ...(host === null ? {} : { host }), ...(weights ? { weight: weights[i]! } : {}) }));
  return { id, kind, name: id, instances, ...rest };
}

export const makeService = (id: string, hosts: readonly (string | null)[], extras: NodeExtras & { weights?: number[] } = {}) =>
  makeNode('service', id, hosts, extras);

/** An edge with id `from->to`. */
export function makeEdge(from: string, to: string, extras: Partial<Omit<TopologyEdge, 'id' | 'from' | 'to'>> = {}): TopologyEdge {
  return { id: `${from}->${to}`, from, to, ...extras };
}

export function makeScenario(id: string, faults: Fault[]): Scenario {
  return { id, name: `Scenario ${id}`, faults };
}

export function makeDesign(parts: {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  scenarios?: Scenario[];
  settings?: TopologyDocument['settings'];
}): TopologyDocument {
  const hostIds: string[] = [];
  for (const node of parts.nodes) for (const instance of node.instances ?? []) if (instance.host && !hostIds.includes(instance.host)) hostIds.push(instance.host);
  for (const scenario of parts.scenarios ?? []) {
    for (const fault of scenario.faults) {
      if (fault.type === 'host-down' && !hostIds.includes(fault.target)) hostIds.push(fault.target);
    }
  }
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: 'test design',
    ...(parts.settings ? { settings: parts.settings } : {}),
    hosts: hostIds.map((id) => ({ id, name: `server ${id}` })),
    nodes: parts.nodes,
    edges: parts.edges,
    ...(parts.scenarios ? { scenarios: parts.scenarios } : {}),
  };
}
