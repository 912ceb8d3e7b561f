/** The behaviours SPEC §8 pins for users and keys, sessions, locks and shards, each within a few percent. */
import { describe, expect, it } from 'vitest';
import { createSimulation, simulate } from './simulation';
import { compileModel } from './model';
import { buildShardRing, shardOfKey } from './shards';
import { makeCache, makeClient, makeDatabase, makeDocument, makeEdge, makeScenario, makeService } from '../document/testing/builders';
import type { TopologyDocument, TopologyNode } from '../document';
import { expectNear } from './testing/near';
import { allFeatures } from './testing/stateDesign';

/** users → web (3 instances on 3 hosts, round-robin) with the given session mode. */
function sessionDesign(session: TopologyNode['session'], users: number, rate: number): TopologyDocument {
  const shared = session === 'shared';
  return makeDocument({
    nodes: [
      makeClient('users', { rate, users }),
      makeService('web', { on: ['h1', 'h2', 'h3'], session, latencyMs: 2 }),
      ...(shared ? [makeCache('store', { on: ['h4'] })] : []),
    ],
    edges: [makeEdge('users', 'web'), ...(shared ? [makeEdge('web', 'store', { purpose: 'session' as const })] : [])],
  });
}

describe('users and keys', () => {
  it('consistent hashing in front of a unit hashes the user: one user always reaches one instance', () => {
    const one = sessionDesign('none', 1, 50);
    one.nodes[1]!.balancer = 'consistent-hash';
    const served = simulate(one, { durationS: 20 }).nodes.web!.instances!;
    expect(served.filter((count) => count > 0)).toHaveLength(1);
    const many = sessionDesign('none', 3000, 300);
    many.nodes[1]!.balancer = 'consistent-hash';
    const spread = simulate(many, { durationS: 20 }).nodes.web!.instances!;
    for (const count of spread) expect(count).toBeGreaterThan(1000);
  });

  it('each call into a database draws a data key from its keys: one key always reaches one replica', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 50 }), makeService('web', { on: ['h1'] }), makeDatabase('db', { on: ['h2', 'h3', 'h4'], balancer: 'consistent-hash', keys: 1 })],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'db')],
    });
    expect(simulate(doc, { durationS: 20 }).nodes.db!.instances!.filter((count) => count > 0)).toHaveLength(1);
    doc.nodes[2]!.keys = 10_000;
    for (const count of simulate(doc, { durationS: 20 }).nodes.db!.instances!) expect(count).toBeGreaterThan(150);
  });

  it('is deterministic per seed with every state feature on', () => {
    const doc = allFeatures();
    expect(JSON.stringify(simulate(doc, { durationS: 10, seed: 7 }))).toBe(JSON.stringify(simulate(doc, { durationS: 10, seed: 7 })));
  });
});

describe('sessions', () => {
  it('local, round-robin over n instances: about (n − 1)/n of returning users’ requests fail session-lost', () => {
    const users = 300;
    const report = simulate(sessionDesign('local', users, 300), { durationS: 60 });
    const returning = report.requests.total - users;
    expectNear(report.failures['session-lost'] / returning, 2 / 3, 0.03);
    expect(report.failuresByNode.web).toBe(report.failures['session-lost']);
  });

  it('sticky: none without faults; after an instance dies about one failure per user that lived there', () => {
    const healthy = simulate(sessionDesign('sticky', 3000, 1000), { durationS: 30 });
    expect(healthy.failures['session-lost']).toBe(0);
    expect(healthy.requests.failed).toBe(0);
    const doc = sessionDesign('sticky', 3000, 1000);
    doc.scenarios = [makeScenario('kill', [{ type: 'instance-down', target: 'web', instance: 0, at: 20 }])];
    const report = simulate(doc, { durationS: 45, scenario: 'kill' });
    // Every user has visited by t = 20 s, so a third of them lived on instance 0.
    expectNear(report.failures['session-lost'], 1000, 0.08);
  });

  it('shared: no session-lost, one more call per request to the store, and its outage fails requests', () => {
    const report = simulate(sessionDesign('shared', 300, 200), { durationS: 30 });
    expect(report.failures['session-lost']).toBe(0);
    expect(report.requests.failed).toBe(0);
    expect(report.nodes.store!.served).toBe(report.requests.ok);
    const doc = sessionDesign('shared', 300, 200);
    doc.scenarios = [makeScenario('store-down', [{ type: 'node-down', target: 'store', at: 10, until: 20 }])];
    const down = simulate(doc, { durationS: 30, scenario: 'store-down' });
    // Down 10 s of 30, and one health-check interval (1 s) more until it is back in rotation.
    expectNear(down.requests.failed / down.requests.total, 11 / 30, 0.05);
    expect(down.failuresByNode.store).toBe(down.requests.failed);
  });
});

/** users → book (instances on h1…hN) holding a lock; a distributed one over a lock edge to redis. */
function lockDesign(scope: 'local' | 'distributed', instances: number, options: { keys?: number; holdMs?: number; rate?: number; leaseMs?: number; queueLimit?: number } = {}): TopologyDocument {
  const hosts = Array.from({ length: instances }, (_, i) => `h${i + 1}`);
  const distributed = scope === 'distributed';
  return makeDocument({
    nodes: [
      makeClient('users', { rate: options.rate ?? 400 }),
      makeService('book', { on: hosts, latencyMs: 5, lock: { scope, keys: options.keys ?? 20, holdMs: options.holdMs ?? 5, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) }, ...(options.queueLimit !== undefined ? { queueLimit: options.queueLimit } : {}) }),
      ...(distributed ? [makeCache('redis', { on: ['lock-host'] })] : []),
    ],
    edges: [makeEdge('users', 'book'), ...(distributed ? [makeEdge('book', 'redis', { purpose: 'lock' as const })] : [])],
  });
}

