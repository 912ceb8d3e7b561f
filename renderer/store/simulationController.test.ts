/**
 * The simulation controller with its own stores, a fake worker and the worker's hand-driven
 * clock: what Play, Pause, Reset, speed, Compare and Sweep do to the store and the live feed.
 */
import { describe, expect, it } from 'vitest';
import { FAILURE_CAUSES, TEMPLATES, type FailureCause, type TopologyDocument } from '../../shared/document';
import {
  simulate, sweep, type FailureCounts, type LiveFrame, type NodeSnapshot, type SimulationReport, type SimulationService, type TimelineEntry, type Unsubscribe,
} from '../../shared/simulation';
import { createSimulationClient } from '../worker/client';
import { createLocalSimulationService } from '../worker/localService';
import { fakeWorker, type FakeWorker } from '../worker/testing/fakeWorker';
import { createLiveFeed } from './liveFeed';
import { createSimulationController } from './simulationController';
import { createSimulationStore } from './simulationStore';
import { zeroLatencyLattice } from '../../shared/simulation/testing/extreme';

const cluster = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;
const withScenario: TopologyDocument = { ...cluster, scenarios: [{ id: 'lb-host', name: 'LB host down', faults: [{ type: 'host-down', target: 'h1', at: 2000 }] }] };

/** A controller on fake workers (one live, `batchCount` for compare and sweep). */
function setup(document: TopologyDocument = cluster, options: { batchCount?: number; live?: FakeWorker } = {}) {
  const live = options.live ?? fakeWorker();
  const batchFakes = Array.from({ length: options.batchCount ?? 2 }, () => fakeWorker());
  const simulationStore = createSimulationStore();
  const documentState = { document };
  const clock = { now: () => live.now() };
  const feed = createLiveFeed(clock);
  const controller = createSimulationController({
    client: createSimulationClient(live.worker),
    batch: batchFakes.map((fake) => createSimulationClient(fake.worker)),
    stores: { simulation: simulationStore, document: { getState: () => documentState }, feed },
    clock,
  });
  const state = () => simulationStore.getState();
  /** Store updates from now on. */
  const countUpdates = () => {
    let updates = 0;
    simulationStore.subscribe(() => updates++);
    return () => updates;
  };
  const runBatch = async () => {
    for (let i = 0; i < 20; i++) {
      for (const fake of batchFakes) fake.advance(50);
      await live.flush();
    }
  };
  return { controller, live, batchFakes, state, feed, documentState, countUpdates, runBatch, simulationStore };
}

const zeroCounts = (): FailureCounts => Object.fromEntries(FAILURE_CAUSES.map((c) => [c, 0])) as FailureCounts;

/** A live service whose frames the test sends itself (frames with chosen timelines and sizes). */
function scriptedService() {
  const frameListeners = new Set<(frame: LiveFrame) => void>();
  const local = createLocalSimulationService({ now: () => 0, setTimer: () => 0, clearTimer: () => undefined });
  const service: SimulationService = {
    ...local,
    start: async () => undefined,
    pause: async () => undefined,
    resume: async () => undefined,
    reset: async () => undefined,
    onDidFrame: (listener): Unsubscribe => {
      frameListeners.add(listener);
      return () => void frameListeners.delete(listener);
    },
  };
  const frame = (
    timeMs: number,
    options: { nodes?: number; snapshotNodes?: NodeSnapshot[]; timeline?: TimelineEntry[]; downHosts?: string[]; partitions?: string[][][]; paused?: boolean; run?: number } = {},
  ): void => {
    const frame: LiveFrame = {
      timeMs,
      durationMs: 60_000,
      finished: false,
      speed: 1,
      paused: options.paused ?? false,
      snapshot: {
        timeMs,
        nodes: options.snapshotNodes ?? Array.from({ length: options.nodes ?? 3 }, (_, i) => ({ id: `n${i}`, status: 'healthy', utilization: 0.1, queueLength: 0, instances: [] })),
        openBreakers: [],
        downHosts: options.downHosts ?? [],
        ...(options.partitions ? { partitions: options.partitions.map((groups) => ({ groups })) } : {}),
      },
      movements: [],
      timeline: options.timeline ?? [],
      requests: { total: 0, ok: 0, failed: 0 },
      latencyMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
      failures: zeroCounts(),
      clients: {},
      ...(options.run !== undefined ? { run: options.run } : {}),
    };
    for (const listener of frameListeners) listener(frame);
  };
  return { service, frame };
}

