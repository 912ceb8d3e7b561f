/**
 * How a system is split into application units (SPEC §3, microservices): by business capability
 * (microservices), by technical layer (`technical-split`), partly (`hybrid`), or with a capability
 * owned twice (`capability-overlap`). Services that declare neither capabilities nor a layer own
 * one capability of their own (`implicit-capability`).
 */
import { compareText, idsOf, type Design, type DesignNode, type DesignSystem } from './design';
import { makeFinding } from './rules';
import { kept, listNames, mapped } from './text';
import type { Evidence, Finding } from './types';

export interface DecompositionJudgement {
  /** True when the system is microservices; then `evidence` says why. */
  readonly microservices: boolean;
  readonly evidence: Evidence | undefined;
  readonly findings: readonly Finding[];
}

/**
 * What a unit owns; `implicit` marks a service that declared neither capabilities nor a layer. A unit
 * is one deployable: application units sharing a `codebase` (web and worker roles of one image) are
 * one unit here, named by all its roles.
 */
interface Ownership {
  /** The roles of the deployable, ascending by id (one node for most units). */
  readonly members: readonly DesignNode[];
  /** How messages name the unit: "Web" or "Web and Sidekiq". */
  readonly label: string;
  /** A monolith when any role is one, else the roles' kind. */
  readonly kind: DesignNode['kind'];
  readonly layer: string | undefined;
  /**
   * Capability keys (lower case), each once, and beside each the spelling first seen, for
   * messages. Two lists, not a Map per unit: a unit owns a handful of capabilities.
   */
  readonly capabilityKeys: readonly string[];
  readonly capabilitySpellings: readonly string[];
  readonly implicit: boolean;
  /** Defined by a technical layer and no capability. */
  readonly layered: boolean;
}

function ownershipOf(members: readonly DesignNode[]): Ownership {
  if (members.length === 1 && members[0]!.capabilities.length <= 1) return ownershipOfOne(members);
  const capabilityKeys: string[] = [];
  const capabilitySpellings: string[] = [];
  let seen: Set<string> | undefined; // only for a unit with many capabilities
  let kind = members[0]!.kind;
  let layer: string | undefined;
  for (const member of members) {
    if (member.kind === 'monolith') kind = 'monolith';
    if (layer === undefined) layer = member.layer;
    for (const capability of member.capabilities) {
      const key = capability.toLowerCase(); // "Orders" and "orders" are one business capability
      if (seen !== undefined ? seen.has(key) : capabilityKeys.includes(key)) continue;
      capabilityKeys.push(key);
      capabilitySpellings.push(capability);
      if (seen !== undefined) seen.add(key);
      else if (capabilityKeys.length > 16) seen = new Set(capabilityKeys);
    }
  }
  const label = members.length === 1 ? members[0]!.label : listNames(mapped(members, (m) => m.label));
  const layered = capabilityKeys.length === 0 && layer !== undefined;
  // The implicit capability is keyed by the deployable in a namespace of its own: it is the unit's
  // by definition, so it never overlaps another, and renaming the unit cannot change labels.
  const implicit = capabilityKeys.length === 0 && !layered && kind === 'service';
  if (implicit) {
    capabilityKeys.push(`\u0000${members[0]!.deployable}`);
    capabilitySpellings.push(label);
  }
  return { members, label, kind, layer, capabilityKeys, capabilitySpellings, implicit, layered };
}

/**
 * `ownershipOf` a unit of one role with at most one capability (most units): the node's own list
 * serves as the spellings, and no list grows by `push` (a pushed-to list reserves 17 slots).
 */
