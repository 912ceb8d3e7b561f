/** Replicated data (SPEC §8) against its formulas, on long seeded runs, plus properties over many designs. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation, simulate } from './simulation';
import { Engine } from './engine';
import { compileModel } from './model';
import { makeClient, makeDatabase, makeDocument, makeEdge, makeScenario, makeService } from '../document/testing/builders';
import type { Fault, Replication, TopologyDocument } from '../document';
import { expectNear } from './testing/near';
import { expectedMaxLognormal } from './testing/lognormal';

interface StoreOptions {
  readonly replication: Replication;
  readonly rate?: number;
  readonly writeRatio?: number;
  readonly keys?: number;
  readonly latencyMs?: number;
  readonly latency?: 'constant' | 'lognormal';
  /** Hosts of the three replicas (default h1, h2, h3). */
  readonly hosts?: readonly string[];
  readonly faults?: readonly Fault[];
}

/** users → db (three replicas), every call a read or a write by the edge's writeRatio. */
function store(options: StoreOptions): TopologyDocument {
  return makeDocument({
    nodes: [
      makeClient('users', { rate: options.rate ?? 200 }),
      makeDatabase('db', {
        on: options.hosts ?? ['h1', 'h2', 'h3'],
        latencyMs: options.latencyMs ?? 1,
        latency: options.latency ?? 'constant',
        concurrency: 1000,
        keys: options.keys ?? 100,
        replication: options.replication,
      }),
    ],
    edges: [makeEdge('users', 'db', { writeRatio: options.writeRatio ?? 0.5 })],
    scenarios: [makeScenario('faults', [...(options.faults ?? [])])],
  });
}

/** The whole run under the design's (only) scenario. */
function run(doc: TopologyDocument, durationS: number, seed: number) {
  return simulate(doc, { durationS, seed, scenario: doc.scenarios![0]!.id });
}

const ASYNC_FOLLOWERS: Replication = { mode: 'leader-follower', sync: 'async', lagMs: 100, readFrom: 'followers' };

