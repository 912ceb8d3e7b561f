/**
 * The Availability and Capacity panels' slice and their controller. The analysis runs in the
 * reliability worker, only while one of the two panels is shown (a design nobody analyses costs
 * nothing), debounced after each edit so typing never waits for it; the answer for a design that
 * has changed since is dropped. The load slider's simulated run goes to a simulation worker of its
 * own, on a scaled copy of the design (the user's document is never touched). The capacity ramp
 * runs on the app's pool of simulation workers (the sweep's), like `topo capacity --ramp`.
 */
import { create } from 'zustand';
import type { TopologyDocument } from '../../shared/document';
import { DEFAULT_RAMP_DURATION_S, DEFAULT_RAMP_STEPS, type RampReport } from '../../shared/reliability';
import type { SimulationService } from '../../shared/simulation/service';
import { loadVerdict, scaleLoad, type LoadVerdict } from '../model/reliabilityView';
import { createReliabilityClient, type ReliabilityClient, type ReliabilityOptions, type ReliabilityResult } from '../worker/reliabilityClient';
import { createSimulationClient } from '../worker/client';
import { rampOnPool } from '../worker/rampPool';
import { useDocumentStore } from './documentStore';
import { simulationBatch } from './simulationController';
import { useSimulationStore } from './simulationStore';

/** What the right-hand column shows above the inspector. */
export type SidePanel = 'classification' | 'availability' | 'capacity';

export const DEFAULT_RELIABILITY_OPTIONS: ReliabilityOptions = { capacityAware: false, years: 1000, seed: 1 };
/** Bounds of the years field: enough for a tight interval, few enough to answer within seconds. */
export const YEARS_RANGE = { min: 30, max: 100_000 } as const;
/** The load slider's range: × every client's rate. */
export const LOAD_RANGE = { min: 0.25, max: 4 } as const;

export interface LoadRun {
  readonly multiple: number;
  readonly running: boolean;
  readonly verdict: LoadVerdict | null;
  readonly error: string | null;
}

/** The capacity ramp: the same multiples, seed and duration as `topo capacity --ramp --seed N`. */
export interface RampRun {
  readonly seed: number;
  readonly durationS: number;
  /** Steps finished of all of them. */
  readonly done: number;
  readonly total: number;
  /** Null while it runs. */
  readonly report: RampReport | null;
  readonly error: string | null;
}

export interface ReliabilitySlice {
  readonly panel: SidePanel;
  readonly options: ReliabilityOptions;
  /** A request for the current design and options is in the worker or waiting for the debounce. */
  readonly computing: boolean;
  readonly result: ReliabilityResult | null;
  /** The design `result` is about. */
  readonly resultDocument: TopologyDocument | null;
  readonly error: string | null;
  /** The load slider: × every client's rate (1 = the document's rates). */
  readonly multiple: number;
  /** The last simulated run at a load multiple; null before one. */
  readonly load: LoadRun | null;
  /** The last capacity ramp of this design, running or done; null before one (or after an edit). */
  readonly ramp: RampRun | null;
  set(partial: Partial<Omit<ReliabilitySlice, 'set'>>): void;
}

