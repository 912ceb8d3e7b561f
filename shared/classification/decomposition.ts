/**
 * How a system is split into application units (SPEC §3, microservices): by business capability
 * (microservices), by technical layer (`technical-split`), partly (`hybrid`), or with a capability
 * owned twice (`capability-overlap`). Services that declare neither capabilities nor a layer own
 * one capability of their own (`implicit-capability`).
 */
import { compareText, idsOf, type Design, type DesignNode, type DesignSystem } from './design';
import { makeFinding } from './rules';
import { listNames, nodeNames } from './text';
import type { Evidence, Finding } from './types';

export interface DecompositionJudgement {
  /** True when the system is microservices; then `evidence` says why. */
  readonly microservices: boolean;
  readonly evidence: Evidence | undefined;
  readonly findings: readonly Finding[];
}

/** What a unit owns; `implicit` marks a service that declared neither capabilities nor a layer. */
interface Ownership {
  readonly unit: DesignNode;
  /** Capability keys (lower case) with the spelling first seen, for messages. */
  readonly capabilities: ReadonlyMap<string, string>;
  readonly implicit: boolean;
  /** Defined by a technical layer and no capability. */
  readonly layered: boolean;
}

function ownershipOf(unit: DesignNode): Ownership {
  const capabilities = new Map<string, string>();
  for (const capability of unit.capabilities) {
    const key = capability.toLowerCase(); // "Orders" and "orders" are one business capability
    if (!capabilities.has(key)) capabilities.set(key, capability);
  }
  const layered = capabilities.size === 0 && unit.layer !== undefined;
  // The implicit capability is keyed by id in a namespace of its own: it is the unit's by
  // definition, so it never overlaps another, and renaming the unit cannot change labels.
  const implicit = capabilities.size === 0 && !layered && unit.kind === 'service';
  if (implicit) capabilities.set(`\u0000${unit.id}`, unit.label);
  return { unit, capabilities, implicit, layered };
}

/** Judges one system; systems with fewer than two units are never microservices and get no findings. */
export function judgeDecomposition(design: Design, system: DesignSystem): DecompositionJudgement {
  if (system.units.length < 2) return { microservices: false, evidence: undefined, findings: [] };
  const owners = system.units.map((i) => ownershipOf(design.nodes[i]!));
  const findings: Finding[] = [];

  for (const owner of owners) {
    if (!owner.implicit) continue;
    findings.push(
      makeFinding(
        'implicit-capability',
        `${owner.unit.label} declares neither capabilities nor a layer, so it counts as owning one business capability of its own, "${owner.unit.label}"; declare its capabilities to make the split explicit.`,
        [owner.unit.id],
        [],
      ),
    );
  }

  const layered = owners.filter((o) => o.layered);
  if (layered.length > 0) {
    const layers = [...new Set(layered.map((o) => o.unit.layer!))].sort(compareText);
    findings.push(
      makeFinding(
        'technical-split',
        `${listNames(layered.map((o) => o.unit.label))} ${layered.length === 1 ? 'is' : 'are'} defined by technical layer (${listNames(layers.map((l) => `"${l}"`), 8)}), not by business capability: a technical split is not microservices, wherever it runs.`,
        idsOf(design, layered.map((o) => o.unit.index)),
        [],
      ),
    );
  }

  const monoliths = owners.filter((o) => o.unit.kind === 'monolith');
  const services = owners.filter((o) => o.unit.kind === 'service');
  if (monoliths.length > 0 && services.length > 0) {
    findings.push(
      makeFinding(
        'hybrid',
        `The monolith${monoliths.length === 1 ? '' : 's'} ${listNames(monoliths.map((o) => o.unit.label))} ${monoliths.length === 1 ? 'runs' : 'run'} beside the service${services.length === 1 ? '' : 's'} ${listNames(services.map((o) => o.unit.label))}: a partial decomposition, not microservices.`,
        idsOf(design, system.units),
        [],
      ),
    );
  }

  const overlaps = capabilityOverlaps(design, owners);
  findings.push(...overlaps);

  const microservices =
    monoliths.length === 0 && layered.length === 0 && overlaps.length === 0 && owners.every((o) => o.capabilities.size > 0);
  if (!microservices) return { microservices, evidence: undefined, findings };

  const explicit = owners.flatMap((o) => (o.implicit ? [] : [...o.capabilities.values()]));
  const named = explicit.length > 0 ? ` (${listNames(explicit.map((c) => `"${c}"`), 6)})` : '';
  return {
    microservices,
    evidence: {
      label: 'microservices',
      message: `${listNames(nodeNames(design, system.units))} are ${system.units.length} services split by business capability${named}: each owns its capabilities and none is owned twice.`,
      nodes: idsOf(design, system.units),
      hosts: [],
    },
    findings,
  };
}

/** One `capability-overlap` finding per group of units that own the same capabilities. */
function capabilityOverlaps(design: Design, owners: readonly Ownership[]): Finding[] {
  const ownersOf = new Map<string, { spelling: string; units: number[] }>();
  for (const owner of owners) {
    for (const [key, spelling] of owner.capabilities) {
      const entry = ownersOf.get(key);
      if (entry) entry.units.push(owner.unit.index);
      else ownersOf.set(key, { spelling, units: [owner.unit.index] });
    }
  }
  // Group shared capabilities by the exact set of their owners: "A and B both own x and y".
  const groups = new Map<string, { units: number[]; capabilities: string[] }>();
  for (const [, entry] of [...ownersOf].sort((a, b) => compareText(a[0], b[0]))) {
    if (entry.units.length < 2) continue;
    const signature = entry.units.join(',');
    const group = groups.get(signature);
    if (group) group.capabilities.push(entry.spelling);
    else groups.set(signature, { units: entry.units, capabilities: [entry.spelling] });
  }
  return [...groups.values()].map((group) => {
    const names = listNames(nodeNames(design, group.units));
    const what = listNames(group.capabilities.map((c) => `"${c}"`), 6);
    const both = group.units.length === 2 ? 'both own' : 'all own';
    const noun = group.capabilities.length === 1 ? 'capability' : 'capabilities';
    return makeFinding(
      'capability-overlap',
      `${names} ${both} the business ${noun} ${what}: a capability owned by two units couples them, so this is not microservices.`,
      idsOf(design, group.units),
      [],
    );
  });
}
