/**
 * The app side of the simulation: turns Play/Pause/Reset/speed, Compare and Sweep into calls of
 * the simulation services, and their frames into store updates (throttled, see below) and
 * particles (the live feed). Node entries are reused when unchanged, so a frame re-renders only
 * nodes whose state moved. One controller owns all of this state; `simulation` is the app's.
 */
import { idTable, resolveNode, type TopologyDocument } from '../../shared/document';
import { instanceStatus } from '../model/instanceStatus';
import { liveExtras, sameExtras, samePartitions } from '../model/replicaView';
import type { LiveFrame } from '../../shared/simulation/live';
import type { SimulationService } from '../../shared/simulation/service';
import type { SimulationReport } from '../../shared/simulation/types';
import { createSimulationClient } from '../worker/client';
import { sweepOnPool } from '../worker/sweepPool';
import { useDocumentStore } from './documentStore';
import { liveFeed, type LiveFeed, type WallClock } from './liveFeed';
import { useSimulationStore, type ChartPoint, type NodeLiveState, type SimulationSlice } from './simulationStore';

/** What the controller reads and writes. */
export interface SimulationStores {
  readonly simulation: { getState(): SimulationSlice };
  readonly document: { getState(): { readonly document: TopologyDocument } };
  /** Particles and the interpolated clock, updated on every frame (not throttled). */
  readonly feed: LiveFeed;
}

export interface SimulationControllerOptions {
  /** Runs the live simulation. */
  readonly client: SimulationService;
  /**
   * Run Compare and Sweep, so that a live run keeps its pace meanwhile; a sweep is shared out
   * over all of them (default: `client` alone).
   */
  readonly batch?: readonly SimulationService[];
  readonly stores: SimulationStores;
  /** Wall-clock ms, for the throttling of store updates. */
  readonly clock: WallClock;
}

export interface SimulationController {
  play(): void;
  pause(): void;
  /** Play when not playing, else pause (Space). */
  toggle(): void;
  /** Stops the live run and clears its state. */
  reset(): void;
  setSpeed(speed: number): void;
  /** Runs the chosen scenario and the healthy design with the same seed; no-op without a scenario. */
  compare(): Promise<void>;
  /** Fails every host and deployable node in turn. */
  sweep(): Promise<void>;
  /** Forgets compare and sweep work in flight (another design was opened). */
  forgetResults(): void;
}

/**
 * Shortest wall-clock interval between two store updates, ms. Every update re-renders text in the
 * toolbar and dock, and the browser then walks the whole page (1,000 nodes on a large design):
 * at 30 Hz that starves the animation, at 4–10 Hz it does not. Particles move every frame anyway
 * (the feed). Going down, a host failing or a breaker opening shows at once.
 */
export function refreshIntervalMs(nodeCount: number): number {
  return nodeCount > 200 ? 250 : 100;
}

function sameNode(a: NodeLiveState | undefined, b: NodeLiveState): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    // Shown as whole percent and a bar: smaller moves are not worth a re-render.
    Math.abs(a.utilization - b.utilization) < 0.02 &&
    a.queue === b.queue &&
    a.instancesUp.length === b.instancesUp.length &&
    a.instancesUp.every((up, i) => up === b.instancesUp[i]) &&
    a.instanceStatus.every((status, i) => status === b.instanceStatus[i]) &&
    sameExtras(a, b)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The partitions in force in a frame, as their sides' host ids. */
function partitionsOf(frame: LiveFrame): SimulationSlice['partitions'] {
  return frame.snapshot.partitions?.map((p) => p.groups) ?? [];
}

/**
 * True when the frame must reach the store at once: a host, a breaker or a node went down or up,
 * a partition began or healed, a replicated node's leader changed or its election began or ended.
 */
function isUrgent(state: SimulationSlice, frame: LiveFrame): boolean {
  return (
    !sameList(state.hostsDown, frame.snapshot.downHosts) ||
    !samePartitions(state.partitions, partitionsOf(frame)) ||
    frame.snapshot.nodes.some((n) => n.replication !== undefined && (state.nodes[n.id]?.leader !== n.replication.leader || state.nodes[n.id]?.electing !== n.replication.electing)) ||
    !sameList(state.openBreakers, frame.snapshot.openBreakers.map((b) => b.edge)) ||
    frame.snapshot.nodes.some((n) => {
      const before = state.nodes[n.id]?.status;
      return before !== n.status && (before === undefined || before === 'down' || n.status === 'down');
    })
  );
}

const limitsByDocument = new WeakMap<TopologyDocument, Map<string, { concurrency: number; queueLimit: number }>>();

/** Slots and queue limit of one instance, by node id (once per running design). */
function slotLimits(document: TopologyDocument | null): Map<string, { concurrency: number; queueLimit: number }> {
  if (!document) return new Map();
  let limits = limitsByDocument.get(document);
  if (!limits) {
    limits = new Map(document.nodes.map((n) => [n.id, { concurrency: resolveNode(n).concurrency, queueLimit: resolveNode(n).queueLimit }]));
    limitsByDocument.set(document, limits);
  }
  return limits;
}

