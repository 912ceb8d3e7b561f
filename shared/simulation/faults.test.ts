/** Each fault type of SPEC §2, with its `at`/`until` window and the cause its failures carry. */
import { describe, expect, it } from 'vitest';
import type { Fault } from '../document';
import { simulate } from './simulation';
import { makeClient, makeDocument, makeEdge, makeNode, makeScenario, makeService } from '../document/testing/builders';
import { expectNear } from './testing/near';

/** users → gateway (g1) → api on h1 and h2 → db (d1); a fault from 10 s to 20 s of a 30 s run. */
function run(fault: Fault, edgeExtras = {}) {
  const doc = makeDocument({
    nodes: [makeClient('users', { rate: 200 }), makeNode('gateway', 'gw', { on: ['g1'] }), makeService('api', { on: ['h1', 'h2'], latencyMs: 10 }), makeNode('database', 'db', { on: ['d1'], concurrency: 64 })],
    edges: [makeEdge('users', 'gw'), makeEdge('gw', 'api', { timeoutMs: 300, ...edgeExtras }), makeEdge('api', 'db')],
    scenarios: [makeScenario('f', [{ ...fault, at: 10, until: 20 } as Fault])],
  });
  const report = simulate(doc, { durationS: 30, scenario: 'f' });
  const failedSeconds = report.timeline.filter((e) => e.failed > 0).map((e) => e.t);
  /** Requests that finished while the fault lasted. */
  const during = report.timeline.filter((e) => e.t >= 10 && e.t < 20).reduce((sum, e) => sum + e.ok + e.failed, 0);
  return { report, failedSeconds, during };
}

describe('faults', () => {
  it('instance-down: connections refused at once (crash) until the health check removes it', () => {
    const { report, failedSeconds } = run({ type: 'instance-down', target: 'api', instance: 1 });
    expect(report.failures.crash).toBe(report.requests.failed);
    expectNear(report.requests.failed, (200 * 3) / 2, 0.12);
    // Out of rotation at 13 s (3 checks of 1 s); a call already on its way then may fail just after.
    expect(failedSeconds[0]).toBe(10);
    expect(failedSeconds.at(-1)).toBeGreaterThanOrEqual(12);
    expect(failedSeconds.at(-1)).toBeLessThanOrEqual(13);
    expect(report.timeline[13]!.failed).toBeLessThan(5);
  });

  it('node-down: every instance down, calls fail with crash, then unavailable once out of rotation, back after until', () => {
    const { report, failedSeconds } = run({ type: 'node-down', target: 'api' });
    expect(report.failures.crash + report.failures.unavailable).toBe(report.requests.failed);
    // Out of rotation at 13 s (3 checks of 1 s): refused until then, then nothing left to call.
    for (const entry of report.timeline.filter((e) => e.t >= 10 && e.t < 13)) expect(entry.failures).toMatchObject({ crash: entry.failed, unavailable: 0 });
    for (const entry of report.timeline.filter((e) => e.t >= 14 && e.t < 20)) expect(entry.failures).toMatchObject({ crash: 0, unavailable: entry.failed });
    // Back in rotation one health-check interval after it recovers: 11 s without the node.
    expectNear(report.availability!, 1 - 11 / 30, 0.03);
    expect(failedSeconds[0]).toBe(10);
    expect(failedSeconds.at(-1)).toBe(20);
    expect(report.timeline.filter((e) => e.t >= 21).every((e) => e.failed === 0)).toBe(true);
  });

  it('host-down: no answer, callers wait for their timeout', () => {
    const { report } = run({ type: 'host-down', target: 'h1' });
    expect(report.failures.timeout).toBe(report.requests.failed);
    expectNear(report.requests.failed, (200 * 3) / 2, 0.12);
  });

  it('host-down of a node’s only server: timeouts, then unavailable (not crash) once the health check has taken it out', () => {
    const { report } = run({ type: 'host-down', target: 'd1' });
    expect(report.failures.crash).toBe(0);
    // Calls sent before 13 s wait for their answer in vain (and api's threads, held meanwhile, turn
    // requests away); from then on there is nothing in rotation to call.
    expect(report.failures.timeout + report.failures.overload + report.failures.unavailable).toBe(report.requests.failed);
    for (const entry of report.timeline.filter((e) => e.t >= 14 && e.t < 20)) {
      expect(entry.failed).toBeGreaterThan(150);
      expect(entry.failures).toMatchObject({ unavailable: entry.failed, timeout: 0, crash: 0 });
    }
    expect(report.failures.unavailable).toBeGreaterThan(report.failures.timeout);
  });

  it('partition: calls between the groups get no answer and fail as partition; inside a group they work', () => {
    const { report } = run({ type: 'partition', groups: [['g1', 'h1', 'd1'], ['h2']] });
    // Calls from gw to api on h2 cross the partition (a call already inside h2 when it began can
    // still fail as gw's timeout: gw cannot tell why no answer came).
    expect(report.failures.partition).toBeGreaterThan(report.requests.failed - 5);
    expect(report.failures.partition + report.failures.timeout).toBe(report.requests.failed);
    expectNear(report.requests.failed, (200 * 10) / 2, 0.06);
    const retried = run({ type: 'partition', groups: [['g1', 'h1', 'd1'], ['h2']] }, { retries: 1 }).report;
    expect(retried.availability).toBe(1);
  });

  it('latency: adds its value to the target’s service time while it lasts', () => {
    // 100 ms more at db: api's 2 × 16 threads, held while they wait on db, carry 200/s × ≈ 115 ms
    // (ρ ≈ 0.72). At 150 ms they would need 34 threads: past capacity, its queue and then timeouts grow.
    const { report } = run({ type: 'latency', target: 'db', value: 100 });
    const during = report.timeline.filter((e) => e.t >= 11 && e.t < 20);
    const outside = report.timeline.filter((e) => e.t >= 21);
    expect(during.every((entry) => entry.failed === 0)).toBe(true);
    for (const entry of during) expect(entry.p99).toBeGreaterThan(100);
    for (const entry of outside) expect(entry.p99).toBeLessThan(100);
  });

  it('error-rate: that share of the target’s requests fail with error', () => {
    const { report, during } = run({ type: 'error-rate', target: 'db', value: 0.3 });
    expect(report.failures.error).toBe(report.requests.failed);
    expectNear(report.requests.failed / during, 0.3, 0.08);
  });

  it('loss: that share of calls to the target get no answer and time out', () => {
    const { report, during } = run({ type: 'loss', target: 'api', value: 0.25 });
    expect(report.failures.timeout).toBe(report.requests.failed);
    expectNear(report.requests.failed / during, 0.25, 0.08);
  });
});

describe('partition in the snapshot', () => {
  it('names each side’s hosts while the partition lasts, and nothing before or after', async () => {
    const { createSimulation } = await import('./simulation');
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 50 }), makeService('api', { on: ['h1', 'h2', 'h3'] })],
      edges: [makeEdge('users', 'api')],
      scenarios: [makeScenario('f', [{ type: 'partition', groups: [['h1'], ['h2', 'h3']], at: 2, until: 4 } as Fault])],
    });
    const sim = createSimulation(doc, { durationS: 6, scenario: 'f' });
    sim.advanceTo(1000);
    expect(sim.snapshot().partitions).toBeUndefined();
    sim.advanceTo(3000);
    expect(sim.snapshot().partitions).toEqual([{ groups: [['h1'], ['h2', 'h3']] }]);
    sim.advanceTo(5000);
    expect(sim.snapshot().partitions).toBeUndefined();
  });
});
