import { describe, expect, it } from 'vitest';
import { makeClient, makeDatabase, makeDocument, makeEdge, makeService } from '../../shared/document/testing/builders';
import { analyzeCapacity } from '../../shared/reliability';
import { simulate } from '../../shared/simulation';
import { capacityRows, describeUnit, formatAvailability, formatDowntime, loadVerdict, scaleLoad, utilizationAt } from './reliabilityView';

const design = () => {
  const doc = makeDocument({
    nodes: [
      makeClient('users', { rate: 40, slo: { latencyMs: 500 } }),
      makeClient('admins', { slo: { latencyMs: 200 } }),
      makeService('orders', { on: ['h1', 'h2'], mtbfHours: 1000 }),
      makeDatabase('db', { on: ['h3'], concurrency: 2 }),
    ],
    edges: [makeEdge('users', 'orders'), makeEdge('admins', 'orders'), makeEdge('orders', 'db')],
    hostNames: { h1: 'app-1', h2: 'app-2', h3: 'db-1' },
  });
  return { ...doc, hosts: doc.hosts.map((h) => (h.id === 'h3' ? h : { ...h, zone: 'rack-a', region: 'eu' })) };
};

describe('describeUnit', () => {
  it('names hosts, zones, regions and processes and says what each highlights', () => {
    const doc = design();
    expect(describeUnit(doc, 'host:h3')).toEqual({ label: 'db-1', kind: 'host', nodes: [], hosts: ['h3'] });
    expect(describeUnit(doc, 'zone:rack-a')).toEqual({ label: 'zone rack-a', kind: 'zone', nodes: [], hosts: ['h1', 'h2'] });
    expect(describeUnit(doc, 'region:eu')).toEqual({ label: 'region eu', kind: 'region', nodes: [], hosts: ['h1', 'h2'] });
    expect(describeUnit(doc, 'process:orders#1')).toEqual({ label: 'Orders #2 (process)', kind: 'process', nodes: ['orders'], hosts: ['h2'] });
  });

  it('names the implicit host of unplaced instances after the nodes that have them', () => {
    const doc = makeDocument({ nodes: [makeClient('c'), makeService('a', { on: [null] }), makeService('b', { on: ['h1'] })], edges: [makeEdge('c', 'a'), makeEdge('a', 'b')] });
    expect(describeUnit(doc, 'host:(unplaced)')).toMatchObject({ label: 'unplaced instances', nodes: ['a'], hosts: [] });
  });
});

describe('formatting', () => {
  it('prints availabilities with enough decimals for their nines', () => {
    expect(formatAvailability(0.999772)).toBe('99.97720 %');
    expect(formatAvailability(0.9)).toBe('90.00 %');
    expect(formatAvailability(1)).toBe('100 %');
  });
  it('prints downtime in the unit that reads best', () => {
    expect(formatDowntime(9.87)).toBe('9.87 min');
    expect(formatDowntime(120)).toBe('2.0 h');
    expect(formatDowntime(5000)).toBe('3.5 days');
    expect(formatDowntime(0.005)).toBe('0.3 s');
  });
});

describe('load multiples', () => {
  it('scales every client rate (the default rate too) and leaves the input alone', () => {
    const doc = design();
    const before = JSON.stringify(doc);
    const scaled = scaleLoad(doc, 2.5);
    expect(JSON.stringify(doc)).toBe(before);
    expect(scaled.nodes.find((n) => n.id === 'users')!.rate).toBe(100);
    expect(scaled.nodes.find((n) => n.id === 'admins')!.rate).toBe(25);
    expect(scaled.nodes.find((n) => n.id === 'orders')).toBe(doc.nodes.find((n) => n.id === 'orders'));
  });

  it('the live utilization at a multiple equals the analysis of the scaled design', () => {
    const doc = design();
    const base = analyzeCapacity(doc);
    for (const multiple of [0.25, 1.75, 4]) {
      const scaled = analyzeCapacity(scaleLoad(doc, multiple));
      for (const [id, node] of Object.entries(base.nodes)) expect(utilizationAt(node, multiple)).toBeCloseTo(scaled.nodes[id]!.utilization, 3);
    }
  });

  it('lists the bottleneck first, then by utilization', () => {
    const report = analyzeCapacity(design());
    const rows = capacityRows(report);
    expect(rows[0]!.id).toBe(report.bottleneck);
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(report.nodes).sort());
  });

  it('is past the knee when more than 1 % fail or p99 breaks the tightest latency objective', () => {
    const doc = design();
    const healthy = simulate(scaleLoad(doc, 1), { seed: 3, durationS: 20 });
    const calm = loadVerdict(doc, healthy, 1);
    expect(calm.sloLatencyMs).toBe(200);
    expect(calm.failedShare).toBe(healthy.requests.failed / healthy.requests.total);
    expect(calm.pastKnee).toBe(calm.failedShare > 0.01 || calm.p99 > 200);
    // The database has 2 slots of 5 ms: 400 calls/s. At ×10 (500 requests/s) it overloads.
    const report = analyzeCapacity(doc);
    const overloaded = simulate(scaleLoad(doc, (report.maxMultiple ?? 1) * 3), { seed: 3, durationS: 20 });
    const past = loadVerdict(doc, overloaded, 3);
    expect(past.pastKnee).toBe(true);
    expect(past.reason).not.toBeNull();
  });
});
