/**
 * The simulation slice: options of the next run, live state streamed from the simulation worker
 * (clock, node status, charts) and the results of compare and sweep runs. Node components
 * subscribe to their own entry only, so a frame re-renders just the nodes whose state changed.
 */
import { create } from 'zustand';
import { idTable, type FailureCause, type TopologyDocument } from '../../shared/document';
import type { LiveExtras, PartitionSides } from '../model/replicaView';
import type { ClientReport, ConsistencySecond, LiveClientMetrics, NodeReport, PartialRun, SimulationReport, SweepReport } from '../../shared/simulation/types';

export type NodeStatus = 'healthy' | 'busy' | 'overloaded' | 'down';

export interface NodeLiveState extends LiveExtras {
  readonly status: NodeStatus;
  /** Busy slots / slots of the instances that are up, 0..1, now. */
  readonly utilization: number;
  /** Requests waiting across the node's instances. */
  readonly queue: number;
  /** Per instance: false when that instance (or its host) is down. */
  readonly instancesUp: readonly boolean[];
  /** Per instance: its own state (its slots and queue), in `instances` order. */
  readonly instanceStatus: readonly NodeStatus[];
}

export type PlayState = 'idle' | 'playing' | 'paused' | 'finished';

/** One simulated second on the charts. */
export interface ChartPoint {
  readonly t: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  /** Failures of that second by cause. */
  readonly causes: Readonly<Partial<Record<FailureCause, number>>>;
  /** Designs with a replicated node: that second's stale reads, conflicts, lost writes, no-quorum refusals. */
  readonly consistency?: ConsistencySecond;
}

export interface RunOptions {
  readonly scenarioId: string | null;
  readonly durationS: number;
  readonly seed: number;
  readonly speed: number;
}

export interface Totals {
  readonly total: number;
  readonly ok: number;
  readonly failed: number;
  readonly failures: Readonly<Record<FailureCause, number>>;
  readonly p50: number;
  readonly p99: number;
}

export interface CompareResult {
  readonly scenarioName: string;
  readonly baseline: SimulationReport;
  readonly scenario: SimulationReport;
}

export interface SweepState {
  readonly done: number;
  readonly total: number;
}

export interface SimulationSlice {
  readonly options: RunOptions;
  readonly playState: PlayState;
  /** Simulated time in seconds. */
  readonly clockS: number;
  readonly nodes: Readonly<Record<string, NodeLiveState>>;
  readonly hostsDown: readonly string[];
  /** Partitions in force, each as its sides' host ids (the canvas draws the cut between them). */
  readonly partitions: readonly PartitionSides[];
  /** Edge ids whose circuit breaker is open or half-open. */
  readonly openBreakers: readonly string[];
  /** Call attempts per simulated second by edge id, while a run is live (line widths). */
  readonly edgeRates: Readonly<Record<string, number>>;
  readonly chart: readonly ChartPoint[];
  readonly totals: Totals | null;
  /** Each client's SLO standing, live (from the frames). */
  readonly clients: Readonly<Record<string, LiveClientMetrics>> | null;
  /** Each client's results once the run has its report (latency breakdown). */
  readonly clientReports: Readonly<Record<string, ClientReport>> | null;
  /** Each node's results once the run has its report (replicated data, transactions: the report export). */
  readonly nodeReports: Readonly<Record<string, NodeReport>> | null;
  readonly compare: CompareResult | null;
  readonly comparing: boolean;
  readonly sweep: SweepReport | null;
  readonly sweepProgress: SweepState | null;
  readonly error: string | null;
  /** Why the live run stopped before its end (its work budget ran out), or null. */
  readonly budgetStop: PartialRun | null;
  /** The design the live run started from: edits after Play are not in the running simulation. */
  readonly runDocument: TopologyDocument | null;
  setOptions(options: Partial<RunOptions>): void;
  set(patch: Partial<Omit<SimulationSlice, 'setOptions' | 'set' | 'resetLive'>>): void;
  resetLive(): void;
}

/** Live tables are keyed by node and edge ids, and `__proto__` is one: tables without a prototype. */
const LIVE_INITIAL = {
  playState: 'idle' as PlayState,
  clockS: 0,
  nodes: idTable<NodeLiveState>(),
  hostsDown: [],
  partitions: [],
  openBreakers: [],
  edgeRates: idTable<number>(),
  chart: [],
  totals: null,
  clients: null,
  clientReports: null,
  nodeReports: null,
  error: null,
  budgetStop: null,
  runDocument: null,
};

/** A simulation store of its own (the app has one, `useSimulationStore`; tests make theirs). */
export function createSimulationStore() {
  return create<SimulationSlice>()((set) => ({
    options: { scenarioId: null, durationS: 60, seed: 1, speed: 1 },
    ...LIVE_INITIAL,
    compare: null,
    comparing: false,
    sweep: null,
    sweepProgress: null,
    setOptions: (options) => set((s) => ({ options: { ...s.options, ...options } })),
    set: (patch) => set(patch),
    resetLive: () => set(LIVE_INITIAL),
  }));
}

/** The app's simulation store. */
export const useSimulationStore = createSimulationStore();