function entry(t: number, failures: Partial<Record<FailureCause, number>>): TimelineEntry {
  const counts = { ...zeroCounts(), ...failures };
  return { t, ok: 10, failed: Object.values(counts).reduce((a, b) => a + b, 0), p50: 5, p99: 9, failures: counts };
}

describe('the simulation controller, live', () => {
  it('plays a run: the store follows the frames, particles reach the feed, the end is reported', async () => {
    const { controller, live, state, feed } = setup();
    controller.play();
    expect(state().playState).toBe('playing');
    expect(state().runDocument).toBe(cluster);
    expect(live.received[0]).toMatchObject({ type: 'call', method: 'start', request: { seed: 1, durationS: 60, speed: 1 } });
    live.advance(3000);
    expect(state().clockS).toBeGreaterThan(2.8);
    expect(Object.keys(state().nodes).sort()).toEqual(cluster.nodes.filter((n) => n.kind !== 'client').map((n) => n.id).sort());
    expect(state().chart.length).toBeGreaterThanOrEqual(2);
    expect(state().chart.map((p) => p.t)).toEqual(state().chart.map((_, i) => i));
    expect(state().totals!.total).toBeGreaterThan(0);
    expect(feed.particles.count).toBeGreaterThan(0);
    expect(feed.currentSimMs()).toBeGreaterThan(2800);

    controller.setSpeed(100);
    expect(state().options.speed).toBe(100);
    live.advance(1000);
    await live.flush();
    expect(state().playState).toBe('finished');
    expect(state().clockS).toBe(60);
    expect(state().totals).toMatchObject({ total: simulate(cluster, { durationS: 60, seed: 1 }).requests.total });
  });

  it('keeps the budget’s stop of a run in the store, with the clock where it stopped, until Reset', async () => {
    const { controller, live, state } = setup(zeroLatencyLattice(12, 1e6));
    controller.play();
    expect(state().budgetStop).toBeNull();
    for (let i = 0; i < 200 && state().playState !== 'finished'; i++) {
      live.advance(100);
      await live.flush();
    }
    expect(state().playState).toBe('finished');
    expect(state().budgetStop?.reason).toBe('time-stalled');
    expect(state().budgetStop!.message).toMatch(/^the simulation stopped at 0\.0 s of 60: simulated time stopped advancing/);
    expect(state().clockS).toBeLessThan(0.05);
    controller.reset();
    expect(state().budgetStop).toBeNull();
  });

  it('pauses, resumes and resets; frames sent before the reset are dropped', async () => {
    const { controller, live, state, feed } = setup();
    controller.play();
    live.advance(1000);
    controller.toggle();
    expect(state().playState).toBe('paused');
    const pausedAt = state().clockS;
    live.advance(2000);
    expect(state().clockS).toBe(pausedAt);
    expect(feed.currentSimMs()).toBe(pausedAt * 1000);
    controller.toggle();
    expect(state().playState).toBe('playing');
    live.advance(1000);
    expect(state().clockS).toBeGreaterThan(pausedAt + 0.8);

    controller.reset();
    expect(state().playState).toBe('idle');
    expect(state().chart).toEqual([]);
    expect(feed.particles.count).toBe(0);
    live.advance(1000);
    await live.flush();
    expect(state().clockS).toBe(0);
    expect(state().nodes).toEqual({});
  });

  it('explains a design with nothing sending requests, and a run that fails', async () => {
    const noClient = { ...cluster, nodes: cluster.nodes.filter((n) => n.kind !== 'client'), edges: [] };
    const first = setup(noClient);
    first.controller.play();
    expect(first.state()).toMatchObject({ playState: 'idle', error: 'Nothing sends requests: add a Client and connect it to the design.' });
    expect(first.live.received).toEqual([]);

    const second = setup();
    second.controller.play();
    second.controller.setSpeed(-1);
    await second.live.flush();
    expect(second.state()).toMatchObject({ playState: 'idle', error: 'Simulation failed: speed must be a positive number, not -1' });
    second.live.advance(1000);
    expect(second.state().playState).toBe('idle');
  });

  it('stops when the worker dies', () => {
    const { controller, live, state } = setup();
    controller.play();
    live.crash('out of memory');
    expect(state()).toMatchObject({ playState: 'idle', error: 'Simulation failed: out of memory' });
  });

  it('drops the frames of an older run that arrive after Reset and a new Play', () => {
    const scripted = scriptedService();
    const starts: unknown[] = [];
    scripted.service.start = async (request) => void starts.push(request.run);
    const runs = () => starts as number[];
    const simulationStore = createSimulationStore();
    const controller = createSimulationController({
      client: scripted.service,
      stores: { simulation: simulationStore, document: { getState: () => ({ document: cluster }) }, feed: createLiveFeed({ now: () => 0 }) },
      clock: { now: () => 0 },
    });
    controller.play();
    scripted.frame(2000, { run: runs()[0]!, timeline: [entry(0, { timeout: 3 }), entry(1, {})] });
    controller.reset();
    controller.play();
    expect(runs()).toHaveLength(2);
    expect(runs()[1]).toBeGreaterThan(runs()[0]!);
    // The old run's frame was on its way when the new one started: it must not land in the new chart.
    scripted.frame(3000, { run: runs()[0]!, timeline: [entry(2, { crash: 9 })] });
    expect(simulationStore.getState().chart).toEqual([]);
    expect(simulationStore.getState().clockS).toBe(0);
    scripted.frame(1000, { run: runs()[1]!, timeline: [entry(0, {})] });
    expect(simulationStore.getState().chart.map((p) => p.t)).toEqual([0]);
    expect(simulationStore.getState().clockS).toBe(1);
  });

  it('takes the chart’s causes from each second’s own failures, however many seconds a frame closes', () => {
    const scripted = scriptedService();
    const simulationStore = createSimulationStore();
    let now = 0;
    const controller = createSimulationController({
      client: scripted.service,
      stores: { simulation: simulationStore, document: { getState: () => ({ document: cluster }) }, feed: createLiveFeed({ now: () => now }) },
      clock: { now: () => now },
    });
    controller.play();
    // At high speed one frame closes several seconds; each keeps its own causes.
    scripted.frame(3000, { timeline: [entry(0, {}), entry(1, { timeout: 4 }), entry(2, { crash: 2, overload: 1 })] });
    now += 400;
    scripted.frame(6000, { timeline: [entry(3, { 'circuit-open': 5 }), entry(4, {}), entry(5, { timeout: 1 })] });
    const chart = simulationStore.getState().chart;
    expect(chart.map((p) => p.t)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(chart.map((p) => p.causes.timeout)).toEqual([0, 4, 0, 0, 0, 1]);
    expect(chart.map((p) => p.causes.crash)).toEqual([0, 0, 2, 0, 0, 0]);
    expect(chart.map((p) => p.causes['circuit-open'])).toEqual([0, 0, 0, 5, 0, 0]);
    for (const point of chart) expect(Object.values(point.causes).reduce((a, b) => a + b, 0)).toBe(point.failed);
  });

  it('throttles store updates (≤ 10 Hz, ≤ 4 Hz past 200 nodes) but lets a host going down through at once', () => {
    for (const [nodes, maxUpdates] of [
      [10, 10],
      [500, 4],
    ] as const) {
      const scripted = scriptedService();
      const simulationStore = createSimulationStore();
      let now = 0;
      const controller = createSimulationController({
        client: scripted.service,
        stores: { simulation: simulationStore, document: { getState: () => ({ document: cluster }) }, feed: createLiveFeed({ now: () => now }) },
        clock: { now: () => now },
      });
      controller.play();
      let updates = 0;
      simulationStore.subscribe(() => updates++);
      // One wall second of 30 Hz frames, each closing a simulated second.
      for (let i = 1; i <= 30; i++) {
        now = (i * 1000) / 30;
        scripted.frame(i * 1000, { nodes, timeline: [entry(i - 1, { timeout: 1 })] });
      }
      expect(updates).toBeGreaterThanOrEqual(maxUpdates - 1);
      expect(updates).toBeLessThanOrEqual(maxUpdates);
      // Seconds that arrived between updates are kept, not dropped.
      const shown = simulationStore.getState().chart.length;
      expect(shown).toBeLessThanOrEqual(30);
      now += 1;
      scripted.frame(31_000, { nodes, downHosts: ['h1'] });
      expect(simulationStore.getState().hostsDown).toEqual(['h1']);
      expect(simulationStore.getState().chart.map((p) => p.t)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      // A paused frame is shown at once too.
      now += 1;
      scripted.frame(31_000, { nodes, downHosts: ['h1'], paused: true });
      expect(simulationStore.getState().playState).toBe('paused');
    }
  });
});

describe('the simulation controller, replicated data and transactions', () => {
  const instance = (role: 'leader' | 'follower', lagMs: number, up = true) => ({ host: null, up, inRotation: up, busy: 0, queued: 0, role, lagMs });
  const db = (leader: number | null, electing: boolean, lags: number[], up = [true, true, true]): NodeSnapshot => ({
    id: 'db',
    status: 'healthy',
    utilization: 0.1,
    queueLength: 0,
    instances: lags.map((lag, i) => instance(i === leader ? 'leader' : 'follower', lag, up[i])),
    replication: { leader, electing },
  });
  const plain: NodeSnapshot = { id: 'web', status: 'healthy', utilization: 0.1, queueLength: 0, instances: [{ host: null, up: true, inRotation: true, busy: 0, queued: 0 }] };
  const coordinator = (inDoubt: number): NodeSnapshot => ({ ...plain, id: 'checkout', transactions: { inDoubt, inconsistent: 0 } });

  function scripted() {
    const script = scriptedService();
    const simulationStore = createSimulationStore();
    const clock = { ms: 0, now: () => clock.ms };
    const controller = createSimulationController({
      client: script.service,
      stores: { simulation: simulationStore, document: { getState: () => ({ document: cluster }) }, feed: createLiveFeed(clock) },
      clock,
    });
    controller.play();
    return { frame: script.frame, state: () => simulationStore.getState(), clock };
  }

  it('carries roles, lag, the leader, elections, coordinators and partitions from the snapshot into the store', () => {
    const { frame, state } = scripted();
    frame(1000, { snapshotNodes: [db(0, false, [0, 120, 80]), plain, coordinator(2)], partitions: [[['d1', 'd2'], ['d3']]] });
    expect(state().nodes.db).toMatchObject({ roles: ['leader', 'follower', 'follower'], lagMs: [0, 120, 80], leader: 0, electing: false });
    expect(state().nodes.checkout).toMatchObject({ inDoubt: 2, inconsistent: 0 });
    // A node that neither replicates nor coordinates gets none of these fields.
    expect(Object.keys(state().nodes.web!).sort()).toEqual(['instanceStatus', 'instancesUp', 'queue', 'status', 'utilization']);
    expect(state().partitions).toEqual([[['d1', 'd2'], ['d3']]]);
  });

  it('shows an election and a new leader at once, past the throttle; small lag moves reuse the entry', () => {
    const { frame, state, clock } = scripted();
    frame(1000, { snapshotNodes: [db(0, false, [0, 100, 100])] });
    const first = state().nodes.db;
    // Past the throttle: the frame reaches the store, and the lag within a few percent keeps the entry.
    clock.ms += 200;
    frame(1033, { snapshotNodes: [db(0, false, [0, 103, 99])] });
    expect(state().nodes.db).toBe(first);
    expect(state().clockS).toBeCloseTo(1.033);
    clock.ms += 1;
    frame(1066, { snapshotNodes: [db(null, true, [0, 100, 100], [false, true, true])] });
    expect(state().nodes.db).toMatchObject({ leader: null, electing: true });
    clock.ms += 1;
    frame(2100, { snapshotNodes: [db(1, false, [0, 0, 40], [false, true, true])], partitions: [[['d1'], ['d2', 'd3']]] });
    expect(state().nodes.db).toMatchObject({ leader: 1, electing: false, roles: ['follower', 'leader', 'follower'] });
    expect(state().partitions).toEqual([[['d1'], ['d2', 'd3']]]);
    const partitions = state().partitions;
    clock.ms += 200;
    frame(2133, { snapshotNodes: [db(1, false, [0, 0, 40], [false, true, true])], partitions: [[['d1'], ['d2', 'd3']]] });
    expect(state().partitions).toBe(partitions);
  });

  it('puts each second\'s consistency counts on the chart', () => {
    const { frame, state } = scripted();
    const consistency = { staleReads: 3, conflicts: 1, lostWrites: 0, noQuorum: 2 };
    frame(2000, { timeline: [entry(0, {}), { ...entry(1, {}), consistency }] });
    expect(state().chart.map((p) => p.consistency)).toEqual([undefined, consistency]);
    expect('consistency' in state().chart[0]!).toBe(false);
  });
});

describe('the simulation controller, compare and sweep', () => {
  it('compares the scenario with the healthy design, same seed, on the batch workers', async () => {
    const { controller, state, runBatch, batchFakes, simulationStore } = setup(withScenario);
    simulationStore.getState().setOptions({ scenarioId: 'lb-host', durationS: 10, seed: 3 });
    const done = controller.compare();
    expect(state().comparing).toBe(true);
    await runBatch();
    await done;
    const expected: { baseline: SimulationReport; scenario: SimulationReport } = {
      baseline: simulate(withScenario, { durationS: 10, seed: 3 }),
      scenario: simulate(withScenario, { durationS: 10, seed: 3, scenario: 'lb-host' }),
    };
    expect(state().compare).toEqual({ scenarioName: 'LB host down', ...expected });
    expect(state().comparing).toBe(false);
    // One run on each worker.
    expect(batchFakes.map((fake) => fake.received.filter((m) => m.type === 'call').length)).toEqual([1, 1]);
  });

  it('does nothing to compare without a scenario of the design', async () => {
    const { controller, state, simulationStore, batchFakes } = setup(cluster);
    simulationStore.getState().setOptions({ scenarioId: 'lb-host' });
    await controller.compare();
    expect(state().comparing).toBe(false);
    expect(batchFakes[0]!.received).toEqual([]);
  });

  it('sweeps over every batch worker with progress, and gives the one-thread report', async () => {
    for (const batchCount of [1, 3]) {
      const { controller, state, runBatch, simulationStore, batchFakes } = setup(cluster, { batchCount });
      simulationStore.getState().setOptions({ durationS: 5, seed: 2 });
      const seen: number[] = [];
      simulationStore.subscribe((s) => s.sweepProgress && seen.push(s.sweepProgress.done));
      const done = controller.sweep();
      await runBatch();
      await done;
      expect(state().sweep).toEqual(sweep(cluster, { durationS: 5, seed: 2 }));
      expect(state().sweepProgress).toBeNull();
      expect(seen.at(-1)).toBe(9);
      expect(batchFakes.every((fake) => fake.received.length > 0)).toBe(true);
    }
  });

  it('forgets a sweep in flight when another design is opened', async () => {
    const { controller, state, runBatch, batchFakes } = setup(cluster);
    const done = controller.sweep();
    expect(state().sweepProgress).not.toBeNull();
    controller.forgetResults();
    expect(state().sweepProgress).toBeNull();
    await runBatch();
    await done;
    expect(state()).toMatchObject({ sweep: null, sweepProgress: null, error: null });
    expect(batchFakes.every((fake) => fake.posted.every((m) => m.type !== 'result'))).toBe(true);
  });
});
