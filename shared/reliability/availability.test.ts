import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from './availability';
import { availabilityModel } from './model';
import { exactAvailability } from './exact';
import { client, design, edge, host, HOST_A, node } from './testing/builders';

const A = HOST_A;
const exactOf = (doc: Parameters<typeof analyzeAvailability>[0], capacityAware = false) =>
  exactAvailability(availabilityModel(doc, { capacityAware }))![0]!.availability;

describe('exact availability (SPEC §7 pinned formulas)', () => {
  it('two nodes in series on two hosts → A²', () => {
    const doc = design({
      hosts: [host('h1'), host('h2')],
      nodes: [client('users'), node('web', 'service', ['h1']), node('db', 'database', ['h2'])],
      edges: [edge('users', 'web'), edge('web', 'db')],
    });
    expect(exactOf(doc)).toBeCloseTo(A * A, 12);
  });

  it('one node with 2 instances on 2 hosts → 1 − (1 − A)²', () => {
    const doc = design({ hosts: [host('h1'), host('h2')], nodes: [client('users'), node('web', 'service', ['h1', 'h2'])], edges: [edge('users', 'web')] });
    expect(exactOf(doc)).toBeCloseTo(1 - (1 - A) ** 2, 12);
  });

  it('the same 2 instances on one host → A', () => {
    const doc = design({ hosts: [host('h1')], nodes: [client('users'), node('web', 'service', ['h1', 'h1'])], edges: [edge('users', 'web')] });
    expect(exactOf(doc)).toBeCloseTo(A, 12);
  });

  it('2 of 3 instances needed (capacity-aware) → 3A² − 2A³', () => {
    // 3 instances × 1 slot / 10 ms = 100 per instance; 150 requests/s need 2 of them.
    const doc = design({
      hosts: [host('h1'), host('h2'), host('h3')],
      nodes: [client('users', { rate: 150 }), node('web', 'service', ['h1', 'h2', 'h3'], { concurrency: 1, latencyMs: 10 })],
      edges: [edge('users', 'web')],
    });
    expect(exactOf(doc, true)).toBeCloseTo(3 * A ** 2 - 2 * A ** 3, 12);
    expect(exactOf(doc, false)).toBeCloseTo(1 - (1 - A) ** 3, 12);
  });

  it('the two-host pair inside one failing zone → A_zone · (1 − (1 − A)²)', () => {
    const doc = design({
      hosts: [host('h1', { zone: 'z' }), host('h2', { zone: 'z' })],
      nodes: [client('users'), node('web', 'service', ['h1', 'h2'])],
      edges: [edge('users', 'web')],
      settings: { zoneMtbfHours: 1000, zoneMttrHours: 5 },
    });
    expect(exactOf(doc)).toBeCloseTo((1000 / 1005) * (1 - (1 - A) ** 2), 12);
  });

  it('regions fail whole, processes per instance', () => {
    const doc = design({
      hosts: [host('h1', { region: 'eu', mtbfHours: 100, mttrHours: 1 })],
      nodes: [client('users'), node('web', 'service', ['h1'], { mtbfHours: 50, mttrHours: 0.5 })],
      edges: [edge('users', 'web')],
      settings: { regionMtbfHours: 10000, regionMttrHours: 10 },
    });
    expect(exactOf(doc)).toBeCloseTo((100 / 101) * (50 / 50.5) * (10000 / 10010), 12);
  });

  it('weights fan-out one by edge weight, and needs a fan-out all branch only its probability of the time', () => {
    const A1 = 90 / 100; // host mtbf 90, mttr 10
    const slow = { mtbfHours: 90, mttrHours: 10 };
    const doc = design({
      hosts: [host('h0'), host('h1', slow), host('h2', slow)],
      nodes: [
        client('users'),
        node('gw', 'gateway', [undefined], { mttrHours: 0 }),
        node('a', 'service', ['h1']),
        node('b', 'service', ['h2']),
      ],
      edges: [edge('users', 'gw'), edge('gw', 'a', { weight: 3 }), edge('gw', 'b', { weight: 1 })],
    });
    const unplaced = A; // the gateway's unplaced instance shares the implicit host
    expect(exactOf(doc)).toBeCloseTo(unplaced * (0.75 * A1 + 0.25 * A1), 12);

    const all = design({
      hosts: [host('h1', slow), host('h2', slow)],
      nodes: [client('users'), node('a', 'service', ['h1']), node('b', 'service', ['h2'])],
      edges: [edge('users', 'a'), edge('a', 'b', { probability: 0.4 })],
    });
    expect(exactOf(all)).toBeCloseTo(A1 * (0.6 + 0.4 * A1), 12);
  });

  it('a cache hit needs nothing downstream; optional and async calls do not need the downstream', () => {
    const slow = { mtbfHours: 90, mttrHours: 10 };
    const cache = design({
      hosts: [host('h1'), host('h2', slow)],
      nodes: [client('users'), node('c', 'cache', ['h1'], { hitRate: 0.8 }), node('db', 'database', ['h2'])],
      edges: [edge('users', 'c'), edge('c', 'db')],
    });
    expect(exactOf(cache)).toBeCloseTo(A * (0.8 + 0.2 * 0.9), 12);

    const degraded = design({
      hosts: [host('h1'), host('h2', slow), host('h3', slow)],
      nodes: [client('users'), node('web', 'service', ['h1']), node('recs', 'service', ['h2']), node('q', 'queue', ['h3']), node('worker', 'service', ['h3'])],
      edges: [edge('users', 'web'), edge('web', 'recs', { optional: true }), edge('web', 'q'), edge('q', 'worker')],
    });
    // recs is optional; the queue must accept (h3 up) but its consumer's work is not waited for.
    expect(exactOf(degraded)).toBeCloseTo(A * 0.9, 12);
  });

  it('a cycle of calls is cut where it comes back', () => {
    const doc = design({
      hosts: [host('h1'), host('h2')],
      nodes: [client('users'), node('a', 'service', ['h1']), node('b', 'service', ['h2'])],
      edges: [edge('users', 'a'), edge('a', 'b'), edge('b', 'a', { probability: 0.5 })],
    });
    expect(exactOf(doc)).toBeCloseTo(A * A, 12);
  });

  it('a node that cannot carry its load even with every instance up is never available', () => {
    const doc = design({
      hosts: [host('h1')],
      nodes: [client('users', { rate: 1000 }), node('web', 'service', ['h1'], { concurrency: 1, latencyMs: 10 })],
      edges: [edge('users', 'web')],
    });
    expect(exactOf(doc, true)).toBe(0);
  });
});

