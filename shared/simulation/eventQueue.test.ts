/**
 * The agenda against a plain reference, a sort of (time, sequence): whichever of calendar, lanes
 * and heap holds an event, it must come out in exactly that order (every report depends on it).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './eventQueue';
import { Random } from './random';

/** Pending events of the reference: (time, sequence, id), popped least first. */
class Reference {
  private readonly pending: [time: number, sequence: number, id: number][] = [];
  private nextSequence = 0;

  push(time: number, id: number): void {
    this.pending.push([time, this.nextSequence++, id]);
  }

  reserve(): number {
    return this.nextSequence++;
  }

  pushReserved(time: number, sequence: number, id: number): void {
    this.pending.push([time, sequence, id]);
  }

  /** The earliest event's [time, id], taken out. */
  pop(): [number, number] | undefined {
    if (this.pending.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) {
      const [time, sequence] = this.pending[i]!;
      const [bestTime, bestSequence] = this.pending[best]!;
      if (time < bestTime || (time === bestTime && sequence < bestSequence)) best = i;
    }
    const [time, , id] = this.pending.splice(best, 1)[0]!;
    return [time, id];
  }

  clear(): void {
    this.pending.length = 0;
  }

  get size(): number {
    return this.pending.length;
  }
}

/** Pops everything left: how many, and how many came out of (time, id) order (ids in push order). */
function drainInOrder(queue: EventQueue): { count: number; disorders: number } {
  let count = 0;
  let disorders = 0;
  let lastTime = -Infinity;
  let lastId = -1;
  while (queue.pop()) {
    if (!(queue.time > lastTime || (queue.time === lastTime && queue.first > lastId))) disorders++;
    lastTime = queue.time;
    lastId = queue.first;
    count++;
  }
  return { count, disorders };
}

describe('EventQueue against a reference sort of (time, sequence)', () => {
  it('pops the same events in the same order under any mix of pushes, reserved pushes, peeks, pops and clears', () => {
    const delay = fc.oneof(
      fc.constantFrom(0, 0.5, 2.5, 20, 100, 1500, 30_000), // repeated delays: the lanes, long and short
      fc.double({ min: 0, max: 50, noNaN: true }), // service times: the calendar
      fc.double({ min: 0, max: 1e12, noNaN: true }), // the far future: the heap
      fc.integer({ min: 0, max: 3 }), // ties in time
      fc.double({ min: -5, max: 0, noNaN: true }), // before the clock (the engine never does it; the agenda still orders it)
    );
    const operation = fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('push' as const), delay }), weight: 6 },
      { arbitrary: fc.record({ op: fc.constant('reserve' as const), delay }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('pop' as const), count: fc.integer({ min: 1, max: 5 }) }), weight: 4 },
      { arbitrary: fc.constant({ op: 'clear' as const }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const queue = new EventQueue(2);
        const reference = new Reference();
        const reserved: [time: number, sequence: number, id: number][] = [];
        let id = 0;
        const popBoth = () => {
          const want = reference.pop();
          expect(queue.peekTime()).toBe(want?.[0] ?? Infinity);
          expect(queue.pop()).toBe(want !== undefined);
          if (want) expect([queue.time, queue.first]).toEqual(want);
        };
        for (const step of operations) {
          if (step.op === 'push') {
            const time = queue.time + step.delay;
            queue.push(time, 1, id, 0);
            reference.push(time, id++);
          } else if (step.op === 'reserve') {
            // As deadlines.ts does: the sequence now, the event once an earlier one is due.
            reserved.push([queue.time + step.delay, queue.reserve(), id++]);
            expect(reference.reserve()).toBe(reserved[reserved.length - 1]![1]);
            if (reserved.length > 2) {
              const [time, sequence, late] = reserved.shift()!;
              queue.pushReserved(time, sequence, 1, late, 0);
              reference.pushReserved(time, sequence, late);
            }
          } else if (step.op === 'pop') {
            for (let k = 0; k < step.count; k++) popBoth();
          } else {
            queue.clear();
            reference.clear();
            reserved.length = 0;
          }
          expect(queue.size).toBe(reference.size);
        }
        while (reference.size > 0) popBoth();
        expect(queue.pop()).toBe(false);
        expect(queue.peekTime()).toBe(Infinity);
      }),
      { numRuns: 300 },
    );
  });

  it('orders ties in time inside a bucket by push order, wherever in the bucket they land', () => {
    // Times on a grid of quarter ms, a few ms ahead: one bucket holds several, with ties, in any push order.
    const step = fc.record({ quarters: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 12 }), pops: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const queue = new EventQueue(2);
        const reference = new Reference();
        let id = 0;
        const popBoth = () => {
          const want = reference.pop()!;
          expect(queue.pop()).toBe(true);
          expect([queue.time, queue.first]).toEqual(want);
        };
        for (const { quarters, pops } of steps) {
          for (const quarter of quarters) {
            const time = Math.floor(queue.time) + quarter / 4;
            if (time < queue.time) continue;
            queue.push(time, 1, id, 0);
            reference.push(time, id++);
          }
          for (let k = 0; k < pops && reference.size > 0; k++) popBoth();
        }
        while (reference.size > 0) popBoth();
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the order through changes of density, which change the calendar\'s width (hundreds of thousands of events)', () => {
    const random = new Random(11);
    const queue = new EventQueue();
    const pushed: [time: number, id: number][] = [];
    const popped: number[] = [];
    // Phases from 40,000 events a ms to one per 10 s, each long enough for the width to follow.
    for (const perMs of [5000, 1, 40_000, 0.0001, 37, 0.5, 300]) {
      for (let k = 0; k < 30_000; k++) {
        while (queue.size < 200) {
          const time = queue.time + random.exponential(200 / perMs);
          queue.push(time, 1, pushed.length, 0);
          pushed.push([time, pushed.length]);
        }
        queue.pop();
        popped.push(queue.first);
      }
      while (queue.pop()) popped.push(queue.first);
    }
    // Every push is at or after the clock, so popping the least each time is the sort of all (time, push order).
    const order = pushed.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, id]) => id);
    expect(popped).toEqual(order);
  });
});

