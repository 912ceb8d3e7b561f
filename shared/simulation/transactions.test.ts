/** Distributed transactions (2PC and sagas) against their formulas, on long seeded runs. */
import { describe, expect, it } from 'vitest';
import { createSimulation, simulate } from './simulation';
import { Engine } from './engine';
import { compileModel } from './model';
import { makeClient, makeDatabase, makeDocument, makeEdge, makeScenario, makeService } from '../document/testing/builders';
import type { Fault, TopologyDocument } from '../document';
import { expectNear } from './testing/near';
import { expectedMaxLognormal } from './testing/lognormal';

/** Hop between two hosts (the default `networkMs`). */
const HOP_MS = 1;

interface DesignOptions {
  readonly transaction?: '2pc' | 'saga';
  readonly rate?: number;
  readonly participantMs?: number;
  readonly latency?: 'constant' | 'lognormal';
  /** Error rate of each participant, in edge order. */
  readonly errorRates?: readonly number[];
  readonly faults?: readonly Fault[];
}

/** users → checkout (h1, 2 ms constant) → a, b, c (databases on h2, h3, h4), fanout all. */
function checkout(options: DesignOptions = {}): TopologyDocument {
  const participants = ['a', 'b', 'c'];
  return makeDocument({
    nodes: [
      makeClient('users', { rate: options.rate ?? 20 }),
      makeService('checkout', { on: ['h1'], latencyMs: 2, latency: 'constant', concurrency: 64, fanout: 'all', ...(options.transaction ? { transaction: options.transaction } : {}) }),
      ...participants.map((id, k) =>
        makeDatabase(id, { on: [`h${k + 2}`], latencyMs: options.participantMs ?? 10, latency: options.latency ?? 'lognormal', concurrency: 64, errorRate: options.errorRates?.[k] ?? 0 }),
      ),
    ],
    edges: [makeEdge('users', 'checkout'), ...participants.map((id) => makeEdge('checkout', id))],
    scenarios: [makeScenario('faults', [...(options.faults ?? [])])],
  });
}

