import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/document';
import { sweep } from '../../shared/simulation';
import { runCli } from '../main';
import { runSweepPool } from './sweep';
import { fakeIo as makeFakeIo } from '../testing/fakeIo';

function fakeIo(files: Record<string, string>, isTty = false) {
  return makeFakeIo(files, { isTty });
}


const cluster = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;
const files = { 'cluster.topo': JSON.stringify(cluster) };

describe('topo sweep', () => {
  it('prints the runs worst first as JSON (in this thread when the worker bundle is absent)', async () => {
    const { io, stdout, stderr } = fakeIo(files);
    expect(await runCli(['sweep', 'cluster.topo', '--duration', '10', '--json'], io)).toBe(0);
    expect(stderr()).toBe('');
    const report = JSON.parse(stdout());
    expect(report).toEqual(JSON.parse(JSON.stringify(sweep(cluster, { durationS: 10 }))));
    expect(report.runs[0]).toMatchObject({ type: 'host-down', target: 'h1', availability: 0 });
    expect(report.runs.at(-1).availability).toBeGreaterThan(0.9);
  });

  it('prints a table and progress on stderr when it is a terminal', async () => {
    const { io, stdout, stderr } = fakeIo(files, true);
    expect(await runCli(['sweep', 'cluster.topo', '--duration', '10'], io)).toBe(0);
    const lines = stdout().split('\n');
    expect(lines[0]).toBe('Monolith cluster — sweep · 10 s simulated per run · seed 1 · healthy availability 100.00 %');
    expect(lines[2]).toMatch(/^ {2}availability +fault +target +failed +main cause$/);
    // The load balancer's only server: timeouts, then (once out of rotation) nothing to call.
    expect(lines[3]).toMatch(/^ +0\.00 % +host-down +lb-1 \(h1\) +[\d,]+ +unavailable$/);
    expect(stdout()).toContain('5 of 8 failures lower availability by more than 1 point.');
    expect(stderr()).toContain('sweep: 9/9 runs');
  });

  it('refuses a design with nothing to fail', async () => {
    const empty = { ...cluster, hosts: [], nodes: [cluster.nodes[0]!], edges: [], view: {} };
    const { io, stderr } = fakeIo({ 'empty.topo': JSON.stringify(empty) });
    expect(await runCli(['sweep', 'empty.topo'], io)).toBe(2);
    expect(stderr()).toContain('empty.topo has no host and no deployable node to fail');
  });
});

describe('the worker-thread pool', () => {
  let folder: string;
  let workerFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'topo-sweep-'));
    workerFile = join(folder, 'sweep-worker.cjs');
    await build({ entryPoints: [join(__dirname, '..', 'sweepWorker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the same report as the in-process sweep, with or without a progress callback', async () => {
    const expected = sweep(cluster, { durationS: 10, seed: 3 });
    const progress: number[] = [];
    const pooled = await runSweepPool(cluster, { durationS: 10, seed: 3, workers: 3, workerFile, onProgress: (done) => progress.push(done) });
    expect(pooled).toEqual(expected);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await runSweepPool(cluster, { durationS: 10, seed: 3, workers: 2, workerFile })).toEqual(expected);
    // More threads than simulations: one share per simulation.
    expect(await runSweepPool(cluster, { durationS: 10, seed: 3, workers: 20, workerFile })).toEqual(expected);
  });

  it('runs the same plan in this thread when the worker file is missing', async () => {
    const progress: number[] = [];
    const report = await runSweepPool(cluster, { durationS: 10, seed: 3, workers: 4, workerFile: join(folder, 'absent.cjs'), onProgress: (done) => progress.push(done) });
    expect(report).toEqual(sweep(cluster, { durationS: 10, seed: 3 }));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects with the message of a share that failed, and stops the other threads', async () => {
    const broken = join(folder, 'broken-worker.cjs');
    writeFileSync(broken, "require('node:worker_threads').parentPort.on('message', () => require('node:worker_threads').parentPort.postMessage({ kind: 'error', message: 'boom' }));\n");
    await expect(runSweepPool(cluster, { durationS: 10, seed: 3, workers: 3, workerFile: broken })).rejects.toThrow('boom');
  });
});