function ownershipOfOne(members: readonly DesignNode[]): Ownership {
  const member = members[0]!;
  const { label, kind, layer } = member;
  if (member.capabilities.length === 1) {
    const capabilityKeys = [member.capabilities[0]!.toLowerCase()];
    return { members, label, kind, layer, capabilityKeys, capabilitySpellings: member.capabilities, implicit: false, layered: false };
  }
  const layered = layer !== undefined;
  const implicit = !layered && kind === 'service';
  if (!implicit) return { members, label, kind, layer, capabilityKeys: NO_CAPABILITIES, capabilitySpellings: NO_CAPABILITIES, implicit, layered };
  return { members, label, kind, layer, capabilityKeys: [`\u0000${member.deployable}`], capabilitySpellings: [label], implicit, layered };
}

const NO_CAPABILITIES: readonly string[] = [];

/**
 * The system's units grouped by deployable (codebase), in the order of their first role. A unit
 * without a codebase is a deployable of its own (its key is its id), so only units with one are
 * looked up.
 */
function deployablesOf(design: Design, system: DesignSystem): DesignNode[][] {
  const groups: DesignNode[][] = [];
  let byCodebase: Map<string, DesignNode[]> | undefined;
  for (const index of system.units) {
    const unit = design.nodes[index]!;
    if (unit.deployable.charCodeAt(0) === 0) {
      groups.push([unit]);
      continue;
    }
    byCodebase ??= new Map();
    const group = byCodebase.get(unit.deployable);
    if (group) group.push(unit);
    else {
      const roles = [unit];
      byCodebase.set(unit.deployable, roles);
      groups.push(roles);
    }
  }
  return groups;
}

/** The node indices of the owners' roles, owner by owner. */
function indicesOf(owners: readonly Ownership[]): number[] {
  const indices: number[] = [];
  for (const owner of owners) for (const member of owner.members) indices.push(member.index);
  return indices;
}

/** One `shared-codebase` finding per deployable that runs in several roles. */
function sharedCodebases(design: Design, groups: readonly DesignNode[][]): Finding[] {
  // `kept` and `mapped`: the list the judgement pushes its findings onto keeps one kind (see `mapped`).
  return mapped(
    kept(groups, (group) => group.length > 1),
    (group) =>
      makeFinding(
        'shared-codebase',
        `${listNames(mapped(group, (m) => m.label))} run one codebase: one deployable in ${group.length} roles, not ${group.length} services.`,
        idsOf(design, mapped(group, (m) => m.index)),
        [],
      ),
  );
}

/** Judges one system; systems with fewer than two deployables are never microservices. */
export function judgeDecomposition(design: Design, system: DesignSystem): DecompositionJudgement {
  const groups = deployablesOf(design, system);
  const findings: Finding[] = sharedCodebases(design, groups);
  if (groups.length < 2) return { microservices: false, evidence: undefined, findings };
  const owners = mapped(groups, ownershipOf);

  for (const owner of owners) {
    if (!owner.implicit) continue;
    const one = owner.members.length === 1;
    findings.push(
      makeFinding(
        'implicit-capability',
        `${owner.label} ${one ? 'declares' : 'declare'} neither capabilities nor a layer, so ${one ? 'it counts' : 'they count'} as owning one business capability of ${one ? 'its' : 'their'} own, "${owner.label}"; declare ${one ? 'its' : 'their'} capabilities to make the split explicit.`,
        idsOf(design, mapped(owner.members, (m) => m.index)),
        [],
      ),
    );
  }

  const layered = kept(owners, (o) => o.layered);
  if (layered.length > 0) {
    const layers = [...new Set(mapped(layered, (o) => o.layer!))].sort(compareText);
    findings.push(
      makeFinding(
        'technical-split',
        `${listNames(mapped(layered, (o) => o.label))} ${layered.length === 1 && layered[0]!.members.length === 1 ? 'is' : 'are'} defined by technical layer (${listNames(mapped(layers, (l) => `"${l}"`), 8)}), not by business capability: a technical split is not microservices, wherever it runs.`,
        idsOf(design, indicesOf(layered)),
        [],
      ),
    );
  }

  const monoliths = kept(owners, (o) => o.kind === 'monolith');
  const services = kept(owners, (o) => o.kind === 'service');
  if (monoliths.length > 0 && services.length > 0) {
    findings.push(
      makeFinding(
        'hybrid',
        `The monolith${monoliths.length === 1 ? '' : 's'} ${listNames(mapped(monoliths, (o) => o.label))} ${monoliths.length === 1 ? 'runs' : 'run'} beside the service${services.length === 1 ? '' : 's'} ${listNames(mapped(services, (o) => o.label))}: a partial decomposition, not microservices.`,
        idsOf(design, system.units),
        [],
      ),
    );
  }

  const overlaps = capabilityOverlaps(design, owners);
  findings.push(...overlaps);

  const microservices =
    monoliths.length === 0 && layered.length === 0 && overlaps.length === 0 && owners.every((o) => o.capabilityKeys.length > 0);
  if (!microservices) return { microservices, evidence: undefined, findings };

  const explicit = owners.flatMap((o) => (o.implicit ? [] : o.capabilitySpellings));
  const named = explicit.length > 0 ? ` (${listNames(mapped(explicit, (c) => `"${c}"`), 6)})` : '';
  return {
    microservices,
    evidence: {
      label: 'microservices',
      message: `${listNames(mapped(owners, (o) => o.label))} are ${owners.length} services split by business capability${named}: each owns its capabilities and none is owned twice.`,
      nodes: idsOf(design, system.units),
      hosts: [],
    },
    findings,
  };
}

