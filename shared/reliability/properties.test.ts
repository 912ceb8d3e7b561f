import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopologyDocument, TopologyEdge, TopologyNode } from '../document';
import { exactAvailability } from './exact';
import { availabilityModel } from './model';
import { flowDesign } from './flow';
import { servedShare, ServedPlan } from './served';
import { client, design, edge, host, node } from './testing/builders';

const KINDS = ['service', 'database', 'cache', 'gateway', 'monolith'] as const;

/** Random acyclic designs: a client, 1–5 nodes with 1–3 instances on 5 hosts, forward edges. */
const designs = fc
  .record({
    hosts: fc.array(fc.record({ mtbf: fc.integer({ min: 20, max: 5000 }), mttr: fc.integer({ min: 1, max: 50 }) }), { minLength: 5, maxLength: 5 }),
    nodes: fc.array(
      fc.record({
        kind: fc.constantFrom(...KINDS),
        hosts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
        fanout: fc.constantFrom('one', 'all'),
        hitRate: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    links: fc.array(
      fc.record({ from: fc.nat(), to: fc.nat(), weight: fc.integer({ min: 0, max: 3 }), probability: fc.double({ min: 0, max: 1, noNaN: true }), optional: fc.boolean() }),
      { maxLength: 8 },
    ),
    clientFanout: fc.constantFrom('one', 'all'),
  })
  .map(({ hosts, nodes, links, clientFanout }): TopologyDocument => {
    const topologyNodes: TopologyNode[] = [
      client('users', { fanout: clientFanout as 'one' | 'all' }),
      ...nodes.map((n, i) =>
        node(`n${i}`, n.kind, n.hosts.map((h) => `h${h}`), { fanout: n.fanout as 'one' | 'all', ...(n.kind === 'cache' ? { hitRate: n.hitRate } : {}) }),
      ),
    ];
    const edges = new Map<string, TopologyEdge>([['users-n0', edge('users', 'n0')]]);
    for (const link of links) {
      // Forward edges only (index order), so the design has no cycle; the client may call any node.
      const from = link.from % (nodes.length + 1);
      const to = 1 + (link.to % nodes.length);
      if (to <= from) continue;
      const fromId = from === 0 ? 'users' : `n${from - 1}`;
      const e = edge(fromId, `n${to - 1}`, { weight: link.weight, probability: link.probability, optional: link.optional });
      if (!edges.has(e.id)) edges.set(e.id, e);
    }
    return design({ hosts: hosts.map((h, i) => host(`h${i}`, { mtbfHours: h.mtbf, mttrHours: h.mttr })), nodes: topologyNodes, edges: [...edges.values()] });
  });

const availability = (doc: TopologyDocument, capacityAware = false) => exactAvailability(availabilityModel(doc, { capacityAware }))![0]!.availability;

describe('availability properties', () => {
  it('adding a replica on a new host never lowers availability', () => {
    let raised = 0;
    fc.assert(
      fc.property(designs, fc.nat(), fc.boolean(), (doc, pick, capacityAware) => {
        const deployed = doc.nodes.filter((n) => n.kind !== 'client');
        const target = deployed[pick % deployed.length]!;
        const grown: TopologyDocument = {
          ...doc,
          hosts: [...doc.hosts, host('fresh', { mtbfHours: 100, mttrHours: 20 })],
          nodes: doc.nodes.map((n) => (n.id === target.id ? { ...n, instances: [...(n.instances ?? [{}]), { host: 'fresh' }] } : n)),
        };
        const before = availability(doc, capacityAware);
        const after = availability(grown, capacityAware);
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
        if (after > before + 1e-9) raised++;
      }),
      { numRuns: 150 },
    );
    // Not vacuous: the new replica usually helps.
    expect(raised).toBeGreaterThan(30);
  });

  it('putting every host into one failing zone never raises availability: it multiplies it by the zone’s', () => {
    fc.assert(
      fc.property(designs, (doc) => {
        const zoned: TopologyDocument = { ...doc, hosts: doc.hosts.map((h) => ({ ...h, zone: 'z' })), settings: { zoneMtbfHours: 500, zoneMttrHours: 5 } };
        const before = availability(doc);
        const after = availability(zoned);
        expect(after).toBeLessThanOrEqual(before + 1e-12);
        // When the client's only call is to n0, nothing is served while the zone is down.
        if (doc.edges.filter((e) => e.from === 'users').length === 1) expect(after).toBeCloseTo((500 / 505) * before, 10);
      }),
      { numRuns: 150 },
    );
  });

  it('spreading a node’s replicas over zones never lowers availability when nothing else is zoned', () => {
    fc.assert(
      fc.property(designs, fc.nat(), (doc, pick) => {
        const deployed = doc.nodes.filter((n) => n.kind !== 'client');
        const target = deployed[pick % deployed.length]!;
        // The target's replicas on hosts of their own, all in zone "a" — or each in a zone of its own.
        const place = (zoneOf: (i: number) => string): TopologyDocument => {
          const count = target.instances?.length ?? 1;
          return {
            ...doc,
            hosts: [...doc.hosts, ...Array.from({ length: count }, (_, i) => host(`r${i}`, { zone: zoneOf(i) }))],
            nodes: doc.nodes.map((n) => (n.id === target.id ? { ...n, instances: Array.from({ length: count }, (_, i) => ({ host: `r${i}` })) } : n)),
            settings: { zoneMtbfHours: 300, zoneMttrHours: 10 },
          };
        };
        expect(availability(place((i) => `z${i}`))).toBeGreaterThanOrEqual(availability(place(() => 'a')) - 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('the flat plan Monte Carlo runs gives what the formula gives, for any node states (cycles too)', () => {
    fc.assert(
      fc.property(designs, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.nat(), (doc, upFlags, back) => {
        // A call back to an earlier node makes a cycle, cut where it comes back.
        const last = `n${doc.nodes.length - 2}`;
        const withCycle = { ...doc, edges: [...doc.edges, edge(last, `n${back % (doc.nodes.length - 1)}`, { probability: 0.5 })].filter((e) => e.from !== e.to) };
        for (const candidate of [doc, withCycle]) {
          const flow = flowDesign(candidate);
          const nodeUp = Uint8Array.from(flow.nodes, (_, n) => (upFlags[n % upFlags.length] ? 1 : 0));
          const expected = servedShare(flow, 0, {
            one: 1,
            constant: (v) => v,
            nodeUp: (n) => nodeUp[n]!,
            times: (a, b) => a * b,
            plus: (a, b) => a + b,
            scale: (a, f) => a * f,
          });
          expect(new ServedPlan(flow, 0).evaluate(nodeUp)).toBeCloseTo(expected, 12);
        }
      }),
      { numRuns: 200 },
    );
  });
});
