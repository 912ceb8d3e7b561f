/**
 * The palette: one button per node kind plus "Replica group". Drag a button onto the canvas, or
 * focus it and press Enter (or click) to add the node at the centre of the view.
 */
import { memo, type CSSProperties, type DragEvent } from 'react';
import { KIND_LABELS, NODE_KINDS, type NodeKind } from '../../shared/document';
import { addNodeAt } from '../store/actions';
import { viewportCentre } from '../canvas/canvasCommands';
import { KindIcon, ReplicaIcon, kindColor } from '../canvas/visuals';
import { useUiStore } from '../store/uiStore';

const PALETTE_MIME = 'application/x-topology-kind';

const HINTS: Record<NodeKind | 'replicaGroup', string> = {
  client: 'Users or systems that send requests',
  gateway: 'API gateway: the entry that routes calls',
  loadBalancer: 'Spreads calls over instances',
  monolith: 'One deployable unit with every module',
  service: 'A service owning business capabilities',
  database: 'Stores data',
  cache: 'Answers repeated reads',
  queue: 'Messages for asynchronous consumers',
  replicaGroup: 'A service running on three servers',
};

function PaletteImpl() {
  const theme = useUiStore((s) => s.theme);
  const items: (NodeKind | 'replicaGroup')[] = [...NODE_KINDS, 'replicaGroup'];
  const onDragStart = (kind: string) => (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Palette">
      <h2 className="panel-title">Add</h2>
      <ul>
        {items.map((kind) => {
          const label = kind === 'replicaGroup' ? 'Replica group' : KIND_LABELS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className="palette__item"
                draggable
                onDragStart={onDragStart(kind)}
                onClick={() => addNodeAt(kind, viewportCentre())}
                title={`${HINTS[kind]} — drag onto the canvas, or press Enter`}
                aria-label={label}
                style={{ '--kind-color': kind === 'replicaGroup' ? kindColor('service', theme) : kindColor(kind, theme) } as CSSProperties}
              >
                <span className="palette__icon" aria-hidden="true">
                  {kind === 'replicaGroup' ? <ReplicaIcon /> : <KindIcon kind={kind} />}
                </span>
                <span className="palette__label">{label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export const Palette = memo(PaletteImpl);
