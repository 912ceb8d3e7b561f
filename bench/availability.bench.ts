/**
 * Availability analysis speed (SPEC §7): the exact computation of a design with 24 failure units
 * (target ≤ 500 ms) and 1,000 simulated years of Monte Carlo of a 50-node, 30-host design
 * (target ≤ 2,000 ms on one core), with the half-width of its 95 % interval. Medians after a warm-up.
 */
import type { TopologyDocument } from '../shared/document';
import { validateDocument } from '../shared/document';
import { availabilityModel, exactAvailability, monteCarloAvailability } from '../shared/reliability';
import { generateDesign } from './generateDesign';

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

/**
 * A generated design moved onto `hostCount` hosts spread over `zones` failing zones (instances
 * dealt round-robin so every host runs something), application units crashing on their own.
 */
function onHosts(nodeCount: number, hostCount: number, zones: number, seed: number): TopologyDocument {
  const base = generateDesign(nodeCount, Math.round(nodeCount * 1.5), seed);
  let next = 0;
  const nodes = base.nodes.map((node) => {
    if (node.kind === 'client') return node;
    const instances = (node.instances ?? [{}]).map(() => ({ host: `h${(next++ % hostCount) + 1}` }));
    const crashes = node.kind === 'service' || node.kind === 'monolith' ? { mtbfHours: 4380, mttrHours: 0.25 } : {};
    return { ...node, instances, ...crashes };
  });
  const doc: TopologyDocument = {
    ...base,
    settings: { ...base.settings, zoneMtbfHours: 17520, zoneMttrHours: 4 },
    hosts: Array.from({ length: hostCount }, (_, i) => ({ id: `h${i + 1}`, name: `server-${i + 1}`, zone: `zone-${(i % zones) + 1}` })),
    nodes,
  };
  const check = validateDocument(doc);
  if (!check.ok) throw new Error(`generated design is invalid: ${check.errors[0]!.path}: ${check.errors[0]!.message}`);
  return doc;
}

export async function run(): Promise<Record<string, number | string>> {
  // 24 units: 20 hosts and 4 zones, processes not failing on their own.
  const small = onHosts(40, 20, 4, 2);
  const smallDoc: TopologyDocument = { ...small, nodes: small.nodes.map(({ mtbfHours: _m, mttrHours: _r, ...node }) => node) };
  const exactModel = availabilityModel(smallDoc);
  if (exactModel.units.length !== 24) throw new Error(`expected 24 failure units, got ${exactModel.units.length}`);
  exactAvailability(exactModel); // warm up
  const availabilityExact24Ms = medianMs(5, () => exactAvailability(availabilityModel(smallDoc)));

  const large = onHosts(50, 30, 4, 1);
  const model = availabilityModel(large);
  monteCarloAvailability(model, { years: 100, seed: 1 }); // warm up
  let halfWidth = 0;
  const availabilityMonteCarloMs = medianMs(3, () => {
    const results = monteCarloAvailability(availabilityModel(large), { years: 1000, seed: 1 });
    halfWidth = Math.max(...results.map((r) => (r.high - r.low) / 2));
  });
  return {
    availabilityExact24Ms,
    availabilityMonteCarloMs,
    availabilityMonteCarloUnits: model.units.length,
    availabilityMonteCarloClients: model.clients.length,
    availabilityMonteCarloHalfWidth: Number(halfWidth.toPrecision(3)),
  };
}
