/**
 * The messages of the reliability worker: one request, the design and its options, answered by the
 * availability and capacity reports of that design (or an error). Requests carry an id; the answer
 * carries the same id, so the page can tell a stale answer from the one it waits for.
 */
import type { TopologyDocument } from '../../shared/document';
import { analyzeAvailability, analyzeCapacity, type AvailabilityReport, type CapacityReport } from '../../shared/reliability';

export interface ReliabilityOptions {
  readonly capacityAware: boolean;
  /** Simulated years of Monte Carlo. */
  readonly years: number;
  readonly seed: number;
}

export interface ReliabilityRequest {
  readonly id: number;
  readonly document: TopologyDocument;
  readonly options: ReliabilityOptions;
}

export interface ReliabilityResult {
  readonly availability: AvailabilityReport;
  readonly capacity: CapacityReport;
}

export type ReliabilityResponse =
  | { readonly id: number; readonly type: 'result'; readonly result: ReliabilityResult }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

/** What the worker does with one request (also what tests run in process). */
export function answerReliability(request: ReliabilityRequest): ReliabilityResponse {
  try {
    const { capacityAware, years, seed } = request.options;
    const availability = analyzeAvailability(request.document, { capacityAware, years, seed });
    const capacity = analyzeCapacity(request.document);
    return { id: request.id, type: 'result', result: { availability, capacity } };
  } catch (error) {
    return { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
