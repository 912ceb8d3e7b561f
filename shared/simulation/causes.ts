/**
 * Failure causes (SPEC §4) as the engine stores them: a small integer per cause (0 is success),
 * and a label for people. One table, exhaustive by type: adding a cause to FAILURE_CAUSES in
 * shared/document without an entry here does not compile.
 */
import { FAILURE_CAUSES, type FailureCause } from '../document';

export interface FailureCauseEntry {
  /** Stored in typed arrays and event payloads; 1..n, in FAILURE_CAUSES order. */
  readonly code: number;
  /** Short, plain words for legends and tables. */
  readonly label: string;
}

export const FAILURE_CAUSE_TABLE = {
  crash: { code: 1, label: 'Crashed (connection refused)' },
  timeout: { code: 2, label: 'Timed out' },
  overload: { code: 3, label: 'Overloaded (queue full)' },
  'rate-limited': { code: 4, label: 'Rate limited' },
  'circuit-open': { code: 5, label: 'Circuit breaker open' },
  partition: { code: 6, label: 'Network partition' },
  error: { code: 7, label: 'Error' },
  unavailable: { code: 8, label: 'Unavailable (no instance in rotation)' },
  'session-lost': { code: 9, label: 'Session lost (kept on another instance)' },
  'lock-unavailable': { code: 10, label: 'Lock service unavailable' },
  'no-quorum': { code: 11, label: 'No quorum (too few replicas reachable)' },
} as const satisfies Record<FailureCause, FailureCauseEntry>;

/** Success: the absence of a cause. */
export const CAUSE_NONE = 0;
export const CAUSE_CRASH = FAILURE_CAUSE_TABLE.crash.code;
export const CAUSE_TIMEOUT = FAILURE_CAUSE_TABLE.timeout.code;
export const CAUSE_OVERLOAD = FAILURE_CAUSE_TABLE.overload.code;
export const CAUSE_RATE_LIMITED = FAILURE_CAUSE_TABLE['rate-limited'].code;
export const CAUSE_CIRCUIT_OPEN = FAILURE_CAUSE_TABLE['circuit-open'].code;
export const CAUSE_PARTITION = FAILURE_CAUSE_TABLE.partition.code;
export const CAUSE_ERROR = FAILURE_CAUSE_TABLE.error.code;
export const CAUSE_UNAVAILABLE = FAILURE_CAUSE_TABLE.unavailable.code;
export const CAUSE_SESSION_LOST = FAILURE_CAUSE_TABLE['session-lost'].code;
export const CAUSE_LOCK_UNAVAILABLE = FAILURE_CAUSE_TABLE['lock-unavailable'].code;
export const CAUSE_NO_QUORUM = FAILURE_CAUSE_TABLE['no-quorum'].code;

/** Cause names by code (index 0, success, is unused). */
export const CAUSE_BY_CODE: readonly (FailureCause | undefined)[] = [undefined, ...FAILURE_CAUSES];

/** Label of a cause, for legends. */
export function failureCauseLabel(cause: FailureCause): string {
  return FAILURE_CAUSE_TABLE[cause].label;
}
