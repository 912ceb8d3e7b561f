/** Failure domains in the engine (SPEC §7): zone and region outages, cross-zone and cross-region delays. */
import { describe, expect, it } from 'vitest';
import type { Fault, Host, TopologyDocument } from '../document';
import { simulate } from './simulation';
import { sweepTargets } from './sweep';
import { makeClient, makeDocument, makeEdge, makeNode, makeScenario, makeService } from '../document/testing/builders';
import { expectNear } from './testing/near';

/** Gives each host its zone and region. */
function placed(doc: TopologyDocument, domains: Readonly<Record<string, Partial<Pick<Host, 'zone' | 'region'>>>>): TopologyDocument {
  return { ...doc, hosts: doc.hosts.map((host) => ({ ...host, ...domains[host.id] })) };
}

/** users → api (one instance on each of h1…h4) ; a fault from 10 s to 20 s of a 30 s run. */
function zonedRun(fault: Fault) {
  const doc = makeDocument({
    nodes: [makeClient('users', { rate: 200 }), makeService('api', { on: ['h1', 'h2', 'h3', 'h4'], latencyMs: 10 })],
    edges: [makeEdge('users', 'api', { timeoutMs: 300 })],
    scenarios: [makeScenario('f', [{ ...fault, at: 10, until: 20 } as Fault])],
  });
  const zoned = placed(doc, { h1: { zone: 'a', region: 'eu' }, h2: { zone: 'a', region: 'eu' }, h3: { zone: 'b', region: 'eu' }, h4: { zone: 'c', region: 'us' } });
  return simulate(zoned, { durationS: 30, scenario: 'f' });
}

describe('zone-down and region-down', () => {
  it('zone-down: every host of the zone down, as host-down (timeouts until the health check)', () => {
    const zone = zonedRun({ type: 'zone-down', target: 'a' });
    expect(zone.failures.timeout).toBe(zone.requests.failed);
    // Half the instances (h1, h2) are dead for the 3 s the health check needs: half of 200/s × 3 s.
    expectNear(zone.requests.failed, (200 * 3) / 2, 0.12);
    // The same as failing both hosts one by one.
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 200 }), makeService('api', { on: ['h1', 'h2', 'h3', 'h4'], latencyMs: 10 })],
      edges: [makeEdge('users', 'api', { timeoutMs: 300 })],
      scenarios: [makeScenario('f', [{ type: 'host-down', target: 'h1', at: 10, until: 20 }, { type: 'host-down', target: 'h2', at: 10, until: 20 }])],
    });
    const hosts = simulate(doc, { durationS: 30, scenario: 'f' });
    expect(zone.requests.failed).toBe(hosts.requests.failed);
    expect(zone.availability).toBe(hosts.availability);
  });

  it('region-down: every host of the region, across its zones', () => {
    const region = zonedRun({ type: 'region-down', target: 'eu' });
    expect(region.failures.timeout).toBe(region.requests.failed);
    expectNear(region.requests.failed, (200 * 3 * 3) / 4, 0.12);
    const other = zonedRun({ type: 'region-down', target: 'us' });
    expectNear(other.requests.failed, (200 * 3) / 4, 0.15);
  });

  it('all hosts of a single node in one zone: the zone outage takes it down', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 100 }), makeService('api', { on: ['h1', 'h2'], latencyMs: 10 })],
      edges: [makeEdge('users', 'api', { timeoutMs: 300 })],
      scenarios: [makeScenario('f', [{ type: 'zone-down', target: 'a', at: 10, until: 20 }])],
    });
    const report = simulate(placed(doc, { h1: { zone: 'a' }, h2: { zone: 'a' } }), { durationS: 30, scenario: 'f' });
    // 10 s down, back one health-check interval after: ≈ 11 s of 30 without api.
    expectNear(report.availability!, 1 - 11 / 30, 0.03);
  });
});

