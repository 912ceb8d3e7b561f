/**
 * Side by side with SimPy (`npm run bench -- --vs-simpy`): `bench/simpy_reference.py` models the
 * reference design (`bench/reference-microservices.topo`) in SimPy — same arrivals, service-time
 * distributions, routing, fan-out, concurrency and queue limits, timeouts and retries as our engine
 * — and both run the same simulated seconds (so about the same requests). The bench fails unless
 * both report the same throughput and p50/p95/p99 latency within TOLERANCE; both are printed.
 * - vsSimpyRatio: SimPy's CPU time ÷ ours for the run (ours: median of seven, after a warm-up: one
 *   run is ≈ 0.14 s, and single runs vary by ± 8 % on a shared machine);
 * - vsSimpyOursCpuMs, vsSimpyCpuMs, vsSimpyRequests, and the two sides' figures.
 * Where no python3 with SimPy 3 or 4 is found (`python3`, then `/usr/bin/python3`), the ratio is
 * left out and `vsSimpy` says why.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentText } from '../shared/document';
import { simulate } from '../shared/simulation';

const DURATION_S = 20;
const SEED = 1;
/** Largest relative difference accepted between the two sides' throughput and percentiles. */
const TOLERANCE = 0.05;

interface SimpyResult {
  simpy: string;
  requests: number;
  ok: number;
  failed: number;
  throughput: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number };
  cpuSeconds: number;
}

/** The first python3 that imports SimPy 3 or 4, or undefined. */
function findPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import simpy, sys; sys.stdout.write(simpy.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0 && /^[34]\./.test(probe.stdout.trim())) return python;
  }
  return undefined;
}

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function run(): Promise<Record<string, number | string>> {
  const file = join(process.cwd(), 'bench', 'reference-microservices.topo');
  const python = findPython();
  if (python === undefined) {
    const reason = 'no python3 with SimPy 3 or 4 found (Debian: apt-get install python3-simpy3); vsSimpyRatio left out';
    process.stderr.write(`simpy.bench: ${reason}\n`);
    return { vsSimpy: reason };
  }
  const parsed = parseDocumentText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('reference design invalid');
  const doc = parsed.document;
  simulate(doc, { durationS: 5, seed: 2 }); // warm up the JIT
  let ours = simulate(doc, { durationS: DURATION_S, seed: SEED });
  const times = [0, 1, 2, 3, 4, 5, 6].map(() => cpuMs(() => (ours = simulate(doc, { durationS: DURATION_S, seed: SEED })))).sort((a, b) => a - b);
  const oursCpuMs = times[3]!;

  const child = spawnSync(python, [join(process.cwd(), 'bench', 'simpy_reference.py'), file, String(DURATION_S), String(SEED)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`simpy_reference.py failed (exit ${child.status}): ${child.stderr.trim().split('\n').at(-1)}`);
  const theirs = JSON.parse(child.stdout) as SimpyResult;

  const pairs: [string, number, number][] = [
    ['throughput', ours.throughput.served, theirs.throughput],
    ['p50', ours.latencyMs.p50 ?? NaN, theirs.latencyMs.p50],
    ['p95', ours.latencyMs.p95 ?? NaN, theirs.latencyMs.p95],
    ['p99', ours.latencyMs.p99 ?? NaN, theirs.latencyMs.p99],
  ];
  for (const [what, a, b] of pairs) {
    process.stderr.write(`simpy.bench: ${what.padEnd(10)} ours ${a.toFixed(2).padStart(9)}   SimPy ${b.toFixed(2).padStart(9)}\n`);
  }
  const off = pairs.filter(([, a, b]) => !(Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b))));
  if (off.length > 0) throw new Error(`the SimPy model disagrees with the engine on ${off.map(([w, a, b]) => `${w} (${a} vs ${b})`).join(', ')}`);

  return {
    vsSimpyRatio: Math.round((theirs.cpuSeconds * 1000) / oursCpuMs),
    vsSimpyOursCpuMs: Math.round(oursCpuMs),
    vsSimpyCpuMs: Math.round(theirs.cpuSeconds * 1000),
    vsSimpyRequests: ours.requests.total,
    vsSimpyRequestsSimpy: theirs.requests,
    vsSimpyOurs: `throughput ${ours.throughput.served}/s · p50 ${ours.latencyMs.p50} · p95 ${ours.latencyMs.p95} · p99 ${ours.latencyMs.p99} ms`,
    vsSimpyTheirs: `throughput ${theirs.throughput.toFixed(2)}/s · p50 ${theirs.latencyMs.p50.toFixed(2)} · p95 ${theirs.latencyMs.p95.toFixed(2)} · p99 ${theirs.latencyMs.p99.toFixed(2)} ms (SimPy ${theirs.simpy})`,
  };
}
