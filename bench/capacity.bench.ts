/**
 * Capacity ramp speed (SPEC §7): `capacityRampMs` is a 10-step `topo capacity --ramp` of the
 * 12-unit reference microservice design (bench/reference-microservices.topo), 20 simulated s per
 * step, on the batch pool's worker threads (one per core) when the CLI's worker bundle exists (dist/cli, built by
 * `npm run build:cli`), else in one thread (target ≤ 10,000 ms). Also the knee and the analytic
 * maxMultiple it is compared with. Median of three runs after a warm-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseDocumentText, type TopologyDocument } from '../shared/document';
import { analyzeCapacity, type RampReport } from '../shared/reliability';
import { runRampPool } from '../cli/commands/capacity';

function loadReference(): TopologyDocument {
  const text = readFileSync(join(process.cwd(), 'bench', 'reference-microservices.topo'), 'utf8');
  const parsed = parseDocumentText(text);
  if (!parsed.ok) throw new Error(`reference design invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.document;
}

export async function run(): Promise<Record<string, number | string>> {
  const doc = loadReference();
  const workerFile = join(process.cwd(), 'dist', 'cli', 'capacity-worker.cjs');
  const threads = existsSync(workerFile) ? availableParallelism() : 1;
  const options = { steps: 10, durationS: 20, seed: 1, workers: threads, workerFile };
  await runRampPool(doc, { ...options, steps: 2, durationS: 2 });
  const times: number[] = [];
  let report: RampReport | undefined;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    report = await runRampPool(doc, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    capacityRampMs: Math.round(times[1]!),
    capacityRampThreads: threads,
    capacityRampKnee: report!.knee ?? 'none',
    capacityMaxMultiple: analyzeCapacity(doc).maxMultiple ?? 'none',
  };
}