describe('two-phase commit', () => {
  it('takes two rounds of the slowest participant: mean latency ≈ hop + service + 2 × (hop + E[max of 3])', () => {
    const report = simulate(checkout({ transaction: '2pc' }), { durationS: 600, seed: 3 });
    const expected = HOP_MS + 2 + 2 * (HOP_MS + expectedMaxLognormal(10, 3));
    expectNear(report.latencyMs.mean, expected, 0.02);
    const transactions = report.nodes.checkout!.transactions!;
    expect(transactions.mode).toBe('2pc');
    expect(transactions.committed).toBe(report.requests.ok);
    expect(transactions).toMatchObject({ compensated: 0, compensations: 0, inDoubt: 0, maxInDoubtMs: 0, meanInconsistencyMs: 0 });
    // Each participant serves a prepare and a commit per committed transaction, and a prepare and a
    // rollback per aborted one its prepare reached (a rare abort: two requests of one user holding
    // the same key's lock at once, lock-unavailable).
    expect(report.requests.failed).toBe(transactions.aborted);
    expect(report.nodes.a!.served).toBeGreaterThanOrEqual(2 * transactions.committed);
    expect(report.nodes.a!.served).toBeLessThanOrEqual(2 * (transactions.committed + transactions.aborted));
  });

  it('without `transaction` the fan-out is as before (sequential calls), and a `transaction` the engine cannot run changes nothing', () => {
    const plain = simulate(checkout(), { durationS: 120, seed: 5 });
    expectNear(plain.latencyMs.mean, HOP_MS + 2 + 3 * (HOP_MS + 10), 0.02);
    expect(plain.nodes.checkout!.transactions).toBeUndefined();
    // A `transaction` the engine cannot run (fanout one) changes nothing either.
    const doc = checkout({ transaction: '2pc' });
    doc.nodes[1]!.fanout = 'one';
    const without = checkout();
    without.nodes[1]!.fanout = 'one';
    expect(JSON.stringify(simulate(doc, { durationS: 60, seed: 5 }))).toBe(JSON.stringify(simulate(without, { durationS: 60, seed: 5 })));
  });

  it('rolls back on a failed prepare: aborted counts it, the request fails with the prepare’s cause, no commit round goes out', () => {
    const always = simulate(checkout({ transaction: '2pc', errorRates: [0, 1, 0] }), { durationS: 120, seed: 2 });
    const tx = always.nodes.checkout!.transactions!;
    expect(tx.committed).toBe(0);
    // Transactions still rolling back at the end count as aborted; their requests are in flight.
    expect(tx.aborted - always.requests.total).toBeGreaterThanOrEqual(0);
    expect(tx.aborted - always.requests.total).toBeLessThanOrEqual(always.requests.inFlight);
    // b's error, or (rarely: two transactions drew one of 10,000 keys) a key held by another one.
    expect(always.failures.error + always.failures['lock-unavailable']).toBe(always.requests.failed);
    expect(always.failures.error).toBeGreaterThan(0.99 * always.requests.failed);
    expect(always.failuresByNode.b).toBe(always.failures.error);
    // a and c each served a prepare and a rollback; b never prepared, so it gets nothing more.
    expectNear(always.nodes.a!.served, 2 * always.requests.total, 0.005);
    expectNear(always.nodes.c!.served, 2 * always.requests.total, 0.005);
    expect(always.nodes.b!.served).toBe(0);

    const p = 0.3;
    const some = simulate(checkout({ transaction: '2pc', errorRates: [0, p, 0] }), { durationS: 300, seed: 2 });
    const mixed = some.nodes.checkout!.transactions!;
    expectNear(mixed.aborted / (mixed.aborted + mixed.committed), p, 0.04);
    expectNear(mixed.aborted, some.requests.failed, 0.01);
    // b gets a prepare in every transaction and a commit in committed ones only: nothing after its own no.
    // (Its commits fail at its error rate too; a failed commit does not undo the decision.)
    expectNear(some.nodes.b!.served + some.nodes.b!.failed, some.requests.total + mixed.committed, 0.002);
    expectNear(some.nodes.a!.served, 2 * (mixed.committed + mixed.aborted), 0.001);
  });

  it('a participant holds its key from its prepare until its commit: with one key, refusals follow Erlang’s loss formula', () => {
    // One key, no waiting (a held key refuses the prepare): a one-server loss system. Each holder keeps the
    // key for its prepare and its commit, 2 × (hop + 10 ms) with constant times, so B = ρ / (1 + ρ), ρ = λ × hold.
    const doc = checkout({ transaction: '2pc', latency: 'constant' });
    doc.nodes[2]!.keys = 1;
    const report = simulate(doc, { durationS: 600, seed: 8 });
    const rho = (20 * 2 * (HOP_MS + 10)) / 1000;
    expectNear(report.failures['lock-unavailable'] / report.requests.total, rho / (1 + rho), 0.03);
    expect(report.failuresByNode.a).toBe(report.failures['lock-unavailable']);
    expect(report.nodes.checkout!.transactions!.aborted).toBe(report.failures['lock-unavailable']);
  });

  it('the coordinator’s host down mid-run leaves participants in doubt, holding their keys, for about the outage', () => {
    const outage: Fault = { type: 'host-down', target: 'h1', at: 20, until: 30 };
    const doc = checkout({ transaction: '2pc', rate: 200, faults: [outage] });
    const report = simulate(doc, { durationS: 60, seed: 4, scenario: 'faults' });
    const tx = report.nodes.checkout!.transactions!;
    expect(tx.inDoubt).toBeGreaterThan(0);
    expectNear(tx.maxInDoubtMs, 10_000, 0.02);
    // Presumed abort: every transaction that went in doubt is rolled back once the coordinator is back.
    expect(tx.committed + tx.aborted).toBeGreaterThanOrEqual(report.requests.ok);

    const live = createSimulation(doc, { durationS: 60, seed: 4, scenario: 'faults' });
    live.advanceTo(25_000);
    const during = live.snapshot().nodes.find((n) => n.id === 'checkout')!.transactions!;
    expect(during.inDoubt).toBeGreaterThan(0);
    expect(during.inDoubt % 1).toBe(0);
    live.advanceTo(40_000);
    expect(live.snapshot().nodes.find((n) => n.id === 'checkout')!.transactions).toEqual({ inDoubt: 0, inconsistent: 0 });
  });

  it('memory is bounded by the load, and nothing stays open once the load stops', () => {
    const doc = checkout({ transaction: '2pc', rate: 300, faults: [{ type: 'host-down', target: 'h1', at: 30, until: 40 }] });
    const engine = new Engine(compileModel(doc, doc.scenarios![0]), { durationMs: 300_000, seed: 1 });
    engine.advanceTo(60_000);
    const early = engine.footprint();
    engine.advanceTo(300_000);
    const late = engine.footprint();
    expect(late.transactions).toBe(early.transactions);
    expect(late.jobs).toBe(early.jobs);
    engine.settle();
    expect(engine.footprint()).toMatchObject({ liveJobs: 0, liveCalls: 0, livePaths: 0, liveTransactions: 0, openConnections: 0 });
  });
});

