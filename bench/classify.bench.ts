/**
 * Classifier speed: it runs on every edit in the app, so classifying a 1,000-node, 1,500-edge
 * design must fit in a frame (target ≤ 16 ms). Reports the median of 50 runs after a warm-up, and
 * `classify1000CpuMs`, the process CPU time per run over 200 runs (less sensitive than wall time to
 * other jobs on the machine). Runs 11–60 of a process still include V8 optimising the classifier
 * (the 1,000-node design reaches its steady speed near the 50th run): `classify1000SteadyMs` is the
 * median of 50 runs after 300, the speed of a session in which the design has been edited a while.
 */
import { classifyDesign } from '../shared/classification';
import { validateDocument } from '../shared/document';
import { generateDesign } from './generateDesign';

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

export async function run(): Promise<Record<string, number | string>> {
  const design = generateDesign(1000, 1500, 1);
  const check = validateDocument(design);
  if (!check.ok) throw new Error(`generated design is invalid: ${check.errors[0]!.path}: ${check.errors[0]!.message}`);
  for (let i = 0; i < 10; i++) classifyDesign(design); // warm up the JIT
  const classify1000Ms = medianMs(50, () => classifyDesign(design));
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < 200; i++) classifyDesign(design);
  const cpu = process.cpuUsage(cpuStart);
  const classify1000CpuMs = Math.round((cpu.user + cpu.system) / 200 / 10) / 100;
  for (let i = 0; i < 100; i++) classifyDesign(design);
  const classify1000SteadyMs = medianMs(50, () => classifyDesign(design));
  const large = generateDesign(10_000, 15_000, 1);
  classifyDesign(large);
  const classify10000Ms = medianMs(10, () => classifyDesign(large));
  const result = classifyDesign(design);
  return { classify1000Ms, classify1000CpuMs, classify1000SteadyMs, classify10000Ms, classify1000Findings: result.findings.length, classify1000Summary: result.summary };
}
