import { describe, expect, it } from 'vitest';
import { ALL_TEMPLATES, TEMPLATES, type TopologyDocument } from '../../shared/document';
import { runCli } from '../main';
import { consistencyLines, sparkline, thousands, transactionLines } from './simulate';
import type { NodeReport } from '../../shared/simulation';
import { fakeIo as makeFakeIo } from '../testing/fakeIo';
import { zeroLatencyLattice } from '../../shared/simulation/testing/extreme';

function fakeIo(files: Record<string, string>, isTty = false) {
  return makeFakeIo(files, { isTty });
}


const cluster: TopologyDocument = {
  ...TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document,
  scenarios: [{ id: 's1', name: 'Lose the database', faults: [{ type: 'host-down', target: 'h5', at: 10, until: 20 }] }],
};
const files = { 'shop.topo': JSON.stringify(cluster), 'broken.topo': '{"format": "topology-designer", "version": 1, "name": "x", "nodes": [{"id": "a"}]}' };

describe('topo simulate', () => {
  it('prints the SPEC §4 JSON report, byte-identical for the same seed', async () => {
    const first = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--scenario', 's1', '--duration', '30', '--json'], first.io)).toBe(0);
    const report = JSON.parse(first.stdout());
    expect(Object.keys(report).slice(0, 3)).toEqual(['duration', 'seed', 'scenario']);
    expect(report).toMatchObject({ duration: 30, seed: 1, scenario: { id: 's1', name: 'Lose the database' } });
    expect(report.requests.total).toBe(report.requests.ok + report.requests.failed);
    expect(report.failures.timeout).toBeGreaterThan(0);
    expect(report.timeline).toHaveLength(30);
    const second = fakeIo(files);
    await runCli(['simulate', 'shop.topo', '--scenario', 'Lose the database', '--duration', '30', '--json'], second.io);
    expect(second.stdout()).toBe(first.stdout());
    const otherSeed = fakeIo(files);
    await runCli(['simulate', 'shop.topo', '--scenario', 's1', '--duration', '30', '--seed', '2', '--json'], otherSeed.io);
    expect(otherSeed.stdout()).not.toBe(first.stdout());
  });

  it('prints a readable summary: availability, throughput, latency, causes, busiest nodes, sparkline', async () => {
    const { io, stdout, stderr } = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--scenario', 's1', '--duration', '30'], io)).toBe(0);
    expect(stderr()).toBe('');
    const text = stdout();
    const lines = text.split('\n');
    expect(lines[0]).toBe('Monolith cluster — scenario "Lose the database" (s1) · 30 s simulated · seed 1');
    expect(text).toMatch(/^ {2}availability +\d+\.\d\d % {2}[\d,]+ ok of [\d,]+ requests, [\d,]+ failed/m);
    expect(text).toMatch(/^ {2}throughput +[\d.]+\/s {2}served, of [\d.]+\/s offered$/m);
    expect(text).toMatch(/^ {2}latency +[\d.]+ ms {2}p50 · p95 [\d.]+ ms · p99/m);
    expect(lines).toContain('Failures by cause');
    expect(text).toMatch(/^ {2}timeout +[\d,]+ +[\d.]+ %$/m);
    expect(text).toMatch(/^ {2}Shop DB +[\d,]+$/m);
    expect(lines).toContain('Busiest nodes');
    const sparklineLine = lines.find((l) => l.startsWith('  ok/s'))!;
    expect(sparklineLine).toMatch(/^ {2}ok\/s {6}[▁▂▃▄▅▆▇█ ]{30} {2}max \d+$/);
    expect(lines.some((l) => l.startsWith('  failed/s'))).toBe(true);
  });

  it('prints a block per client: requests, availability, p99, SLO met or missed, budget burned', async () => {
    const withSlo: TopologyDocument = { ...cluster, nodes: cluster.nodes.map((n) => (n.kind === 'client' ? { ...n, slo: { availability: 0.999, latencyMs: 5000 } } : n)) };
    const client = withSlo.nodes.find((n) => n.kind === 'client')!;
    const { io, stdout } = fakeIo({ 'slo.topo': JSON.stringify(withSlo) });
    expect(await runCli(['simulate', 'slo.topo', '--scenario', 's1', '--duration', '30'], io)).toBe(0);
    const lines = stdout().split('\n');
    expect(lines).toContain('Clients');
    expect(lines.find((l) => l.startsWith('  client'))).toMatch(/^ {2}client +requests +availability +p99 +SLO +budget burned$/);
    // Ten seconds without the database: far under 99.9 %.
    const row = lines.find((l) => l.startsWith(`  ${client.name}`))!;
    expect(row).toMatch(/[\d,]+ +\d+\.\d\d % +[\d.]+ ms +missed \(99\.90 %, p99 ≤ 5000 ms\) +\d+\.\d\d %$/);
    const json = fakeIo({ 'slo.topo': JSON.stringify(withSlo) });
    await runCli(['simulate', 'slo.topo', '--scenario', 's1', '--duration', '30', '--json'], json.io);
    const report = JSON.parse(json.stdout());
    expect(report.clients[client.id].slo).toMatchObject({ availability: 0.999, latencyMs: 5000, met: false });
    expect(report.clients[client.id].slo.budgetBurned).toBeGreaterThan(0);
  });

  it('rejects an unknown scenario, bad input and bad options with one clear line', async () => {
    const unknown = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--scenario', 'nope'], unknown.io)).toBe(1);
    expect(unknown.stderr()).toBe('shop.topo: unknown scenario "nope": expected one of s1 (Lose the database)\n');
    const broken = fakeIo(files);
    expect(await runCli(['simulate', 'broken.topo'], broken.io)).toBe(1);
    expect(broken.stderr()).toMatch(/^broken\.topo: nodes\[0\]\.kind: /);
    const missing = fakeIo(files);
    expect(await runCli(['simulate', 'missing.topo'], missing.io)).toBe(1);
    expect(missing.stderr()).toBe('missing.topo: no such file\n');
    const duration = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--duration', 'abc'], duration.io)).toBe(2);
    expect(duration.stderr()).toContain('topo simulate: --duration "abc": must be a number of seconds in (0, 86400]');
    const seed = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--seed', '1.5'], seed.io)).toBe(2);
    expect(seed.stderr()).toContain('--seed "1.5": must be a whole number');
  });
});