describe('sagas', () => {
  it('a failing step 2 compensates step 1: compensated ≈ p × sagas that reached step 2, one compensation each', () => {
    const p = 0.2;
    const report = simulate(checkout({ transaction: 'saga', rate: 50, participantMs: 5, latency: 'constant', errorRates: [0, p, 0] }), { durationS: 300, seed: 6 });
    const tx = report.nodes.checkout!.transactions!;
    expect(tx.mode).toBe('saga');
    // Step 1 never fails: every saga reached step 2.
    const reached = tx.committed + tx.compensated;
    expect(tx.aborted).toBe(0);
    expectNear(tx.compensated / reached, p, 0.04);
    expect(tx.compensations).toBe(tx.compensated);
    expect(report.failures.error).toBe(tx.compensated);
    expect(report.requests.failed).toBe(tx.compensated);
    expect(tx.inDoubt).toBe(0);
    // The window runs from step 1's commit to step 3's (or to step 1's compensation): two calls either way.
    expectNear(tx.meanInconsistencyMs, 2 * (HOP_MS + 5), 0.01);
    // Steps one after another: latency = hop + service + 3 × (hop + step).
    expectNear(report.latencyMs.mean, HOP_MS + 2 + 3 * (HOP_MS + 5), 0.01);
  });

  it('a failure at step 3 compensates steps 2 and 1, in reverse order; one at step 1 has nothing to undo', () => {
    const three = simulate(checkout({ transaction: 'saga', participantMs: 5, latency: 'constant', errorRates: [0, 0, 1] }), { durationS: 60, seed: 1 });
    const tx = three.nodes.checkout!.transactions!;
    expect(tx.committed).toBe(0);
    expectNear(tx.compensated, three.requests.total, 0.005);
    expectNear(tx.compensations, 2 * tx.compensated, 0.005);
    // Each of a and b served its step and its compensation.
    expectNear(three.nodes.a!.served, 2 * three.requests.total, 0.005);
    expect(three.nodes.b!.served).toBe(three.nodes.a!.served);
    const first = simulate(checkout({ transaction: 'saga', errorRates: [1, 0, 0] }), { durationS: 60, seed: 1 }).nodes.checkout!.transactions!;
    expect(first).toMatchObject({ committed: 0, compensated: 0, compensations: 0, meanInconsistencyMs: 0 });
    expect(first.aborted).toBeGreaterThan(0);
  });

  it('the coordinator’s host down mid-run leaves nothing in doubt: sagas hold no locks, the interrupted ones compensate once it is back', () => {
    const doc = checkout({ transaction: 'saga', rate: 200, faults: [{ type: 'host-down', target: 'h1', at: 20, until: 30 }] });
    const report = simulate(doc, { durationS: 60, seed: 4, scenario: 'faults' });
    const healthy = simulate(doc, { durationS: 60, seed: 4 }).nodes.checkout!.transactions!;
    const tx = report.nodes.checkout!.transactions!;
    expect(tx.inDoubt).toBe(0);
    expect(tx.maxInDoubtMs).toBe(0);
    expect(tx.compensated).toBeGreaterThan(0);
    const live = createSimulation(doc, { durationS: 60, seed: 4, scenario: 'faults' });
    live.advanceTo(25_000);
    const during = live.snapshot().nodes.find((n) => n.id === 'checkout')!.transactions!;
    expect(during.inDoubt).toBe(0);
    // The interrupted sagas stay inside their window (no new one starts) until the coordinator compensates them.
    expect(during.inconsistent).toBeGreaterThan(0);
    live.advanceTo(29_000);
    expect(live.snapshot().nodes.find((n) => n.id === 'checkout')!.transactions).toEqual(during);
    expect(tx.compensated).toBeGreaterThanOrEqual(during.inconsistent);
    // Their windows last about the outage (10 s): they lift the mean above the healthy run's.
    const windows = tx.committed + tx.compensated;
    expect(tx.meanInconsistencyMs).toBeGreaterThan(healthy.meanInconsistencyMs + (0.9 * during.inconsistent * 10_000) / windows);
  });

  it('is deterministic per seed', () => {
    const doc = checkout({ transaction: 'saga', rate: 100, errorRates: [0, 0.1, 0.1], faults: [{ type: 'host-down', target: 'h1', at: 5, until: 8 }] });
    expect(JSON.stringify(simulate(doc, { durationS: 20, seed: 9, scenario: 'faults' }))).toBe(JSON.stringify(simulate(doc, { durationS: 20, seed: 9, scenario: 'faults' })));
  });
});
