/** Pure edits of a document's hosts: add, rename, delete (its instances become unplaced). */
import { allIds, faultMentions, uniqueName, type RemovalReport } from './edit';
import type { Fault, Host, TopologyDocument } from './schema';

export function addHost(doc: TopologyDocument, name?: string): { document: TopologyDocument; id: string } {
  const taken = allIds(doc);
  let n = doc.hosts.length + 1;
  while (taken.has(`h${n}`)) n += 1;
  const id = `h${n}`;
  const hostName = name ?? uniqueName(`server-${n}`, doc.hosts.map((h) => h.name));
  return { document: { ...doc, hosts: [...doc.hosts, { id, name: hostName }] }, id };
}

export function updateHost(doc: TopologyDocument, id: string, patch: Partial<Omit<Host, 'id'>>): TopologyDocument {
  return {
    ...doc,
    hosts: doc.hosts.map((host) => {
      if (host.id !== id) return host;
      const next: Record<string, unknown> = { ...host, ...patch };
      for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete next[key];
      return next as Host;
    }),
  };
}

export interface HostRemovalReport extends RemovalReport {
  /** Names of the nodes that had an instance on the host; those instances are now unplaced. */
  readonly unplacedNodes: string[];
}

/** Deletes a host; its instances stay but lose their host (unplaced), and faults on it are dropped. */
export function deleteHost(doc: TopologyDocument, id: string): HostRemovalReport {
  const unplaced: string[] = [];
  const nodes = doc.nodes.map((node) => {
    if (!node.instances?.some((i) => i.host === id)) return node;
    unplaced.push(node.name);
    return {
      ...node,
      instances: node.instances.map((instance) => {
        if (instance.host !== id) return instance;
        const { host: _removed, ...rest } = instance;
        return rest;
      }),
    };
  });
  const dropped: string[] = [];
  const hostIds = new Set([id]);
  const scenarios = doc.scenarios?.map((scenario) => ({
    ...scenario,
    faults: scenario.faults.flatMap((fault): Fault[] => {
      if (fault.type === 'host-down' && fault.target === id) {
        dropped.push(`${scenario.name}: host-down ${id}`);
        return [];
      }
      if (fault.type === 'partition' && faultMentions(fault, new Set(), hostIds)) {
        const groups = fault.groups.map((g) => g.filter((h) => h !== id)).filter((g) => g.length > 0);
        if (groups.length < 2) {
          dropped.push(`${scenario.name}: partition`);
          return [];
        }
        return [{ ...fault, groups }];
      }
      return [fault];
    }),
  }));
  const next: TopologyDocument = { ...doc, hosts: doc.hosts.filter((h) => h.id !== id), nodes };
  if (scenarios) next.scenarios = scenarios;
  return { document: next, droppedFaults: dropped, unplacedNodes: unplaced };
}

/**
 * Hosts that instances name but `hosts` does not declare, in order of first mention. Such a file
 * opens in the app (which offers to create them) and is refused by the CLI.
 */
export function missingHosts(doc: TopologyDocument): string[] {
  const declared = new Set(doc.hosts.map((h) => h.id));
  const missing: string[] = [];
  for (const node of doc.nodes) {
    for (const instance of node.instances ?? []) {
      const host = instance.host;
      if (host !== undefined && !declared.has(host) && !missing.includes(host)) missing.push(host);
    }
  }
  return missing;
}

/** Declares every missing host as a server named by its id; the same document when none is missing. */
export function declareMissingHosts(doc: TopologyDocument): TopologyDocument {
  const missing = missingHosts(doc);
  if (missing.length === 0) return doc;
  return { ...doc, hosts: [...doc.hosts, ...missing.map((id): Host => ({ id, name: id }))] };
}
