/** The client and the worker handler together, with a fake worker and a hand-driven clock. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/document';
import { simulate, sweep, sweepReport, type LiveFrame, type WorkerRequest, type WorkerResponse } from '../../shared/simulation';
import { SimulationCancelledError, SimulationClient, type WorkerLike } from './client';
import { createWorkerHandler } from './handler';

/** A worker whose messages are handled in process; time and timers move only when told. */
function fakeWorker() {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const posted: WorkerResponse[] = [];
  const worker: WorkerLike = {
    postMessage: (message: WorkerRequest) => handle(structuredClone(message)),
    onmessage: null,
    onerror: null,
    terminate: () => (timers = []),
  };
  const handle = createWorkerHandler({
    post: (message) => {
      posted.push(message);
      worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerResponse>);
    },
    now: () => now,
    setTimer: (callback, delayMs) => {
      const id = nextId++;
      timers.push({ at: now + delayMs, callback, id });
      return id;
    },
    clearTimer: (id) => (timers = timers.filter((t) => t.id !== id)),
  });
  /** Moves the wall clock forward, running timers as they fall due. */
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = Math.max(now, next.at);
      next.callback();
    }
    now = end;
  };
  return { worker, advance, posted, pendingTimers: () => timers.length };
}

const shop = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;

describe('SimulationClient with the worker handler', () => {
  it('runs a batch with progress and resolves with the same report as simulate()', async () => {
    const fake = fakeWorker();
    const client = new SimulationClient(fake.worker);
    const progress: number[] = [];
    // Long enough to take several slices of work.
    const promise = client.runBatch({ document: shop, seed: 4, durationS: 900 }, { onProgress: (done) => progress.push(done) });
    fake.advance(1000);
    expect(await promise).toEqual(simulate(shop, { seed: 4, durationS: 900 }));
    expect(progress.at(-1)).toBe(900_000);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('shares a sweep between workers: the parts together give the whole sweep', async () => {
    const parts = await Promise.all(
      [0, 1].map(async (index) => {
        const fake = fakeWorker();
        const promise = new SimulationClient(fake.worker).runSweep({ document: shop, durationS: 5, part: { index, of: 2 } });
        fake.advance(100);
        return promise;
      }),
    );
    const whole = sweep(shop, { durationS: 5 });
    expect(parts[0]!.baseline).toBe(whole.baseline);
    expect(parts[1]!.baseline).toBe(-1);
    expect(parts[0]!.runs.length + parts[1]!.runs.length).toBe(whole.runs.length);
    expect(sweepReport(shop, [...parts[0]!.runs, ...parts[1]!.runs], parts[0]!.baseline, { durationS: 5 })).toEqual(whole);
  });

  it('runs a sweep (progress as a callback or an option) and cancels one', async () => {
    const fake = fakeWorker();
    const client = new SimulationClient(() => fake.worker);
    const seen: [number, number][] = [];
    const promise = client.runSweep({ document: shop, durationS: 5 }, (done, total) => seen.push([done, total]));
    fake.advance(100);
    expect(await promise).toEqual(sweep(shop, { durationS: 5 }));
    expect(seen.at(-1)).toEqual([9, 9]);

    const controller = new AbortController();
    const cancelled = client.runSweep({ document: shop, durationS: 5 }, { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(SimulationCancelledError);
    fake.advance(100);
    expect(fake.posted.filter((m) => m.type === 'sweepResult')).toHaveLength(1);
    expect(fake.posted.at(-1)).toEqual({ type: 'cancelled', requestId: 2 });
  });

  it('rejects a batch with an unknown scenario with the engine’s message', async () => {
    const fake = fakeWorker();
    const client = new SimulationClient(fake.worker);
    await expect(client.runBatch({ document: shop, scenarioId: 'nope' })).rejects.toThrow('scenario: unknown scenario "nope"');
  });

  it('streams live frames paced by the clock; pause, speed, resume and reset', () => {
    const fake = fakeWorker();
    const client = new SimulationClient(fake.worker);
    const frames: LiveFrame[] = [];
    const unsubscribe = client.onFrame((frame) => frames.push(frame));
    let finished = false;
    client.onFinished(() => (finished = true));
    client.start({ document: shop, durationS: 20, speed: 1 });
    fake.advance(1000);
    expect(frames.length).toBeGreaterThan(25);
    expect(frames.length).toBeLessThanOrEqual(31);
    expect(frames.at(-1)!.timeMs).toBeGreaterThan(950);

    client.pause();
    const pausedAt = frames.at(-1)!;
    expect(pausedAt.paused).toBe(true);
    fake.advance(5000);
    expect(frames.at(-1)).toBe(pausedAt);
    expect(fake.pendingTimers()).toBe(0);

    client.setSpeed(4);
    client.resume();
    fake.advance(1000);
    // 1 s of wall time at 4× (the last frame is at most a frame period, 4 × 33 ms, behind).
    expect(frames.at(-1)!.timeMs).toBeGreaterThan(pausedAt.timeMs + 4000 - 4 * 50);
    expect(frames.at(-1)!.timeMs).toBeLessThanOrEqual(pausedAt.timeMs + 4000);
    expect(frames.at(-1)!.speed).toBe(4);

    fake.advance(10_000);
    expect(finished).toBe(true);
    expect(frames.at(-1)!.finished).toBe(true);
    expect(fake.pendingTimers()).toBe(0);

    client.start({ document: shop, durationS: 20 });
    fake.advance(100);
    const count = frames.length;
    client.reset();
    fake.advance(1000);
    expect(frames.length).toBe(count);
    unsubscribe();
  });

  it('reports live-mode errors to onError', () => {
    const fake = fakeWorker();
    const client = new SimulationClient(fake.worker);
    const errors: string[] = [];
    client.onError((message) => errors.push(message));
    client.start({ document: shop, scenarioId: 'nope' });
    expect(errors).toEqual(['scenario: unknown scenario "nope": the document has no scenarios']);
  });
});