describe('leader-follower replication', () => {
  it('serves stale follower reads at 1 − e^(−λw·L/(1000·K))', () => {
    // λw = 200/s × 0.5 = 100 writes/s over K = 100 keys, lag L = 100 ms: 1 − e^(−0.1) ≈ 9.5 %.
    const report = run(store({ replication: ASYNC_FOLLOWERS }), 600, 7);
    const consistency = report.nodes.db!.consistency!;
    expect(consistency.reads).toBeGreaterThan(50_000);
    expectNear(consistency.staleReads / consistency.reads, 1 - Math.exp(-(100 * 100) / (1000 * 100)), 0.04);
    expect(consistency.lostWrites).toBe(0);
    expect(consistency.elections).toBe(0);
  });

  it('reads from the leader are never stale', () => {
    const report = run(store({ replication: { ...ASYNC_FOLLOWERS, readFrom: 'leader' } }), 60, 7);
    const consistency = report.nodes.db!.consistency!;
    expect(consistency.reads).toBeGreaterThan(5000);
    expect(consistency.staleReads).toBe(0);
    // Every call went to the leader, instance 0.
    expect(report.nodes.db!.instances).toEqual([report.nodes.db!.served, 0, 0]);
  });

  it('loses ≈ λw·L/1000 writes when the async leader dies, and elects a follower after the health check', () => {
    // 500 writes/s, lag 200 ms: ≈ 100 writes acknowledged by the leader and never shipped.
    let lost = 0;
    const seeds = 20;
    for (let seed = 1; seed <= seeds; seed++) {
      const doc = store({
        replication: { mode: 'leader-follower', sync: 'async', lagMs: 200, readFrom: 'leader', electionMs: 500 },
        rate: 500,
        writeRatio: 1,
        keys: 10_000,
        faults: [{ type: 'instance-down', target: 'db', instance: 0, at: 5 }],
      });
      const report = run(doc, 12, seed);
      const consistency = report.nodes.db!.consistency!;
      expect(consistency.elections).toBe(1);
      lost += consistency.lostWrites;
      // Down at 5 s, out of rotation 3 s later (1 s × 3 failures), elected 0.5 s after: writes fail meanwhile.
      const down = report.timeline.filter((s) => s.t >= 5 && s.t < 8);
      expect(down.every((s) => s.failures.crash! > 0)).toBe(true);
      expect(report.timeline.find((s) => s.t === 8)!.failures.unavailable).toBeGreaterThan(0);
      expect(report.timeline.find((s) => s.t === 10)!.failed).toBe(0);
    }
    expectNear(lost / seeds, (500 * 200) / 1000, 0.06);
  });

  it('loses nothing with sync replication, and a sync write takes the slowest replica', () => {
    const faults: Fault[] = [{ type: 'instance-down', target: 'db', instance: 0, at: 5 }];
    const sync = store({ replication: { mode: 'leader-follower', sync: 'sync', lagMs: 200, readFrom: 'leader' }, rate: 500, writeRatio: 1, keys: 10_000, faults });
    const report = run(sync, 12, 3);
    expect(report.nodes.db!.consistency!.writes).toBeGreaterThan(2000);
    expect(report.nodes.db!.consistency!.lostWrites).toBe(0);
    expect(report.nodes.db!.consistency!.elections).toBe(1);

    // Three replicas on one host (no hop between them): a write waits for the slowest of three service times.
    const oneHost = { hosts: ['h1', 'h1', 'h1'], latencyMs: 10, latency: 'lognormal' as const, writeRatio: 1, rate: 100 };
    const syncReport = run(store({ ...oneHost, replication: { mode: 'leader-follower', sync: 'sync' } }), 600, 5);
    const asyncReport = run(store({ ...oneHost, replication: { mode: 'leader-follower', sync: 'async' } }), 600, 5);
    // Plus the client's hop (networkMs 1).
    expectNear(syncReport.latencyMs.mean, 1 + expectedMaxLognormal(10, 3), 0.02);
    expectNear(asyncReport.latencyMs.mean, 1 + 10, 0.02);
  });

  it('semi-sync loses nothing at one failover: the follower that acknowledged is elected or hands its writes over', () => {
    const doc = store({
      replication: { mode: 'leader-follower', sync: 'semi-sync', lagMs: 200, readFrom: 'leader' },
      rate: 500,
      writeRatio: 1,
      keys: 10_000,
      faults: [{ type: 'instance-down', target: 'db', instance: 0, at: 5 }],
    });
    const consistency = run(doc, 12, 4).nodes.db!.consistency!;
    expect(consistency.elections).toBe(1);
    expect(consistency.lostWrites).toBe(0);
  });
});

describe('quorum replication', () => {
  const quorum = (w: number, r: number): Replication => ({ mode: 'quorum', n: 3, w, r, lagMs: 100 });

  it('3/2/2 never reads stale data; 3/1/1 does', () => {
    const overlapping = run(store({ replication: quorum(2, 2), latency: 'lognormal' }), 120, 2).nodes.db!.consistency!;
    expect(overlapping.reads).toBeGreaterThan(10_000);
    expect(overlapping.staleReads).toBe(0);
    const loose = run(store({ replication: quorum(1, 1), latency: 'lognormal' }), 120, 2).nodes.db!.consistency!;
    expect(loose.staleReads).toBeGreaterThan(0);
  });

  it('fails writes as no-quorum when fewer than w replicas are up', () => {
    const faults: Fault[] = [
      { type: 'instance-down', target: 'db', instance: 1, at: 2, until: 6 },
      { type: 'instance-down', target: 'db', instance: 2, at: 2, until: 6 },
    ];
    const report = run(store({ replication: quorum(2, 1), faults }), 10, 1);
    const consistency = report.nodes.db!.consistency!;
    expect(consistency.noQuorum).toBeGreaterThan(0);
    expect(report.failures['no-quorum']).toBeGreaterThan(0);
    // Reads (r = 1) still succeed on the replica left.
    expect(report.timeline.find((s) => s.t === 4)!.ok).toBeGreaterThan(0);
    expect(report.timeline.find((s) => s.t === 4)!.consistency!.noQuorum).toBeGreaterThan(0);
    expect(report.timeline.find((s) => s.t === 8)!.failed).toBe(0);
  });
});