function byKey(a: SharedCapability, b: SharedCapability): number {
  return compareText(a.key, b.key);
}

interface SharedCapability {
  readonly key: string;
  /** The spelling its first owner uses. */
  readonly spelling: string;
  /** Positions of its owners, ascending. */
  readonly owners: number[];
}

/** One `capability-overlap` finding per group of units that own the same capabilities. */
function capabilityOverlaps(design: Design, owners: readonly Ownership[]): Finding[] {
  // The first owner of each capability; an entry with all its owners only once it has a second.
  const firstOwner = new Map<string, number>();
  const shared: SharedCapability[] = [];
  let sharedByKey: Map<string, SharedCapability> | undefined;
  for (let position = 0; position < owners.length; position++) {
    const owner = owners[position]!;
    for (let c = 0; c < owner.capabilityKeys.length; c++) {
      const key = owner.capabilityKeys[c]!;
      const first = firstOwner.get(key);
      if (first === undefined) {
        firstOwner.set(key, position);
        continue;
      }
      sharedByKey ??= new Map();
      const entry = sharedByKey.get(key);
      if (entry) entry.owners.push(position);
      else {
        const firstKeys = owners[first]!.capabilityKeys;
        const spelling = owners[first]!.capabilitySpellings[firstKeys.indexOf(key)]!;
        const created = { key, spelling, owners: [first, position] };
        sharedByKey.set(key, created);
        shared.push(created);
      }
    }
  }
  // Group shared capabilities by the exact set of their owners: "A and B both own x and y".
  const groups = new Map<string, { owners: number[]; capabilities: string[] }>();
  // Only shared capabilities matter: sort those alone (by key, code-unit order as compareText).
  for (const entry of shared.sort(byKey)) {
    const signature = entry.owners.join(',');
    const group = groups.get(signature);
    if (group) group.capabilities.push(entry.spelling);
    else groups.set(signature, { owners: entry.owners, capabilities: [entry.spelling] });
  }
  return [...groups.values()].map((group) => {
    const sharing = mapped(group.owners, (position) => owners[position]!);
    const names = listNames(mapped(sharing, (o) => o.label));
    const what = listNames(mapped(group.capabilities, (c) => `"${c}"`), 6);
    const both = group.owners.length === 2 ? 'both own' : 'all own';
    const noun = group.capabilities.length === 1 ? 'capability' : 'capabilities';
    return makeFinding(
      'capability-overlap',
      `${names} ${both} the business ${noun} ${what}: a capability owned by two units couples them, so this is not microservices.`,
      idsOf(design, indicesOf(sharing)),
      [],
    );
  });
}
