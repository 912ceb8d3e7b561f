/** Property tests (fast-check): what must hold for every design, not just the examples. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isApplicationUnit, isDeployable, NODE_KINDS, validateDocument, type TopologyDocument, type TopologyNode } from '../document';
import { classifyDesign } from './classify';
import { makeDocument, makeEdge } from '../document/testing/builders';

const HOSTS = ['h0', 'h1', 'h2', 'h3'];

/** A random valid design: up to 12 nodes of any kind, hosts h0–h3 or unplaced, random calls. */
const designArbitrary: fc.Arbitrary<TopologyDocument> = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...NODE_KINDS),
      name: fc.string({ maxLength: 6 }),
      hosts: fc.array(fc.option(fc.constantFrom(...HOSTS), { nil: null }), { minLength: 1, maxLength: 3 }),
      capabilities: fc.option(fc.subarray(['orders', 'users', 'payments']), { nil: undefined }),
      layer: fc.constantFrom(undefined, 'web', 'logic'),
      async: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .chain((specs) =>
    fc.record({
      specs: fc.constant(specs),
      pairs: fc.uniqueArray(fc.tuple(fc.nat(specs.length - 1), fc.nat(specs.length - 1)), {
        maxLength: 20,
        selector: ([a, b]) => `${a}-${b}`,
      }),
    }),
  )
  .map(({ specs, pairs }) => {
    const nodes: TopologyNode[] = specs.map((spec, i) => {
      const node: TopologyNode = { id: `n${i}`, kind: spec.kind, name: spec.name };
      if (isDeployable(spec.kind)) node.instances = spec.hosts.map((host) => (host === null ? {} : { host }));
      if (isApplicationUnit(spec.kind)) {
        if (spec.capabilities) node.capabilities = spec.capabilities;
        if (spec.layer) node.layer = spec.layer;
      }
      return node;
    });
    const edges = pairs
      .filter(([a, b]) => a !== b && specs[b]!.kind !== 'client')
      .map(([a, b]) => makeEdge(`n${a}`, `n${b}`, specs[a]!.async ? { async: true } : {}));
    return makeDocument({ nodes, edges });
  });

const labelsOf = (doc: TopologyDocument) => classifyDesign(doc).labels;

describe('classifier properties', () => {
  it('generates valid documents (so the properties speak about real designs)', () => {
    fc.assert(fc.property(designArbitrary, (doc) => validateDocument(doc).ok));
  });

  it('covers every label, so the properties below are not vacuous', () => {
    const seen = new Set(fc.sample(designArbitrary, { numRuns: 400, seed: 7 }).flatMap((doc) => classifyDesign(doc).labels));
    expect([...seen].sort()).toEqual(['cluster', 'distributed', 'microservices', 'monolith']);
  });

  it('renaming nodes or hosts (names and ids) never changes the labels', () => {
    fc.assert(
      fc.property(designArbitrary, fc.string(), fc.string({ minLength: 1, maxLength: 3 }), (doc, name, prefix) => {
        const nodeId = (id: string) => `${prefix}${id}x`;
        const hostId = (id: string) => `${id}${prefix}`;
        const renamed: TopologyDocument = {
          ...doc,
          hosts: doc.hosts.map((h) => ({ id: hostId(h.id), name: `${name}${h.name}` })),
          nodes: doc.nodes.map((n) => ({
            ...n,
            id: nodeId(n.id),
            name,
            ...(n.instances ? { instances: n.instances.map((i) => (i.host === undefined ? {} : { host: hostId(i.host) })) } : {}),
          })),
          edges: doc.edges.map((e) => ({ ...e, id: `r${e.id}`, from: nodeId(e.from), to: nodeId(e.to) })),
        };
        expect(labelsOf(renamed)).toEqual(labelsOf(doc));
      }),
    );
  });

  it('moving every application unit onto one host clears distributed', () => {
    fc.assert(
      fc.property(designArbitrary, fc.constantFrom(...HOSTS), (doc, host) => {
        const moved: TopologyDocument = {
          ...doc,
          nodes: doc.nodes.map((n) => (isApplicationUnit(n.kind) ? { ...n, instances: (n.instances ?? [{}]).map(() => ({ host })) } : n)),
        };
        const c = classifyDesign(makeDocument({ nodes: moved.nodes, edges: moved.edges }));
        expect(c.distributed).toBe(false);
      }),
    );
  });

  it('adding a second host to every deployable node sets cluster', () => {
    fc.assert(
      fc.property(designArbitrary, (doc) => {
        fc.pre(doc.nodes.some((n) => isDeployable(n.kind)));
        const widened = doc.nodes.map((n) => (isDeployable(n.kind) ? { ...n, instances: [...(n.instances ?? [{}]), { host: 'fresh' }] } : n));
        expect(classifyDesign(makeDocument({ nodes: widened, edges: doc.edges })).cluster).toBe(true);
      }),
    );
  });

  it('never depends on the order of nodes, edges or hosts', () => {
    fc.assert(
      fc.property(
        designArbitrary.chain((doc) =>
          fc.tuple(
            fc.constant(doc),
            fc.shuffledSubarray(doc.nodes, { minLength: doc.nodes.length }),
            fc.shuffledSubarray(doc.edges, { minLength: doc.edges.length }),
            fc.shuffledSubarray(doc.hosts, { minLength: doc.hosts.length }),
          ),
        ),
        ([doc, nodes, edges, hosts]) => {
          const shuffled = { ...doc, nodes, edges, hosts };
          expect(labelsOf(shuffled)).toEqual(labelsOf(doc));
          // stronger: the whole classification, messages and evidence included
          expect(classifyDesign(shuffled)).toEqual(classifyDesign(doc));
        },
      ),
    );
  });

  it('is consistent: summary and flags agree with the labels, and hosts never hold the implicit host', () => {
    fc.assert(
      fc.property(designArbitrary, (doc) => {
        const c = classifyDesign(doc);
        for (const label of ['distributed', 'cluster', 'microservices', 'monolith'] as const) expect(c[label]).toBe(c.labels.includes(label));
        for (const item of [...c.findings, ...c.evidence]) {
          for (const host of item.hosts) expect(doc.hosts.map((h) => h.id)).toContain(host);
          for (const node of item.nodes) expect(doc.nodes.map((n) => n.id)).toContain(node);
        }
      }),
    );
  });
});
