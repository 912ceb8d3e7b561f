/**
 * Failure units (SPEC §7): hosts, zones and regions (when the settings give them an MTBF) and
 * processes (instances of nodes with `mtbfHours`). Each fails and is repaired on its own, with
 * availability MTBF / (MTBF + MTTR); an instance is up when its process, host, zone and region are.
 */
import { RELIABILITY_DEFAULTS, type TopologyDocument } from '../document';
import { UNPLACED_HOST, type FlowDesign } from './flow';

export type UnitKind = 'region' | 'zone' | 'host' | 'process';

export interface FailureUnit {
  /** `host:ID`, `zone:NAME`, `region:NAME` or `process:NODE#INDEX`. */
  readonly name: string;
  readonly kind: UnitKind;
  readonly mtbfHours: number;
  readonly mttrHours: number;
  /** Steady-state share of time up: MTBF / (MTBF + MTTR). */
  readonly availability: number;
}

export interface FailureUnits {
  /**
   * In a nesting order — each region, its zones, their hosts, their processes — which keeps the
   * decision diagram of the exact computation small.
   */
  readonly units: readonly FailureUnit[];
  /** For each node, for each instance: the indexes of the units it needs up. */
  readonly instanceUnits: readonly (readonly (readonly number[])[])[];
}

function unit(name: string, kind: UnitKind, mtbfHours: number, mttrHours: number): FailureUnit {
  return { name, kind, mtbfHours, mttrHours, availability: mtbfHours / (mtbfHours + mttrHours) };
}

/**
 * The units that some instance depends on. A unit repaired at once (MTTR 0) is never down and
 * is left out; so are hosts no instance runs on.
 */
export function failureUnits(doc: TopologyDocument, design: FlowDesign): FailureUnits {
  const settings = doc.settings;
  const hostsById = new Map(doc.hosts.map((host) => [host.id, host]));
  const zoneMtbf = settings?.zoneMtbfHours;
  const regionMtbf = settings?.regionMtbfHours;

  // Hosts that run something, grouped region → zone → host in order of first appearance.
  const usedHosts = new Set(design.instanceHosts.flat());
  const hostOrder = [...doc.hosts.map((host) => host.id), UNPLACED_HOST].filter((id) => usedHosts.has(id));
  const regionRank = new Map<string, number>();
  const zoneRank = new Map<string, number>();
  for (const id of hostOrder) {
    const region = regionMtbf !== undefined ? design.hostRegion.get(id) : undefined;
    const zone = zoneMtbf !== undefined ? design.hostZone.get(id) : undefined;
    if (region !== undefined && !regionRank.has(region)) regionRank.set(region, regionRank.size);
    if (zone !== undefined && !zoneRank.has(zone)) zoneRank.set(zone, zoneRank.size);
  }
  const rank = (id: string) => {
    const region = regionMtbf !== undefined ? design.hostRegion.get(id) : undefined;
    const zone = zoneMtbf !== undefined ? design.hostZone.get(id) : undefined;
    return [region === undefined ? Infinity : regionRank.get(region)!, zone === undefined ? Infinity : zoneRank.get(zone)!];
  };
  const sortedHosts = hostOrder
    .map((id, order) => ({ id, order, rank: rank(id) }))
    .sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.order - b.order)
    .map((entry) => entry.id);

  const units: FailureUnit[] = [];
  const indexByName = new Map<string, number>();
  const add = (candidate: FailureUnit): void => {
    if (candidate.mttrHours === 0 || indexByName.has(candidate.name)) return;
    indexByName.set(candidate.name, units.length);
    units.push(candidate);
  };
  const processesOnHost = new Map<string, { node: number; instance: number }[]>();
  design.instanceHosts.forEach((hosts, node) =>
    hosts.forEach((host, instance) => {
      if (doc.nodes[node]?.mtbfHours === undefined) return;
      const list = processesOnHost.get(host) ?? [];
      list.push({ node, instance });
      processesOnHost.set(host, list);
    }),
  );
  for (const id of sortedHosts) {
    const region = design.hostRegion.get(id);
    const zone = design.hostZone.get(id);
    if (regionMtbf !== undefined && region !== undefined) add(unit(`region:${region}`, 'region', regionMtbf, settings?.regionMttrHours ?? RELIABILITY_DEFAULTS.mttrHours));
    if (zoneMtbf !== undefined && zone !== undefined) add(unit(`zone:${zone}`, 'zone', zoneMtbf, settings?.zoneMttrHours ?? RELIABILITY_DEFAULTS.mttrHours));
    const host = hostsById.get(id);
    add(unit(`host:${id}`, 'host', host?.mtbfHours ?? RELIABILITY_DEFAULTS.hostMtbfHours, host?.mttrHours ?? RELIABILITY_DEFAULTS.hostMttrHours));
    for (const { node, instance } of processesOnHost.get(id) ?? []) {
      const source = doc.nodes[node]!;
      add(unit(`process:${source.id}#${instance}`, 'process', source.mtbfHours!, source.mttrHours ?? RELIABILITY_DEFAULTS.mttrHours));
    }
  }

  const instanceUnits = design.instanceHosts.map((hosts, node) =>
    hosts.map((host, instance) => {
      const region = design.hostRegion.get(host);
      const zone = design.hostZone.get(host);
      const names = [`host:${host}`, `process:${design.nodes[node]!.id}#${instance}`];
      if (region !== undefined) names.push(`region:${region}`);
      if (zone !== undefined) names.push(`zone:${zone}`);
      return names.flatMap((name) => (indexByName.has(name) ? [indexByName.get(name)!] : [])).sort((a, b) => a - b);
    }),
  );
  return { units, instanceUnits };
}
