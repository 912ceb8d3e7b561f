import { describe, expect, it } from 'vitest';
import { createSimulation, simulate } from './simulation';
import { makeClient, makeDocument, makeEdge, makeService } from '../document/testing/builders';
import { errorsOf, setAt, validateMutated } from '../document/testing/builders';
import { zeroLatencyLattice } from './testing/extreme';

const chain = (rate: number) =>
  makeDocument({ nodes: [makeClient('users', { rate }), makeService('api', { on: ['h1'], latencyMs: 10 })], edges: [makeEdge('users', 'api')] });

describe('the work budget', () => {
  it('stops a run past its event limit with a partial report and a message', () => {
    const simulation = createSimulation(chain(1000), { durationS: 60, eventLimit: 50_000 });
    simulation.runToEnd();
    const report = simulation.report();
    expect(simulation.finished).toBe(true);
    expect(report.partial?.reason).toBe('events');
    expect(report.partial!.atSeconds).toBeLessThan(60);
    expect(report.partial!.message).toMatch(/^the simulation stopped at [\d.]+ s of 60: more than 50,000 events \(rate 1,000\/s at users\)/);
  });

  it('stops a rate far above the document limit instead of running on', () => {
    const report = simulate(chain(1e308), { durationS: 1 });
    expect(report.partial).toBeDefined();
  });

  it('gives availability null with a reason when no request finished', () => {
    const report = simulate(chain(0), { durationS: 5 });
    expect(report.availability).toBeNull();
    expect(report.availabilityReason).toBe('no request finished');
  });
});

describe('the document limit on rates', () => {
  it('refuses a client rate above 1,000,000/s when reading a document', () => {
    const errors = errorsOf(validateMutated((doc) => setAt(doc, 'nodes[0].rate', 1e9)));
    expect(errors.map((e) => e.path)).toContain('nodes[0].rate');
  });
});

/** users → a ⇄ b, every call synchronous and every node instant (latencyMs 0). */
const zeroLatencyLoop = () =>
  makeDocument({
    nodes: [makeClient('users', { rate: 10 }), makeService('a', { on: ['h1'], latencyMs: 0 }), makeService('b', { on: ['h2'], latencyMs: 0 })],
    edges: [makeEdge('users', 'a'), makeEdge('a', 'b'), makeEdge('b', 'a')],
  });

describe('zero-latency cycles and lattices', () => {
  it('end a sync loop between instant nodes in bounded work: no request gets through', () => {
    // The loop never stalls the clock: each hop waits on the next, so the workers fill and later
    // requests fail with overload (with more workers, at the 64-call depth cap); the run reaches its
    // end with no request ok, and `topo check` names the cycle (sync-cycle).
    const report = simulate(zeroLatencyLoop(), { durationS: 60 });
    expect(report.partial).toBeUndefined();
    expect(report.requests.total).toBeGreaterThan(400);
    expect(report.requests.ok).toBe(0);
    expect(report.availability).toBe(0);
  });

  it('stop a lattice of instant nodes whose paths multiply at one instant', () => {
    const report = simulate(zeroLatencyLattice(), { durationS: 60 });
    expect(report.partial).toBeDefined();
    expect(report.partial!.atSeconds).toBeLessThan(60);
    expect(report.partial!.message).toMatch(/^the simulation stopped at [\d.]+ s of 60: /);
  });
});
