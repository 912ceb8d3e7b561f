/** The reliability controller: analysis only while a panel shows, debounced, stale answers dropped; the load run. */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { TEMPLATES, type TopologyDocument } from '../../shared/document';
import { simulate, type SimulationService } from '../../shared/simulation';
import type { ReliabilityClient, ReliabilityOptions, ReliabilityResult } from '../worker/reliabilityClient';
import { answerReliability } from '../worker/reliabilityProtocol';
import { scaleLoad } from '../model/reliabilityView';
import { runRamp } from '../../shared/reliability';
import { createReliabilityController, DEFAULT_RELIABILITY_OPTIONS, type ReliabilitySlice } from './reliabilityStore';

const template = (id: string) => TEMPLATES.find((t) => t.id === id)!.document;

function setup() {
  const reliability = create<ReliabilitySlice>()((set) => ({
    panel: 'classification',
    options: DEFAULT_RELIABILITY_OPTIONS,
    computing: false,
    result: null,
    resultDocument: null,
    error: null,
    multiple: 1,
    load: null,
    ramp: null,
    set: (partial) => set(partial),
  }));
  const documents = create<{ document: TopologyDocument }>()(() => ({ document: template('services-two-servers') }));
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let now = 0;
  let nextTimer = 1;
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.callback();
  };
  const calls: { document: TopologyDocument; options: ReliabilityOptions; resolve(value: ReliabilityResult | null): void }[] = [];
  const client: ReliabilityClient = {
    analyze: (document, options) => new Promise((resolve) => calls.push({ document, options, resolve })),
    busy: () => false,
    dispose: () => undefined,
  };
  const answer = (index: number) => {
    const call = calls[index]!;
    const response = answerReliability({ id: 1, document: call.document, options: call.options });
    if (response.type !== 'result') throw new Error(response.message);
    call.resolve(response.result);
  };
  const batches: TopologyDocument[] = [];
  const simulation = {
    runBatch: async (request: { document: TopologyDocument; seed?: number; durationS?: number }) => {
      batches.push(request.document);
      return simulate(request.document, { seed: request.seed!, durationS: request.durationS! });
    },
  } as unknown as SimulationService;
  const controller = createReliabilityController({
    client,
    simulation,
    timers: {
      set: (callback, delayMs) => {
        const id = nextTimer++;
        timers.push({ at: now + delayMs, callback, id });
        return id;
      },
      clear: (id) => void (timers = timers.filter((t) => t.id !== id)),
    },
    stores: { reliability, document: documents, run: () => ({ seed: 5, durationS: 10 }) },
    debounceMs: 300,
  });
  return { reliability, documents, controller, calls, answer, advance, batches, flush: () => new Promise((r) => setTimeout(r, 0)) };
}

describe('the reliability controller', () => {
  it('analyses nothing while the Classification tab shows, and the design at once when a panel opens', async () => {
    const t = setup();
    const stop = t.controller.start();
    t.documents.setState({ document: template('monolith-cluster') });
    t.advance(1000);
    expect(t.calls).toHaveLength(0);
    t.reliability.getState().set({ panel: 'availability' });
    t.advance(0);
    expect(t.calls.map((c) => c.document.name)).toEqual(['Monolith cluster']);
    expect(t.reliability.getState().computing).toBe(true);
    t.answer(0);
    await t.flush();
    const state = t.reliability.getState();
    expect(state.computing).toBe(false);
    expect(state.resultDocument).toBe(t.documents.getState().document);
    expect(state.result!.availability.clients).toHaveProperty('users');
    // Back to the Capacity tab: same design, same options: nothing to do again.
    t.reliability.getState().set({ panel: 'capacity' });
    t.advance(1000);
    expect(t.calls).toHaveLength(1);
    stop();
  });

  it('debounces edits and drops the answer for a design that has changed since', async () => {
    const t = setup();
    t.reliability.getState().set({ panel: 'availability' });
    t.controller.start();
    t.advance(0);
    const edited = template('layers-distributed');
    t.documents.setState({ document: edited });
    t.advance(100);
    t.documents.setState({ document: template('layers-clustered') });
    t.advance(299);
    expect(t.calls).toHaveLength(1);
    t.advance(1);
    expect(t.calls.map((c) => c.document.name)).toEqual(['Services, each on two servers', 'Layers on clustered servers']);
    // The newer answer first, then the stale one: the stale one never shows.
    t.answer(1);
    await t.flush();
    t.answer(0);
    await t.flush();
    expect(t.reliability.getState().resultDocument!.name).toBe('Layers on clustered servers');
  });

  it('re-runs when the options change, with them', async () => {
    const t = setup();
    t.reliability.getState().set({ panel: 'availability' });
    t.controller.start();
    t.advance(0);
    t.reliability.getState().set({ options: { capacityAware: true, years: 200, seed: 9 } });
    t.advance(300);
    expect(t.calls.at(-1)!.options).toEqual({ capacityAware: true, years: 200, seed: 9 });
  });

  it('simulates a scaled copy of the design at the load multiple, leaving the document alone', async () => {
    const t = setup();
    t.controller.start();
    const before = t.documents.getState().document;
    await t.controller.runLoad(2.5);
    expect(t.documents.getState().document).toBe(before);
    expect(t.batches[0]!.nodes.find((n) => n.id === 'users')!.rate).toBe(250);
    const load = t.reliability.getState().load!;
    const expected = simulate(scaleLoad(before, 2.5), { seed: 5, durationS: 10 });
    expect(load.running).toBe(false);
    expect(load.verdict!.served).toBe(expected.throughput.served);
    expect(load.verdict!.p99).toBe(expected.latencyMs.p99);
    // An edit makes the run stale: it is cleared.
    t.documents.setState({ document: template('monolith-cluster') });
    expect(t.reliability.getState().load).toBeNull();
  });

  it('runs the capacity ramp with the dock seed, as the CLI would, and drops it when the design changes', async () => {
    const t = setup();
    t.controller.start();
    const document = t.documents.getState().document;
    const running = t.controller.runRamp();
    expect(t.reliability.getState().ramp).toMatchObject({ seed: 5, durationS: 20, done: 0, total: 10, report: null });
    await running;
    const ramp = t.reliability.getState().ramp!;
    expect(ramp.report).toEqual(await runRamp(document, { seed: 5, durationS: 20 }));
    expect(ramp.done).toBe(10);
    expect(t.batches).toHaveLength(10);
    expect(t.documents.getState().document).toBe(document);
    // An edit while a ramp runs: it stops and its answer never shows.
    const again = t.controller.runRamp();
    t.documents.setState({ document: template('monolith-cluster') });
    expect(t.reliability.getState().ramp).toBeNull();
    await again;
    expect(t.reliability.getState().ramp).toBeNull();
    expect(t.batches.length).toBeLessThan(20);
    // Cancel forgets it too.
    const third = t.controller.runRamp();
    t.controller.cancelRamp();
    await third;
    expect(t.reliability.getState().ramp).toBeNull();
    // Two ramps of ten 20 s simulations each, plus the reference: generous room for a busy machine.
  }, 180_000);
});
