import { describe, expect, it } from 'vitest';
import { errorsOf, makeCache, makeClient, makeDatabase, makeDocument, makeEdge, makeService, smallDocument } from './testing/builders';
import { validateDocument } from './validate';
import type { TopologyDocument } from './schema';

function messages(doc: TopologyDocument): string[] {
  const result = validateDocument(doc);
  return result.ok ? [] : errorsOf(result).map((e) => `${e.path}: ${e.message}`);
}

/** Warnings of a valid document (errors under `topo validate --strict`). */
function warnings(doc: TopologyDocument): string[] {
  const result = validateDocument(doc);
  if (!result.ok) throw new Error(`expected a valid document: ${errorsOf(result).map((e) => e.message).join('; ')}`);
  return result.warnings.map((e) => `${e.path}: ${e.message}`);
}

function sessions(session: 'local' | 'sticky' | 'shared', withEdge = session === 'shared'): TopologyDocument {
  return makeDocument({
    nodes: [makeClient('users', { users: 500 }), makeService('web', { on: ['h1', 'h2'], session }), makeCache('store', { on: ['h3'] })],
    edges: [makeEdge('users', 'web'), ...(withEdge ? [makeEdge('web', 'store', { purpose: 'session' })] : [])],
  });
}

describe('state fields', () => {
  it('keeps old files valid and accepts every new field where it belongs', () => {
    expect(validateDocument(smallDocument()).ok).toBe(true);
    const doc = makeDocument({
      nodes: [
        makeClient('users', { users: 20 }),
        makeService('book', { on: ['h1', 'h2'], lock: { scope: 'distributed', keys: 10, holdMs: 5, leaseMs: 1000 } }),
        makeCache('redis', { on: ['h3'] }),
        makeDatabase('db', { on: ['h1', 'h2', 'h3'], shards: 3, keys: 500 }),
      ],
      edges: [makeEdge('users', 'book'), makeEdge('book', 'redis', { purpose: 'lock' }), makeEdge('book', 'db')],
    });
    expect(warnings(doc)).toEqual([]);
    expect(warnings(sessions('local'))).toEqual([]);
    expect(warnings(sessions('sticky'))).toEqual([]);
    expect(warnings(sessions('shared'))).toEqual([]);
  });

  it('names the path of each misplaced field', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { keys: 5 }), makeService('web', { on: ['h1'], users: 3, shards: 1 }), makeDatabase('db', { on: ['h1'], session: 'local', lock: {} })],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'db')],
    });
    expect(messages(doc)).toEqual([
      'nodes[0].keys: only databases and caches have data keys (a lock has its own lock.keys)',
      'nodes[1].users: only clients have users (the people behind their requests)',
      'nodes[1].shards: only databases and caches are sharded',
      'nodes[2].session: only monoliths and services keep sessions',
      'nodes[2].lock: only monoliths and services take locks',
    ]);
  });

  it('warns about more shards than instances (what removing an instance leaves)', () => {
    const doc = makeDocument({ nodes: [makeClient('users'), makeDatabase('db', { on: ['h1'], shards: 2 })], edges: [makeEdge('users', 'db')] });
    expect(warnings(doc)).toEqual(['nodes[1].shards: is 2 but the node has 1 instance: every shard needs at least one']);
  });

  it('rejects values out of range with the limit', () => {
    const doc = sessions('local');
    doc.nodes[0]!.users = 0;
    expect(messages(doc)).toEqual(['nodes[0].users: must be ≥ 1']);
    doc.nodes[0]!.users = 2_000_000;
    expect(messages(doc)).toEqual(['nodes[0].users: must be ≤ 1000000']);
    doc.nodes[0]!.users = 1000;
    (doc.nodes[1] as { session: unknown }).session = 'cookie';
    expect(messages(doc)[0]).toMatch(/^nodes\[1\]\.session: unknown session mode "cookie"/);
  });

  it('warns until a shared session has its one session edge and a distributed lock its lock edge', () => {
    expect(warnings(sessions('shared', false))).toEqual(['nodes[1].session: is "shared" but no edge with "purpose": "session" leads to a session store (a cache or a database)']);
    const doc = makeDocument({
      nodes: [makeClient('users'), makeService('book', { on: ['h1'], lock: { scope: 'distributed' } })],
      edges: [makeEdge('users', 'book')],
    });
    expect(warnings(doc)).toEqual(['nodes[1].lock.scope: is "distributed" but no edge with "purpose": "lock" leads to a lock service (a cache or a database)']);
  });

  it('warns about purpose edges that are not from a node in that mode, into a data store, synchronous', () => {
    const doc = sessions('local', true);
    doc.edges[1]!.purpose = 'session';
    doc.edges[1]!.async = true;
    expect(warnings(doc)).toEqual([
      'edges[1].purpose: a "session" edge must start at a monolith or service with session: "shared"; "web" has none',
      'edges[1].async: a "session" edge is synchronous: the request waits for its session',
    ]);
    const wrongEnd = makeDocument({
      nodes: [makeClient('users'), makeService('web', { on: ['h1'], session: 'shared' }), makeService('other', { on: ['h1'] })],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'other', { purpose: 'session' })],
    });
    expect(warnings(wrongEnd)).toEqual(['edges[1].to: a "session" edge must end at a cache or a database, not a service']);
  });

  it('bounds the per-user state the simulator keeps', () => {
    const doc = sessions('local');
    doc.nodes[0]!.users = 1_000_000;
    doc.nodes.push(...Array.from({ length: 11 }, (_, k) => makeService(`s${k}`, { on: ['h1'], session: 'sticky' })));
    expect(messages(doc)).toEqual(['nodes: keep 12,000,000 sessions (1,000,000 users × 12 nodes with local or sticky sessions): at most 10,000,000 are allowed']);
  });
});