describe('network delay between failure domains', () => {
  /** users → a (on h1) → b (on h2), constant latencies, networkMs 1. */
  function chain(domains: Readonly<Record<string, Partial<Pick<Host, 'zone' | 'region'>>>>, settings = {}) {
    const doc = makeDocument({
      nodes: [
        makeClient('users', { rate: 20 }),
        makeService('a', { on: ['h1'], latencyMs: 5, latency: 'constant' }),
        makeService('b', { on: ['h2'], latencyMs: 5, latency: 'constant' }),
      ],
      edges: [makeEdge('users', 'a'), makeEdge('a', 'b')],
      settings: { networkMs: 1, ...settings },
    });
    return simulate(placed(doc, domains), { durationS: 20 }).latencyMs;
  }

  it('pays networkMs between hosts of one zone, + crossZoneMs across zones, + crossRegionMs across regions', () => {
    // client → a: 1 ms; a's 5 ms; a → b: 1 ms (+ domains); b's 5 ms.
    expectNear(chain({}).p50, 12, 0.01);
    expectNear(chain({ h1: { zone: 'a' }, h2: { zone: 'a' } }).p50, 12, 0.01);
    expectNear(chain({ h1: { zone: 'a' }, h2: { zone: 'b' } }).p50, 14, 0.01);
    expectNear(chain({ h1: { zone: 'a', region: 'eu' }, h2: { zone: 'b', region: 'us' } }).p50, 74, 0.01);
    expectNear(chain({ h1: { region: 'eu' }, h2: { region: 'us' } }).p50, 72, 0.01);
    expectNear(chain({ h1: { zone: 'a', region: 'eu' }, h2: { zone: 'b', region: 'us' } }, { crossZoneMs: 3, crossRegionMs: 30 }).p50, 45, 0.01);
    // Only one side naming a zone: no cross-zone cost.
    expectNear(chain({ h1: { zone: 'a' } }).p50, 12, 0.01);
    expect(chain({ h1: { zone: 'a' }, h2: { zone: 'b' } }).mean).toBeCloseTo(14, 1);
  });

  it('costs nothing on one host, whatever its zone', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 20 }), makeService('a', { on: ['h1'], latencyMs: 5, latency: 'constant' }), makeService('b', { on: ['h1'], latencyMs: 5, latency: 'constant' })],
      edges: [makeEdge('users', 'a'), makeEdge('a', 'b')],
      settings: { networkMs: 1 },
    });
    expectNear(simulate(placed(doc, { h1: { zone: 'a', region: 'eu' } }), { durationS: 20 }).latencyMs.p50, 11, 0.01);
  });
});

describe('sweep over failure domains', () => {
  it('fails each zone and each region where there are two or more, after the hosts', () => {
    const doc = makeDocument({
      nodes: [makeClient('users', { rate: 10 }), makeNode('service', 'api', { on: ['h1', 'h2', 'h3'] })],
      edges: [makeEdge('users', 'api')],
    });
    const types = (d: TopologyDocument) => sweepTargets(d).map((t) => `${t.type}:${t.target}`);
    expect(types(placed(doc, { h1: { zone: 'a', region: 'eu' }, h2: { zone: 'b', region: 'eu' }, h3: { zone: 'b', region: 'eu' } }))).toEqual([
      'host-down:h1', 'host-down:h2', 'host-down:h3', 'zone-down:a', 'zone-down:b', 'node-down:api',
    ]);
    expect(types(placed(doc, { h1: { zone: 'a', region: 'eu' }, h2: { zone: 'b', region: 'us' }, h3: { zone: 'c' } }))).toEqual([
      'host-down:h1', 'host-down:h2', 'host-down:h3', 'zone-down:a', 'zone-down:b', 'zone-down:c', 'region-down:eu', 'region-down:us', 'node-down:api',
    ]);
    expect(types(doc)).toEqual(['host-down:h1', 'host-down:h2', 'host-down:h3', 'node-down:api']);
  });
});
