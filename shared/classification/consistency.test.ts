import { describe, expect, it } from 'vitest';
import { classifyDesign } from './classify';
import { explainState, STATE_TOPIC_OF_RULE } from './explanations';
import { makeClient, makeDatabase, makeDocument, makeEdge, makeService, type NodeFields } from '../document/testing/builders';
import type { FindingRule } from './types';
import type { Replication, TopologyDocument } from '../document';

const findingsOf = (doc: TopologyDocument, rule: FindingRule) => classifyDesign(doc).findings.filter((f) => f.rule === rule);

/** users (100/s) → web → db (replicas on d0…, writeRatio 0.5 unless given). */
function store(replication: Replication | undefined, replicas = 3, fields: NodeFields = {}, writeRatio = 0.5): TopologyDocument {
  return makeDocument({
    nodes: [
      makeClient('users', { rate: 100 }),
      makeService('web', { on: ['h1'] }),
      makeDatabase('db', { name: 'Orders DB', on: Array.from({ length: replicas }, (_, i) => `d${i}`), ...(replication ? { replication } : {}), ...fields }),
    ],
    edges: [makeEdge('users', 'web'), makeEdge('web', 'db', { writeRatio })],
  });
}

describe('async-failover-loss', () => {
  it('names the node, the writes a failover loses (write rate × lag) and the fix', () => {
    const found = findingsOf(store({ mode: 'leader-follower', sync: 'async', lagMs: 200 }), 'async-failover-loss');
    expect(found.map((f) => [f.severity, f.nodes, f.hosts])).toEqual([['warning', ['db'], ['d0', 'd1', 'd2']]]);
    // 100 requests/s × writeRatio 0.5 = 50 writes/s; × 200 ms = 10 writes.
    expect(found[0]!.message).toMatch(/^Orders DB replicates asynchronously to 2 followers with 200 ms of lag: .* about 10 writes \(50 writes\/s × 200 ms\)\. Use semi-sync .* or sync replication/);
  });

  it('follows the write rate: the default writeRatio, and the lag default', () => {
    const doc = store({ mode: 'leader-follower' });
    delete doc.edges[1]!.writeRatio;
    // 100/s × 0.2 = 20 writes/s; × 100 ms = 2 writes.
    expect(findingsOf(doc, 'async-failover-loss')[0]!.message).toContain('about 2 writes (20 writes/s × 100 ms)');
  });

  it('is silent for semi-sync and sync, for one replica, and without replication', () => {
    expect(findingsOf(store({ mode: 'leader-follower', sync: 'semi-sync' }), 'async-failover-loss')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower', sync: 'sync' }), 'async-failover-loss')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower' }, 1), 'async-failover-loss')).toEqual([]);
    expect(findingsOf(store(undefined), 'async-failover-loss')).toEqual([]);
    expect(findingsOf(store({ mode: 'quorum' }), 'async-failover-loss')).toEqual([]);
  });

  it('counts the replicas of one shard', () => {
    expect(findingsOf(store({ mode: 'leader-follower' }, 3, { shards: 3 }), 'async-failover-loss')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower' }, 6, { shards: 3 }), 'async-failover-loss')[0]!.message).toContain('to 1 follower with');
  });
});

describe('stale-reads', () => {
  it('warns about follower reads under async and semi-sync, with the stale share 1 − e^(−λw·L/(1000·K))', () => {
    const found = findingsOf(store({ mode: 'leader-follower', readFrom: 'followers', lagMs: 200 }, 3, { keys: 100 }), 'stale-reads');
    expect(found.map((f) => [f.severity, f.nodes])).toEqual([['warning', ['db']]]);
    // 50 writes/s × 200 ms over 100 keys: 1 − e^(−0.1) = 9.5 %.
    expect(found[0]!.message).toContain('about 9.5 % of follower reads at 50 writes/s over 100 keys');
    expect(found[0]!.message).toMatch(/Read from the leader .*or replicate synchronously/);
    const semi = findingsOf(store({ mode: 'leader-follower', sync: 'semi-sync', readFrom: 'any' }), 'stale-reads');
    expect(semi[0]!.message).toMatch(/from any replica under semi-sync replication: a follower that did not acknowledge a write applies it up to 100 ms later/);
  });

  it('is silent for leader reads and for sync replication', () => {
    expect(findingsOf(store({ mode: 'leader-follower', readFrom: 'leader' }), 'stale-reads')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower' }), 'stale-reads')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower', sync: 'sync', readFrom: 'any' }), 'stale-reads')).toEqual([]);
  });
});

describe('quorum-overlap', () => {
  it('warns when r + w ≤ n, on the node’s numbers, with the fix', () => {
    const found = findingsOf(store({ mode: 'quorum', n: 3, w: 1, r: 1 }), 'quorum-overlap');
    expect(found.map((f) => [f.severity, f.nodes])).toEqual([['warning', ['db']]]);
    expect(found[0]!.message).toBe('Orders DB is a quorum of n = 3 with w = 1 and r = 1: r + w = 2 ≤ n = 3, so a read can ask only replicas that missed the latest write and return stale data. Make r + w > n — r = 3 with this w, or w = r = 2.');
    expect(findingsOf(store({ mode: 'quorum', n: 3, w: 2, r: 1 }), 'quorum-overlap')).toHaveLength(1);
  });

  it('is silent when r + w > n, including the majority defaults', () => {
    expect(findingsOf(store({ mode: 'quorum', n: 3, w: 2, r: 2 }), 'quorum-overlap')).toEqual([]);
    expect(findingsOf(store({ mode: 'quorum', n: 3, w: 3, r: 1 }), 'quorum-overlap')).toEqual([]);
    expect(findingsOf(store({ mode: 'quorum' }, 4), 'quorum-overlap')).toEqual([]);
  });
});

