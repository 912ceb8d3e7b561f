/**
 * Findings about failure domains (SPEC §7): a node whose servers all sit in one zone (or region)
 * while the design has others, so one zone (or region) outage takes it down although no single
 * server does. `zone-spof` and `region-spof` are for nodes on a request path, `replicas-one-zone`
 * for replicated nodes off it (on a path, `zone-spof` already says it); a node on one server is
 * left to `spof` and `replicas-same-host`, which name the smaller failure. A replicated database or
 * cache (SPEC §8) gets `replicas-one-zone` on a request path too, in place of `zone-spof`: its
 * replicas are what the zone outage takes, and the fix is a replica elsewhere.
 */
import { isDataStore } from '../document';
import { realHosts, type Design, type DesignNode } from './design';
import { onRequestPath } from './placement';
import { makeFinding } from './rules';
import type { Finding } from './types';

export function domainFindings(design: Design): Finding[] {
  if (design.zones.length < 2 && design.regions.length < 2) return [];
  const reached = onRequestPath(design);
  const findings: Finding[] = [];
  for (const node of design.nodes) {
    if (!node.isDeployable || node.hosts.length < 2) continue;
    const zone = design.zones.length >= 2 ? soleDomain(design, node, 'zone') : undefined;
    const region = design.regions.length >= 2 ? soleDomain(design, node, 'region') : undefined;
    if (zone === undefined && region === undefined) continue;
    const hosts = realHosts(node.hosts);
    if (isReplicated(node) && node.instanceCount >= 2 && zone !== undefined) {
      findings.push(
        makeFinding(
          'replicas-one-zone',
          `${node.label} keeps ${node.instanceCount} replicas, all in zone ${zone}: a zone outage takes every replica down at once — no follower is left to take over and no quorum to answer${reached[node.index] ? `, so every request that needs ${node.label} fails` : ''}. Put a replica in a second zone.`,
          [node.id],
          hosts,
        ),
      );
    } else if (reached[node.index] && zone !== undefined) {
      findings.push(
        makeFinding('zone-spof', `${node.label} runs on ${node.hosts.length} servers, all in zone ${zone}: if zone ${zone} goes down, every request that needs ${node.label} fails. Run it in a second zone.`, [node.id], hosts),
      );
    } else if (reached[node.index] && region !== undefined) {
      findings.push(
        makeFinding('region-spof', `${node.label} runs only in region ${region}: if region ${region} goes down, every request that needs ${node.label} fails. Run it in a second region.`, [node.id], hosts),
      );
    } else if (!reached[node.index] && node.instanceCount >= 2 && zone !== undefined) {
      findings.push(
        makeFinding('replicas-one-zone', `${node.label} has ${node.instanceCount} instances, all in zone ${zone}: a zone outage takes every copy down at once. Spread them over two zones.`, [node.id], hosts),
      );
    }
  }
  return findings;
}

/** A database or cache with `replication`: its instances are replicas. */
function isReplicated(node: DesignNode): boolean {
  return node.source.replication !== undefined && isDataStore(node.kind);
}

/** The one zone (or region) every server of the node names; undefined if they differ or one names none. */
function soleDomain(design: Design, node: DesignNode, domain: 'zone' | 'region'): string | undefined {
  const hosts = node.hostIndices;
  const first = design.hostDomainAt(hosts[0]!, domain);
  if (first === undefined) return undefined;
  for (let h = 1; h < hosts.length; h++) if (design.hostDomainAt(hosts[h]!, domain) !== first) return undefined;
  return first;
}
