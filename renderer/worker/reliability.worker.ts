/**
 * The reliability Web Worker (a module worker): availability (exact and Monte Carlo) and capacity
 * of a design, off the UI thread. One request at a time; the page sends the next one only after
 * this one is answered (reliabilityClient.ts), so a stale design is never queued behind work.
 */
import { answerReliability, type ReliabilityRequest, type ReliabilityResponse } from './reliabilityProtocol';

const scope = self as unknown as {
  postMessage(message: ReliabilityResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ReliabilityRequest>) => void): void;
};

scope.addEventListener('message', (event) => scope.postMessage(answerReliability(event.data)));
