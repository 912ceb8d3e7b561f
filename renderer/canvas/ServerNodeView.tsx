/**
 * A server box: always exactly one per document host, sized by the layout to hold its instance
 * cards (its React Flow children). Its header names the server in the host's tint; a downed
 * server (while simulating) says so in text and colour. Dragging the box moves it with its cards.
 */
import { memo, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useSimulationStore } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { hostTint } from './visuals';
import type { ServerFlowNode } from './toFlow';
import { useCompareStore } from '../store/compareStore';
import { MARK_GLYPH } from '../store/compareMarks';

function ServerNodeViewImpl({ data, selected }: NodeProps<ServerFlowNode>) {
  const { server, highlighted, dimmed } = data;
  const theme = useUiStore((s) => s.theme);
  const compared = useCompareStore((s) => s.comparison?.marks.hosts[data.server.hostId]);
  const down = useSimulationStore((s) => s.hostsDown.includes(server.hostId));
  const className = ['server-box', selected ? 'is-selected' : '', highlighted ? 'is-highlighted' : '', dimmed ? 'is-dimmed' : '', down ? 'is-down' : '', compared ? `compare-${compared}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} style={{ '--host-color': hostTint(server.index, theme) } as CSSProperties} data-testid={`server-${server.hostId}`}>
      <div className="server-box__header" title={server.zone ? `${server.name} · zone ${server.zone}` : server.name}>
        <svg className="server-box__icon" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
          <rect x="3" y="4" width="18" height="7" rx="1.5" />
          <rect x="3" y="13" width="18" height="7" rx="1.5" />
        </svg>
        <span className="server-box__name">{server.name}</span>
        {down && <span className="server-box__down">✖ down</span>}
        {compared && (
          <span className={`compare-badge compare-badge--${compared} compare-badge--server`}>
            <span aria-hidden="true">{MARK_GLYPH[compared]}</span> {compared}
          </span>
        )}
      </div>
    </div>
  );
}

export const ServerNodeView = memo(ServerNodeViewImpl);
