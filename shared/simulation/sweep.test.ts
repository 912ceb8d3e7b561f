/** One plan and one merge for every way a sweep is shared out. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../document';
import { finishSweepShare, mergeSweep, planSweep, runSweepShare, sweep, sweepTargets } from './sweep';

const cluster = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;
const services = TEMPLATES.find((t) => t.id === 'services-two-servers')!.document;
const options = { durationS: 4, seed: 7 };

describe('planSweep', () => {
  it('deals every target and the baseline out exactly once, in nearly equal shares', () => {
    const targetCount = sweepTargets(cluster).length;
    for (const parts of [1, 2, 3, 4, 8, 9, 50]) {
      const shares = planSweep(cluster, parts);
      expect(shares).toHaveLength(Math.min(parts, targetCount + 1));
      expect(shares.flatMap((s) => s.targets).sort((a, b) => a - b)).toEqual(Array.from({ length: targetCount }, (_, i) => i));
      expect(shares.filter((s) => s.baseline)).toHaveLength(1);
      const sizes = shares.map((s) => s.targets.length + (s.baseline ? 1 : 0));
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(Math.min(...sizes)).toBeGreaterThan(0);
    }
  });

  it('gives one share for nonsense counts and for a design with nothing to fail', () => {
    expect(planSweep(cluster, 0)).toHaveLength(1);
    expect(planSweep(cluster, Number.NaN)).toHaveLength(1);
    const empty = { ...cluster, hosts: [], nodes: [cluster.nodes[0]!], edges: [] };
    expect(planSweep(empty, 4)).toEqual([{ targets: [], baseline: true }]);
  });
});

describe('mergeSweep', () => {
  it('gives the same report whatever the number of shares and the order their results come in', () => {
    for (const doc of [cluster, services]) {
      const whole = sweep(doc, options);
      expect(whole.runs).toHaveLength(sweepTargets(doc).length);
      for (const parts of [1, 2, 3, 5, sweepTargets(doc).length + 1]) {
        const results = planSweep(doc, parts).map((share) => finishSweepShare(doc, share, options));
        expect(mergeSweep(doc, results, options)).toEqual(whole);
        expect(mergeSweep(doc, [...results].reverse(), options)).toEqual(whole);
      }
    }
  });

  it('refuses results that do not cover the plan exactly once', () => {
    const [first, second] = planSweep(cluster, 2).map((share) => finishSweepShare(cluster, share, options));
    expect(() => mergeSweep(cluster, [first!], options)).toThrow(/did not run/);
    expect(() => mergeSweep(cluster, [first!, second!, second!], options)).toThrow(/ran twice/);
    const { baseline: _measured, ...withoutBaseline } = first!;
    expect(() => mergeSweep(cluster, [withoutBaseline, second!], options)).toThrow('sweep: 0 baselines instead of one');
    // A baseline in which no request finished is still a baseline.
    expect(mergeSweep(cluster, [{ ...first!, baseline: null }, second!], options).baseline).toBeNull();
    expect(() => mergeSweep(cluster, [first!, { ...second!, runs: [] }], options)).toThrow(/runs for/);
  });
});

describe('runSweepShare', () => {
  it('yields its progress after every simulation and returns runs in the order of its targets', () => {
    const share = { targets: [3, 0], baseline: true };
    const steps = runSweepShare(cluster, share, options);
    const progress: unknown[] = [];
    let step = steps.next();
    while (!step.done) {
      progress.push(step.value);
      step = steps.next();
    }
    expect(progress).toEqual([{ done: 1, total: 3 }, { done: 2, total: 3 }, { done: 3, total: 3 }]);
    const targets = sweepTargets(cluster);
    expect(step.value.runs.map((r) => r.target)).toEqual([targets[3]!.target, targets[0]!.target]);
    expect(step.value.baseline).toBe(sweep(cluster, options).baseline);
  });

  it('refuses a target the design does not have', () => {
    expect(() => finishSweepShare(cluster, { targets: [1.5], baseline: false }, options)).toThrow('sweep: no target 1.5 (the design has 8)');
  });
});
