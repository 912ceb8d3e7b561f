/**
 * Kinds of the events on the engine's agenda. Each event carries two integers: `first` is the
 * record it is about, `second` the serial or generation that tells a stale event from a live one.
 */
/** first: client node. */
export const EVENT_ARRIVAL = 1;
/** first: job, second: its generation. The request reaches its instance. */
export const EVENT_JOB_ARRIVE = 2;
/** first: job, second: its generation. */
export const EVENT_SERVICE_DONE = 3;
/** first: call, second: attempt serial. No answer in time: `timeout`. */
export const EVENT_TIMEOUT = 4;
/** first: call, second: attempt serial. No answer across a partition: `partition`. */
export const EVENT_PARTITION_TIMEOUT = 5;
/** first: call, second: attempt serial. The backoff is over. */
export const EVENT_RETRY = 6;
/** first: fault index. */
export const EVENT_FAULT_START = 7;
export const EVENT_FAULT_END = 8;
/** first: instance, second: its state serial when the check started. */
export const EVENT_HEALTH = 9;
/** first: consumer edge of a queue. */
export const EVENT_PUMP = 10;
/** first: lock slot, second: its holder serial. The holder's holdMs (or lease) is over. */
export const EVENT_LOCK_RELEASE = 11;
/** first: apply record (replication.ts), second: its serial. A shipped write reaches its replicas. */
export const EVENT_REPLICA_APPLY = 12;
/** first: replicated node, second: its election serial × 64 + side + 1. The election is over. */
export const EVENT_ELECTION = 13;
/**
 * first: edge. The timeout of the edge's oldest attempt in flight falls due (deadlines.ts); the
 * engine processes it as a timeout only if that attempt still waits, else it is not an event.
 */
export const EVENT_DEADLINE = 14;

/** Virtual time as the parts read it: the engine moves it, event by event (ms). */
export interface Clock {
  readonly now: number;
}

/** The agenda as the parts use it (the engine's EventQueue). */
export interface Agenda {
  push(timeMs: number, kind: number, first: number, second: number): void;
}

/** An agenda whose sequence numbers can be taken now for an event pushed later (deadlines.ts). */
export interface ReservingAgenda extends Agenda {
  /** The sequence the next push would get; nothing is scheduled. */
  reserve(): number;
  /** Schedules an event with a `sequence` taken by `reserve`, at a time not before the last event's. */
  pushReserved(timeMs: number, sequence: number, kind: number, first: number, second: number): void;
}
