/**
 * The app side of the simulation: turns Play/Pause/Reset/speed, Compare and Sweep into requests to
 * the simulation worker, and its frames into store updates (≤ 30 Hz) and particles (liveFeed).
 * Node entries are reused when unchanged, so a frame re-renders only nodes whose state moved.
 */
import type { FailureCause } from '../../shared/document';
import { FAILURE_CAUSES } from '../../shared/document';
import type { LiveFrame } from '../../shared/simulation/live';
import type { SimulationReport } from '../../shared/simulation/types';
import { sweepReport } from '../../shared/simulation/sweep';
import { SimulationClient } from '../worker/client';
import { useDocumentStore } from './documentStore';
import { pushFrame, resetFeed, setFeedRunning } from './liveFeed';
import { useSimulationStore, type ChartPoint, type NodeLiveState } from './simulationStore';

const store = () => useSimulationStore.getState();

let client: SimulationClient | null = null;
/**
 * Batch and sweep runs get workers of their own, so a live run keeps its pace meanwhile; a sweep
 * is shared out over one worker per core (at most four).
 */
const batchClients: SimulationClient[] = [];
function getBatchClient(index = 0): SimulationClient {
  while (batchClients.length <= index) batchClients.push(new SimulationClient());
  return batchClients[index]!;
}
function sweepWorkerCount(): number {
  return Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));
}
function getClient(): SimulationClient {
  if (!client) {
    client = new SimulationClient();
    client.onFrame(onFrame);
    client.onFinished(onFinished);
    client.onError((message) => {
      store().set({ error: `Simulation failed: ${message}`, playState: 'idle' });
      setFeedRunning(false);
    });
  }
  return client;
}

/** Cumulative failures at the previous frame, to attribute new failures to their second. */
let lastFailures: Record<FailureCause, number> | null = null;
/** Causes per simulated second of failures seen so far (closed and open seconds). */
let causesBySecond = new Map<number, Partial<Record<FailureCause, number>>>();

function sameNode(a: NodeLiveState | undefined, b: NodeLiveState): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    // Shown as whole percent and a bar: smaller moves are not worth a re-render.
    Math.abs(a.utilization - b.utilization) < 0.02 &&
    a.queue === b.queue &&
    a.instancesUp.length === b.instancesUp.length &&
    a.instancesUp.every((up, i) => up === b.instancesUp[i])
  );
}

/** False after Reset: frames the worker sent before it heard of the reset are dropped. */
let liveActive = false;
/**
 * Shortest wall-clock interval between two store updates, ms. Every update re-renders text in the
 * toolbar and dock, and the browser then walks the whole page (1,000 nodes on a large design):
 * at 30 Hz that starves the animation, at 4–10 Hz it does not. Particles move every frame anyway
 * (liveFeed). Going down, a host failing or a breaker opening shows at once.
 */
function refreshIntervalMs(nodeCount: number): number {
  return nodeCount > 200 ? 250 : 100;
}
let lastRefresh = -Infinity;
/** Timeline seconds that arrived since the last store update. */
let pendingTimeline: ChartPoint[] = [];