describe('EventQueue, pathological inputs', () => {
  it('a million events at one time come out in push order', () => {
    const queue = new EventQueue();
    const n = 1_000_000;
    for (let i = 0; i < n; i++) queue.push(42, 1, i, 0);
    expect(queue.size).toBe(n);
    let wrong = 0;
    for (let i = 0; i < n; i++) if (!queue.pop() || queue.first !== i || queue.time !== 42) wrong++;
    expect(wrong).toBe(0);
    expect(queue.pop()).toBe(false);
  });

  it('a million pending events spread up to 1e12 ms come out in (time, push) order', () => {
    const random = new Random(5);
    const queue = new EventQueue();
    const n = 1_000_000;
    for (let i = 0; i < n; i++) queue.push(random.next() < 0.5 ? random.next() * 1e12 : Math.floor(random.next() * 1000), 1, i, 0);
    expect(drainInOrder(queue)).toEqual({ count: n, disorders: 0 });
  });

  it('events in one time band, pushed newest first and shuffled, come out in order (a crowded bucket goes to the heap)', () => {
    const random = new Random(9);
    const queue = new EventQueue();
    // Teach it a dense load first (a fine width), then crowd one bucket with decreasing and random times.
    for (let i = 0; i < 10_000; i++) {
      queue.push(queue.time + 0.0001, 1, i, 0);
      queue.pop();
    }
    const start = queue.time;
    const n = 50_000;
    for (let i = 0; i < n; i++) queue.push(start + (i % 2 === 0 ? (n - i) * 1e-9 : random.next() * 1e-4), 1, i, 0);
    // Times differ, so the order is by time alone; ids are not in time order here.
    let count = 0;
    let disorders = 0;
    let lastTime = -Infinity;
    while (queue.pop()) {
      if (queue.time < lastTime) disorders++;
      lastTime = queue.time;
      count++;
    }
    expect({ count, disorders }).toEqual({ count: n, disorders: 0 });
  });

  it('keeps a flat footprint over a long steady run: slots sized by the pending events, not by the events processed', () => {
    const random = new Random(3);
    const queue = new EventQueue();
    const step = () => {
      queue.push(queue.time + random.exponential(5), 1, 0, 0);
      queue.push(queue.time + 0.5, 2, 0, 0); // a network hop: repeated delay
      queue.pop();
      queue.pop();
    };
    for (let i = 0; i < 200; i++) queue.push(random.exponential(5), 1, 0, 0);
    for (let i = 0; i < 100_000; i++) step();
    const early = queue.capacity;
    for (let i = 0; i < 2_000_000; i++) step();
    expect(queue.capacity).toBe(early);
    expect(queue.size).toBe(200);
  });
});
