/** Same input, same output; invariants of every report; bounded memory; the sweep. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BALANCERS, DEFAULTS, FAILURE_CAUSES, TEMPLATES, validateDocument, type Fault, type TopologyDocument } from '../document';
import { createSimulation, simulate } from './simulation';
import { sweep, sweepTargets } from './sweep';
import { makeClient, makeDocument, makeEdge, makeNode, makeScenario, makeService } from '../document/testing/builders';

const shop = TEMPLATES.find((t) => t.id === 'services-two-servers')!.document;
const shopWithFaults: TopologyDocument = {
  ...shop,
  scenarios: [
    makeScenario('mixed', [
      { type: 'host-down', target: 'h5', at: 5, until: 12 },
      { type: 'error-rate', target: 'payments', value: 0.1, at: 3 },
      { type: 'latency', target: 'orders-db', value: 30, at: 8, until: 15 },
    ]),
  ],
};

describe('determinism', () => {
  it('the same seed gives byte-identical JSON', () => {
    const a = JSON.stringify(simulate(shopWithFaults, { durationS: 20, seed: 7, scenario: 'mixed' }));
    const b = JSON.stringify(simulate(shopWithFaults, { durationS: 20, seed: 7, scenario: 'mixed' }));
    expect(a).toBe(b);
  });

  it('other seeds give different but consistent results', () => {
    const reports = [1, 2, 3].map((seed) => simulate(shopWithFaults, { durationS: 20, seed, scenario: 'mixed' }));
    expect(new Set(reports.map((r) => JSON.stringify(r))).size).toBe(3);
    // Each seed's arrivals are Poisson around the clients' rate × 20 s: within four standard deviations.
    const offered = 20 * shopWithFaults.nodes.filter((n) => n.kind === 'client').reduce((sum, n) => sum + (n.rate ?? DEFAULTS.rate), 0);
    for (const r of reports) expect(Math.abs(r.requests.total + r.requests.inFlight - offered)).toBeLessThan(4 * Math.sqrt(offered));
    const availabilities = reports.map((r) => r.availability!);
    expect(Math.max(...availabilities) - Math.min(...availabilities)).toBeLessThan(0.03);
  });

  it('live mode, advanced in any steps, ends with the batch report', () => {
    const batch = JSON.stringify(simulate(shopWithFaults, { durationS: 15, scenario: 'mixed' }));
    const live = createSimulation(shopWithFaults, { durationS: 15, scenario: 'mixed', recordMovements: true });
    for (let t = 0; !live.finished; t += 333) {
      live.advanceTo(t, 500);
      live.snapshot();
      live.drainMovements();
      live.metrics();
    }
    expect(JSON.stringify(live.report())).toBe(batch);
  });

  it('reading never changes the run: reports mid-second, then finishing, give the batch report', () => {
    const batch = JSON.stringify(simulate(shopWithFaults, { durationS: 15, seed: 3, scenario: 'mixed' }));
    const live = createSimulation(shopWithFaults, { durationS: 15, seed: 3, scenario: 'mixed' });
    const seen: string[] = [];
    const streamed: number[] = [];
    for (const t of [2_500, 2_900, 7_999, 11_001]) {
      live.advanceTo(t);
      const report = live.report();
      // The open second is in the report as it stands, one entry per second begun.
      expect(report.timeline).toHaveLength(Math.ceil(t / 1000));
      seen.push(JSON.stringify(report.timeline.at(-1)));
      live.metrics();
      live.snapshot();
      streamed.push(...live.newTimelineEntries().map((e) => e.t));
    }
    // Streamed deltas: each finished second once, in order.
    expect(streamed).toEqual(Array.from({ length: 11 }, (_, t) => t));
    live.runToEnd();
    expect(JSON.stringify(live.report())).toBe(batch);
    // Second 2 read at 2.5 s and at 2.9 s: a view of the open counters that grew, not a closed entry.
    expect(seen[0]).not.toBe(seen[1]);
  });
});

/** Random small designs: a client, a few deployable nodes on a few hosts, edges forward only. */
const designs = fc
  .record({
    nodes: fc.array(
      fc.record({
        kind: fc.constantFrom('gateway', 'loadBalancer', 'monolith', 'service', 'database', 'cache', 'queue' as const),
        hosts: fc.array(fc.constantFrom('h1', 'h2', 'h3', null), { minLength: 1, maxLength: 3 }),
        balancer: fc.constantFrom(...BALANCERS),
        latencyMs: fc.integer({ min: 0, max: 40 }),
        concurrency: fc.integer({ min: 1, max: 8 }),
        queueLimit: fc.integer({ min: 0, max: 20 }),
        errorRate: fc.constantFrom(0, 0, 0.1),
        fanout: fc.constantFrom('one', 'all' as const),
        calls: fc.constantFrom('sequential', 'parallel' as const),
        rateLimit: fc.constantFrom(undefined, 50),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    edges: fc.array(
      fc.record({
        from: fc.nat(), to: fc.nat(), retries: fc.integer({ min: 0, max: 2 }), timeoutMs: fc.constantFrom(undefined, 50, 400),
        optional: fc.boolean(), breaker: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
    faults: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('host-down' as const), target: fc.constantFrom('h1', 'h2', 'h3') }),
        fc.record({ type: fc.constant('partition' as const), groups: fc.constant([['h1'], ['h2', 'h3']]) }),
        fc.record({ type: fc.constantFrom('latency', 'error-rate', 'loss' as const), node: fc.nat(), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
        fc.record({ type: fc.constantFrom('node-down', 'instance-down' as const), node: fc.nat() }),
      ),
      { maxLength: 3 },
    ),
    rate: fc.integer({ min: 1, max: 300 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ nodes, edges, faults, rate, seed }) => {
    const ids = nodes.map((_, i) => `n${i}`);
    const built = nodes.map((n, i) => makeNode(n.kind, ids[i]!, { on: n.hosts, balancer: n.balancer, latencyMs: n.latencyMs, concurrency: n.concurrency, queueLimit: n.queueLimit, errorRate: n.errorRate, fanout: n.fanout, calls: n.calls, ...(n.rateLimit ? { rateLimit: n.rateLimit } : {}) }));
    const seen = new Set<string>();
    const links = [makeEdge('users', 'n0')];
    for (const e of edges) {
      const from = e.from % nodes.length;
      const to = e.to % nodes.length;
      if (from >= to || seen.has(`${from}-${to}`)) continue;
      seen.add(`${from}-${to}`);
      links.push(makeEdge(ids[from]!, ids[to]!, { retries: e.retries, optional: e.optional, ...(e.timeoutMs ? { timeoutMs: e.timeoutMs } : {}), ...(e.breaker ? { circuitBreaker: { failureRate: 0.5, window: 10, openMs: 500 } } : {}) }));
    }
    const scenarioFaults = faults.map((f, k): Fault => {
      const window = { at: k, until: k + 2 };
      if (f.type === 'host-down' || f.type === 'partition') return { ...f, ...window } as Fault;
      const target = ids[f.node % ids.length]!;
      if (f.type === 'node-down') return { type: 'node-down', target, ...window };
      if (f.type === 'instance-down') return { type: 'instance-down', target, instance: 0, ...window };
      return { type: f.type, target, value: 'value' in f ? f.value : 0, ...window };
    });
    const doc = makeDocument({ nodes: [makeClient('users', { rate }), ...built], edges: links, scenarios: [makeScenario('s', scenarioFaults)], settings: { connectTimeoutMs: 300 } });
    for (const h of ['h1', 'h2', 'h3']) if (!doc.hosts.some((x) => x.id === h)) doc.hosts.push({ id: h, name: h });
    return { doc, seed };
  });

describe('invariants', () => {
  it('total = ok + failed, failures by cause and by node sum to failed, the timeline adds up', () => {
    fc.assert(
      fc.property(designs, ({ doc, seed }) => {
        expect(validateDocument(doc).ok).toBe(true);
        const report = simulate(doc, { durationS: 5, seed, scenario: 's' });
        expect(report.requests.total).toBe(report.requests.ok + report.requests.failed);
        expect(FAILURE_CAUSES.reduce((sum, cause) => sum + report.failures[cause], 0)).toBe(report.requests.failed);
        expect(Object.values(report.failuresByNode).reduce((a, b) => a + b, 0)).toBe(report.requests.failed);
        expect(report.timeline).toHaveLength(5);
        expect(report.timeline.reduce((sum, e) => sum + e.ok, 0)).toBe(report.requests.ok);
        expect(report.timeline.reduce((sum, e) => sum + e.failed, 0)).toBe(report.requests.failed);
        for (const entry of report.timeline) expect(FAILURE_CAUSES.reduce((sum, cause) => sum + entry.failures[cause], 0)).toBe(entry.failed);
        for (const cause of FAILURE_CAUSES) expect(report.timeline.reduce((sum, e) => sum + e.failures[cause], 0)).toBe(report.failures[cause]);
        expect(report.requests.inFlight).toBeGreaterThanOrEqual(0);
        for (const node of Object.values(report.nodes)) expect(node.utilization).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('bounded memory', () => {
  it('10 simulated minutes at 10,000 requests/s keep a flat heap', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 10_000 }), makeNode('loadBalancer', 'lb', { on: ['l1'] }), makeService('api', { on: ['h1', 'h2', 'h3', 'h4'], latencyMs: 2, concurrency: 32 })],
      edges: [makeEdge('users', 'lb'), makeEdge('lb', 'api', { timeoutMs: 200 })],
    });
    const simulation = createSimulation(doc, { durationS: 600 });
    simulation.advanceTo(60_000);
    const early = simulation.memoryFootprint();
    const heapEarly = process.memoryUsage().heapUsed;
    simulation.advanceTo(600_000);
    const late = simulation.memoryFootprint();
    const heapLate = process.memoryUsage().heapUsed;
    // Pools and agenda sized once by the load, not by the number of requests (6 million).
    expect(late.jobs).toBe(early.jobs);
    expect(late.calls).toBe(early.calls);
    expect(late.events).toBe(early.events);
    expect(simulation.report().requests.total).toBeGreaterThan(5_900_000);
    // Whatever the garbage collector has left, nothing grew with the requests (≈ 60 bytes each would be 360 MB).
    expect(heapLate - heapEarly).toBeLessThan(24 * 2 ** 20);
  }, 120_000);
});

describe('sweep', () => {
  it('fails each host and deployable node in turn, worst first: single points of failure on top', () => {
    const doc = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;
    expect(sweepTargets(doc).map((t) => `${t.type}:${t.target}`)).toEqual([
      'host-down:h1', 'host-down:h2', 'host-down:h3', 'host-down:h4', 'host-down:h5', 'node-down:lb', 'node-down:shop', 'node-down:db',
    ]);
    const progress: number[] = [];
    const report = sweep(doc, { durationS: 20 }, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.baseline).toBe(1);
    const order = report.runs.map((r) => `${r.type}:${r.target}`);
    // The load balancer and the database are single points of failure (availability 0) …
    expect(order.slice(0, 5).sort()).toEqual(['host-down:h1', 'host-down:h5', 'node-down:db', 'node-down:lb', 'node-down:shop']);
    for (const run of report.runs.slice(0, 5)) expect(run.availability).toBe(0);
    // … a server of the cluster is not: only the calls before the health check fail.
    for (const run of report.runs.slice(5)) expect(run.availability).toBeGreaterThan(0.9);
    expect(report.runs[0]).toMatchObject({ type: 'host-down', target: 'h1', name: 'lb-1' });
  });
});

it('rejects an unknown scenario and bad options with a path and a message', () => {
  const doc = makeDocument({ nodes: [makeClient('users', { rate: 1 }), makeService('api', { on: ['h1'] })], edges: [makeEdge('users', 'api')], scenarios: [makeScenario('s1', [])] });
  expect(() => simulate(doc, { scenario: 'nope' })).toThrow('scenario: unknown scenario "nope" (expected one of "s1" (Scenario s1))');
  expect(simulate(doc, { scenario: 'Scenario s1', durationS: 1 }).scenario).toEqual({ id: 's1', name: 'Scenario s1' });
  expect(() => simulate(doc, { durationS: 0 })).toThrow('duration: must be a positive number of seconds');
  expect(() => simulate(makeDocument({ nodes: [makeService('api', { on: ['h1'] })], edges: [] }), { scenario: 'x' })).toThrow('the document has no scenarios');
});
