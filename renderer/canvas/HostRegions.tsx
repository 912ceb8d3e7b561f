/**
 * Host regions behind the nodes: for each host, a tinted rounded area around the nodes that run
 * only on that host — so one sees at a glance which server runs what. A region is drawn only when
 * it would not cover nodes of other hosts (replicated nodes carry host chips instead).
 */
import { memo, useMemo } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { useSimulationStore } from '../store/simulationStore';
import { hostTint } from './visuals';

const PAD = 24;
/** Past this many nodes regions stop helping and cost a pass per frame: chips carry the hosts. */
const MAX_NODES = 400;
const NO_BOXES: Record<string, { x: number; y: number; w: number; h: number }> = {};

interface Region {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function HostRegionsImpl() {
  const document = useDocumentStore((s) => s.document);
  const theme = useUiStore((s) => s.theme);
  const hostsDown = useSimulationStore((s) => s.hostsDown);
  // Node boxes as React Flow measured them (positions include an in-progress drag).
  const boxes = useStore((s) => {
    if (s.nodeLookup.size > MAX_NODES) return NO_BOXES;
    const out: Record<string, { x: number; y: number; w: number; h: number }> = {};
    for (const [id, n] of s.nodeLookup) {
      out[id] = { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w: n.measured.width ?? 0, h: n.measured.height ?? 0 };
    }
    return out;
  }, boxesEqual);

  const regions = useMemo(() => {
    if (document.nodes.length > MAX_NODES) return [];
    const onlyHost = new Map<string, string>();
    for (const node of document.nodes) {
      const hosts = new Set((node.instances ?? []).map((i) => i.host));
      if (hosts.size === 1) {
        const [host] = hosts;
        if (host) onlyHost.set(node.id, host);
      }
    }
    const out: Region[] = [];
    document.hosts.forEach((host, index) => {
      const members = document.nodes.filter((n) => onlyHost.get(n.id) === host.id && boxes[n.id] && boxes[n.id]!.w > 0);
      if (members.length === 0) return;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const m of members) {
        const b = boxes[m.id]!;
        x0 = Math.min(x0, b.x);
        y0 = Math.min(y0, b.y);
        x1 = Math.max(x1, b.x + b.w);
        y1 = Math.max(y1, b.y + b.h);
      }
      const intruder = document.nodes.some((n) => {
        if (onlyHost.get(n.id) === host.id) return false;
        const b = boxes[n.id];
        return b !== undefined && b.x < x1 && b.x + b.w > x0 && b.y < y1 && b.y + b.h > y0;
      });
      if (intruder) return;
      out.push({ id: host.id, name: host.name, index, x: x0 - PAD, y: y0 - PAD - 18, width: x1 - x0 + 2 * PAD, height: y1 - y0 + 2 * PAD + 18 });
    });
    return out;
  }, [document, boxes]);

  if (regions.length === 0) return null;
  return (
    <ViewportPortal>
      {regions.map((r) => (
        <div
          key={r.id}
          className={`host-region${hostsDown.includes(r.id) ? ' is-down' : ''}`}
          style={{ transform: `translate(${r.x}px, ${r.y}px)`, width: r.width, height: r.height, ['--host-color' as string]: hostTint(r.index, theme) }}
          aria-hidden="true"
        >
          <span className="host-region__label">
            {hostsDown.includes(r.id) ? '✖ ' : ''}
            {r.name}
            {hostsDown.includes(r.id) ? ' — down' : ''}
          </span>
        </div>
      ))}
    </ViewportPortal>
  );
}

function boxesEqual(a: Record<string, { x: number; y: number; w: number; h: number }>, b: Record<string, { x: number; y: number; w: number; h: number }>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const p = a[k]!, q = b[k];
    if (!q || p.x !== q.x || p.y !== q.y || p.w !== q.w || p.h !== q.h) return false;
  }
  return true;
}

export const HostRegions = memo(HostRegionsImpl);