/** The node entries for `frame`, reusing unchanged ones; `changed` false when all were reused. */
function nodeStates(state: SimulationSlice, frame: LiveFrame): { nodes: Record<string, NodeLiveState>; changed: boolean } {
  // By node id, and `__proto__` is one: a table without a prototype.
  const nodes = idTable<NodeLiveState>();
  const limits = slotLimits(state.runDocument);
  let changed = Object.keys(state.nodes).length !== frame.snapshot.nodes.length;
  for (const snapshot of frame.snapshot.nodes) {
    const { concurrency, queueLimit } = limits.get(snapshot.id) ?? { concurrency: 1, queueLimit: 0 };
    const next: NodeLiveState = {
      status: snapshot.status,
      utilization: snapshot.utilization,
      queue: snapshot.queueLength,
      instancesUp: snapshot.instances.map((i) => i.up),
      instanceStatus: snapshot.instances.map((i) => instanceStatus(i, concurrency, queueLimit)),
      ...liveExtras(snapshot),
    };
    const previous = Object.prototype.hasOwnProperty.call(state.nodes, snapshot.id) ? state.nodes[snapshot.id] : undefined;
    if (previous && sameNode(previous, next)) nodes[snapshot.id] = previous;
    else {
      nodes[snapshot.id] = next;
      changed = true;
    }
  }
  return { nodes, changed };
}

