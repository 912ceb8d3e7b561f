/** The client and the worker's service together, over a fake worker with a hand-driven clock. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/document';
import { mergeSweep, planSweep, simulate, sweep, type LiveFrame, type SimulationService } from '../../shared/simulation';
import { SimulationCancelledError, createSimulationClient } from './client';
import { createLocalSimulationService } from './localService';
import { sweepOnPool } from './sweepPool';
import { fakeWorker } from './testing/fakeWorker';

const shop = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;

describe('the simulation client over the worker', () => {
  it('runs a batch with progress and resolves with the same report as simulate()', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    const progress: number[] = [];
    // Long enough to take several slices of work.
    const promise = client.runBatch({ document: shop, seed: 4, durationS: 900 }, { onProgress: (done) => progress.push(done) });
    fake.advance(1000);
    expect(await promise).toEqual(simulate(shop, { seed: 4, durationS: 900 }));
    expect(progress.at(-1)).toBe(900_000);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('runs a sweep share with progress; the shares of a plan merge into the whole sweep', async () => {
    const shares = planSweep(shop, 2);
    const progress: [number, number][] = [];
    const results = await Promise.all(
      shares.map(async (share, index) => {
        const fake = fakeWorker();
        const promise = createSimulationClient(() => fake.worker).runSweep(
          { document: shop, durationS: 5, share },
          index === 0 ? { onProgress: (done, total) => progress.push([done, total]) } : {},
        );
        fake.advance(100);
        return promise;
      }),
    );
    expect(results[0]!.baseline).not.toBeNull();
    expect(results[1]!.baseline).toBeUndefined();
    const total = shares[0]!.targets.length + 1;
    expect(progress).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    expect(mergeSweep(shop, results, { durationS: 5 })).toEqual(sweep(shop, { durationS: 5 }));
  });

  it('cancels a call by its signal: it rejects at once and the worker stops working on it', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    const controller = new AbortController();
    const cancelled = client.runSweep({ document: shop, durationS: 5, share: planSweep(shop, 1)[0]! }, { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(SimulationCancelledError);
    fake.advance(100);
    await fake.flush();
    expect(fake.received.at(-1)).toEqual({ type: 'cancel', id: 1 });
    expect(fake.posted.filter((m) => m.type === 'result')).toHaveLength(0);
    expect(fake.posted.at(-1)).toEqual({ type: 'cancelled', id: 1 });
    // An already aborted signal: nothing is sent.
    await expect(client.runBatch({ document: shop }, { signal: controller.signal })).rejects.toBeInstanceOf(SimulationCancelledError);
    expect(fake.received).toHaveLength(2);
  });

  it('cancelAll and dispose reject every call in flight', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    const first = client.runBatch({ document: shop, durationS: 900 });
    const second = client.runBatch({ document: shop, durationS: 900 });
    client.cancelAll();
    await expect(first).rejects.toBeInstanceOf(SimulationCancelledError);
    await expect(second).rejects.toBeInstanceOf(SimulationCancelledError);
    const third = client.runBatch({ document: shop, durationS: 900 });
    client.dispose();
    await expect(third).rejects.toBeInstanceOf(SimulationCancelledError);
    expect(fake.pendingTimers()).toBe(0);
  });

  it('rejects with the engine’s message: an unknown scenario, a bad speed, a sweep target that does not exist', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    await expect(client.runBatch({ document: shop, scenarioId: 'nope' })).rejects.toThrow('scenario: unknown scenario "nope"');
    await expect(client.start({ document: shop, scenarioId: 'nope' })).rejects.toThrow('scenario: unknown scenario "nope": the document has no scenarios');
    await client.start({ document: shop });
    await expect(client.setSpeed(0)).rejects.toThrow('speed must be a positive number, not 0');
    await expect(client.runSweep({ document: shop, share: { targets: [99], baseline: false } })).rejects.toThrow('sweep: no target 99 (the design has 8)');
  });

  it('streams live frames paced by the clock; pause, speed, resume and reset', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    const frames: LiveFrame[] = [];
    const unsubscribe = client.onDidFrame((frame) => frames.push(frame));
    let finished = false;
    client.onDidFinish(() => (finished = true));
    await client.start({ document: shop, durationS: 20, speed: 1, run: 7 });
    fake.advance(1000);
    expect(frames.length).toBeGreaterThan(25);
    // Every frame carries the run its start named.
    expect(frames.every((frame) => frame.run === 7)).toBe(true);
    expect(frames.length).toBeLessThanOrEqual(31);
    expect(frames.at(-1)!.timeMs).toBeGreaterThan(950);

    await client.pause();
    const pausedAt = frames.at(-1)!;
    expect(pausedAt.paused).toBe(true);
    fake.advance(5000);
    expect(frames.at(-1)).toBe(pausedAt);
    expect(fake.pendingTimers()).toBe(0);

    await client.setSpeed(4);
    await client.resume();
    fake.advance(1000);
    // 1 s of wall time at 4× (the last frame is at most a frame period, 4 × 33 ms, behind).
    expect(frames.at(-1)!.timeMs).toBeGreaterThan(pausedAt.timeMs + 4000 - 4 * 50);
    expect(frames.at(-1)!.timeMs).toBeLessThanOrEqual(pausedAt.timeMs + 4000);
    expect(frames.at(-1)!.speed).toBe(4);

    fake.advance(10_000);
    expect(finished).toBe(true);
    expect(frames.at(-1)!.finished).toBe(true);
    expect(fake.pendingTimers()).toBe(0);

    await client.start({ document: shop, durationS: 20 });
    fake.advance(100);
    const count = frames.length;
    await client.reset();
    fake.advance(1000);
    expect(frames.length).toBe(count);
    unsubscribe();
    await client.start({ document: shop, durationS: 20 });
    fake.advance(100);
    expect(frames.length).toBe(count);
  });

  it('tells onDidFail listeners and rejects the calls in flight when the worker dies', async () => {
    const fake = fakeWorker();
    const client = createSimulationClient(fake.worker);
    const failures: string[] = [];
    client.onDidFail((message) => failures.push(message));
    const pending = client.runBatch({ document: shop, durationS: 900 });
    fake.crash('out of memory');
    await expect(pending).rejects.toThrow('out of memory');
    expect(failures).toEqual(['out of memory']);
  });

  it('creates its worker on the first call only', async () => {
    let created = 0;
    const fake = fakeWorker();
    const client = createSimulationClient(() => (created++, fake.worker));
    client.onDidFrame(() => undefined);
    expect(created).toBe(0);
    await client.reset();
    await client.reset();
    expect(created).toBe(1);
  });
});

describe('a sweep over a pool of services', () => {
  it('gives the same report whatever the number of workers, with progress over all of them', async () => {
    const whole = sweep(shop, { durationS: 5, seed: 2 });
    for (const count of [1, 2, 3, 5]) {
      const fakes = Array.from({ length: count }, () => fakeWorker());
      const progress: [number, number][] = [];
      const promise = sweepOnPool(
        fakes.map((fake) => createSimulationClient(fake.worker)),
        { document: shop, durationS: 5, seed: 2 },
        { onProgress: (done, total) => progress.push([done, total]) },
      );
      // Each worker takes the next simulation when it finishes one: drive the clocks until the sweep settles.
      let settled = false;
      void promise.finally(() => (settled = true));
      while (!settled) {
        for (const fake of fakes) fake.advance(100);
        await fakes[0]!.flush();
      }
      expect(await promise).toEqual(whole);
      expect(progress.at(-1)).toEqual([9, 9]);
      expect(progress.map(([done]) => done)).toEqual(progress.map((_, i) => i + 1));
    }
  });

  it('cancels the other shares when one fails', async () => {
    const failing: SimulationService = { ...createLocalSimulationService({ now: () => 0, setTimer: () => 0, clearTimer: () => undefined }), runSweep: () => Promise.reject(new Error('broken')) };
    const fake = fakeWorker();
    const healthy = createSimulationClient(fake.worker);
    await expect(sweepOnPool([healthy, failing], { document: shop, durationS: 5, seed: 1 })).rejects.toThrow('broken');
    fake.advance(100);
    await fake.flush();
    expect(fake.posted.filter((m) => m.type === 'result')).toHaveLength(0);
    expect(fake.received.some((m) => m.type === 'cancel')).toBe(true);
  });
});
