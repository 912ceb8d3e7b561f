/**
 * A call as the layout routed it: an orthogonal polyline with an arrowhead, dashed when
 * asynchronous, dotted when optional, labelled (once per call) with retries/timeouts at the
 * layout's label spot, and marked when its circuit breaker is open. While one of its cards is
 * being dragged the stored route is stale, so the line follows the cards with a step path.
 * While a run is live the line's width follows the call's throughput (log scale, see throughput.ts),
 * and a transaction coordinator's calls to its participants are marked while transactions are open
 * on them: in doubt (2PC) or inside a saga's inconsistency window.
 */
import { memo, type CSSProperties } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import type { Position } from '../../shared/document';
import { useSimulationStore } from '../store/simulationStore';
import { useDragState } from './canvasState';
import { lineWidthFor } from '../model/throughput';
import type { TopologyFlowEdge } from './toFlow';
import { useCompareStore } from '../store/compareStore';
import { MARK_GLYPH } from '../store/compareMarks';

function labelOf(edge: TopologyFlowEdge['data'] & object): string {
  const e = edge.edge;
  const parts: string[] = [];
  if (e.purpose === 'session') parts.push('⚷ session');
  if (e.purpose === 'lock') parts.push('⊓ lock');
  if (edge.asynchronous) parts.push('async');
  if (e.optional) parts.push('optional');
  if (e.timeoutMs !== undefined) parts.push(`${e.timeoutMs} ms`);
  if (e.retries) parts.push(`↻${e.retries}`);
  if (e.circuitBreaker) parts.push('breaker');
  if (e.weight !== undefined && e.weight !== 1) parts.push(`w${e.weight}`);
  if (e.probability !== undefined && e.probability !== 1) parts.push(`p${e.probability}`);
  return parts.join(' · ');
}

/** SVG path of a polyline with slightly rounded corners (radius in canvas pixels). */
export function polylinePath(points: readonly Position[], radius = 6): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length; i += 1) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const prev = points[i - 1]!;
    const inLength = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLength = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r <= 0) {
      d += ` L ${p.x} ${p.y}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLength) * r, y: p.y - ((p.y - prev.y) / inLength) * r };
    const b = { x: p.x + ((next.x - p.x) / outLength) * r, y: p.y + ((next.y - p.y) / outLength) * r };
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}

function TopologyEdgeViewImpl(props: EdgeProps<TopologyFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const callId = data?.edge.id ?? id;
  const breakerOpen = useSimulationStore((s) => s.openBreakers.includes(callId));
  // Rounded to a quarter pixel so small rate changes do not re-render the edge.
  const width = useSimulationStore((s) => (s.playState === 'idle' ? 0 : Math.round(lineWidthFor(s.edgeRates[callId] ?? 0) * 4) / 4));
  const compared = useCompareStore((s) => s.comparison?.marks.edges[callId]);
  const moving = useDragState((s) => s.moving.has(source) || s.moving.has(target));
  const caller = data?.edge.from;
  // A string, so the selector stays stable: '' unless the caller has open transactions.
  const open = useSimulationStore((s) => {
    const live = caller === undefined ? undefined : s.nodes[caller];
    return (live?.inDoubt ?? 0) > 0 ? 'is-in-doubt' : (live?.inconsistent ?? 0) > 0 ? 'is-in-window' : '';
  });
  if (!data) return null;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (moving || data.route.points.length < 2) {
    [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 6 });
  } else {
    path = polylinePath(data.route.points);
    labelX = data.route.label.x;
    labelY = data.route.label.y;
  }
  const asynchronous = data.asynchronous;
  const label = data.labelled ? labelOf(data) : '';
  const className = ['topo-edge', selected ? 'is-selected' : '', data.highlighted ? 'is-highlighted' : '', asynchronous ? 'is-async' : '', data.edge.optional ? 'is-optional' : '', breakerOpen ? 'is-open' : '', open, compared ? `compare-${compared}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={className}
        markerEnd={markerEnd ?? 'url(#topo-arrow)'}
        interactionWidth={14}
        {...(width > 0 ? { style: { '--call-width': `${width}px` } as CSSProperties } : {})}
      />
      {compared && data.labelled && (
        <EdgeLabelRenderer>
          <div className={`compare-badge compare-badge--${compared} compare-badge--edge`} style={{ transform: `translate(-50%, -150%) translate(${labelX}px, ${labelY}px)` }}>
            <span aria-hidden="true">{MARK_GLYPH[compared]}</span> {compared}
          </div>
        </EdgeLabelRenderer>
      )}
      {(label || (breakerOpen && data.labelled)) && (
        <EdgeLabelRenderer>
          <div className={`topo-edge-label${breakerOpen ? ' is-open' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {breakerOpen ? '⊘ circuit open' : label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TopologyEdgeView = memo(TopologyEdgeViewImpl);
