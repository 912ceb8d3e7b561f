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

  it('bounds the per-key versions the simulator keeps for replicated stores', () => {
    const store = (id: string) => makeDatabase(id, { on: ['d1', 'd2', 'd3'], keys: 1_000_000, replication: { mode: 'quorum' } });
    // keys × (3 replicas + 2) = 5,000,000 per store.
    expect(messages(makeDocument({ nodes: [makeClient('users'), store('a'), store('b')] }))).toEqual([]);
    expect(messages(makeDocument({ nodes: [makeClient('users'), store('a'), store('b'), store('c')] }))).toEqual([
      'nodes: keep 15,000,000 replicated key versions (keys × (replicas + 2) of replicated nodes): at most 10,000,000 are allowed',
    ]);
  });
});

describe('replication, writeRatio and transaction fields', () => {
  const replicated = (replication: unknown, instances = 3, writeRatio: number | null = 0.3) =>
    makeDocument({
      nodes: [makeClient('users'), makeService('web', { on: ['h1'] }), makeDatabase('db', { on: Array.from({ length: instances }, (_, i) => `d${i}`), replication: replication as never })],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'db', writeRatio === null ? {} : { writeRatio })],
    });
  const checkout = (fields: { fanout?: 'one' | 'all'; calls?: number; transaction?: '2pc' | 'saga' }) =>
    makeDocument({
      nodes: [
        makeClient('users'),
        makeService('checkout', { on: ['h1'], ...(fields.fanout ? { fanout: fields.fanout } : {}), ...(fields.transaction ? { transaction: fields.transaction } : {}) }),
        makeService('pay', { on: ['h2'] }),
        makeService('stock', { on: ['h3'] }),
      ],
      edges: [makeEdge('users', 'checkout'), ...['pay', 'stock'].slice(0, fields.calls ?? 2).map((to) => makeEdge('checkout', to))],
    });

  it('accepts both modes with or without their optional fields, and transactions where they belong', () => {
    expect(warnings(replicated({ mode: 'leader-follower' }))).toEqual([]);
    expect(warnings(replicated({ mode: 'leader-follower', sync: 'semi-sync', lagMs: 50, readFrom: 'any', electionMs: 2000, onPartition: 'availability' }))).toEqual([]);
    expect(warnings(replicated({ mode: 'quorum', n: 3, w: 2, r: 2, lagMs: 10, onPartition: 'consistency' }))).toEqual([]);
    expect(warnings(replicated({ mode: 'quorum' }, 5))).toEqual([]);
    expect(warnings(checkout({ fanout: 'all', transaction: '2pc' }))).toEqual([]);
    expect(warnings(checkout({ fanout: 'all', transaction: 'saga' }))).toEqual([]);
  });

  it('rejects an unknown mode, a field of the other mode, and values out of range, naming the path', () => {
    expect(messages(replicated({ mode: 'multi-leader' }))).toEqual(['nodes[2].replication.mode: unknown replication mode "multi-leader" (expected one of "leader-follower", "quorum")']);
    expect(messages(replicated({ sync: 'async' }))).toEqual(['nodes[2].replication.mode: is required (expected one of "leader-follower", "quorum")']);
    expect(messages(replicated({ mode: 'quorum', readFrom: 'any' }))).toEqual(['nodes[2].replication: "readFrom" is not a field of quorum replication']);
    expect(messages(replicated({ mode: 'leader-follower', sync: 'eventually' }))[0]).toMatch(/^nodes\[2\]\.replication\.sync: unknown replication sync "eventually"/);
    expect(messages(replicated({ mode: 'leader-follower', lagMs: 4_000_000 }))).toEqual(['nodes[2].replication.lagMs: must be ≤ 3600000']);
    expect(messages(replicated({ mode: 'quorum', n: 0 }))).toEqual(['nodes[2].replication.n: must be ≥ 1']);
    expect(messages(replicated({ mode: 'leader-follower' }, 3, 1.5))).toEqual(['edges[1].writeRatio: must be ≤ 1']);
    expect(messages(checkout({ fanout: 'all', transaction: '3pc' as never }))[0]).toMatch(/^nodes\[1\]\.transaction: unknown transaction mode "3pc"/);
  });

  it('errs on replication outside a data store and on w or r above n', () => {
    const onService = makeDocument({ nodes: [makeService('web', { on: ['h1'], replication: { mode: 'leader-follower' } })] });
    expect(messages(onService)).toEqual(['nodes[0].replication: only databases and caches are replicated']);
    expect(messages(replicated({ mode: 'quorum', n: 3, w: 4, r: 5 }))).toEqual([
      'nodes[2].replication.w: is 4 but n is 3: a write cannot wait for more acks than there are replicas',
      'nodes[2].replication.r: is 5 but n is 3: a read cannot ask more replicas than there are',
    ]);
  });

  it('warns (the file still opens) about n above the instances, writeRatio into an unreplicated node, and a transaction without its participants', () => {
    expect(warnings(replicated({ mode: 'quorum', n: 5, w: 3, r: 3 }, 3))).toEqual(['nodes[2].replication.n: is 5 but the node has 3 instances: each instance is one replica, so n can be at most 3']);
    expect(warnings(replicated(undefined, 3, 0.5))).toEqual(['edges[1].writeRatio: only means something on a call into a replicated database or cache; "db" has no replication']);
    expect(warnings(replicated(undefined, 3, null))).toEqual([]);
    // A service without a fanout calls all its edges: its transaction runs, nothing to warn about.
    expect(warnings(checkout({ transaction: '2pc' }))).toEqual([]);
    expect(warnings(checkout({ fanout: 'one', transaction: '2pc' }))).toEqual(['nodes[1].transaction: is "2pc" but a transaction needs "fanout": "all" and at least two outgoing calls (its participants); this node has fanout "one" and 2 calls']);
    expect(warnings(checkout({ fanout: 'all', calls: 1, transaction: 'saga' }))).toEqual(['nodes[1].transaction: is "saga" but a transaction needs "fanout": "all" and at least two outgoing calls (its participants); this node has 1 call']);
  });
});
