/**
 * Serves a SimulationService over messages (protocol.ts): a `call` runs the method of the same
 * name and is answered by its `result` (or `error`, or `cancelled` after a `cancel`); progress
 * goes out as `progress`; every service event is forwarded as an `event`. Nothing here names a
 * method: the wiring is derived from the service's type.
 */
import {
  SIMULATION_EVENTS, SimulationCancelledError, SimulationInputError,
  type CallMessage, type SimulationEvent, type SimulationEvents, type SimulationMethod, type SimulationMethods, type SimulationService, type WorkerRequest, type WorkerResponse,
} from '../../shared/simulation';

function messageOf(error: unknown): string {
  if (error instanceof SimulationInputError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Forwards `service`'s events to `post` and returns the function that handles each request.
 * `post` receives plain data only (it is structured-cloned to the other side).
 */
export function serveSimulation(service: SimulationService, post: (message: WorkerResponse) => void): (request: WorkerRequest) => void {
  // The interface fits the wire shape method by method (checked by the compiler here).
  const methods: SimulationMethods = service;
  const calls = new Map<number, AbortController>();

  const events: SimulationEvents = service;
  const forward = <K extends SimulationEvent>(event: K) => {
    events[event]((payload) => post({ type: 'event', event, payload }));
  };
  for (const event of SIMULATION_EVENTS) forward(event);

  const call = <K extends SimulationMethod>(message: CallMessage<K>) => {
    const { id, method } = message;
    const abort = new AbortController();
    calls.set(id, abort);
    const control = { signal: abort.signal, onProgress: (done: number, total: number) => post({ type: 'progress', id, done, total }) };
    let answer: Promise<WorkerResponse>;
    try {
      answer = methods[method](message.request, control).then((value): WorkerResponse => ({ type: 'result', id, method, value }));
    } catch (error) {
      answer = Promise.reject(error);
    }
    void answer
      .catch((error: unknown): WorkerResponse => (error instanceof SimulationCancelledError ? { type: 'cancelled', id } : { type: 'error', id, message: messageOf(error) }))
      .then((response) => {
        calls.delete(id);
        post(response);
      });
  };

  return (request) => {
    if (request.type === 'cancel') return calls.get(request.id)?.abort();
    call(request);
  };
}
