import { describe, expect, it } from 'vitest';
import { addNode, connect, fieldApplies, movePositions, removeElements, removeInstance, uniqueId, uniqueName, updateEdge, updateNode } from './edit';
import { addHost, deleteHost, updateHost } from './hosts';
import { extractFragment, pasteFragment } from './clipboard';
import { emptyDocument } from './templates';
import { validateDocument } from './validate';
import type { TopologyDocument } from './schema';
import { fullDocument, linesOf, smallDocument } from './testing/builders';

/** Every edit must leave a valid document behind: no errors, no repaired hosts. */
function expectClean(doc: TopologyDocument): void {
  const result = validateDocument(doc);
  expect(linesOf(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

describe('ids and names', () => {
  it('uniqueId slugs the prefix and counts up past taken ids', () => {
    expect(uniqueId('Orders DB', [])).toBe('orders-db');
    expect(uniqueId('Orders DB', ['orders-db', 'orders-db-2'])).toBe('orders-db-3');
    expect(uniqueId('!!!', new Set())).toBe('node');
  });

  it('uniqueName counts up past names in use', () => {
    expect(uniqueName('Service', ['Service', 'Service 2'])).toBe('Service 3');
    expect(uniqueName('Cache', ['Service'])).toBe('Cache');
  });
});

describe('addNode', () => {
  it('gives each new node a unique id and name, and stores its position', () => {
    let doc = emptyDocument();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const added = addNode(doc, 'service', { position: { x: i * 10, y: 5 } });
      doc = added.document;
      ids.push(added.id);
    }
    expect(ids).toEqual(['service', 'service-2', 'service-3']);
    expect(doc.nodes.map((n) => n.name)).toEqual(['Service', 'Service 2', 'Service 3']);
    expect(doc.view?.positions).toEqual({ service: { x: 0, y: 5 }, 'service-2': { x: 10, y: 5 }, 'service-3': { x: 20, y: 5 } });
    expectClean(doc);
  });

  it('never reuses a host or edge id as a node id', () => {
    const base: TopologyDocument = { ...emptyDocument(), hosts: [{ id: 'cache', name: 'cache box' }] };
    expect(addNode(base, 'cache').id).toBe('cache-2');
  });

  it('a replica group gets its instances; a client never does', () => {
    const group = addNode(smallDocument(), 'service', { instances: [{ host: 'h1' }, { host: 'h2' }] });
    expect(group.document.nodes.at(-1)!.instances).toEqual([{ host: 'h1' }, { host: 'h2' }]);
    const client = addNode(smallDocument(), 'client', { instances: [{ host: 'h1' }] });
    expect(client.document.nodes.at(-1)).toEqual({ id: 'client', kind: 'client', name: 'Client' });
    expectClean(group.document);
    expectClean(client.document);
  });

  it('does not change the document it was given', () => {
    const doc = smallDocument();
    addNode(doc, 'cache', { position: { x: 1, y: 1 } });
    expect(doc).toEqual(smallDocument());
  });
});

describe('updateNode and updateEdge', () => {
  it('sets fields, and a field given as undefined is removed', () => {
    const doc = updateNode(smallDocument(), 'orders', { latencyMs: 30, capabilities: undefined });
    const orders = doc.nodes.find((n) => n.id === 'orders')!;
    expect(orders.latencyMs).toBe(30);
    expect('capabilities' in orders).toBe(false);
    expectClean(doc);
  });

  it('a kind change strips fields the new kind does not have', () => {
    const start = updateNode(smallDocument(), 'orders', { hitRate: 0.5, concurrency: 4, layer: 'logic' });
    const cache = updateNode(start, 'orders', { kind: 'cache' }).nodes.find((n) => n.id === 'orders')!;
    expect(cache).toMatchObject({ kind: 'cache', hitRate: 0.5, concurrency: 4 });
    expect(cache).not.toHaveProperty('capabilities');
    expect(cache).not.toHaveProperty('layer');
    const database = updateNode(start, 'orders', { kind: 'database' }).nodes.find((n) => n.id === 'orders')!;
    expect(database).not.toHaveProperty('hitRate');
  });

  it('a replicated database keeps its replication as a cache and drops it as a service, so the file stays valid', () => {
    const start = updateNode(smallDocument(), 'db', { replication: { mode: 'quorum', n: 1 } });
    expect(updateNode(start, 'db', { kind: 'cache' }).nodes.find((n) => n.id === 'db')).toHaveProperty('replication', { mode: 'quorum', n: 1 });
    const service = updateNode(start, 'db', { kind: 'service' });
    expect(service.nodes.find((n) => n.id === 'db')).not.toHaveProperty('replication');
    expect(validateDocument(service).ok).toBe(true);
  });

  it('turning a client into a service drops its rate; a service into a client drops every deployment field', () => {
    const service = updateNode(smallDocument(), 'users', { kind: 'service' }).nodes[0]!;
    expect(service).toEqual({ id: 'users', kind: 'service', name: 'Users' });
    const client = updateNode(fullDocument(), 'orders', { kind: 'client' }).nodes[1]!;
    expect(Object.keys(client).sort()).toEqual(['calls', 'fanout', 'id', 'kind', 'name']);
    for (const field of ['instances', 'balancer', 'latencyMs', 'healthCheck', 'rateLimit']) expect(fieldApplies(field, 'client')).toBe(false);
    expect(fieldApplies('fanout', 'client')).toBe(true);
  });

  it('turning a called, faulted node into a client also drops the calls into it and its faults (a client has neither)', () => {
    const doc = updateNode(fullDocument(), 'db', { kind: 'client' });
    expect(doc.edges.map((e) => e.id)).toEqual(['e1', 'e3', 'e4']);
    expect(doc.scenarios![0]!.faults.map((f) => f.type)).toEqual(['instance-down', 'host-down', 'partition', 'latency', 'loss']);
    expectClean(doc);
  });

  it('updateEdge sets and removes edge fields', () => {
    const doc = updateEdge(fullDocument(), 'e2', { retries: 0, circuitBreaker: undefined });
    expect(doc.edges[1]).toMatchObject({ retries: 0 });
    expect(doc.edges[1]).not.toHaveProperty('circuitBreaker');
    expectClean(doc);
  });

  it('leaves other nodes and edges as they were (same objects)', () => {
    const doc = smallDocument();
    const next = updateNode(doc, 'orders', { latencyMs: 1 });
    expect(next.nodes[0]).toBe(doc.nodes[0]);
  });
});

describe('connect', () => {
  it('adds an edge with a fresh id', () => {
    const result = connect(smallDocument(), 'gw', 'db');
    expect(result.ok && result.id).toBe('e5');
    expect(result.ok && result.document.edges.at(-1)).toEqual({ id: 'e5', from: 'gw', to: 'db' });
    if (result.ok) expectClean(result.document);
  });

  it.each([
    ['gw', 'ghost', 'both ends must be nodes of this design'],
    ['orders', 'orders', 'a node cannot call itself'],
    ['gw', 'users', 'Users is a client: clients send requests and cannot be called'],
    ['gw', 'orders', 'Gateway already calls Orders'],
  ])('refuses %s → %s: %s', (from, to, reason) => {
    expect(connect(smallDocument(), from, to)).toEqual({ ok: false, reason });
  });

  it('skips edge ids already taken', () => {
    const doc = { ...smallDocument(), hosts: [...smallDocument().hosts, { id: 'e5', name: 'odd host id' }] };
    const result = connect(doc, 'gw', 'db');
    expect(result.ok && result.id).toBe('e6');
  });
});

describe('removeElements', () => {
  it('removes nodes with their edges, positions and faults, and reports the faults', () => {
    const { document, droppedFaults } = removeElements(fullDocument(), ['orders'], []);
    expect(document.nodes.map((n) => n.id)).toEqual(['users', 'web', 'cache', 'db']);
    expect(document.edges.map((e) => e.id)).toEqual(['e4']);
    expect(Object.keys(document.view!.positions!)).toEqual(['users', 'db']);
    expect(droppedFaults).toEqual(['Everything fails: instance-down orders', 'Everything fails: latency orders']);
    expect(document.scenarios![0]!.faults.map((f) => f.type)).toEqual(['node-down', 'host-down', 'partition', 'error-rate', 'loss']);
    expectClean(document);
  });

  it('removes edges by id and keeps their nodes', () => {
    const { document, droppedFaults } = removeElements(smallDocument(), [], ['e2', 'e4']);
    expect(document.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(document.nodes).toHaveLength(5);
    expect(droppedFaults).toEqual([]);
  });

  it('does not add a view to a document without one', () => {
    const doc = { ...smallDocument(), view: undefined };
    delete doc.view;
    expect(removeElements(doc, ['db'], []).document).not.toHaveProperty('view');
  });
});

describe('hosts', () => {
  it('addHost picks the next free id and a unique name', () => {
    const first = addHost(smallDocument());
    expect(first.id).toBe('h3');
    expect(first.document.hosts.at(-1)).toEqual({ id: 'h3', name: 'server-3' });
    const gap = addHost({ ...emptyDocument(), hosts: [{ id: 'h2', name: 'server-1' }] });
    expect(gap.id).toBe('h3');
    expect(addHost(smallDocument(), 'db box').document.hosts.at(-1)!.name).toBe('db box');
    expectClean(first.document);
  });

  it('updateHost renames and removes a zone', () => {
    const doc = updateHost(fullDocument(), 'h1', { name: 'primary', zone: undefined });
    expect(doc.hosts[0]).toEqual({ id: 'h1', name: 'primary' });
  });

  it('deleteHost unplaces its instances and lists the nodes affected', () => {
    const { document, unplacedNodes } = deleteHost(smallDocument(), 'h2');
    expect(unplacedNodes).toEqual(['Orders', 'Orders DB', 'Jobs']);
    expect(document.nodes.find((n) => n.id === 'orders')!.instances).toEqual([{ host: 'h1' }, {}]);
    expect(document.hosts.map((h) => h.id)).toEqual(['h1']);
    expectClean(document);
  });

  it('deleteHost drops host-down faults on it and shrinks partitions, dropping those left with one group', () => {
    const { document, droppedFaults } = deleteHost(fullDocument(), 'h3');
    expect(droppedFaults).toEqual(['Everything fails: partition']);
    const again = deleteHost(fullDocument(), 'h1');
    expect(again.droppedFaults).toEqual(['Everything fails: host-down h1']);
    expect(again.document.scenarios![0]!.faults.find((f) => f.type === 'partition')).toMatchObject({ groups: [['h2'], ['h3']] });
    expectClean(document);
    expectClean(again.document);
  });
});

describe('fragments (copy / paste)', () => {
  it('extracts the chosen nodes, the edges among them and their positions, as copies', () => {
    const doc = fullDocument();
    const fragment = extractFragment(doc, ['orders', 'db', 'users']);
    expect(fragment.nodes.map((n) => n.id)).toEqual(['users', 'orders', 'db']);
    expect(fragment.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(fragment.positions).toEqual({ users: { x: 0, y: 0 }, orders: { x: 280, y: -40.5 }, db: { x: 560, y: 0 } });
    fragment.nodes[1]!.instances![0]!.host = 'changed';
    expect(doc.nodes[1]!.instances![0]!.host).toBe('h1');
  });

  it('pastes with fresh ids and names, remapped internal edges and offset positions', () => {
    const doc = fullDocument();
    const { document, nodeIds } = pasteFragment(doc, extractFragment(doc, ['orders', 'db']), { x: 10, y: 20 });
    expect(nodeIds).toEqual(['orders-2', 'db-2']);
    expect(document.nodes.slice(-2).map((n) => n.name)).toEqual(['Orders 2', 'DB 2']);
    expect(document.edges.at(-1)).toMatchObject({ from: 'orders-2', to: 'db-2', retries: 2, timeoutMs: 250 });
    expect(new Set(document.edges.map((e) => e.id)).size).toBe(document.edges.length);
    expect(document.view!.positions!['orders-2']).toEqual({ x: 290, y: -20.5 });
    expect(document.view!.positions!['db-2']).toEqual({ x: 570, y: 20 });
    expectClean(document);
  });

  it('pasting into another design unplaces instances on hosts it does not have', () => {
    const fragment = extractFragment(fullDocument(), ['orders']);
    const target: TopologyDocument = { ...emptyDocument(), hosts: [{ id: 'h2', name: 'other' }] };
    const { document } = pasteFragment(target, fragment);
    expect(document.nodes[0]!.instances).toEqual([{ weight: 2 }, { host: 'h2', weight: 1 }, {}]);
    expect(document.view!.positions!.orders).toEqual({ x: 320, y: 0 - 40.5 + 40 });
    expectClean(document);
  });

  it('drops edges whose ends are not in the fragment instead of writing undefined ends', () => {
    const fragment = extractFragment(smallDocument(), ['orders']);
    fragment.edges.push({ id: 'stray', from: 'orders', to: 'elsewhere' });
    const { document } = pasteFragment(smallDocument(), fragment);
    expect(document.edges).toHaveLength(4);
    expectClean(document);
  });
});

describe('movePositions', () => {
  it('merges moves into the positions', () => {
    const doc = movePositions(smallDocument(), { gw: { x: 9, y: 9 }, db: { x: 1, y: 2 } });
    expect(doc.view!.positions).toEqual({ users: { x: 0, y: 0 }, gw: { x: 9, y: 9 }, db: { x: 1, y: 2 } });
  });
});

describe('removeInstance', () => {
  it('drops instance-down faults on the removed instance and renumbers later ones, so the design stays valid', () => {
    const doc: TopologyDocument = {
      ...emptyDocument(),
      hosts: [
        { id: 'h1', name: 'a' },
        { id: 'h2', name: 'b' },
        { id: 'h3', name: 'c' },
      ],
      nodes: [{ id: 's', kind: 'service', name: 'S', instances: [{ host: 'h1' }, { host: 'h2' }, { host: 'h3' }] }],
      scenarios: [
        {
          id: 'x',
          name: 'X',
          faults: [
            { type: 'instance-down', target: 's', instance: 0 },
            { type: 'instance-down', target: 's', instance: 1 },
            { type: 'instance-down', target: 's', instance: 2 },
          ],
        },
      ],
    };
    const report = removeInstance(doc, 's', 1);
    expect(report.document.nodes[0]!.instances).toEqual([{ host: 'h1' }, { host: 'h3' }]);
    expect(report.document.scenarios![0]!.faults).toEqual([
      { type: 'instance-down', target: 's', instance: 0 },
      { type: 'instance-down', target: 's', instance: 1 },
    ]);
    expect(report.droppedFaults).toEqual(['X: instance-down s #2']);
    expect(validateDocument(report.document).ok).toBe(true);
  });

  it('never removes the last instance', () => {
    const doc: TopologyDocument = { ...emptyDocument(), nodes: [{ id: 's', kind: 'service', name: 'S' }] };
    expect(removeInstance(doc, 's', 0).document).toBe(doc);
  });
});