describe('replicated data and transactions in the summary', () => {
  const node = (extra: Partial<NodeReport>): NodeReport => ({ served: 100, failed: 0, utilization: 0.1, maxQueue: 0, ...extra });
  const nodes: Record<string, NodeReport> = {
    web: node({}),
    orders: node({ consistency: { reads: 12_000, writes: 3_000, staleReads: 360, lostWrites: 12, conflicts: 7, noQuorum: 1_500, elections: 2 } }),
    carts: node({ consistency: { reads: 0, writes: 10, staleReads: 0, lostWrites: 0, conflicts: 0, noQuorum: 0 } }),
    checkout: node({ transactions: { mode: '2pc', committed: 2_900, aborted: 100, compensated: 0, compensations: 0, inDoubt: 4, maxInDoubtMs: 15_003.4, meanInconsistencyMs: 0 } }),
    trip: node({ transactions: { mode: 'saga', committed: 280, aborted: 5, compensated: 15, compensations: 22, inDoubt: 0, maxInDoubtMs: 0, meanInconsistencyMs: 41.27 } }),
  };
  const names = new Map([
    ['orders', 'Orders DB'],
    ['checkout', 'Checkout'],
  ]);

  it('lists each replicated node: reads, writes, stale reads and share, lost writes, conflicts, no quorum, elections', () => {
    expect(consistencyLines({ nodes }, names)).toEqual([
      'Consistency',
      '  node        reads  writes  stale reads  stale share  lost writes  conflicts  no quorum  elections',
      '  Orders DB  12,000   3,000          360       3.00 %           12          7      1,500          2',
      '  carts           0      10            0            –            0          0          0          –',
      '',
    ]);
  });

  it('lists each coordinator: mode, outcomes, in doubt, inconsistency window', () => {
    expect(transactionLines({ nodes }, names)).toEqual([
      'Transactions',
      '  node      mode  committed  aborted  compensated  compensations  in doubt  max in doubt  mean inconsistency',
      '  Checkout  2pc       2,900      100            0              0         4      15003 ms              0.0 ms',
      '  trip      saga        280        5           15             22         0        0.0 ms             41.3 ms',
      '',
    ]);
  });

  it('has neither block for a design without them, and the summary shows them when the run has them', async () => {
    expect(consistencyLines({ nodes: { web: node({}) } }, names)).toEqual([]);
    expect(transactionLines({ nodes: { web: node({}) } }, names)).toEqual([]);
    const plain = fakeIo(files);
    expect(await runCli(['simulate', 'shop.topo', '--duration', '5'], plain.io)).toBe(0);
    expect(plain.stdout()).not.toMatch(/^(Consistency|Transactions)$/m);
    const saga = ALL_TEMPLATES.find((t) => t.id === 'checkout-saga-vs-2pc')!.document;
    const run = fakeIo({ 'checkout.topo': JSON.stringify(saga) });
    expect(await runCli(['simulate', 'checkout.topo', '--duration', '5'], run.io)).toBe(0);
    const lines = run.stdout().split('\n');
    const at = lines.indexOf('Transactions');
    expect(at).toBeGreaterThan(lines.indexOf('Busiest nodes'));
    expect(lines[at + 2]).toMatch(/^ {2}Checkout service +2pc +[\d,]+ +[\d,]+ /);
  });
});

describe('formatting helpers', () => {
  it('stops a zero-latency lattice in bounded work with the budget’s one line and exit 1', async () => {
    const { io, stdout, stderr } = fakeIo({ 'lattice.topo': JSON.stringify(zeroLatencyLattice()) });
    expect(await runCli(['simulate', 'lattice.topo', '--duration', '60'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^lattice\.topo: the simulation stopped at [\d.]+ s of 60: .+\n$/);
  });

  it('groups thousands without the machine locale', () => {
    expect(thousands(1234567)).toBe('1,234,567');
    expect(thousands(999)).toBe('999');
    expect(thousands(1234.5)).toBe('1,234.5');
  });

  it('draws a sparkline scaled to its maximum, averaging down to the width', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe(' ▁▂▄█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(sparkline(Array.from({ length: 120 }, (_, i) => (i < 60 ? 1 : 2)), 60)).toBe('▄'.repeat(30) + '█'.repeat(30));
  });
});
