/**
 * A sweep shared out over several simulation services (one worker per core): `planSweep` gives
 * each its share, `mergeSweep` puts the answers together — the same code the CLI's worker threads
 * use, so the report is the same whatever the number of workers.
 */
import { mergeSweep, planSweep, type RunControl, type SimulationService, type SweepReport } from '../../shared/simulation';
import type { TopologyDocument } from '../../shared/document';

export interface PooledSweepRequest {
  readonly document: TopologyDocument;
  readonly seed: number;
  readonly durationS: number;
}

/**
 * Runs the sweep over `services` (at least one). Progress counts simulations over all shares;
 * when one share fails, the others are cancelled and the sweep rejects with that failure.
 */
export async function sweepOnPool(services: readonly SimulationService[], request: PooledSweepRequest, control: RunControl = {}): Promise<SweepReport> {
  if (services.length === 0) throw new RangeError('sweepOnPool: no simulation service to run on');
  const shares = planSweep(request.document, services.length);
  const done = shares.map(() => 0);
  const total = shares.reduce((sum, share) => sum + share.targets.length + (share.baseline ? 1 : 0), 0);
  const stop = new AbortController();
  control.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  if (control.signal?.aborted) stop.abort();
  try {
    const results = await Promise.all(
      shares.map((share, index) =>
        services[index]!.runSweep(
          { document: request.document, seed: request.seed, durationS: request.durationS, share },
          {
            signal: stop.signal,
            onProgress: (shareDone) => {
              done[index] = shareDone;
              control.onProgress?.(done.reduce((sum, n) => sum + n, 0), total);
            },
          },
        ),
      ),
    );
    return mergeSweep(request.document, results, { seed: request.seed, durationS: request.durationS });
  } catch (error) {
    stop.abort();
    throw error;
  }
}