export const useReliabilityStore = create<ReliabilitySlice>()((set) => ({
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

/** Shows a side panel (the toolbar's tabs, the View menu, Ctrl+Shift+Y / Ctrl+Shift+K). */
export function showSidePanel(panel: SidePanel): void {
  useReliabilityStore.getState().set({ panel });
}

export interface Timers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export interface ReliabilityControllerOptions {
  readonly client: ReliabilityClient;
  /** Runs the load slider's simulation. */
  readonly simulation: SimulationService;
  /** Run the capacity ramp, an idle one taking the next step (default: `simulation` alone). */
  readonly batch?: readonly SimulationService[];
  readonly timers: Timers;
  readonly stores: {
    readonly reliability: { getState(): ReliabilitySlice; subscribe(listener: (state: ReliabilitySlice, previous: ReliabilitySlice) => void): () => void };
    readonly document: { getState(): { readonly document: TopologyDocument }; subscribe(listener: (state: { readonly document: TopologyDocument }, previous: { readonly document: TopologyDocument }) => void): () => void };
    /** Seed and duration of simulated runs (the simulation dock's). */
    readonly run: () => { readonly seed: number; readonly durationS: number };
  };
  /** Quiet time after an edit before the analysis starts, ms. */
  readonly debounceMs?: number;
}

export interface ReliabilityController {
  /** Starts following the stores; returns the function that stops. */
  start(): () => void;
  /** Simulates the design at `multiple` × its rates (the slider released). */
  runLoad(multiple: number): Promise<void>;
  /** Runs the capacity ramp of the design (the CLI's multiples, 20 simulated s a step, the dock's seed). */
  runRamp(): Promise<void>;
  /** Stops the ramp in flight; its partial results are dropped. */
  cancelRamp(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameOptions(a: ReliabilityOptions, b: ReliabilityOptions): boolean {
  return a.capacityAware === b.capacityAware && a.years === b.years && a.seed === b.seed;
}

export function createReliabilityController(options: ReliabilityControllerOptions): ReliabilityController {
  const { client, simulation, timers, stores } = options;
  const debounceMs = options.debounceMs ?? 300;
  const state = () => stores.reliability.getState();
  let timer: unknown;
  /** The design and options last sent to the worker (or about to be). */
  let requested: { document: TopologyDocument; options: ReliabilityOptions } | null = null;
  let loadAbort: AbortController | null = null;
  let rampAbort: AbortController | null = null;
  const batch = options.batch && options.batch.length > 0 ? options.batch : [simulation];

  const active = () => state().panel !== 'classification';

  const compute = () => {
    timer = undefined;
    const document = stores.document.getState().document;
    const { options: analysis } = state();
    requested = { document, options: analysis };
    state().set({ computing: true });
    client.analyze(document, analysis).then(
      (result) => {
        // Superseded, or the design or options moved on meanwhile: a newer answer is coming.
        if (result === null || requested?.document !== document || !sameOptions(requested.options, analysis)) return;
        state().set({ computing: timer !== undefined, result, resultDocument: document, error: null });
      },
      (error: unknown) => {
        if (requested?.document !== document || !sameOptions(requested.options, analysis)) return;
        state().set({ computing: timer !== undefined, error: `The analysis failed: ${messageOf(error)}` });
      },
    );
  };
  /** Asks for the analysis of the current design, after `delay` ms (0: at once). */
  const schedule = (delay: number) => {
    if (timer !== undefined) timers.clear(timer);
    const document = stores.document.getState().document;
    if (requested && requested.document === document && sameOptions(requested.options, state().options)) {
      timer = undefined;
      return;
    }
    state().set({ computing: true });
    timer = timers.set(compute, delay);
  };

  return {
    start() {
      if (active()) schedule(0);
      const stopDocument = stores.document.subscribe((next, previous) => {
        if (next.document === previous.document) return;
        // The simulated load run was about the old design.
        if (state().load) {
          loadAbort?.abort();
          state().set({ load: null });
        }
        // So was the ramp.
        if (state().ramp) {
          rampAbort?.abort();
          state().set({ ramp: null });
        }
        if (active()) schedule(debounceMs);
      });
      const stopReliability = stores.reliability.subscribe((next, previous) => {
        if (next.panel === previous.panel && next.options === previous.options) return;
        if (next.panel === 'classification') {
          if (timer !== undefined) timers.clear(timer);
          timer = undefined;
          return;
        }
        schedule(next.options === previous.options ? 0 : debounceMs);
      });
      return () => {
        stopDocument();
        stopReliability();
        if (timer !== undefined) timers.clear(timer);
        timer = undefined;
        loadAbort?.abort();
        rampAbort?.abort();
      };
    },
    async runLoad(multiple) {
      loadAbort?.abort();
      const abort = new AbortController();
      loadAbort = abort;
      const document = stores.document.getState().document;
      const { seed, durationS } = stores.run();
      state().set({ load: { multiple, running: true, verdict: null, error: null } });
      try {
        const report = await simulation.runBatch({ document: scaleLoad(document, multiple), seed, durationS }, { signal: abort.signal });
        if (!abort.signal.aborted) state().set({ load: { multiple, running: false, verdict: loadVerdict(document, report, multiple), error: null } });
      } catch (error) {
        if (!abort.signal.aborted) state().set({ load: { multiple, running: false, verdict: null, error: `The run at ×${multiple} failed: ${messageOf(error)}` } });
      }
    },
    async runRamp() {
      rampAbort?.abort();
      const abort = new AbortController();
      rampAbort = abort;
      const document = stores.document.getState().document;
      const { seed } = stores.run();
      const durationS = DEFAULT_RAMP_DURATION_S;
      const run = { seed, durationS, done: 0, total: DEFAULT_RAMP_STEPS, report: null, error: null };
      state().set({ ramp: run });
      try {
        const report = await rampOnPool(batch, { document, seed, durationS, steps: DEFAULT_RAMP_STEPS }, {
          signal: abort.signal,
          onProgress: (done, total) => {
            if (!abort.signal.aborted) state().set({ ramp: { ...run, done, total } });
          },
        });
        if (!abort.signal.aborted) state().set({ ramp: { ...run, done: report.ramp.length, total: report.ramp.length, report } });
      } catch (error) {
        if (!abort.signal.aborted) state().set({ ramp: { ...run, error: `The ramp failed: ${messageOf(error)}` } });
      } finally {
        if (rampAbort === abort) rampAbort = null;
      }
    },
    cancelRamp() {
      rampAbort?.abort();
      rampAbort = null;
      state().set({ ramp: null });
    },
  };
}

let appController: ReliabilityController | undefined;

/** The app's controller; its workers start on first use. */
export function reliabilityController(): ReliabilityController {
  appController ??= createReliabilityController({
    client: createReliabilityClient(),
    simulation: createSimulationClient(),
    batch: simulationBatch,
    timers: { set: (callback, delayMs) => setTimeout(callback, delayMs), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    stores: {
      reliability: useReliabilityStore,
      document: useDocumentStore,
      run: () => {
        const { seed, durationS } = useSimulationStore.getState().options;
        return { seed, durationS };
      },
    },
  });
  return appController;
}
