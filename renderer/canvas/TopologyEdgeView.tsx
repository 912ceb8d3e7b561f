/**
 * An edge: a bezier with an arrowhead; dashed when asynchronous, hollow-dotted when optional,
 * labelled with retries/timeouts, and marked when its circuit breaker is open during a simulation.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useSimulationStore } from '../store/simulationStore';
import type { TopologyFlowEdge } from './toFlow';

function labelOf(edge: TopologyFlowEdge['data'] & object): string {
  const e = edge.edge;
  const parts: string[] = [];
  if (edge.asynchronous) parts.push('async');
  if (e.optional) parts.push('optional');
  if (e.timeoutMs !== undefined) parts.push(`${e.timeoutMs} ms`);
  if (e.retries) parts.push(`↻${e.retries}`);
  if (e.circuitBreaker) parts.push('breaker');
  if (e.weight !== undefined && e.weight !== 1) parts.push(`w${e.weight}`);
  if (e.probability !== undefined && e.probability !== 1) parts.push(`p${e.probability}`);
  return parts.join(' · ');
}

function TopologyEdgeViewImpl(props: EdgeProps<TopologyFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const breakerOpen = useSimulationStore((s) => s.openBreakers.includes(id));
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  const asynchronous = data.asynchronous;
  const label = labelOf(data);
  const className = ['topo-edge', selected ? 'is-selected' : '', data.highlighted ? 'is-highlighted' : '', asynchronous ? 'is-async' : '', data.edge.optional ? 'is-optional' : '', breakerOpen ? 'is-open' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} className={className} markerEnd={markerEnd ?? 'url(#topo-arrow)'} interactionWidth={16} />
      {(label || breakerOpen) && (
        <EdgeLabelRenderer>
          <div className={`topo-edge-label${breakerOpen ? ' is-open' : ''}`} style={{ transform: `translate(-50%, -130%) translate(${labelX}px, ${labelY}px)` }}>
            {breakerOpen ? '⊘ circuit open' : label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TopologyEdgeView = memo(TopologyEdgeViewImpl);
