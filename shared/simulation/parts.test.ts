/** The engine's parts on their own: agenda, histogram, random numbers, balancers, breakers, causes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './eventQueue';
import { LatencyHistogram } from './histogram';
import { Random } from './random';
import { Balancers } from './balancers';
import { InstanceTable } from './instances';
import { ADMIT, ADMIT_TRIAL, BREAKER_CLOSED, BREAKER_HALF_OPEN, BREAKER_OPEN, Breakers, REJECT } from './breaker';
import { compileModel } from './model';
import { BALANCERS, FAILURE_CAUSES } from '../document';
import { CAUSE_BY_CODE, FAILURE_CAUSE_TABLE, failureCauseLabel } from './causes';
import { makeClient, makeDocument, makeEdge, makeService } from '../document/testing/builders';

describe('EventQueue', () => {
  it('puts an event pushed later with a sequence reserved earlier in its (time, sequence) place', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ time: fc.integer({ min: 0, max: 10 }), late: fc.boolean() }), { maxLength: 100 }), (events) => {
        const queue = new EventQueue(2);
        const reserved: [time: number, sequence: number, id: number][] = [];
        events.forEach(({ time, late }, id) => {
          if (late) reserved.push([time, queue.reserve(), id]);
          else queue.push(time, 1, id, 0);
        });
        for (const [time, sequence, id] of reserved) queue.pushReserved(time, sequence, 1, id, 0);
        const popped: number[] = [];
        while (queue.pop()) popped.push(queue.first);
        const expected = events.map(({ time }, id) => [time, id] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, id]) => id);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('pops events in time order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const queue = new EventQueue(2);
        times.forEach((time, i) => queue.push(time, 1, i, 0));
        const popped: [number, number][] = [];
        while (queue.pop()) popped.push([queue.time, queue.first]);
        const expected = times.map((time, i) => [time, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('keeps the (time, insertion) order when events come a repeated delay after the one being processed (the lanes) mixed with others', () => {
    const step = fc.record({
      pushes: fc.array(fc.oneof(fc.constantFrom(0, 0.5, 2.5, 100, 300, 800, 1500, 7, 11, 13), fc.double({ min: 0, max: 50, noNaN: true })), { maxLength: 6 }),
      pops: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const queue = new EventQueue(2);
        // The reference: every pending event, popped by (time, insertion).
        const pending: [time: number, id: number][] = [];
        let id = 0;
        const popped: number[] = [];
        const expected: number[] = [];
        const popBoth = () => {
          pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const [time, want] = pending.shift()!;
          expect(queue.peekTime()).toBe(time);
          expect(queue.pop()).toBe(true);
          popped.push(queue.first);
          expected.push(want);
        };
        for (const { pushes, pops } of steps) {
          for (const delay of pushes) {
            const time = queue.time + delay; // as the engine schedules: after the event being processed
            queue.push(time, 1, id, 0);
            pending.push([time, id++]);
          }
          for (let k = 0; k < pops && pending.length > 0; k++) popBoth();
          expect(queue.size).toBe(pending.length);
        }
        while (pending.length > 0) popBoth();
        expect(popped).toEqual(expected);
        expect(queue.pop()).toBe(false);
        expect(queue.peekTime()).toBe(Infinity);
      }),
    );
  });
});

describe('LatencyHistogram', () => {
  it('reads percentiles back within 1% of the exact ones', () => {
    const random = new Random(7);
    const histogram = new LatencyHistogram();
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = random.exponential(40) + 0.5;
      values.push(value);
      histogram.record(value);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = values[Math.ceil(q * values.length) - 1]!;
      expect(Math.abs(histogram.percentile(q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(histogram.max).toBe(values[values.length - 1]);
    histogram.reset();
    expect(histogram.count).toBe(0);
    expect(histogram.percentile(0.5)).toBe(0);
  });

  it('reads a constant back exactly', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 100; i++) histogram.record(1001);
    expect(histogram.percentile(0.5)).toBe(1001);
  });
});

describe('Random', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const streamA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(streamA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(streamA);
  });

  it('draws uniform and exponential values with the right means', () => {
    const random = new Random(1);
    let uniform = 0;
    let exponential = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
      uniform += u;
      exponential += random.exponential(10);
    }
    expect(Math.abs(uniform / 100_000 - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(exponential / 100_000 - 10)).toBeLessThan(0.1);
  });
});

describe('Balancers', () => {
  function setup(balancer: 'least-connections' | 'consistent-hash', instances = 3) {
    const hosts = Array.from({ length: instances }, (_, i) => `h${i + 1}`);
    const model = compileModel(makeDocument({ nodes: [makeClient('users', { rate: 1 }), makeService('api', { on: hosts, balancer })], edges: [makeEdge('users', 'api')] }), undefined);
    const inRotation = new Uint8Array(model.instanceCount).fill(1);
    const balancers = new Balancers(model, new Random(1), inRotation);
    return { balancers, inRotation, active: balancers.connections, api: 1 };
  }

  it('never picks an instance the health check took out of rotation, whatever the balancer, and counts it back in once', () => {
    for (const balancer of BALANCERS) {
      const model = compileModel(makeDocument({ nodes: [makeClient('users', { rate: 1 }), makeService('api', { on: ['h1', 'h2', 'h3'], balancer })], edges: [makeEdge('users', 'api')] }), undefined);
      const table = new InstanceTable(model);
      const balancers = new Balancers(model, new Random(1), table.inRotation, undefined, table.outOfRotation);
      const picks = () => Array.from({ length: 300 }, (_, key) => balancers.pick(1, key, -1));
      expect(new Set(picks())).toEqual(new Set([0, 1, 2]));
      table.setInRotation(1, 0);
      table.setInRotation(1, 0);
      expect(table.outOfRotation[1]).toBe(1);
      expect(new Set(picks())).toEqual(new Set([0, 2]));
      table.setInRotation(1, 1);
      expect(table.outOfRotation[1]).toBe(0);
      expect(new Set(picks())).toEqual(new Set([0, 1, 2]));
    }
  });

  it('least-connections picks the instance with the fewest open connections, ties in turn', () => {
    const { balancers, active, api } = setup('least-connections');
    active.set([5, 2, 7]);
    expect(balancers.pick(api, 0, -1)).toBe(1);
    active.set([0, 0, 0]);
    expect([balancers.pick(api, 0, -1), balancers.pick(api, 0, -1), balancers.pick(api, 0, -1)].sort()).toEqual([0, 1, 2]);
    // A retry avoids the instance that failed even when it is the least loaded.
    active.set([0, 3, 9]);
    expect(balancers.pick(api, 0, 0)).toBe(1);
  });

  it('least-connections counts a connection from the pick until its release', () => {
    const { balancers, active, api } = setup('least-connections');
    // Three picks in a row, before any request has arrived anywhere: one each, not three on one.
    const picked = [balancers.pick(api, 0, -1), balancers.pick(api, 0, -1), balancers.pick(api, 0, -1)];
    expect([...picked].sort()).toEqual([0, 1, 2]);
    expect(Array.from(active)).toEqual([1, 1, 1]);
    balancers.release(picked[1]!);
    expect(balancers.pick(api, 0, -1)).toBe(picked[1]);
    for (const instance of picked) balancers.release(instance);
    expect(Array.from(active)).toEqual([0, 0, 0]);
  });

  it('consistent-hash maps a key to one instance, and only the keys of a removed instance move', () => {
    const { balancers, inRotation, api } = setup('consistent-hash', 4);
    const before = Array.from({ length: 2000 }, (_, key) => balancers.pick(api, key, -1));
    expect(Array.from({ length: 2000 }, (_, key) => balancers.pick(api, key, -1))).toEqual(before);
    for (let instance = 0; instance < 4; instance++) expect(before.filter((i) => i === instance).length).toBeGreaterThan(300);
    inRotation[2] = 0;
    const after = Array.from({ length: 2000 }, (_, key) => balancers.pick(api, key, -1));
    after.forEach((instance, key) => {
      if (before[key] !== 2) expect(instance).toBe(before[key]);
      else expect(instance).not.toBe(2);
    });
  });

  it('answers -1 when no instance is in rotation', () => {
    const { balancers, inRotation, api } = setup('least-connections');
    inRotation.fill(0);
    expect(balancers.pick(api, 0, -1)).toBe(-1);
  });
});

describe('Breakers', () => {
  const model = compileModel(
    makeDocument({
      nodes: [makeClient('users', { rate: 1 }), makeService('api', { on: ['h1'] })],
      edges: [makeEdge('users', 'api', { circuitBreaker: { failureRate: 0.5, window: 4, openMs: 1000 } })],
    }),
    undefined,
  );

  it('goes closed → open → half-open → open → half-open → closed', () => {
    const breakers = new Breakers(model);
    for (const failed of [false, true, false]) breakers.record(0, failed, false, 0);
    expect(breakers.state[0]).toBe(BREAKER_CLOSED);
    breakers.record(0, true, false, 10); // 2 of the last 4 failed
    expect(breakers.state[0]).toBe(BREAKER_OPEN);
    expect(breakers.admit(0, 500)).toBe(REJECT);
    expect(breakers.stateAt(0, 1010)).toBe(BREAKER_HALF_OPEN);
    expect(breakers.admit(0, 1010)).toBe(ADMIT_TRIAL);
    expect(breakers.admit(0, 1011)).toBe(REJECT); // one trial at a time
    breakers.record(0, true, true, 1020);
    expect(breakers.state[0]).toBe(BREAKER_OPEN);
    expect(breakers.admit(0, 1500)).toBe(REJECT);
    expect(breakers.admit(0, 2020)).toBe(ADMIT_TRIAL);
    breakers.record(0, false, true, 2030);
    expect(breakers.state[0]).toBe(BREAKER_CLOSED);
    expect(breakers.admit(0, 2040)).toBe(ADMIT);
    // Closing starts a fresh window: one failure does not reopen it.
    breakers.record(0, true, false, 2050);
    expect(breakers.state[0]).toBe(BREAKER_CLOSED);
    expect(breakers.opened[0]).toBe(2);
  });
});

describe('failure causes', () => {
  it('every cause has its own code, in FAILURE_CAUSES order, and a label', () => {
    FAILURE_CAUSES.forEach((cause, i) => {
      expect(FAILURE_CAUSE_TABLE[cause].code).toBe(i + 1);
      expect(CAUSE_BY_CODE[FAILURE_CAUSE_TABLE[cause].code]).toBe(cause);
      expect(failureCauseLabel(cause).length).toBeGreaterThan(3);
    });
    expect(new Set(FAILURE_CAUSES.map(failureCauseLabel)).size).toBe(FAILURE_CAUSES.length);
  });
});
