/**
 * A card on the canvas: kind icon and hue, the name on up to two lines, kind and detail, and —
 * while simulating — its live status. Inside a server it is one instance (its own up/down state);
 * a replica group's cards share an outline colour and the "×N" badge, so they read as one node.
 * In the logical view (and for free cards) it is the whole node with its instances as host chips.
 * Memoized; it re-renders only when its own flow node or its own live state changes.
 */
import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KIND_LABELS, isDeployable, resolveNode } from '../../shared/document';
import { useSimulationStore, type NodeStatus } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { KindIcon, hostTint, kindColor } from './visuals';
import type { TopologyFlowNode } from './toFlow';

const STATUS_TEXT: Record<NodeStatus, string> = { healthy: 'Healthy', busy: 'Busy', overloaded: 'Overloaded', down: 'Down' };
const STATUS_MARK: Record<NodeStatus, string> = { healthy: '●', busy: '◐', overloaded: '▲', down: '✖' };

function detailOf(node: TopologyFlowNode['data']['node']): string {
  const r = resolveNode(node);
  switch (node.kind) {
    case 'client':
      return `${r.rate} req/s`;
    case 'cache':
      return `${Math.round(r.hitRate * 100)}% hits`;
    default: {
      const parts = [`${r.latencyMs} ms`];
      if (node.capabilities?.length) parts.push(node.capabilities.join(', '));
      else if (node.layer) parts.push(`layer: ${node.layer}`);
      return parts.join(' · ');
    }
  }
}

/** Outline colours shared by the cards of one replica group (cycled; colour-blind-safe pairs). */
const GROUP_COLORS = ['#7c3aed', '#0891b2', '#c2410c', '#4d7c0f', '#be185d', '#1d4ed8'];

function TopologyNodeViewImpl({ data, selected }: NodeProps<TopologyFlowNode>) {
  const { node, card, hosts, highlighted, dimmed, group } = data;
  const id = node.id;
  const theme = useUiStore((s) => s.theme);
  const live = useSimulationStore((s) => s.nodes[id]);
  const deployable = isDeployable(node.kind);
  const allInstances = deployable ? (node.instances ?? [{}]) : [];
  // An instance card shows its own instance; a whole-node card all of them.
  const instances = card.instance !== null ? [allInstances[card.instance] ?? {}] : allInstances;
  const instanceIndex = (i: number) => (card.instance !== null ? card.instance : i);
  // One character per instance: '1' when its host is down. A string keeps the selector stable.
  const hostsDownMask = useSimulationStore((s) =>
    s.hostsDown.length === 0 ? '' : instances.map((i) => (i.host && s.hostsDown.includes(i.host) ? '1' : '0')).join(''),
  );
  const replicas = allInstances.length;
  const inServer = card.hostId !== null && card.instance !== null;
  const instanceDown = inServer && (hostsDownMask === '1' || live?.instancesUp[card.instance!] === false);
  const status: NodeStatus | undefined = instanceDown ? 'down' : live?.status;
  const style = {
    '--kind-color': kindColor(node.kind, theme),
    ...(group !== null ? { '--group-color': GROUP_COLORS[group % GROUP_COLORS.length] } : {}),
  } as CSSProperties;
  const className = [
    'topo-node',
    `kind-${node.kind}`,
    selected ? 'is-selected' : '',
    highlighted ? 'is-highlighted' : '',
    dimmed ? 'is-dimmed' : '',
    replicas > 1 ? 'is-replicated' : '',
    inServer ? 'is-instance' : '',
    group !== null ? 'is-grouped' : '',
    status ? `status-${status}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} style={style} data-testid={`node-${id}`}>
      {node.kind !== 'client' && <Handle type="target" position={Position.Left} className="topo-handle" />}
      <div className="topo-node__header">
        <span className="topo-node__icon" aria-hidden="true">
          <KindIcon kind={node.kind} />
        </span>
        <div className="topo-node__titles">
          <div className="topo-node__name" title={node.name}>
            {card.nameLines.map((line, i) => (
              <span key={i} className="topo-node__line">
                {line}
              </span>
            ))}
          </div>
          <div className="topo-node__kind">
            {KIND_LABELS[node.kind]} · {detailOf(node)}
          </div>
        </div>
        {replicas > 1 && (
          <span className="topo-node__count" title={inServer ? `Instance ${card.instance! + 1} of ${replicas}` : `${replicas} instances`}>
            ×{replicas}
          </span>
        )}
      </div>
      {card.collapsed > 0 && <div className="topo-node__more">+{card.collapsed} more here</div>}
      {deployable && !inServer && (
        <ul className="topo-node__instances" aria-label={`Instances of ${node.name}`}>
          {instances.map((instance, i) => {
            const host = instance.host ? hosts.get(instance.host) : undefined;
            const down = hostsDownMask[i] === '1' || live?.instancesUp[instanceIndex(i)] === false;
            return (
              <li
                key={instanceIndex(i)}
                className={`topo-chip${host ? '' : ' is-unplaced'}${down ? ' is-down' : ''}`}
                style={host ? ({ '--host-color': hostTint(host.index, theme) } as CSSProperties) : undefined}
                title={host ? `Instance ${instanceIndex(i) + 1} on ${host.name}` : `Instance ${instanceIndex(i) + 1}: not placed on a host`}
              >
                {down && <span aria-hidden="true">✖ </span>}
                {host ? host.name : 'unplaced'}
              </li>
            );
          })}
        </ul>
      )}
      {live && status && (
        <div
          className="topo-node__live"
          role="status"
          title={`${node.name}: ${STATUS_TEXT[status]} — ${Math.round(live.utilization * 100)}% of slots busy, ${live.queue} waiting, ${live.instancesUp.filter(Boolean).length} of ${live.instancesUp.length} instances up`}
        >
          <span className={`topo-status topo-status--${status}`}>
            <span aria-hidden="true">{STATUS_MARK[status]}</span> {STATUS_TEXT[status]}
          </span>
          <span className="topo-util" title="Utilization">
            <span className="topo-util__bar" style={{ width: `${Math.round(live.utilization * 100)}%` }} />
          </span>
          <span className="topo-node__numbers">
            {Math.round(live.utilization * 100)}% · q {live.queue}
          </span>
        </div>
      )}
      <Handle type="source" position={Position.Right} className="topo-handle" />
    </div>
  );
}

export const TopologyNodeView = memo(TopologyNodeViewImpl);