describe('analyzeAvailability report', () => {
  const doc = design({
    hosts: [host('h1', { zone: 'rack-a' }), host('h2', { zone: 'rack-a' }), host('h3', { zone: 'rack-b', mtbfHours: 2000 })],
    nodes: [client('users', { rate: 50, slo: { availability: 0.999 } }), client('admins'), node('web', 'service', ['h1', 'h2']), node('db', 'database', ['h3'])],
    edges: [edge('users', 'web'), edge('web', 'db'), edge('admins', 'web')],
    settings: { zoneMtbfHours: 5000, zoneMttrHours: 4 },
  });

  it('has the SPEC shape, with nines, downtime, contributors and the SLO verdict', () => {
    const report = analyzeAvailability(doc, { years: 200, seed: 3 });
    expect(report.units).toBe(5);
    expect(Object.keys(report.clients)).toEqual(['users', 'admins']);
    const users = report.clients.users!;
    expect(Object.keys(users)).toEqual(['exact', 'monteCarlo', 'nines', 'downtimeMinutesPerYear', 'downtimeMinutesPer30Days', 'contributors', 'slo']);
    const expected = (1 - (1 - A) ** 2) * (5000 / 5004) * (2000 / 2002) * (5000 / 5004);
    expect(users.exact).toBeCloseTo(expected, 9);
    expect(users.nines).toBeCloseTo(-Math.log10(1 - expected), 2);
    expect(users.downtimeMinutesPerYear).toBeCloseTo((1 - expected) * 525600, 1);
    expect(users.downtimeMinutesPer30Days).toBeCloseTo((1 - expected) * 43200, 1);
    expect(users.monteCarlo.years).toBe(200);
    expect(users.slo).toEqual({ availability: 0.999, met: expected >= 0.999 });
    expect(report.clients.admins!.slo).toBeNull();
    // The database's lone host (MTBF 2,000 h) costs the most; the shares add up to 1.
    expect(users.contributors[0]!.unit).toBe('host:h3');
    // The web pair's hosts only matter together (share < 0.0005): they are left out.
    expect(users.contributors.map((c) => c.unit)).toEqual(['host:h3', 'zone:rack-a', 'zone:rack-b']);
    expect(users.contributors.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 2);
  });

  it('a unit on its own in series takes its availability loss share: contributors follow criticality', () => {
    // Two independent units in series: each removes (1 − a_i) × a_other of downtime.
    const series = design({
      hosts: [host('h1', { mtbfHours: 99, mttrHours: 1 }), host('h2', { mtbfHours: 97, mttrHours: 3 })],
      nodes: [client('users'), node('a', 'service', ['h1']), node('b', 'service', ['h2'])],
      edges: [edge('users', 'a'), edge('a', 'b')],
    });
    const [first, second] = analyzeAvailability(series, { years: 10 }).clients.users!.contributors;
    const saved1 = 0.01 * 0.97;
    const saved2 = 0.03 * 0.99;
    expect(first).toEqual({ unit: 'host:h2', share: Math.round((saved2 / (saved1 + saved2)) * 1000) / 1000 });
    expect(second).toEqual({ unit: 'host:h1', share: Math.round((saved1 / (saved1 + saved2)) * 1000) / 1000 });
  });

  it('gives no nines and no contributors when nothing can fail', () => {
    const safe = design({ hosts: [host('h1', { mttrHours: 0 })], nodes: [client('users'), node('web', 'service', ['h1'])], edges: [edge('users', 'web')] });
    const report = analyzeAvailability(safe, { years: 5 });
    expect(report.units).toBe(0);
    expect(report.clients.users).toMatchObject({ exact: 1, nines: null, downtimeMinutesPerYear: 0, contributors: [] });
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = analyzeAvailability(doc, { years: 50, seed: 7 });
    expect(analyzeAvailability(doc, { years: 50, seed: 7 })).toEqual(a);
    expect(analyzeAvailability(doc, { years: 50, seed: 8 }).clients.users!.monteCarlo.value).not.toBe(a.clients.users!.monteCarlo.value);
  });
});
