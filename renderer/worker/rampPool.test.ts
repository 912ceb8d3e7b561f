/** The app's ramp on its pool of simulation workers: the same ramp as the CLI's, for any number of workers. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/document';
import { runRamp, runRampStep, type RampStepTask } from '../../shared/reliability';
import type { SimulationService } from '../../shared/simulation';
import { createSimulationClient } from './client';
import { createLocalSimulationService } from './localService';
import { rampOnPool } from './rampPool';
import { fakeWorker, type FakeWorker } from './testing/fakeWorker';

const shop = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;

/** Drives the fake workers' clocks until `promise` settles. */
async function drive<T>(fakes: readonly FakeWorker[], promise: Promise<T>): Promise<T> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    for (const fake of fakes) fake.advance(100);
    await fakes[0]!.flush();
  }
  return promise;
}

describe('the ramp on the app pool', () => {
  it('gives the CLI ramp (the shared runRamp in one thread) for the same seed and duration, whatever the number of workers', async () => {
    const expected = await runRamp(shop, { seed: 3, durationS: 4 });
    expect(expected.ramp).toHaveLength(10);
    // Not a flat answer: the ramp passes the knee of the design.
    expect(expected.knee).not.toBeNull();
    for (const count of [1, 2, 3]) {
      const fakes = Array.from({ length: count }, () => fakeWorker());
      const progress: [number, number][] = [];
      const ramp = await drive(
        fakes,
        rampOnPool(
          fakes.map((fake) => createSimulationClient(fake.worker)),
          { document: shop, seed: 3, durationS: 4 },
          { onProgress: (done, total) => progress.push([done, total]) },
        ),
      );
      expect(ramp).toEqual(expected);
      expect(progress).toEqual(expected.ramp.map((_, i) => [i + 1, 10]));
    }
    // And step by step the same as the worker thread's runRampStep.
    const task: RampStepTask = { document: shop, multiple: expected.ramp[4]!.multiple, durationS: 4, seed: 3 };
    expect(expected.ramp[4]).toEqual(runRampStep(task));
  });

  it('stops at the signal: no step starts after it and the ramp rejects', async () => {
    const fake = fakeWorker();
    const abort = new AbortController();
    const ramp = rampOnPool([createSimulationClient(fake.worker)], { document: shop, seed: 1, durationS: 4 }, { signal: abort.signal, onProgress: (done) => done === 1 && abort.abort() });
    await expect(drive([fake], ramp)).rejects.toThrow('batch cancelled');
    expect(fake.received.filter((m) => m.type === 'call').length).toBe(1);
  });

  it('rejects with the failure of a worker', async () => {
    const failing: SimulationService = { ...createLocalSimulationService({ now: () => 0, setTimer: () => 0, clearTimer: () => undefined }), runBatch: () => Promise.reject(new Error('broken')) };
    await expect(rampOnPool([failing], { document: shop, seed: 1, durationS: 4 })).rejects.toThrow('broken');
    await expect(rampOnPool([], { document: shop, seed: 1, durationS: 4 })).rejects.toThrow('no simulation service');
  });
});
