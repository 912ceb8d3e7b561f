/**
 * A card on the canvas, drawn to the layout's card metrics (the exports draw the same card): kind
 * icon and hue, the name on the lines the layout wrapped it to, a kind-and-detail line, and —
 * while simulating — its live status in place of the detail. Inside a server a card is one
 * instance (with its own up/down state); the cards of a replica group share an outline colour and
 * the "×N" badge, so they read as one node. Elsewhere it is the whole node ("unplaced" when it runs
 * nowhere yet). A replicated database or cache badges each instance with its role ("♛ L" leader,
 * "F" follower — from the document when idle, from the run while live, so the crown moves at a
 * failover; a quorum's "n/w/r"), a follower's lag as a small gauge in its badge, and an election
 * as "electing leader…" in the live line; a transaction coordinator's live line counts its
 * participants in doubt (2PC) or its open inconsistency windows (saga). Memoized; it re-renders
 * only when its own flow node or its own live state changes.
 */
import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KIND_LABELS, isDeployable, resolveNode } from '../../shared/document';
import { useSimulationStore, type NodeLiveState, type NodeStatus } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { useCompareStore } from '../store/compareStore';
import { MARK_GLYPH } from '../store/compareMarks';
import { KindIcon, kindColor } from './visuals';
import type { TopologyFlowNode } from './toFlow';
import { GROUP_COLORS } from './lodDraw';
import { configuredLag, lagShare, roleBadge, transactionText } from '../model/replicaView';

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
  if (node.transaction) {
    parts.push(node.transaction === '2pc' ? '2PC' : 'saga');
    titles.push(node.transaction === '2pc' ? 'coordinates a two-phase commit over its calls' : 'runs its calls as a saga (compensations on failure)');
  }
  return parts.length === 0 ? null : { text: parts.join(' '), title: titles.join(', ') };
}

/** A follower's lag against its node's configured lag, as a gauge inside its role badge (live only). */
function LagGauge({ lagMs, configuredMs }: { lagMs: number; configuredMs: number }) {
  const share = lagShare(lagMs, configuredMs);
  const level = lagMs > configuredMs * 3 ? 'bad' : lagMs > configuredMs * 1.5 ? 'busy' : 'ok';
  return (
    <span className={`topo-lag topo-lag--${level}`} title={`lag ${lagMs} ms (configured ${configuredMs} ms)`} data-lag={lagMs}>
      <span className="topo-lag__bar" style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

/** A replicated node electing its leader (a card that is down says so instead). */
function isElecting(live: NodeLiveState | undefined, status: NodeStatus | undefined): boolean {
  return live?.electing === true && status !== undefined && status !== 'down';
}

/** What the live line says instead of the usual numbers: an election, or a coordinator's open transactions. */
function liveNote(node: TopologyFlowNode['data']['node'], live: NodeLiveState | undefined, electing: boolean): { text: string; className: string } | null {
  if (electing) return { text: 'electing leader…', className: 'topo-electing' };
  const transactions = transactionText(node, live);
  return transactions ? { text: transactions, className: node.transaction === '2pc' ? 'topo-txn topo-txn--doubt' : 'topo-txn topo-txn--window' } : null;
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
  const instance = inServer ? card.instance! : null;
  const role = roleBadge(node, instance, instance === null ? undefined : live?.roles?.[instance]);
  const lag = role?.role === 'follower' && instance !== null ? live?.lagMs?.[instance] : undefined;
  const electing = isElecting(live, status);
  const note = live && status ? liveNote(node, live, electing) : null;
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
      {(stateBadge || role) && (
        <span className="topo-node__badges">
          {stateBadge && (
            <span className="topo-node__state" title={stateBadge.title} data-testid={`state-${card.key}`}>
              {stateBadge.text}
            </span>
          )}
          {role && (
            <span className={`topo-role topo-role--${role.role}`} title={role.title} data-testid={`role-${card.key}`} data-role={role.role}>
              {role.text}
              {lag !== undefined && <LagGauge lagMs={lag} configuredMs={configuredLag(node) ?? 0} />}
            </span>
          )}
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
            {!electing && (
              <span className={`topo-status topo-status--${status}`}>
                <span aria-hidden="true">{STATUS_MARK[status]}</span> {STATUS_TEXT[status]}
              </span>
            )}
            {note ? (
              <span className={note.className} data-testid={`note-${card.key}`}>
                {note.text}
              </span>
            ) : (
              <>
                <span className="topo-util" title="Utilization">
                  <span className="topo-util__bar" style={{ width: `${Math.round(live.utilization * 100)}%` }} />
                </span>
                <span className="topo-node__numbers">
                  {Math.round(live.utilization * 100)}% · q {live.queue}
                </span>
              </>
            )}
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
