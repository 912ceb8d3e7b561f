/**
 * A card on the canvas, drawn to the layout's card metrics (the exports draw the same card): kind
 * icon and hue, the name on the lines the layout wrapped it to, a kind-and-detail line, and —
 * while simulating — its live status in place of the detail. Inside a server a card is one
 * instance (with its own up/down state); the cards of a replica group share an outline colour and
 * the "×N" badge, so they read as one node. Elsewhere it is the whole node ("unplaced" when it runs
 * nowhere yet). Memoized; it re-renders only when its own flow node or its own live state changes.
 */
import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KIND_LABELS, isDeployable, resolveNode } from '../../shared/document';
import { useSimulationStore, type NodeStatus } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { useCompareStore } from '../store/compareStore';
import { MARK_GLYPH } from '../store/compareMarks';
import { KindIcon, kindColor } from './visuals';
import type { TopologyFlowNode } from './toFlow';
import { GROUP_COLORS } from './lodDraw';

const STATUS_TEXT: Record<NodeStatus, string> = { healthy: 'Healthy', busy: 'Busy', overloaded: 'Overloaded', down: 'Down' };
const STATUS_MARK: Record<NodeStatus, string> = { healthy: '●', busy: '◐', overloaded: '▲', down: '✖' };


/** The node's session and lock mode, as its card's state badge (SPEC §8), or null. */
function stateBadgeOf(node: TopologyFlowNode['data']['node'], instance: number | null): { text: string; title: string } | null {
  const parts: string[] = [];
  const titles: string[] = [];
  if (node.shards !== undefined && node.shards > 1 && instance !== null) {
    // Instance i serves shard i mod shards: its replicas share the number.
    parts.push(`shard ${(instance % node.shards) + 1}`);
    titles.push(`shard ${(instance % node.shards) + 1} of ${node.shards}`);
  }
  if (node.session && node.session !== 'none') {
    parts.push(`⚷ ${node.session}`);
    titles.push(`sessions: ${node.session}`);
  }
  if (node.lock) {
    const scope = node.lock.scope ?? 'local';
    parts.push(`⊓ ${scope}`);
    titles.push(`lock: ${scope}`);
  }
  return parts.length === 0 ? null : { text: parts.join(' '), title: titles.join(', ') };
}

function detailOf(node: TopologyFlowNode['data']['node']): string {
  const r = resolveNode(node);
  switch (node.kind) {
    case 'client':
      return `${r.rate} req/s`;
    case 'cache':
      return `${Math.round(r.hitRate * 100)}% hits${node.shards && node.shards > 1 ? ` · ${node.shards} shards` : ''}`;
    case 'database':
      return node.shards && node.shards > 1 ? `${r.latencyMs} ms · ${node.shards} shards` : `${r.latencyMs} ms`;
    default: {
      const parts = [`${r.latencyMs} ms`];
      if (node.capabilities?.length) parts.push(node.capabilities.join(', '));
      else if (node.layer) parts.push(`layer: ${node.layer}`);
      return parts.join(' · ');
    }
  }
}

function TopologyNodeViewImpl({ data, selected }: NodeProps<TopologyFlowNode>) {
  const { node, card, hosts, highlighted, dimmed, group } = data;
  const id = node.id;
  const theme = useUiStore((s) => s.theme);
  const compared = useCompareStore((s) => s.comparison?.marks.nodes[id]);
  const live = useSimulationStore((s) => s.nodes[id]);
  const deployable = isDeployable(node.kind);
  const instances = deployable ? (node.instances ?? [{}]) : [];
  const inServer = card.hostId !== null && card.instance !== null;
  const ownHost = inServer ? card.hostId : null;
  // Only an instance card follows its server's fate; a string keeps the selector stable.
  const hostDown = useSimulationStore((s) => (ownHost !== null && s.hostsDown.includes(ownHost) ? '1' : ''));
  const replicas = instances.length;
  const unplaced = deployable && !inServer && instances.every((i) => !i.host);
  const instanceDown = inServer && (hostDown === '1' || live?.instancesUp[card.instance!] === false);
  // An instance card shows its own instance's state; a card for the whole node, the node's.
  const status: NodeStatus | undefined = instanceDown ? 'down' : inServer ? (live?.instanceStatus[card.instance!] ?? live?.status) : live?.status;
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
    compared ? `compare-${compared}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const stateBadge = stateBadgeOf(node, inServer ? card.instance : null);
  const where = inServer ? `instance ${card.instance! + 1} of ${replicas} on ${hosts.get(card.hostId!)?.name ?? card.hostId}` : `${replicas} instance${replicas === 1 ? '' : 's'}`;
  return (
    <div className={className} style={style} data-testid={`node-${card.key}`} title={deployable ? `${node.name} — ${where}` : node.name}>
      {node.kind !== 'client' && <Handle type="target" position={Position.Left} className="topo-handle" />}
      {compared && (
        <span className={`compare-badge compare-badge--${compared}`} data-testid={`mark-${card.key}`}>
          <span aria-hidden="true">{MARK_GLYPH[compared]}</span> {compared}
        </span>
      )}
      <span className="topo-node__icon" aria-hidden="true">
        <KindIcon kind={node.kind} />
      </span>
      {stateBadge && (
        <span className="topo-node__state" title={stateBadge.title} data-testid={`state-${card.key}`}>
          {stateBadge.text}
        </span>
      )}
      <div className="topo-node__titles">
        <div className="topo-node__name">
          {card.nameLines.map((line, i) => (
            <span key={i} className="topo-node__line">
              {line}
            </span>
          ))}
        </div>
        {live && status ? (
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
        ) : (
          <div className="topo-node__kind">
            <span className="topo-node__detail">
              {KIND_LABELS[node.kind]} · {detailOf(node)}
            </span>
            {unplaced && <span className="topo-node__unplaced">unplaced</span>}
            {card.collapsed > 0 && <span className="topo-node__more">+{card.collapsed}</span>}
            {replicas > 1 && <span className="topo-node__count">×{replicas}</span>}
          </div>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="topo-handle" />
    </div>
  );
}

export const TopologyNodeView = memo(TopologyNodeViewImpl);