/** Two sides: usersA → appA (h1) and usersB → appB (h3), both → db with replicas on h1, h2 | h3. */
function splitDesign(replication: Replication): TopologyDocument {
  return makeDocument({
    nodes: [
      makeClient('usersA', { rate: 100 }),
      makeClient('usersB', { rate: 100 }),
      makeService('appA', { on: ['h1'], latencyMs: 1, latency: 'constant', concurrency: 500 }),
      makeService('appB', { on: ['h3'], latencyMs: 1, latency: 'constant', concurrency: 500 }),
      makeDatabase('db', { on: ['h1', 'h2', 'h3'], latencyMs: 1, latency: 'constant', concurrency: 500, keys: 50, replication }),
    ],
    edges: [makeEdge('usersA', 'appA'), makeEdge('usersB', 'appB'), makeEdge('appA', 'db', { writeRatio: 0.5 }), makeEdge('appB', 'db', { writeRatio: 0.5 })],
    scenarios: [makeScenario('split', [{ type: 'partition', groups: [['h1', 'h2'], ['h3']], at: 5, until: 15 }])],
  });
}

describe('partitions (CAP)', () => {
  for (const mode of ['quorum', 'leader-follower'] as const) {
    const base: Replication = mode === 'quorum' ? { mode, n: 3, w: 2, r: 2, lagMs: 50 } : { mode, sync: 'async', lagMs: 50, readFrom: 'leader', electionMs: 500 };

    it(`${mode}, consistency: the majority side goes on, the minority refuses as no-quorum`, () => {
      const report = run(splitDesign({ ...base, onPartition: 'consistency' }), 20, 9);
      expect(report.clients.usersA!.failed).toBe(0);
      expect(report.clients.usersB!.failed).toBeGreaterThan(0);
      expect(report.failures['no-quorum']).toBe(report.clients.usersB!.failed);
      expect(report.nodes.db!.consistency!.noQuorum).toBeGreaterThan(0);
      expect(report.nodes.db!.consistency!.conflicts).toBe(0);
      // Healed at 15 s: both sides served again.
      expect(report.timeline.find((s) => s.t === 17)!.failed).toBe(0);
    });

    it(`${mode}, availability: both sides accept, writes conflict, last-writer-wins loses some at heal`, () => {
      const report = run(splitDesign({ ...base, onPartition: 'availability' }), 20, 9);
      const consistency = report.nodes.db!.consistency!;
      expect(report.failures['no-quorum'] ?? 0).toBe(0);
      expect(consistency.noQuorum).toBe(0);
      expect(consistency.conflicts).toBeGreaterThan(0);
      expect(consistency.lostWrites).toBeGreaterThan(0);
      expect(report.clients.usersA!.failed).toBe(0);
      const conflictSeconds = report.timeline.filter((s) => (s.consistency?.conflicts ?? 0) > 0).map((s) => s.t);
      expect(Math.min(...conflictSeconds)).toBeGreaterThanOrEqual(5);
      expect(Math.max(...conflictSeconds)).toBeLessThan(15);
    });
  }
});

