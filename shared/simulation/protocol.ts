/**
 * The messages between a SimulationService client and its server (the app and the simulation
 * worker), derived from the interface in service.ts as electron/common/contract.ts derives the
 * host IPC: a method added to the service is a new `call`, an event a new `event`, with no
 * hand-kept switch on either side. Every method takes at most one request value (plus the
 * RunControl, which stays on the caller's side: its progress and cancel travel as messages).
 */
import type { RunControl, SimulationService, Unsubscribe } from './service';

/** Service methods: they return a promise, answered by a `result` or an `error` message. */
export type SimulationMethod = {
  [K in keyof SimulationService]: SimulationService[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof SimulationService];

/** Service events (`onDidX(listener)`): the server pushes them. */
export type SimulationEvent = Extract<keyof SimulationService, `onDid${string}`>;

/** What a method sends: its one argument, or nothing. */
export type RequestOf<K extends SimulationMethod> = K extends SimulationMethod ? (Parameters<SimulationService[K]> extends [] ? void : Parameters<SimulationService[K]>[0]) : never;

/** What a method answers. */
export type ResponseOf<K extends SimulationMethod> = Awaited<ReturnType<SimulationService[K]>>;

/** What an event's listener receives. */
export type EventPayload<K extends SimulationEvent> = Parameters<Parameters<SimulationService[K]>[0]>[0];

/** The service seen method by method, in the shape the wiring calls it (the interface fits it). */
export type SimulationMethods = { [K in SimulationMethod]: (request: RequestOf<K>, control: RunControl) => Promise<ResponseOf<K>> };

/** The events seen one by one, in the shape the wiring subscribes to them. */
export type SimulationEvents = { [K in SimulationEvent]: (listener: (payload: EventPayload<K>) => void) => Unsubscribe };

/** True when a method fits the wire: no argument, one, or one and a RunControl. */
type FitsWire<K extends SimulationMethod> = Parameters<SimulationService[K]> extends [] | [unknown] | [unknown, RunControl?] ? true : false;
/** Compiles only when every entry is `true`. */
type Holds<Check extends Record<string, true>> = Check;
// A method taking two values, or an event missing from the list below, is a type error here.
type _EveryMethodFitsTheWire = Holds<{ [K in SimulationMethod]: FitsWire<K> }>;
type _EveryEventIsListed = Holds<{ [K in SimulationEvent]: K extends (typeof SIMULATION_EVENTS)[number] ? true : false }>;

/** Every event, at run time (exact: see the checks above). */
export const SIMULATION_EVENTS = ['onDidFrame', 'onDidFinish', 'onDidFail'] as const satisfies readonly SimulationEvent[];

/** A call of method K; `id` is the caller's, repeated by every answer. */
export interface CallMessage<K extends SimulationMethod = SimulationMethod> {
  readonly type: 'call';
  readonly id: number;
  readonly method: K;
  readonly request: RequestOf<K>;
}

/** The answer to call `id` of method K. */
export interface ResultMessage<K extends SimulationMethod = SimulationMethod> {
  readonly type: 'result';
  readonly id: number;
  readonly method: K;
  readonly value: ResponseOf<K>;
}

/** An event K pushed by the server. */
export interface EventMessage<K extends SimulationEvent = SimulationEvent> {
  readonly type: 'event';
  readonly event: K;
  readonly payload: EventPayload<K>;
}

// The unions below take CallMessage, ResultMessage and EventMessage over all names at once rather
// than one member per name: a message built in a function generic over the name fits them.

/** Client → server. */
export type WorkerRequest =
  | CallMessage
  /** The caller gave up on call `id` (its signal aborted). */
  | { readonly type: 'cancel'; readonly id: number };

/** Server → client. */
export type WorkerResponse =
  | ResultMessage
  | EventMessage
  /** `done` of `total` units of call `id` (see RunControl.onProgress). */
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  /** Call `id` failed with the engine's message. */
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  /** Call `id` stopped after a `cancel`. */
  | { readonly type: 'cancelled'; readonly id: number };