describe('locks', () => {
  it('one instance: no exclusion violations, local or distributed', () => {
    expect(simulate(lockDesign('local', 1), { durationS: 20 }).nodes.book!.exclusionViolations).toBe(0);
    expect(simulate(lockDesign('distributed', 1), { durationS: 20 }).nodes.book!.exclusionViolations).toBe(0);
  });

  it('two or more instances with local locks under load: violations; distributed: none', () => {
    const local = simulate(lockDesign('local', 3), { durationS: 20 });
    expect(local.nodes.book!.exclusionViolations).toBeGreaterThan(100);
    const distributed = simulate(lockDesign('distributed', 3), { durationS: 20 });
    expect(distributed.nodes.book!.exclusionViolations).toBe(0);
    // One acquire call per request that got a slot.
    expect(distributed.nodes.redis!.served).toBeGreaterThanOrEqual(distributed.requests.ok);
  });

  it('live mode marks sampled requests that took a key another instance held, and only with local locks', () => {
    const violations = (scope: 'local' | 'distributed') => {
      const live = createSimulation(lockDesign(scope, 3), { durationS: 10, recordMovements: true });
      live.advanceTo(10_000);
      return live.drainMovements().filter((m) => m.violation === true);
    };
    const local = violations('local');
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((m) => m.to === 'book' && m.from === 'users')).toBe(true);
    expect(violations('distributed')).toEqual([]);
  });

  it('distributed: one key’s throughput is at most 1000 / holdMs per second', () => {
    const report = simulate(lockDesign('distributed', 3, { keys: 1, holdMs: 10, rate: 300 }), { durationS: 30 });
    const perSecond = report.requests.ok / 30;
    expect(perSecond).toBeLessThanOrEqual(100);
    expect(perSecond).toBeGreaterThan(90);
    expect(report.failures.overload).toBeGreaterThan(0);
  });

  it('distributed: the lock service’s outage fails requests as lock-unavailable', () => {
    const doc = lockDesign('distributed', 2);
    doc.scenarios = [makeScenario('redis-down', [{ type: 'node-down', target: 'redis', at: 5, until: 10 }])];
    const report = simulate(doc, { durationS: 15, scenario: 'redis-down' });
    expect(report.failures['lock-unavailable']).toBe(report.requests.failed);
    // Down 5 s of 15, and one health-check interval (1 s) more until it is back in rotation.
    expectNear(report.requests.failed / report.requests.total, 6 / 15, 0.05);
  });

  it('distributed: a holder whose instance crashes keeps its key until its lease ends', () => {
    // One key, always wanted: at the crash the holder is on instance 0 in about half the seeds.
    const servedAfterCrash = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const doc = lockDesign('distributed', 2, { keys: 1, holdMs: 20, rate: 200, leaseMs: 3000, queueLimit: 1000 });
      doc.scenarios = [makeScenario('crash', [{ type: 'instance-down', target: 'book', instance: 0, at: 10 }])];
      const report = simulate(doc, { durationS: 16, scenario: 'crash', seed });
      return report.timeline[11]!.ok + report.timeline[12]!.ok;
    });
    expect(Math.min(...servedAfterCrash)).toBe(0);
    expect(Math.max(...servedAfterCrash)).toBeGreaterThan(50);
  });
});

describe('shards', () => {
  function sharded(instances: number, shards: number): TopologyDocument {
    return makeDocument({
      nodes: [
        makeClient('users', { rate: 300 }),
        makeService('web', { on: ['w1'] }),
        makeDatabase('db', { on: Array.from({ length: instances }, (_, i) => `d${i + 1}`), shards }),
      ],
      edges: [makeEdge('users', 'web'), makeEdge('web', 'db')],
      scenarios: [makeScenario('d1-down', [{ type: 'instance-down', target: 'db', instance: 0, at: 0 }])],
    });
  }

  it('spreads the keys evenly: each of 3 shards holds about a third', () => {
    const [ring, owners] = buildShardRing(3);
    const counts = [0, 0, 0];
    for (let key = 0; key < 10_000; key++) counts[shardOfKey(ring, owners, key)]!++;
    for (const count of counts) expectNear(count / 10_000, 1 / 3, 0.05);
  });

  it('3 shards of one replica, one down: about 1/3 of the calls to the node fail', () => {
    const doc = sharded(3, 3);
    const report = simulate(doc, { durationS: 60, scenario: 'd1-down' });
    const model = compileModel(doc, undefined);
    expect(model.state.nodeShards[2]).toBe(3);
    const [ring, owners] = buildShardRing(3);
    let inShard0 = 0;
    for (let key = 0; key < 10_000; key++) if (shardOfKey(ring, owners, key) === 0) inShard0++;
    expectNear(report.requests.failed / report.requests.total, inShard0 / 10_000, 0.03);
    expectNear(report.requests.failed / report.requests.total, 1 / 3, 0.06);
    expect(report.failuresByNode.db).toBe(report.requests.failed);
  });

  it('3 shards of two replicas, one down: calls fail only until the health check notices', () => {
    const report = simulate(sharded(6, 3), { durationS: 30, scenario: 'd1-down' });
    expect(report.requests.failed).toBeGreaterThan(0);
    for (const second of report.timeline.slice(8)) expect(second.failed).toBe(0);
  });
});
