/**
 * Requests as particles on one <canvas> above the edges, kept in step with React Flow's viewport
 * (pan and zoom while it plays). Never one DOM element per request. Particles ride on the routed
 * calls; a call into a replica group reaches its instance cards in rotation, or the card of the
 * instance the engine named (a stale read, a conflicting write: at the replica that served it). A
 * failed call goes out as a dot and, instead of coming back, bursts as its cause's glyph at the
 * instance card where it failed (fading over the second half of its time); stale reads, conflicts
 * and exclusion violations burst the same way with their own glyphs. With
 * prefers-reduced-motion the layer draws nothing: node numbers and colours carry the state instead.
 */
import { sizeToParent } from './canvasSize';
import { memo, useEffect, useRef } from 'react';
import { useStoreApi, type Edge } from '@xyflow/react';
import { currentSimMs, particles } from '../store/liveFeed';
import { progress, FIRST_BURST_CODE, OUTCOME_CODES, type OutcomeCode } from '../model/particles';
import { OUTCOME_STYLE } from '../model/outcomeStyle';
import { pathIndexFor, pathsBetween, pointOnPath, type ParticlePath } from './particlePaths';
import { useUiStore } from '../store/uiStore';

/** Particle colours by outcome code (the charts use them too). */
export const PARTICLE_COLORS: Record<OutcomeCode, { light: string; dark: string }> = OUTCOME_STYLE;

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * `edges`: the drawn calls to ride on; React Flow's own edges when absent. The canvas passes its
 * calls in, so particles keep their paths while the level-of-detail layer draws the calls.
 */
function ParticleLayerImpl({ edges: given }: { edges?: readonly Edge[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const givenRef = useRef(given);
  givenRef.current = given;
  const store = useStoreApi();
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const context = canvas.getContext('2d');
    if (!context) return;
    let frame = 0;
    const point = { x: 0, y: 0 };
    let pathsFor: unknown = null;
    let paths = new Map<string, ParticlePath[]>();
    const routePaths: ParticlePath[][] = [];
    const colors = OUTCOME_CODES.map((code) => OUTCOME_STYLE[code][theme]);
    const glyphs = OUTCOME_CODES.map((code) => OUTCOME_STYLE[code].glyph);
    // Idle (nothing in flight) and already clear: no work at all — reading the canvas size would
    // force a layout of the page every frame (a large design's load paid ~0.2 s for it).
    let clear = false;
    const draw = () => {
      frame = requestAnimationFrame(draw);
      if (particles.count === 0 && clear) return;
      const size = sizeToParent(canvas);
      if (size === null) return;
      const { ratio } = size;
      clear = particles.count === 0;
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      if (particles.count === 0 || prefersReducedMotion()) return;
      const now = currentSimMs();
      particles.prune(now);
      const { transform } = store.getState();
      const [tx, ty, zoom] = transform;
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
      // Paths are rebuilt only when the drawn calls change.
      const edges = givenRef.current ?? store.getState().edges;
      if (edges !== pathsFor) {
        pathsFor = edges;
        paths = pathsBetween(edges);
        routePaths.length = 0;
      }
      for (let r = routePaths.length; r < particles.routes.length; r += 1) {
        const route = particles.routes[r]!;
        routePaths.push(paths.get(`${route.from}\u0000${route.to}`) ?? []);
      }
      const radius = Math.max(3, 3.5 / Math.max(zoom, 0.35));
      for (let code = 0; code < colors.length; code += 1) {
        context.fillStyle = colors[code]!;
        context.beginPath();
        let any = false;
        for (let i = 0; i < particles.count; i += 1) {
          if (particles.outcome[i] !== code) continue;
          const choices = routePaths[particles.route[i]!];
          if (!choices || choices.length === 0) continue;
          const t = progress(particles.start[i]!, particles.end[i]!, now);
          if (t < 0) continue;
          // A failure's second half is its burst (drawn below), not a way back.
          if (code >= FIRST_BURST_CODE && now - particles.start[i]! > (particles.end[i]! - particles.start[i]!) / 2) continue;
          // The same particle keeps its instance: picked from its (stable) start time.
          pointOnPath(choices[pathIndexFor(choices, particles.instance[i]!, particles.start[i]!)]!, t, point);
          context.moveTo(point.x + radius, point.y);
          context.arc(point.x, point.y, radius, 0, Math.PI * 2);
          any = true;
        }
        if (any) context.fill();
      }
      // Failure bursts: the cause's glyph at the end of the route (the card where it failed),
      // growing a little and fading out. Drawn in a second pass so they sit above the dots.
      const glyphSize = Math.max(14, 16 / Math.max(zoom, 0.5));
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      for (let i = 0; i < particles.count; i += 1) {
        const code = particles.outcome[i]!;
        if (code < FIRST_BURST_CODE) continue;
        const start = particles.start[i]!;
        const half = (particles.end[i]! - start) / 2;
        const f = (now - start - half) / half;
        if (f < 0 || f > 1) continue;
        const choices = routePaths[particles.route[i]!];
        if (!choices || choices.length === 0) continue;
        pointOnPath(choices[pathIndexFor(choices, particles.instance[i]!, start)]!, 1, point);
        context.globalAlpha = 1 - f * 0.8;
        context.fillStyle = colors[code]!;
        context.font = `bold ${Math.round(glyphSize * (1 + f * 0.4))}px system-ui, sans-serif`;
        // Just outside the card, above its line: the card itself is drawn over this layer.
        context.fillText(glyphs[code]!, point.x - glyphSize * 0.7, point.y - glyphSize * 0.7);
      }
      context.globalAlpha = 1;
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [store, theme]);
  return <canvas ref={canvasRef} className="particle-layer" aria-hidden="true" />;
}

export const ParticleLayer = memo(ParticleLayerImpl);