export function createSimulationController(options: SimulationControllerOptions): SimulationController {
  const { client, stores, clock } = options;
  const batch = options.batch && options.batch.length > 0 ? options.batch : [client];
  const store = () => stores.simulation.getState();
  const feed = stores.feed;

  /** Bumped by Play and Reset: frames and failures of an older live run are dropped. */
  let liveRun = 0;
  /** False after Reset: frames the worker sent before it heard of the reset are dropped. */
  let liveActive = false;
  /** Whether the last frame that arrived was of the current run (the finish that follows it is). */
  let lastFrameCurrent = false;
  let lastRefresh = -Infinity;
  /** Timeline seconds that arrived since the last store update. */
  let pendingTimeline: ChartPoint[] = [];
  /** Aborted when another design is opened: its compare and sweep results are not wanted. */
  let results = new AbortController();

  const failLive = (run: number, message: string) => {
    if (run !== liveRun || !liveActive) return;
    liveActive = false;
    feed.setRunning(false);
    store().set({ error: `Simulation failed: ${message}`, playState: 'idle' });
  };
  /** Live calls answer nothing worth waiting for; a failure ends the run with its message. */
  const live = (call: Promise<void>) => {
    const run = liveRun;
    call.catch((error: unknown) => failLive(run, messageOf(error)));
  };

  const onFrame = (frame: LiveFrame) => {
    // A frame of an older run (sent before the worker heard of a Reset and a new Play) is dropped.
    lastFrameCurrent = frame.run === undefined || frame.run === liveRun;
    if (!liveActive || !lastFrameCurrent) return;
    const running = !frame.paused && !frame.finished;
    // Speed is simulated seconds per wall second; the feed wants simulated ms per wall ms: the same.
    feed.pushFrame(frame.timeMs, frame.movements, running, frame.speed);
    for (const entry of frame.timeline) {
      pendingTimeline.push({ t: entry.t, ok: entry.ok, failed: entry.failed, p50: entry.p50, p99: entry.p99, causes: entry.failures, ...(entry.consistency ? { consistency: entry.consistency } : {}) });
    }

    const state = store();
    const wallNow = clock.now();
    if (running && !isUrgent(state, frame) && wallNow - lastRefresh < refreshIntervalMs(frame.snapshot.nodes.length)) return;
    lastRefresh = wallNow;

    const { nodes, changed } = nodeStates(state, frame);
    const downHosts = frame.snapshot.downHosts;
    const partitions = partitionsOf(frame);
    const breakers = frame.snapshot.openBreakers.map((b) => b.edge);
    const chart = pendingTimeline.length === 0 ? state.chart : [...state.chart, ...pendingTimeline];
    pendingTimeline = [];
    state.set({
      clockS: frame.timeMs / 1000,
      ...(changed ? { nodes } : {}),
      ...(sameList(state.hostsDown, downHosts) ? {} : { hostsDown: downHosts }),
      ...(samePartitions(state.partitions, partitions) ? {} : { partitions }),
      ...(sameList(state.openBreakers, breakers) ? {} : { openBreakers: breakers }),
      chart,
      edgeRates: feed.throughput.take(frame.timeMs),
      totals: { ...frame.requests, failures: frame.failures, p50: frame.latencyMs.p50, p99: frame.latencyMs.p99 },
      clients: frame.clients,
      playState: frame.finished ? 'finished' : frame.paused ? 'paused' : 'playing',
      ...(frame.stop ? { budgetStop: frame.stop } : {}),
    });
  };

  const onFinish = (report: SimulationReport) => {
    if (!liveActive || !lastFrameCurrent) return;
    feed.setRunning(false);
    store().set({
      playState: 'finished',
      // A run its budget stopped ends where it stopped, not at its planned end.
      clockS: report.partial ? report.partial.atSeconds : report.duration,
      budgetStop: report.partial ?? null,
      totals: { ...report.requests, failures: report.failures, p50: report.latencyMs.p50, p99: report.latencyMs.p99 },
      clientReports: report.clients,
      nodeReports: report.nodes,
    });
  };

  client.onDidFrame(onFrame);
  client.onDidFinish(onFinish);
  client.onDidFail((message) => failLive(liveRun, message));

  const runOptions = () => {
    const { options: settings } = store();
    const document = stores.document.getState().document;
    const scenarioId = settings.scenarioId && document.scenarios?.some((s) => s.id === settings.scenarioId) ? settings.scenarioId : undefined;
    return { document, scenarioId, seed: settings.seed, durationS: settings.durationS };
  };
  const clearLive = () => {
    feed.reset();
    pendingTimeline = [];
    lastRefresh = -Infinity;
  };

  const controller: SimulationController = {
    play() {
      const state = store();
      if (state.playState === 'playing') return;
      if (state.playState === 'paused') {
        live(client.resume());
        feed.setRunning(true);
        state.set({ playState: 'playing' });
        return;
      }
      const { document, scenarioId, seed, durationS } = runOptions();
      if (!document.nodes.some((n) => n.kind === 'client')) {
        state.set({ error: 'Nothing sends requests: add a Client and connect it to the design.' });
        return;
      }
      state.resetLive();
      clearLive();
      liveRun += 1;
      liveActive = true;
      lastFrameCurrent = false;
      live(client.start({ document, ...(scenarioId ? { scenarioId } : {}), seed, durationS, speed: state.options.speed, run: liveRun }));
      feed.setRunning(true);
      state.set({ playState: 'playing', runDocument: document });
    },
    pause() {
      if (store().playState !== 'playing') return;
      live(client.pause());
      feed.setRunning(false);
      store().set({ playState: 'paused' });
    },
    toggle() {
      if (store().playState === 'playing') controller.pause();
      else controller.play();
    },
    reset() {
      liveActive = false;
      liveRun += 1;
      live(client.reset());
      clearLive();
      store().resetLive();
    },
    setSpeed(speed) {
      store().setOptions({ speed });
      if (store().playState !== 'idle') live(client.setSpeed(speed));
    },
    forgetResults() {
      results.abort();
      results = new AbortController();
      store().set({ compare: null, sweep: null, comparing: false, sweepProgress: null });
    },
    async compare() {
      const { document, scenarioId, seed, durationS } = runOptions();
      if (!scenarioId || store().comparing) return;
      const scenario = document.scenarios!.find((s) => s.id === scenarioId)!;
      const { signal } = results;
      store().set({ comparing: true, error: null });
      try {
        // Two workers when there are: the runs are independent.
        const [baseline, withFaults] = await Promise.all([
          batch[0]!.runBatch({ document, seed, durationS }, { signal }),
          batch[1 % batch.length]!.runBatch({ document, scenarioId, seed, durationS }, { signal }),
        ]);
        if (!signal.aborted) store().set({ compare: { scenarioName: scenario.name, baseline, scenario: withFaults } });
      } catch (error) {
        if (!signal.aborted) store().set({ error: `Compare failed: ${messageOf(error)}` });
      } finally {
        if (!signal.aborted) store().set({ comparing: false });
      }
    },
    async sweep() {
      if (store().sweepProgress) return;
      const { document, seed, durationS } = runOptions();
      const { signal } = results;
      store().set({ sweepProgress: { done: 0, total: 1 }, error: null });
      try {
        const report = await sweepOnPool(batch, { document, seed, durationS }, {
          signal,
          onProgress: (done, total) => {
            if (!signal.aborted) store().set({ sweepProgress: { done, total } });
          },
        });
        if (!signal.aborted) store().set({ sweep: report });
      } catch (error) {
        if (!signal.aborted) store().set({ error: `Sweep failed: ${messageOf(error)}` });
      } finally {
        if (!signal.aborted) store().set({ sweepProgress: null });
      }
    },
  };
  return controller;
}

/** Workers for Compare and Sweep: one per core, at most four (the live run has its own). */
function batchWorkerCount(): number {
  return Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));
}

/** The app's pool of simulation workers for Compare, Sweep and the capacity ramp; they start on first use. */
export const simulationBatch: readonly SimulationService[] = Array.from({ length: batchWorkerCount() }, () => createSimulationClient());

/** The app's controller; its workers start on first use. */
export const simulation: SimulationController = createSimulationController({
  client: createSimulationClient(),
  batch: simulationBatch,
  stores: { simulation: useSimulationStore, document: useDocumentStore, feed: liveFeed },
  clock: performance,
});
