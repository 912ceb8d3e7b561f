/**
 * Requests as particles on one <canvas> above the edges, kept in step with React Flow's viewport
 * (pan and zoom while it plays). Never one DOM element per request. Particles ride on the routed
 * calls; a call into a replica group reaches its instance cards in rotation. With
 * prefers-reduced-motion the layer draws nothing: node numbers and colours carry the state instead.
 */
import { memo, useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { currentSimMs, particles } from '../store/liveFeed';
import { progress, OUTCOME_CODES } from '../model/particles';
import { pathsBetween, pointOnPath, type ParticlePath } from './particlePaths';
import { useUiStore } from '../store/uiStore';

/** Particle colours by outcome code: green ok, amber retried, reds, purples and slate by failure cause. */
export const PARTICLE_COLORS: Record<(typeof OUTCOME_CODES)[number], { light: string; dark: string }> = {
  ok: { light: '#16a34a', dark: '#4ade80' },
  retried: { light: '#d97706', dark: '#fbbf24' },
  crash: { light: '#dc2626', dark: '#f87171' },
  timeout: { light: '#ea580c', dark: '#fb923c' },
  overload: { light: '#be123c', dark: '#fb7185' },
  'rate-limited': { light: '#c026d3', dark: '#f0abfc' },
  'circuit-open': { light: '#6d28d9', dark: '#c4b5fd' },
  partition: { light: '#0e7490', dark: '#67e8f9' },
  error: { light: '#991b1b', dark: '#fca5a5' },
  // Slate, far from crash's red: nothing answered because nothing was in rotation to ask.
  unavailable: { light: '#475569', dark: '#94a3b8' },
};

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function ParticleLayerImpl() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
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
    const colors = OUTCOME_CODES.map((code) => PARTICLE_COLORS[code][theme]);
    const draw = () => {
      frame = requestAnimationFrame(draw);
      const parent = canvas.parentElement;
      if (!parent) return;
      const ratio = window.devicePixelRatio || 1;
      const width = parent.clientWidth;
      const height = parent.clientHeight;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      if (particles.count === 0 || prefersReducedMotion()) return;
      const now = currentSimMs();
      particles.prune(now);
      const { transform } = store.getState();
      const [tx, ty, zoom] = transform;
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
      // Paths are rebuilt only when the drawn calls change.
      const { edges } = store.getState();
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
          // The same particle keeps its instance: picked from its (stable) start time.
          pointOnPath(choices[Math.floor(particles.start[i]!) % choices.length]!, t, point);
          context.moveTo(point.x + radius, point.y);
          context.arc(point.x, point.y, radius, 0, Math.PI * 2);
          any = true;
        }
        if (any) context.fill();
      }
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [store, theme]);
  return <canvas ref={canvasRef} className="particle-layer" aria-hidden="true" />;
}

export const ParticleLayer = memo(ParticleLayerImpl);
