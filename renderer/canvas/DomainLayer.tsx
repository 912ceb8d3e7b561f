/**
 * Zones and regions as boxes around their servers, behind everything, drawn from the geometry.
 * They take no pointer events (a click there is a click on the open canvas) but are named groups
 * ("Zone rack-a", "Region eu-west") for screen readers and tests.
 */
import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { DomainBox } from '../../shared/layout/types';
import { useDocumentStore } from '../store/documentStore';
import { useSimulationStore } from '../store/simulationStore';

/** The zones and regions (as `kind:name`) whose every server is down in the running simulation. */
function useDownDomains(): ReadonlySet<string> {
  const hostsDown = useSimulationStore((s) => s.hostsDown);
  const hosts = useDocumentStore((s) => s.document.hosts);
  if (hostsDown.length === 0) return EMPTY;
  const down = new Set(hostsDown);
  const up = new Set<string>();
  const seen = new Set<string>();
  for (const host of hosts) {
    for (const key of [host.zone === undefined ? null : `zone:${host.zone}`, host.region === undefined ? null : `region:${host.region}`]) {
      if (key === null) continue;
      seen.add(key);
      if (!down.has(host.id)) up.add(key);
    }
  }
  return new Set([...seen].filter((key) => !up.has(key)));
}
const EMPTY: ReadonlySet<string> = new Set();

function DomainLayerImpl({ domains }: { domains: readonly DomainBox[] }) {
  const downDomains = useDownDomains();
  if (domains.length === 0) return null;
  return (
    <ViewportPortal>
      {domains.map((domain) => (
        <div
          key={`${domain.kind}:${domain.region ?? ''}:${domain.name}`}
          className={`domain-box domain-box--${domain.kind}`}
          style={{ transform: `translate(${domain.x}px, ${domain.y}px)`, width: domain.width, height: domain.height }}
          role="group"
          aria-label={`${domain.kind === 'zone' ? 'Zone' : 'Region'} ${domain.name}`}
          data-state={downDomains.has(`${domain.kind}:${domain.name}`) ? 'down' : 'up'}
        >
          <span className="domain-box__label">
            {domain.kind === 'zone' ? 'zone' : 'region'} {domain.name}
            {downDomains.has(`${domain.kind}:${domain.name}`) ? ' ✖ down' : ''}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
}

export const DomainLayer = memo(DomainLayerImpl);
