import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopologyDocument } from '../../shared/document';
import { runRamp } from '../../shared/reliability';
import { runCli } from '../main';
import { runRampPool } from './capacity';
import { fakeIo } from '../testing/fakeIo';

const chain = {
  format: 'topology-designer',
  version: 1,
  name: 'chain',
  settings: { networkMs: 0 },
  hosts: [{ id: 'h1', name: 'server-1' }],
  nodes: [
    { id: 'users', kind: 'client', name: 'Users', rate: 200 },
    { id: 'svc', kind: 'service', name: 'Orders', instances: [{ host: 'h1' }, { host: 'h1' }], latencyMs: 10, concurrency: 8 },
    { id: 'db', kind: 'database', name: 'Orders DB', instances: [{ host: 'h1' }], latencyMs: 5, concurrency: 4 },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'svc' },
    { id: 'e2', from: 'svc', to: 'db' },
  ],
};

describe('topo capacity', () => {
  it('--json prints the bottleneck and every node', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--json'], io)).toBe(0);
    expect(JSON.parse(stdout())).toEqual({
      bottleneck: 'db',
      maxMultiple: 4,
      maxRate: 800,
      nodes: {
        svc: { visits: 1, holdingMs: 15, slots: 16, capacityPerSecond: 1066.7, utilization: 0.1875, maxRate: 1066.7 },
        db: { visits: 1, holdingMs: 5, slots: 4, capacityPerSecond: 800, utilization: 0.25, maxRate: 800 },
      },
    });
  });

  it('prints the verdict and a table, busiest first', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo'], io)).toBe(0);
    expect(stdout()).toBe(
      [
        "c.topo: bottleneck Orders DB (db) at 800.0 requests/s — every client's rate can grow 4.00×",
        '',
        '  node            visits  holding ms  slots  capacity/s  utilization  max rate/s',
        '  Orders DB (db)   1.000        5.00      4       800.0       25.0 %       800.0',
        '  Orders (svc)     1.000       15.00     16      1066.7       18.8 %      1066.7',
        '',
      ].join('\n'),
    );
  });

  it('--ramp --json adds the simulated ramp and its knee', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--ramp', '--steps', '4', '--duration', '5', '--threads', '1', '--json'], io)).toBe(0);
    const report = JSON.parse(stdout());
    expect(Object.keys(report)).toEqual(['bottleneck', 'maxMultiple', 'maxRate', 'nodes', 'ramp', 'knee']);
    // 1.5 × maxMultiple 4 = 6, in 4 steps.
    expect(report.ramp.map((step: { multiple: number }) => step.multiple)).toEqual([1.5, 3, 4.5, 6]);
    expect(Object.keys(report.ramp[0])).toEqual(['multiple', 'offered', 'served', 'failedShare', 'p99']);
    expect(report.ramp[0].failedShare).toBe(0);
    expect(report.knee).toBe(4.5);
  });

  it('--ramp prints the ramp as a table with the knee marked', async () => {
    const { io, stdout } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--ramp', '--steps', '4', '--duration', '5', '--workers', '1'], io)).toBe(0);
    const lines = stdout().split('\n');
    expect(lines).toContain('Ramp (5 s simulated per step)');
    expect(lines.find((l) => l.includes('◀ knee'))).toMatch(/^ +4\.50× +[\d.]+ +[\d.]+ +[\d.]+ % +[\d.]+ ms {2}◀ knee$/);
    expect(lines).toContain("Knee at 4.50× the document's rates: past it more than 1 % of requests fail or a latency SLO breaks.");
  });

  it('rejects bad ramp options with one clear line', async () => {
    const { io, stderr } = fakeIo({ 'c.topo': JSON.stringify(chain) });
    expect(await runCli(['capacity', 'c.topo', '--ramp', '--steps', '0'], io)).toBe(2);
    expect(stderr()).toContain('--steps "0": must be a whole number from 1 to 100');
    expect(await runCli(['capacity', 'c.topo', '--ramp', '--workers', '0'], io)).toBe(2);
    expect(stderr()).toContain('--workers "0": must be a whole number from 1 to 256');
    expect(await runCli(['capacity', 'c.topo', '--ramp', '--threads', 'x'], io)).toBe(2);
    expect(stderr()).toContain('--threads "x": must be a whole number from 1 to 256');
  });

  it('fails with exit 1 on an invalid file', async () => {
    const { io, stderr } = fakeIo({ 'c.topo': JSON.stringify({ ...chain, settings: { crossZoneMs: -1 } }) });
    expect(await runCli(['capacity', 'c.topo'], io)).toBe(1);
    expect(stderr()).toBe('c.topo: settings.crossZoneMs: must be ≥ 0\n');
  });
});

describe('the ramp over worker threads', () => {
  let folder: string;
  let workerFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'topo-ramp-'));
    workerFile = join(folder, 'capacity-worker.cjs');
    await build({ entryPoints: [join(__dirname, '..', 'capacityWorker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the same ramp as one thread, whatever the number of workers', async () => {
    const doc = chain as unknown as TopologyDocument;
    const expected = await runRamp(doc, { steps: 5, durationS: 3, seed: 2 });
    const progress: number[] = [];
    expect(await runRampPool(doc, { steps: 5, durationS: 3, seed: 2, workers: 2, workerFile, onProgress: (done) => progress.push(done) })).toEqual(expected);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    for (const workers of [1, 3, 8]) expect(await runRampPool(doc, { steps: 5, durationS: 3, seed: 2, workers, workerFile })).toEqual(expected);
  });
});
