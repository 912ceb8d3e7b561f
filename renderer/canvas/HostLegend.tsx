/**
 * The hosts legend on the canvas: every server with its tint and what runs on it. Hovering a host
 * lights up its nodes; clicking selects it for the inspector; right-click opens the server's menu.
 */
import { memo, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Panel } from '@xyflow/react';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { useSimulationStore } from '../store/simulationStore';
import { hostTint } from './visuals';
import { useCanvasMenu } from './CanvasMenus';

function HostLegendImpl() {
  const hosts = useDocumentStore((s) => s.document.hosts);
  const nodes = useDocumentStore((s) => s.document.nodes);
  const theme = useUiStore((s) => s.theme);
  const selectedHost = useUiStore((s) => s.selection.host);
  const hostsDown = useSimulationStore((s) => s.hostsDown);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    let unplaced = 0;
    for (const node of nodes) {
      for (const instance of node.instances ?? []) {
        if (instance.host) map.set(instance.host, (map.get(instance.host) ?? 0) + 1);
        else unplaced += 1;
      }
      if (node.kind !== 'client' && !node.instances) unplaced += 1;
    }
    return { map, unplaced };
  }, [nodes]);
  // Many hosts would cover the drawing: folded when a design has more than six, one click away.
  const many = hosts.length > 6;
  const [open, setOpen] = useState(!many);
  useEffect(() => setOpen(!many), [many]);
  if (hosts.length === 0 && counts.unplaced === 0) return null;
  const ui = useUiStore.getState;
  return (
    <Panel position="top-right" className="host-legend" aria-label="Hosts">
      <button type="button" className="host-legend__title" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Hosts ({hosts.length})
      </button>
      {open && <ul>
        {hosts.map((host, index) => {
          const down = hostsDown.includes(host.id);
          return (
            <li key={host.id}>
              <button
                type="button"
                className={`host-legend__item${selectedHost === host.id ? ' is-selected' : ''}${down ? ' is-down' : ''}`}
                style={{ '--host-color': hostTint(index, theme) } as CSSProperties}
                onClick={() => ui().select({ nodes: [], edges: [], host: host.id })}
                onContextMenu={(event) => {
                  event.preventDefault();
                  useCanvasMenu.getState().open({ kind: 'host', id: host.id }, event.clientX, event.clientY);
                }}
                onMouseEnter={() => ui().setHoverHighlight({ nodes: [], hosts: [host.id], source: `host:${host.id}` })}
                onMouseLeave={() => ui().setHoverHighlight(null)}
                aria-label={`Host ${host.name}${down ? ', down' : ''}`}
              >
                <span className="host-legend__swatch" aria-hidden="true" />
                <span className="host-legend__name">{host.name}</span>
                {down ? <span className="host-legend__down">✖ down</span> : <span className="host-legend__count">{counts.map.get(host.id) ?? 0}</span>}
              </button>
            </li>
          );
        })}
        {counts.unplaced > 0 && (
          <li>
            <span className="host-legend__item is-unplaced" title="Instances without a host count as one implicit host">
              <span className="host-legend__swatch" aria-hidden="true" />
              <span className="host-legend__name">unplaced</span>
              <span className="host-legend__count">{counts.unplaced}</span>
            </span>
          </li>
        )}
      </ul>}
    </Panel>
  );
}

export const HostLegend = memo(HostLegendImpl);
