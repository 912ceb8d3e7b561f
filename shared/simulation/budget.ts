/**
 * The work budget of a run: how many events it may process and how many requests it may hold in
 * flight, derived from the design and the duration, so that an extreme rate or a zero-latency cycle
 * stops with a message and a partial report instead of running on or filling the memory.
 *
 * The engine checks the budget every CHECK_EVERY events (one counter compare per event), so a run
 * overshoots a limit by less than that many events. Every limit counts events or records, never
 * wall-clock time, so the same input always stops at the same place.
 */
import { formatLimit } from '../document/limits';
import type { SimulationModel } from './model';

/** No run processes more events than this, whatever the design (about a minute of engine time). */
export const HARD_EVENT_LIMIT = 200_000_000;
/** The budget of a small design never falls below this, so that estimates cannot starve it. */
export const MIN_EVENT_LIMIT = 10_000_000;
/** Events one call attempt may cost in the estimate (arrival, service, timeout, retry…), with margin. */
export const EVENTS_PER_ATTEMPT = 8;
/** Requests (jobs at every node) in flight at once: their typed-array records stay within ~100 MB. */
export const IN_FLIGHT_LIMIT = 1_000_000;
/** Events pending in the agenda at once (each ~25 bytes). */
export const PENDING_EVENT_LIMIT = 4_000_000;
/** Events at one and the same simulated time after which the run counts as stuck. */
export const STALL_EVENT_LIMIT = 1_000_000;
/** The engine looks at the budget once per this many events. */
export const CHECK_EVERY = 4096;

/** Why a run stopped before its end. */
export type BudgetReason = 'events' | 'in-flight' | 'time-stalled';

/** A run stopped by its budget: where, why, and a sentence for people. */
export interface BudgetStop {
  readonly reason: BudgetReason;
  /** Simulated seconds reached when it stopped. */
  readonly atSeconds: number;
  /** `the simulation stopped at 12.3 s of 60: more than … : lower the rates or the duration`. */
  readonly message: string;
}

/**
 * The events a run of `durationMs` may process: EVENTS_PER_ATTEMPT × expected requests × the
 * attempts one request can make (every edge once, with its retries), within MIN and HARD limits.
 */
export function eventLimit(model: SimulationModel, durationMs: number): number {
  let rate = 0;
  for (const client of model.clients) rate += model.nodeRate[client]!;
  let attempts = 1;
  for (let e = 0; e < model.edgeCount; e++) attempts += 1 + model.edgeRetries[e]!;
  const expected = EVENTS_PER_ATTEMPT * ((rate * durationMs) / 1000) * attempts;
  if (!Number.isFinite(expected)) return HARD_EVENT_LIMIT;
  return Math.min(HARD_EVENT_LIMIT, Math.max(MIN_EVENT_LIMIT, Math.ceil(expected)));
}

/** 1e9 → "1e9", 2500 → "2,500": rates read the same in every message. */
function formatRate(rate: number): string {
  return rate >= 1e7 ? rate.toExponential().replace('e+', 'e') : formatLimit(rate);
}

/** "(rate 1e9/s at users)": the busiest client, which is what a user would lower. */
function busiestClient(model: SimulationModel): string {
  let best = -1;
  for (const client of model.clients) if (best < 0 || model.nodeRate[client]! > model.nodeRate[best]!) best = client;
  return best < 0 ? '' : ` (rate ${formatRate(model.nodeRate[best]!)}/s at ${model.nodeIds[best]})`;
}

/** Nodes with latencyMs 0 that call, or are called by, another such node: the suspects of a stall. */
function zeroLatencyNodes(model: SimulationModel): string[] {
  const suspects = new Set<number>();
  for (let e = 0; e < model.edgeCount; e++) {
    const from = model.edgeFrom[e]!;
    const to = model.edgeTo[e]!;
    if (model.nodeLatencyMs[from] === 0 && model.nodeLatencyMs[to] === 0 && model.nodeIsClient[from] === 0) {
      suspects.add(from);
      suspects.add(to);
    }
  }
  return [...suspects].sort((a, b) => a - b).map((n) => model.nodeIds[n]!);
}

/** Names at most five of `ids`, then "and N more". */
function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/** The stop of a run at `nowMs` for `reason`, with its message. */
export function budgetStop(model: SimulationModel, reason: BudgetReason, nowMs: number, durationMs: number, limit: number): BudgetStop {
  const atSeconds = Math.round(nowMs) / 1000;
  const where = `the simulation stopped at ${atSeconds.toFixed(1)} s of ${durationMs / 1000}`;
  let why: string;
  if (reason === 'events') {
    why = `more than ${formatLimit(limit)} events${busiestClient(model)}: lower the rates or the duration`;
  } else if (reason === 'in-flight') {
    why = `more than ${formatLimit(limit)} requests in flight at once${busiestClient(model)}: lower the rates or add capacity`;
  } else {
    const suspects = zeroLatencyNodes(model);
    why =
      `simulated time stopped advancing for ${formatLimit(limit)} events` +
      (suspects.length > 0 ? `: synchronous calls between nodes with latencyMs 0 (${listed(suspects)}) loop without time passing: give them a latency` : ': give the nodes a latency above 0');
  }
  return { reason, atSeconds, message: `${where}: ${why}` };
}