describe('even-replicas', () => {
  it('warns about an even replica count that chooses consistency', () => {
    const four = findingsOf(store({ mode: 'leader-follower', sync: 'sync' }, 4), 'even-replicas');
    expect(four.map((f) => [f.severity, f.nodes])).toEqual([['warning', ['db']]]);
    expect(four[0]!.message).toMatch(/^Orders DB has 4 replicas and chooses consistency on a partition: a split into 2 and 2 leaves neither side a majority.*Use an odd number of replicas \(5\)/);
    expect(findingsOf(store({ mode: 'quorum', n: 2, w: 2, r: 1 }, 2), 'even-replicas')[0]!.message).toContain('and so does losing either replica');
  });

  it('is silent for odd counts, one replica, and under availability', () => {
    expect(findingsOf(store({ mode: 'leader-follower' }, 3), 'even-replicas')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower' }, 1), 'even-replicas')).toEqual([]);
    expect(findingsOf(store({ mode: 'leader-follower', onPartition: 'availability' }, 4), 'even-replicas')).toEqual([]);
    expect(findingsOf(store({ mode: 'quorum', n: 3, onPartition: 'consistency' }, 4), 'even-replicas')).toEqual([]);
  });
});

describe('2pc-coordinator-spof', () => {
  const checkout = (on: string[], transaction: '2pc' | 'saga' = '2pc') =>
    makeDocument({
      nodes: [makeClient('users'), makeService('checkout', { name: 'Checkout', on, fanout: 'all', transaction }), makeService('pay', { on: ['h8'] }), makeService('stock', { on: ['h9'] })],
      edges: [makeEdge('users', 'checkout'), makeEdge('checkout', 'pay'), makeEdge('checkout', 'stock')],
    });

  it('warns about a 2pc coordinator with one instance or all on one server', () => {
    const one = findingsOf(checkout(['h1']), '2pc-coordinator-spof');
    expect(one.map((f) => [f.severity, f.nodes, f.hosts])).toEqual([['warning', ['checkout'], ['h1']]]);
    expect(one[0]!.message).toMatch(/^Checkout coordinates a two-phase commit over 2 participants and runs a single instance: .*in doubt.*second server.*saga/);
    expect(findingsOf(checkout(['h1', 'h1']), '2pc-coordinator-spof')[0]!.message).toContain('runs all 2 instances on one server');
  });

  it('is silent on two servers, for a saga, and without the fanout-all participants', () => {
    expect(findingsOf(checkout(['h1', 'h2']), '2pc-coordinator-spof')).toEqual([]);
    expect(findingsOf(checkout(['h1'], 'saga'), '2pc-coordinator-spof')).toEqual([]);
    const single = checkout(['h1']);
    single.edges.pop();
    expect(findingsOf(single, '2pc-coordinator-spof')).toEqual([]);
  });
});

describe('replicas-one-zone for replicated stores', () => {
  const zoned = (replication: Replication | undefined) => {
    const doc = store(replication, 3);
    return { ...doc, hosts: doc.hosts.map((h) => ({ ...h, zone: h.id === 'h1' ? 'b' : 'a' })) };
  };

  it('names a replicated store on a request path whose replicas share one zone, in place of zone-spof', () => {
    const doc = zoned({ mode: 'leader-follower' });
    const found = findingsOf(doc, 'replicas-one-zone');
    expect(found.map((f) => [f.severity, f.nodes])).toEqual([['warning', ['db']]]);
    expect(found[0]!.message).toBe('Orders DB keeps 3 replicas, all in zone a: a zone outage takes every replica down at once — no follower is left to take over and no quorum to answer, so every request that needs Orders DB fails. Put a replica in a second zone.');
    expect(findingsOf(doc, 'zone-spof').map((f) => f.nodes)).toEqual([]);
  });

  it('leaves an unreplicated store on a request path to zone-spof', () => {
    const doc = zoned(undefined);
    expect(findingsOf(doc, 'replicas-one-zone')).toEqual([]);
    expect(findingsOf(doc, 'zone-spof').map((f) => f.nodes)).toEqual([['db']]);
  });
});

describe('"Why?" explainers', () => {
  it('attaches a topic to each new finding', () => {
    expect([STATE_TOPIC_OF_RULE['async-failover-loss'], STATE_TOPIC_OF_RULE['stale-reads'], STATE_TOPIC_OF_RULE['quorum-overlap'], STATE_TOPIC_OF_RULE['even-replicas'], STATE_TOPIC_OF_RULE['2pc-coordinator-spof']]).toEqual([
      'replication',
      'replication',
      'quorums',
      'cap',
      'transactions',
    ]);
  });

  it('works the quorum rule out on the node’s own numbers', () => {
    expect(explainState('quorums', store({ mode: 'quorum', n: 3, w: 1, r: 1 }), 'db').why).toMatch(/Here n = 3, w = 1, r = 1: r \+ w = 2 ≤ 3, so a read can miss the latest write on all 1 replica it asks; r = 3 \(with w = 1\) would make r \+ w > n\.$/);
    expect(explainState('quorums', store({ mode: 'quorum', n: 5, w: 3, r: 3 }, 5), 'db').why).toMatch(/Here n = 5, w = 3, r = 3: r \+ w = 6 > 5, so every read meets the latest write on at least 1 replica\.$/);
    expect(explainState('quorums').why).not.toContain('Here n =');
    expect(explainState('cap', store({ mode: 'quorum' }), 'db').why).not.toContain('Here n =');
  });
});
