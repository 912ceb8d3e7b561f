/** A replica group: one service with several instances, each on its own server. */
import { addNode } from './edit';
import { addHost } from './hosts';
import type { Position, TopologyDocument } from './schema';

/** How many instances a new replica group has (one per server). */
export const REPLICA_GROUP_SIZE = 3;

/**
 * Adds a service with `size` instances on the first `size` hosts of the design, creating servers
 * when there are fewer, so each instance runs on a different server.
 */
export function addReplicaGroup(
  doc: TopologyDocument,
  position: Position,
  size: number = REPLICA_GROUP_SIZE,
): { document: TopologyDocument; id: string; createdHosts: string[] } {
  let document = doc;
  const hostIds = document.hosts.map((h) => h.id);
  const createdHosts: string[] = [];
  while (hostIds.length < size) {
    const added = addHost(document);
    document = added.document;
    hostIds.push(added.id);
    createdHosts.push(added.id);
  }
  const instances = hostIds.slice(0, size).map((host) => ({ host }));
  const result = addNode(document, 'service', { position, instances });
  return { document: result.document, id: result.id, createdHosts };
}