describe('replication properties', () => {
  // One host and constant service times: w and r change which replicas answer, never when, so the
  // runs differ only in the versions the replicas hold.
  const config = fc.record({
    w: fc.integer({ min: 1, max: 3 }),
    r: fc.integer({ min: 1, max: 3 }),
    lagMs: fc.integer({ min: 0, max: 300 }),
    writeRatio: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    keys: fc.integer({ min: 1, max: 200 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });
  const stale = (w: number, r: number, c: { lagMs: number; writeRatio: number; keys: number; seed: number }) =>
    run(store({ replication: { mode: 'quorum', n: 3, w, r, lagMs: c.lagMs }, hosts: ['h1', 'h1', 'h1'], writeRatio: c.writeRatio, keys: c.keys, rate: 300 }), 5, c.seed).nodes.db!.consistency!.staleReads;

  it('raising w or r never increases stale reads', () => {
    fc.assert(
      fc.property(config, (c) => {
        const here = stale(c.w, c.r, c);
        if (c.w < 3) expect(stale(c.w + 1, c.r, c)).toBeLessThanOrEqual(here);
        if (c.r < 3) expect(stale(c.w, c.r + 1, c)).toBeLessThanOrEqual(here);
        if (c.w + c.r > 3) expect(here).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('sync replication never loses a write, whatever fails', () => {
    fc.assert(
      fc.property(
        fc.record({ lagMs: fc.integer({ min: 0, max: 500 }), at: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 1, max: 5 }), instance: fc.integer({ min: 0, max: 2 }), seed: fc.integer({ min: 1, max: 1000 }) }),
        (c) => {
          const doc = store({
            replication: { mode: 'leader-follower', sync: 'sync', lagMs: c.lagMs, readFrom: 'any', electionMs: 200 },
            rate: 300,
            latency: 'lognormal',
            faults: [
              { type: 'instance-down', target: 'db', instance: c.instance, at: c.at, until: c.at + c.length },
              { type: 'instance-down', target: 'db', instance: (c.instance + 1) % 3, at: c.at + c.length + 1, until: c.at + c.length + 3 },
            ],
          });
          const consistency = run(doc, 12, c.seed).nodes.db!.consistency!;
          expect(consistency.writes).toBeGreaterThan(0);
          expect(consistency.lostWrites).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('replication, memory', () => {
  it('is bounded by keys × replicas and the load, never by the run length; nothing stays open after', () => {
    const doc = store({ replication: ASYNC_FOLLOWERS, rate: 300, faults: [{ type: 'instance-down', target: 'db', instance: 0, at: 30, until: 40 }] });
    const engine = new Engine(compileModel(doc, doc.scenarios![0]), { durationMs: 300_000, seed: 1 });
    engine.advanceTo(60_000);
    const early = engine.footprint();
    engine.advanceTo(300_000);
    const late = engine.footprint();
    expect(late.jobs).toBe(early.jobs);
    expect(late.events).toBe(early.events);
    engine.settle();
    expect(engine.footprint()).toMatchObject({ liveJobs: 0, liveCalls: 0, livePaths: 0, liveReplicaApplies: 0, openConnections: 0 });
  });
});

describe('replication, live', () => {
  it('shows the leader, the followers and their lag, and the election as it happens', () => {
    const doc = store({
      replication: { mode: 'leader-follower', sync: 'async', lagMs: 100, readFrom: 'followers', electionMs: 1000 },
      faults: [{ type: 'instance-down', target: 'db', instance: 0, at: 2 }],
    });
    const live = createSimulation(doc, { durationS: 10, seed: 1, recordMovements: true, scenario: 'faults' });
    live.advanceTo(1500);
    const before = live.snapshot().nodes.find((n) => n.id === 'db')!;
    expect(before.replication).toEqual({ leader: 0, electing: false });
    expect(before.instances.map((i) => i.role)).toEqual(['leader', 'follower', 'follower']);
    expect(before.instances[1]!.lagMs).toBe(100);
    const movements = live.drainMovements().filter((m) => m.to === 'db');
    expect(movements.length).toBeGreaterThan(0);
    expect(movements.every((m) => m.instance !== undefined)).toBe(true);
    // Down at 2 s, out of rotation at 5 s: electing until 6 s.
    live.advanceTo(5500);
    const during = live.snapshot().nodes.find((n) => n.id === 'db')!;
    expect(during.replication!.electing).toBe(true);
    live.advanceTo(6500);
    const after = live.snapshot().nodes.find((n) => n.id === 'db')!;
    expect(after.replication!.electing).toBe(false);
    expect(after.replication!.leader).toBe(1);
    expect(after.instances[0]!.lagMs).toBeGreaterThanOrEqual(4000);
  });
});
