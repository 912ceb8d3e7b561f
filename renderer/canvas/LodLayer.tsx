/**
 * The level-of-detail layer: a large design zoomed out (below LOD_ZOOM) drawn on one <canvas> —
 * zones, regions, servers, calls and instance cards — with no DOM element per server, card or
 * call. It redraws on demand (one requestAnimationFrame after a viewport, selection, highlight or
 * live-state change), reads the live state from the simulation store outside React (no card
 * re-renders) and keeps box selection working (React Flow's selection rectangle, hit-tested on the
 * geometry). Clicks and context menus are hit-tested by the canvas (see Canvas.tsx).
 * Particles stay on their own layer above this one.
 */
import { sizeToParent } from './canvasSize';
import { memo, useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useSimulationStore } from '../store/simulationStore';
import { useUiStore, type Theme } from '../store/uiStore';
import { HOST_COLOR_COUNT } from '../../shared/export/style';
import type { NodeKind } from '../../shared/document';
import { hostTint, kindColor } from './visuals';
import { cardStates, drawList, emptyDrawList, nodesInRect, paint, sceneFlags, strokeCalls, viewRect, type Emphasis, type LodScene, type Palette, type SceneFlags } from './lodDraw';

/** Largest image (device pixels) of pre-drawn calls; zoomed in further, the calls in view are drawn each frame. */
const CALL_IMAGE_MAX_PIXELS = 4_000_000;

function readPalette(element: Element, scene: LodScene, theme: Theme): Palette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const hosts = Array.from({ length: HOST_COLOR_COUNT }, (_, i) => hostTint(i, theme));
  return {
    card: v('--card', '#ffffff'),
    border: v('--border', '#e2e8f0'),
    borderStrong: v('--border-strong', '#cbd5e1'),
    canvas: v('--canvas', '#f8fafc'),
    call: v('--call', '#64748b'),
    accent: v('--accent', '#2563eb'),
    highlight: v('--highlight', '#f59e0b'),
    muted: v('--muted', '#64748b'),
    ok: v('--ok', '#15803d'),
    busy: v('--busy', '#b45309'),
    bad: v('--bad', '#b91c1c'),
    kinds: scene.kinds.map((kind) => kindColor(kind as NodeKind, theme)),
    host: (index) => hosts[index % hosts.length]!,
    hostSlots: hosts.length,
  };
}

function LodLayerImpl({ scene, emphasis }: { scene: LodScene; emphasis: Omit<Emphasis, 'hostsDown'> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const theme = useUiStore((s) => s.theme);
  const emphasisRef = useRef(emphasis);
  emphasisRef.current = emphasis;
  const redraw = useRef<(what: 'view' | 'flags' | 'live') => void>(() => undefined);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const list = emptyDrawList(scene);
    const status = new Uint8Array(scene.cardNode.length);
    const utilization = new Float32Array(scene.cardNode.length);
    let palette: Palette | null = null;
    let flags = sceneFlags(scene, { ...emphasisRef.current, hostsDown: useSimulationStore.getState().hostsDown });
    let liveStale = true;
    let flagsStale = false;
    let frame = 0;
    let drawnCards = -1;
    // The plain calls of the whole design drawn once per zoom: a pan only moves the image.
    const allRoutes = Int32Array.from({ length: scene.routeCall.length }, (_, i) => i);
    let calls: { image: HTMLCanvasElement; box: { x: number; y: number; width: number; height: number }; zoom: number; ratio: number; flags: SceneFlags; palette: Palette } | null = null;
    const callImage = (zoom: number, ratio: number, palette: Palette) => {
      const bounds = scene.geometry.bounds;
      const scale = zoom * ratio;
      const width = Math.ceil(bounds.width * scale) + 2;
      const height = Math.ceil(bounds.height * scale) + 2;
      if (width * height > CALL_IMAGE_MAX_PIXELS || allRoutes.length === 0) return undefined;
      if (calls && calls.zoom === zoom && calls.ratio === ratio && calls.flags === flags && calls.palette === palette) return calls;
      const image = calls?.image ?? window.document.createElement('canvas');
      image.width = width;
      image.height = height;
      const context2 = image.getContext('2d');
      if (!context2) return undefined;
      context2.setTransform(scale, 0, 0, scale, 1 - bounds.x * scale, 1 - bounds.y * scale);
      strokeCalls(context2, scene, palette, flags, allRoutes, allRoutes.length, zoom);
      calls = { image, box: { x: bounds.x - 1 / scale, y: bounds.y - 1 / scale, width: width / scale, height: height / scale }, zoom, ratio, flags, palette };
      return calls;
    };
    const draw = () => {
      frame = 0;
      const size = sizeToParent(canvas);
      if (size === null) return;
      const { ratio, width, height } = size;
      const sim = useSimulationStore.getState();
      if (liveStale) {
        cardStates(scene, sim.nodes, sim.hostsDown, status, utilization);
        liveStale = false;
      }
      if (flagsStale) {
        flags = sceneFlags(scene, { ...emphasisRef.current, hostsDown: sim.hostsDown });
        flagsStale = false;
      }
      palette ??= readPalette(canvas, scene, theme);
      const { transform } = store.getState();
      drawList(scene, viewRect(transform, width, height), list);
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      const image = callImage(transform[2], ratio, palette);
      paint(context, scene, palette, { ratio, transform, list, flags, status, utilization, ...(image ? { calls: image } : {}) });
      if (list.cardCount !== drawnCards) {
        drawnCards = list.cardCount;
        canvas.dataset.cards = String(drawnCards);
      }
    };
    const schedule = (what: 'view' | 'flags' | 'live') => {
      if (what === 'flags') flagsStale = true;
      if (what === 'live') liveStale = true;
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    redraw.current = schedule;
    schedule('view');
    // Box selection: React Flow draws the rectangle; when it is let go, select the cards inside.
    let lastRect: { x: number; y: number; width: number; height: number } | null = null;
    const offFlow = store.subscribe((state, previous) => {
      if (state.transform !== previous.transform || state.width !== previous.width || state.height !== previous.height) schedule('view');
      if (state.userSelectionRect && state.userSelectionActive) lastRect = state.userSelectionRect;
      if (!state.userSelectionRect && previous.userSelectionRect && lastRect) {
        const [tx, ty, zoom] = state.transform;
        const rect = { x: (lastRect.x - tx) / zoom, y: (lastRect.y - ty) / zoom, width: lastRect.width / zoom, height: lastRect.height / zoom };
        lastRect = null;
        if (rect.width > 0 && rect.height > 0) useUiStore.getState().select({ nodes: nodesInRect(scene, rect), edges: [], host: null });
      }
    });
    const offSim = useSimulationStore.subscribe((state, previous) => {
      // A downed server changes its box's flag too (which redraws the calls' image); node states only the cards.
      if (state.hostsDown !== previous.hostsDown) schedule('flags');
      if (state.nodes !== previous.nodes || state.hostsDown !== previous.hostsDown) schedule('live');
    });
    return () => {
      offFlow();
      offSim();
      if (frame !== 0) cancelAnimationFrame(frame);
      redraw.current = () => undefined;
    };
  }, [scene, store, theme]);

  useEffect(() => {
    redraw.current('flags');
  }, [emphasis]);

  return <canvas ref={canvasRef} className="lod-layer" aria-hidden="true" data-testid="lod-layer" />;
}

export const LodLayer = memo(LodLayerImpl);
