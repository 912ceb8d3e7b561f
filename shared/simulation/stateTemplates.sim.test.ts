/** The replication and transaction templates do what their descriptions say when their scenarios play. */
import { describe, expect, it } from 'vitest';
import { findTemplate, instantiateTemplate, type TopologyDocument } from '../document';
import { simulate } from './simulation';
import { expectNear } from './testing/near';

function template(id: string): TopologyDocument {
  return instantiateTemplate(findTemplate(id)!);
}

describe('template "Async replica failover"', () => {
  it('serves about one follower read in ten stale while it plays', () => {
    const consistency = simulate(template('async-replica-failover'), { durationS: 300, seed: 1 }).nodes['orders-db']!.consistency!;
    // 200/s × 0.3 writes over 300 keys, 500 ms behind: 1 − e^(−60 × 500 / (1000 × 300)).
    expectNear(consistency.staleReads / consistency.reads, 1 - Math.exp(-0.1), 0.06);
  });

  it('"Leader dies" fails writes until the election and loses the last half second of writes; sync loses none', () => {
    const doc = template('async-replica-failover');
    const report = simulate(doc, { durationS: 60, seed: 2, scenario: 'leader-dies' });
    const consistency = report.nodes['orders-db']!.consistency!;
    expect(consistency.elections).toBe(1);
    expect(consistency.lostWrites).toBeGreaterThan(10);
    expect(consistency.lostWrites).toBeLessThan(60);
    expect(report.failures.unavailable).toBeGreaterThan(0);
    const replication = doc.nodes.find((n) => n.id === 'orders-db')!.replication!;
    if (replication.mode === 'leader-follower') replication.sync = 'sync';
    expect(simulate(doc, { durationS: 60, seed: 2, scenario: 'leader-dies' }).nodes['orders-db']!.consistency!.lostWrites).toBe(0);
  });
});

describe('template "Quorum store under a partition (CP vs AP)"', () => {
  it('"Network split" refuses the minority side as no-quorum; under availability nobody is refused but writes conflict and some are lost at heal', () => {
    const doc = template('quorum-partition-cp-ap');
    const cp = simulate(doc, { durationS: 60, seed: 3, scenario: 'network-split' });
    // Half the web tier (h4) is on the side with one replica of three, for 20 s of 60.
    expectNear(cp.failures['no-quorum']! / cp.requests.total, 0.5 * (20 / 60), 0.08);
    expect(cp.nodes.kv!.consistency!.conflicts).toBe(0);
    const replication = doc.nodes.find((n) => n.id === 'kv')!.replication!;
    replication.onPartition = 'availability';
    const ap = simulate(doc, { durationS: 60, seed: 3, scenario: 'network-split' });
    expect(ap.failures['no-quorum']).toBe(0);
    expect(ap.requests.failed).toBe(0);
    expect(ap.nodes.kv!.consistency!.conflicts).toBeGreaterThan(100);
    expect(ap.nodes.kv!.consistency!.lostWrites).toBeGreaterThan(0);
  });
});

describe('template "Checkout as a saga vs 2PC"', () => {
  it('2PC leaves participants in doubt while the checkout server is down; a saga never', () => {
    const doc = template('checkout-saga-vs-2pc');
    const twoPhase = simulate(doc, { durationS: 60, seed: 4, scenario: 'coordinator-down' }).nodes.checkout!.transactions!;
    expect(twoPhase.inDoubt).toBeGreaterThan(0);
    expect(twoPhase.maxInDoubtMs).toBeGreaterThan(10_000);
    doc.nodes.find((n) => n.id === 'checkout')!.transaction = 'saga';
    const saga = simulate(doc, { durationS: 60, seed: 4, scenario: 'coordinator-down' }).nodes.checkout!.transactions!;
    expect(saga.inDoubt).toBe(0);
    expect(saga.compensated).toBeGreaterThan(0);
  });

  it('"Payment fails" rolls back under 2PC and compensates under a saga', () => {
    const doc = template('checkout-saga-vs-2pc');
    const twoPhase = simulate(doc, { durationS: 60, seed: 5, scenario: 'payment-fails' }).nodes.checkout!.transactions!;
    expect(twoPhase.aborted).toBeGreaterThan(0);
    expect(twoPhase.compensated).toBe(0);
    doc.nodes.find((n) => n.id === 'checkout')!.transaction = 'saga';
    const saga = simulate(doc, { durationS: 60, seed: 5, scenario: 'payment-fails' }).nodes.checkout!.transactions!;
    expect(saga.compensated).toBeGreaterThan(0);
    expect(saga.meanInconsistencyMs).toBeGreaterThan(0);
  });
});
