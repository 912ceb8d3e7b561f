/**
 * Test builders for the export tests: small documents made by name, in the manner of
 * `makeService(...)`, instead of giant literals.
 */
import { CURRENT_VERSION, FORMAT_NAME, type Host, type TopologyDocument, type TopologyEdge, type TopologyNode } from '../document';

export function makeDocument(parts: { name?: string; hosts?: Host[]; nodes: TopologyNode[]; edges?: TopologyEdge[]; positions?: Record<string, { x: number; y: number }> }): TopologyDocument {
  return {
    format: FORMAT_NAME,
    version: CURRENT_VERSION,
    name: parts.name ?? 'Test design',
    hosts: parts.hosts ?? [],
    nodes: parts.nodes,
    edges: parts.edges ?? [],
    ...(parts.positions ? { view: { positions: parts.positions } } : {}),
  };
}

export function makeNode(id: string, kind: TopologyNode['kind'], hosts: (string | undefined)[] = [undefined], extra: Partial<TopologyNode> = {}): TopologyNode {
  if (kind === 'client') return { id, kind, name: extra.name ?? id, ...extra };
  return { id, kind, name: extra.name ?? id, instances: hosts.map((host) => (host === undefined ? {} : { host })), ...extra };
}

export function makeEdge(from: string, to: string, extra: Partial<TopologyEdge> = {}): TopologyEdge {
  return { id: `${from}->${to}`, from, to, ...extra };
}

/** A design with every kind, a replica group, an unplaced node, async and optional edges, and names that need escaping. */
export function awkwardDocument(): TopologyDocument {
  return makeDocument({
    name: 'Shop <"beta"> & ]]> \'quotes\'',
    hosts: [
      { id: 'h1', name: 'edge-1', zone: 'rack a' },
      { id: 'h2', name: 'app-1' },
      { id: 'h3', name: 'app-2' },
      { id: 'h4', name: 'data & co' },
    ],
    nodes: [
      makeNode('users', 'client', [], { name: 'Users 👩‍💻', rate: 50 }),
      makeNode('gw', 'gateway', ['h1'], { name: 'Edge <gateway>' }),
      makeNode('lb', 'loadBalancer', ['h1'], { name: 'LB "main"' }),
      makeNode('shop', 'monolith', ['h2', 'h3', 'h3'], { name: 'Shop]]>' }),
      makeNode('orders', 'service', ['h2', 'h3'], { name: '订单服务', capabilities: ['orders'] }),
      makeNode('db', 'database', ['h4'], { name: 'Postgres #1 | main' }),
      makeNode('cache', 'cache', ['h4'], { name: 'Redis `hot`' }),
      makeNode('jobs', 'queue', [undefined], { name: 'Jobs\u0001 queue' }),
      makeNode('end', 'service', ['h2'], { name: 'end' }),
    ],
    edges: [
      makeEdge('users', 'gw'),
      makeEdge('gw', 'lb', { timeoutMs: 500, retries: 2 }),
      makeEdge('lb', 'shop'),
      makeEdge('shop', 'orders', { optional: true }),
      makeEdge('orders', 'db', { timeoutMs: 1500, circuitBreaker: { failureRate: 0.5, window: 20, openMs: 5000 } }),
      makeEdge('orders', 'cache'),
      makeEdge('shop', 'jobs'),
      makeEdge('jobs', 'end', { async: true }),
      makeEdge('end', 'shop'),
    ],
  });
}
