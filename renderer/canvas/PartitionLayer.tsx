/**
 * A network partition in force, on the canvas: each side's servers ringed in the side's colour
 * (with its letter), and a dashed red cut between the sides labelled "partition" (a line, or a loop
 * around one side where that side's servers sit among the other's). In the viewport
 * (it pans and zooms with the servers), above the cards, taking no pointer events. Nothing is
 * rendered, nor computed, while no partition is in force.
 */
import { memo, useMemo, type CSSProperties } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import type { ServerBox } from '../../shared/layout/types';
import { useSimulationStore } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { partitionCut, strokeScale } from './partitionCut';
import type { PartitionSides } from '../model/replicaView';

/** Side colours per theme: blue, violet, teal, amber (clear of the cut's red). */
const SIDE_COLORS = {
  light: ['#2563eb', '#9333ea', '#0d9488', '#ca8a04'],
  dark: ['#60a5fa', '#c084fc', '#2dd4bf', '#facc15'],
} as const;

const sideLetter = (side: number) => String.fromCharCode(65 + (side % 26));

/** Only while a partition is in force: nothing else subscribes to the zoom. */
function PartitionLayerImpl({ servers }: { servers: readonly ServerBox[] }) {
  const partitions = useSimulationStore((s) => s.partitions);
  if (partitions.length === 0) return null;
  return <PartitionDrawing servers={servers} partitions={partitions} />;
}

function PartitionDrawing({ servers, partitions }: { servers: readonly ServerBox[]; partitions: readonly PartitionSides[] }) {
  const theme = useUiStore((s) => s.theme);
  const scale = useStore((s) => strokeScale(s.transform[2]));
  const cut = useMemo(() => partitionCut(servers, partitions), [servers, partitions]);
  if (cut.rings.length === 0) return null;
  const colors = SIDE_COLORS[theme];
  const names = new Map(servers.map((s) => [s.hostId, s.name]));
  const { bounds } = cut;
  const label = partitions
    .map((sides) => `Partition: ${sides.map((hosts) => hosts.map((h) => names.get(h) ?? h).join(', ')).join(' | ')}`)
    .join('; ');
  return (
    <ViewportPortal>
      <div
        className="partition-layer"
        role="group"
        aria-label={label}
        data-partitions={partitions.length}
        style={{ transform: `translate(${bounds.x}px, ${bounds.y}px)`, width: bounds.width, height: bounds.height, '--cut-scale': scale } as CSSProperties}
      >
        {cut.rings.map((ring) => (
          <div
            key={`${ring.partition}:${ring.hostId}`}
            className="partition-ring"
            data-host={ring.hostId}
            data-side={ring.side}
            style={{ transform: `translate(${ring.x - bounds.x}px, ${ring.y - bounds.y}px)`, width: ring.width, height: ring.height, '--side-color': colors[ring.side % colors.length] } as CSSProperties}
          >
            {/* Zoomed far out a letter per server is clutter: the colours tell the sides apart. */}
            {scale < 2 && (
              <span className="partition-ring__tag" aria-hidden="true">
                {sideLetter(ring.side)}
              </span>
            )}
          </div>
        ))}
        <svg
          className="partition-cut"
          width={Math.max(1, bounds.width)}
          height={Math.max(1, bounds.height)}
          viewBox={`${bounds.x} ${bounds.y} ${Math.max(1, bounds.width)} ${Math.max(1, bounds.height)}`}
          aria-hidden="true"
        >
          {cut.lines.map((line) => {
            const vertical = line.orientation === 'vertical';
            const lx = vertical ? line.x1 : line.x1 + 8 * scale;
            const ly = vertical ? line.y1 - 6 * scale : line.y1 - 8 * scale;
            return (
              <g key={`${line.partition}:${line.sides[0]}-${line.sides[1]}`} className="partition-cut__cut" data-orientation={line.orientation}>
                <line className="partition-cut__band" x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} />
                <line className="partition-cut__line" x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} />
                <text className="partition-cut__label" x={lx} y={ly} textAnchor={vertical ? 'middle' : 'start'}>
                  ≠ partition
                </text>
              </g>
            );
          })}
          {cut.loops.map((loop, k) => {
            // One label for the loops that part the same two sides (around each server of a side).
            const previous = cut.loops[k - 1];
            const labelled = !previous || previous.partition !== loop.partition || previous.sides[0] !== loop.sides[0] || previous.sides[1] !== loop.sides[1];
            return (
              <g key={`loop:${loop.partition}:${k}`} className="partition-cut__cut" data-orientation="loop" data-inside={loop.inside}>
                <rect className="partition-cut__band" x={loop.x} y={loop.y} width={loop.width} height={loop.height} rx={18} />
                <rect className="partition-cut__line" x={loop.x} y={loop.y} width={loop.width} height={loop.height} rx={18} />
                {labelled && (
                  <text className="partition-cut__label" x={loop.x + 14} y={loop.y - 6 * scale}>
                    ≠ partition
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    </ViewportPortal>
  );
}

export const PartitionLayer = memo(PartitionLayerImpl);
