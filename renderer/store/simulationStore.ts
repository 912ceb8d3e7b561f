/**
 * The simulation slice: live state streamed from the simulation worker (node status, clock,
 * metrics). Node components subscribe to their own entry only, so a frame re-renders just the nodes
 * whose state changed.
 */
import { create } from 'zustand';

export type NodeStatus = 'healthy' | 'busy' | 'overloaded' | 'down';

export interface NodeLiveState {
  readonly status: NodeStatus;
  /** Busy slots / total slots over the last frame, 0..1. */
  readonly utilization: number;
  /** Requests waiting across the node's instances. */
  readonly queue: number;
  readonly served: number;
  readonly failed: number;
  /** Per instance: false when that instance is down. */
  readonly instancesUp: readonly boolean[];
}

export type PlayState = 'idle' | 'playing' | 'paused' | 'finished';

export interface SimulationSlice {
  readonly playState: PlayState;
  /** Simulated time in seconds. */
  readonly clockS: number;
  readonly nodes: Readonly<Record<string, NodeLiveState>>;
  /** Hosts down right now (host-down faults, partitions are shown per edge). */
  readonly hostsDown: readonly string[];
  /** Edge ids whose circuit breaker is open. */
  readonly openBreakers: readonly string[];
  setFrame(frame: { clockS: number; nodes: Record<string, NodeLiveState>; hostsDown: readonly string[]; openBreakers: readonly string[] }): void;
  setPlayState(playState: PlayState): void;
  reset(): void;
}

const initial = { playState: 'idle' as PlayState, clockS: 0, nodes: {}, hostsDown: [], openBreakers: [] };

export const useSimulationStore = create<SimulationSlice>()((set) => ({
  ...initial,
  setFrame: (frame) => set(frame),
  setPlayState: (playState) => set({ playState }),
  reset: () => set(initial),
}));
