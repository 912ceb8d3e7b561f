/**
 * Findings about where things run (SPEC §3): `spof`, `single-host`, `replicas-same-host`,
 * `remote-data` and `unplaced`.
 */
import { idsOf, realHosts, UNPLACED_HOST, type Design } from './design';
import { makeFinding } from './rules';
import { count, hostNames, listNames, listNodeNames, mapped } from './text';
import type { Finding } from './types';

/** Kinds that hold data: placing them apart from the application does not distribute it. */
const DATA_KINDS: ReadonlySet<string> = new Set(['database', 'cache', 'queue']);

/**
 * @param distributedSystems indices of the systems that are distributed (remote data is only
 *   worth explaining where the system is not).
 */
export function placementFindings(design: Design, distributedSystems: ReadonlySet<number>): Finding[] {
  return [
    ...spofFindings(design),
    ...replicaFindings(design),
    ...singleHostFindings(design),
    ...remoteDataFindings(design, distributedSystems),
    ...unplacedFindings(design),
  ];
}

/** Nodes on a request path: reachable along edges from a client or from a node nothing calls. */
export function onRequestPath(design: Design): Uint8Array {
  return design.reached();
}

function spofFindings(design: Design): Finding[] {
  const reached = onRequestPath(design);
  const findings: Finding[] = [];
  for (const node of design.nodes) {
    if (!node.isDeployable || !reached[node.index] || node.hosts.length !== 1) continue;
    const host = node.hosts[0]!;
    const copies = node.instanceCount === 1 ? '' : ` (all ${node.instanceCount} instances)`;
    const name = design.hostNameAt(node.hostIndices[0]!);
    const message =
      host === UNPLACED_HOST
        ? `${node.label} has no server yet${copies}, and unplaced instances count as one server: if it goes down, every request that needs ${node.label} fails. Place it on two or more servers.`
        : `${node.label} runs only on ${name}${copies}: if ${name} goes down, every request that needs ${node.label} fails. Run it on a second server.`;
    findings.push(makeFinding('spof', message, [node.id], hostOnly(host)));
  }
  return findings;
}

/** `realHosts([key])` without the list to filter: the host, or none for the unplaced one. */
function hostOnly(key: string): string[] {
  return key === UNPLACED_HOST ? [] : [key];
}

function replicaFindings(design: Design): Finding[] {
  const findings: Finding[] = [];
  for (const node of design.nodes) {
    if (node.instanceCount < 2 || node.hosts.length !== 1) continue;
    const host = node.hosts[0]!;
    const name = design.hostNameAt(node.hostIndices[0]!);
    const message =
      host === UNPLACED_HOST
        ? `${node.label} has ${node.instanceCount} instances and none is on a server: they count as one server, a replica set rather than a cluster.`
        : `${node.label} has ${node.instanceCount} instances, all on ${name}: a replica set, not a cluster — losing ${name} loses every copy.`;
    findings.push(makeFinding('replicas-same-host', message, [node.id], hostOnly(host)));
  }
  return findings;
}

function singleHostFindings(design: Design): Finding[] {
  const units = design.nodes.filter((n) => n.isUnit);
  if (units.length === 0) return [];
  // Exactly one host over all units (a unit with no instances adds none).
  const host = units.find((u) => u.hosts.length > 0)?.hosts[0];
  if (host === undefined || !units.every((u) => u.hosts.length === 0 || (u.hosts.length === 1 && u.hosts[0] === host))) return [];
  const where = host === UNPLACED_HOST ? 'no server yet (unplaced instances count as one)' : design.hostName(host);
  const message =
    units.length === 1
      ? `The only application unit, ${units[0]!.label}, runs on ${where} alone: the application is neither distributed nor clustered, and losing that server stops it.`
      : `Every application unit (${listNames(mapped(units, (u) => u.label))}) runs on ${where}: however the code is split, nothing is distributed, and losing that server stops them all.`;
  return [makeFinding('single-host', message, idsOf(design, mapped(units, (u) => u.index)), realHosts([host]))];
}

/**
 * A system that is not distributed but keeps data (database, cache, queue) on servers that run
 * none of its application units: SPEC §3 says this alone does not make a design distributed.
 */
function remoteDataFindings(design: Design, distributedSystems: ReadonlySet<number>): Finding[] {
  const findings: Finding[] = [];
  for (const system of design.systems) {
    if (system.units.length === 0 || distributedSystems.has(system.index)) continue;
    const unitHosts = new Set(system.units.flatMap((u) => design.nodes[u]!.hosts));
    const remote = system.nodes.filter(
      (i) => DATA_KINDS.has(design.nodes[i]!.kind) && design.nodes[i]!.hosts.some((h) => !unitHosts.has(h)),
    );
    if (remote.length === 0) continue;
    const remoteHosts = [...new Set(remote.flatMap((i) => design.nodes[i]!.hosts.filter((h) => !unitHosts.has(h))))].sort();
    const verb = remote.length === 1 ? 'runs' : 'run';
    findings.push(
      makeFinding(
        'remote-data',
        `${listNodeNames(design, remote)} ${verb} on ${listNames(hostNames(design, remoteHosts))}, apart from ${listNodeNames(design, system.units)}: data on another server does not make a design distributed — the servers do not run different application modules.`,
        idsOf(design, [...remote, ...system.units]),
        realHosts(remoteHosts),
      ),
    );
  }
  return findings;
}

function unplacedFindings(design: Design): Finding[] {
  const unplaced = design.nodes.filter((n) => n.unplacedCount > 0);
  if (unplaced.length === 0) return [];
  const total = unplaced.reduce((sum, n) => sum + n.unplacedCount, 0);
  const verb = unplaced.length === 1 ? 'has' : 'have';
  return [
    makeFinding(
      'unplaced',
      `${listNames(mapped(unplaced, (n) => n.label))} ${verb} ${count(total, 'instance')} without a server: until you place them, unplaced instances all count as one implicit server.`,
      idsOf(design, mapped(unplaced, (n) => n.index)),
      [],
    ),
  ];
}
