/**
 * Test builders (test-only): small designs in one line each instead of giant literals.
 *
 *   makeDoc([makeClient('users'), makeService('orders', { on: ['h1', 'h2'], capabilities: ['orders'] })],
 *           [call('users', 'orders')])
 *
 * Hosts named by instances are declared automatically, named `server-<id>` unless `hostNames`
 * says otherwise, so messages in tests read like real ones.
 */
import { CURRENT_VERSION, FORMAT_NAME, type Host, type NodeKind, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../document';

export interface NodeOptions {
  /** Display name; defaults to the id with its first letter in upper case. */
  readonly name?: string;
  /** One instance per entry, on that host; `null` is an unplaced instance. Default: one unplaced instance. */
  readonly on?: readonly (string | null)[];
  readonly capabilities?: readonly string[];
  readonly layer?: string;
}

function titleCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** A node of any kind; clients never get instances. */
export function makeNode(kind: NodeKind, id: string, options: NodeOptions = {}): TopologyNode {
  const node: TopologyNode = { id, kind, name: options.name ?? titleCase(id) };
  if (kind !== 'client' && options.on) node.instances = options.on.map((host) => (host === null ? {} : { host }));
  if (options.capabilities) node.capabilities = [...options.capabilities];
  if (options.layer !== undefined) node.layer = options.layer;
  return node;
}

export const makeClient = (id: string, options: NodeOptions = {}) => makeNode('client', id, options);
export const makeGateway = (id: string, options: NodeOptions = {}) => makeNode('gateway', id, options);
export const makeLoadBalancer = (id: string, options: NodeOptions = {}) => makeNode('loadBalancer', id, options);
export const makeMonolith = (id: string, options: NodeOptions = {}) => makeNode('monolith', id, options);
export const makeService = (id: string, options: NodeOptions = {}) => makeNode('service', id, options);
export const makeDatabase = (id: string, options: NodeOptions = {}) => makeNode('database', id, options);
export const makeCache = (id: string, options: NodeOptions = {}) => makeNode('cache', id, options);
export const makeQueue = (id: string, options: NodeOptions = {}) => makeNode('queue', id, options);

/** An edge `from → to` with id `from->to`; `extra` sets async, optional, timeouts… */
export function call(from: string, to: string, extra: Partial<TopologyEdge> = {}): TopologyEdge {
  return { id: `${from}->${to}`, from, to, ...extra };
}

/** A chain of calls: `chain('a', 'b', 'c')` is a → b → c. */
export function chain(...ids: string[]): TopologyEdge[] {
  return ids.slice(1).map((to, i) => call(ids[i]!, to));
}

/** A valid document holding the nodes and edges, with every host they name declared. */
export function makeDoc(
  nodes: readonly TopologyNode[],
  edges: readonly TopologyEdge[] = [],
  options: { hostNames?: Readonly<Record<string, string>>; extraHosts?: readonly string[]; name?: string } = {},
): TopologyDocument {
  const hostIds = new Set<string>();
  for (const node of nodes) for (const instance of node.instances ?? []) if (instance.host !== undefined) hostIds.add(instance.host);
  for (const id of options.extraHosts ?? []) hostIds.add(id);
  const hosts: Host[] = [...hostIds].map((id) => ({ id, name: options.hostNames?.[id] ?? `server-${id}` }));
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: options.name ?? 'Test design',
    hosts,
    nodes: nodes.map((n) => structuredClone(n)),
    edges: edges.map((e) => ({ ...e })),
  };
}