function onFrame(frame: LiveFrame): void {
  if (!liveActive) return;
  const running = !frame.paused && !frame.finished;
  // Speed is simulated seconds per wall second; the feed wants simulated ms per wall ms: the same.
  pushFrame(frame.timeMs, frame.movements, running, frame.speed);
  const state = store();
  // Failures since the last frame belong to the current simulated second.
  const second = Math.floor(frame.timeMs / 1000);
  if (lastFailures) {
    for (const cause of FAILURE_CAUSES) {
      const delta = frame.failures[cause] - lastFailures[cause];
      if (delta > 0) {
        const bucket = causesBySecond.get(second) ?? {};
        bucket[cause] = (bucket[cause] ?? 0) + delta;
        causesBySecond.set(second, bucket);
      }
    }
  }
  lastFailures = { ...frame.failures };
  for (const entry of frame.timeline) {
    pendingTimeline.push({ t: entry.t, ok: entry.ok, failed: entry.failed, p50: entry.p50, p99: entry.p99, causes: causesBySecond.get(entry.t) ?? {} });
  }

  const downHosts = frame.snapshot.downHosts;
  const breakers = frame.snapshot.openBreakers.map((b) => b.edge);
  const urgent =
    !sameList(state.hostsDown, downHosts) ||
    !sameList(state.openBreakers, breakers) ||
    frame.snapshot.nodes.some((n) => {
      const before = state.nodes[n.id]?.status;
      return before !== n.status && (before === undefined || before === 'down' || n.status === 'down');
    });
  const wallNow = performance.now();
  if (!urgent && running && wallNow - lastRefresh < refreshIntervalMs(frame.snapshot.nodes.length)) return;
  lastRefresh = wallNow;

  const nodes: Record<string, NodeLiveState> = {};
  let changed = Object.keys(state.nodes).length !== frame.snapshot.nodes.length;
  for (const snapshot of frame.snapshot.nodes) {
    const next: NodeLiveState = {
      status: snapshot.status,
      utilization: snapshot.utilization,
      queue: snapshot.queueLength,
      instancesUp: snapshot.instances.map((i) => i.up),
    };
    const previous = state.nodes[snapshot.id];
    if (sameNode(previous, next)) nodes[snapshot.id] = previous!;
    else {
      nodes[snapshot.id] = next;
      changed = true;
    }
  }
  const chart = pendingTimeline.length === 0 ? state.chart : [...state.chart, ...pendingTimeline];
  pendingTimeline = [];
  state.set({
    clockS: frame.timeMs / 1000,
    ...(changed ? { nodes } : {}),
    ...(sameList(state.hostsDown, downHosts) ? {} : { hostsDown: downHosts }),
    ...(sameList(state.openBreakers, breakers) ? {} : { openBreakers: breakers }),
    chart,
    totals: { ...frame.requests, failures: frame.failures, p50: frame.latencyMs.p50, p99: frame.latencyMs.p99 },
    playState: frame.finished ? 'finished' : frame.paused ? 'paused' : 'playing',
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function onFinished(report: SimulationReport): void {
  if (!liveActive) return;
  setFeedRunning(false);
  store().set({
    playState: 'finished',
    clockS: report.duration,
    totals: { ...report.requests, failures: report.failures, p50: report.latencyMs.p50, p99: report.latencyMs.p99 },
  });
}

function runOptions() {
  const { options } = store();
  const document = useDocumentStore.getState().document;
  const scenarioId = options.scenarioId && document.scenarios?.some((s) => s.id === options.scenarioId) ? options.scenarioId : undefined;
  return { document, scenarioId, seed: options.seed, durationS: options.durationS };
}

/** Bumped when another design is opened: compare and sweep results of the old one are dropped. */
let resultGeneration = 0;

export const simulation = {
  /** Forgets compare and sweep work in flight (another design was opened). */
  forgetResults(): void {
    resultGeneration += 1;
    for (const c of batchClients) c.cancelAll();
    store().set({ compare: null, sweep: null, comparing: false, sweepProgress: null });
  },
  play(): void {
    const state = store();
    if (state.playState === 'playing') return;
    if (state.playState === 'paused') {
      getClient().resume();
      setFeedRunning(true);
      state.set({ playState: 'playing' });
      return;
    }
    const { document, scenarioId, seed, durationS } = runOptions();
    if (!document.nodes.some((n) => n.kind === 'client')) {
      state.set({ error: 'Nothing sends requests: add a Client and connect it to the design.' });
      return;
    }
    state.resetLive();
    resetFeed();
    lastFailures = null;
    causesBySecond = new Map();
    pendingTimeline = [];
    lastRefresh = -Infinity;
    liveActive = true;
    getClient().start({ document, ...(scenarioId ? { scenarioId } : {}), seed, durationS, speed: state.options.speed });
    setFeedRunning(true);
    state.set({ playState: 'playing', runDocument: document });
  },
  pause(): void {
    if (store().playState !== 'playing') return;
    getClient().pause();
    setFeedRunning(false);
    store().set({ playState: 'paused' });
  },
  toggle(): void {
    if (store().playState === 'playing') simulation.pause();
    else simulation.play();
  },
  reset(): void {
    liveActive = false;
    client?.reset();
    resetFeed();
    lastFailures = null;
    causesBySecond = new Map();
    pendingTimeline = [];
    store().resetLive();
  },
  setSpeed(speed: number): void {
    store().setOptions({ speed });
    if (store().playState !== 'idle') client?.setSpeed(speed);
  },
  async compare(): Promise<void> {
    const { document, scenarioId, seed, durationS } = runOptions();
    if (!scenarioId) return;
    const scenario = document.scenarios!.find((s) => s.id === scenarioId)!;
    if (store().comparing) return;
    const generation = resultGeneration;
    store().set({ comparing: true, error: null });
    try {
      const c = getBatchClient();
      const [baseline, withFaults] = await Promise.all([c.runBatch({ document, seed, durationS }), c.runBatch({ document, scenarioId, seed, durationS })]);
      if (generation === resultGeneration) store().set({ compare: { scenarioName: scenario.name, baseline, scenario: withFaults } });
    } catch (error) {
      if (generation === resultGeneration) store().set({ error: `Compare failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      if (generation === resultGeneration) store().set({ comparing: false });
    }
  },
  async sweep(): Promise<void> {
    if (store().sweepProgress) return;
    const { document, seed, durationS } = runOptions();
    const generation = resultGeneration;
    store().set({ sweepProgress: { done: 0, total: 1 }, error: null });
    try {
      const parts = sweepWorkerCount();
      const progress = Array.from({ length: parts }, () => ({ done: 0, total: 1 }));
      const reports = await Promise.all(
        progress.map((slot, index) =>
          getBatchClient(index).runSweep({ document, seed, durationS, part: { index, of: parts } }, (done, total) => {
            slot.done = done;
            slot.total = total;
            if (generation === resultGeneration) store().set({ sweepProgress: { done: progress.reduce((n, p) => n + p.done, 0), total: progress.reduce((n, p) => n + p.total, 0) } });
          }),
        ),
      );
      if (generation === resultGeneration) store().set({ sweep: sweepReport(document, reports.flatMap((r) => r.runs), reports[0]!.baseline, { seed, durationS }) });
    } catch (error) {
      if (generation === resultGeneration) store().set({ error: `Sweep failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      if (generation === resultGeneration) store().set({ sweepProgress: null });
    }
  },
};
