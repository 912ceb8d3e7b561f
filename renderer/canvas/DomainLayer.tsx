/**
 * Zones and regions as boxes around their servers, behind everything, drawn from the geometry.
 * They take no pointer events (a click there is a click on the open canvas) but are named groups
 * ("Zone rack-a", "Region eu-west") for screen readers and tests.
 */
import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { DomainBox } from '../../shared/layout/types';

function DomainLayerImpl({ domains }: { domains: readonly DomainBox[] }) {
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
        >
          <span className="domain-box__label">
            {domain.kind === 'zone' ? 'zone' : 'region'} {domain.name}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
}

export const DomainLayer = memo(DomainLayerImpl);
