/**
 * A small diagnostics hook on `window.__topologyDiagnostics` for benchmarks and support: it fills
 * the particle layer with synthetic traffic over the open design's edges, without the worker, so
 * the drawing cost can be measured on its own (`npm run bench`: particles2000Fps).
 */
import { useDocumentStore } from '../store/documentStore';
import { particles, pushFrame, resetFeed } from '../store/liveFeed';
import { useSimulationStore, type ChartPoint } from '../store/simulationStore';

export interface Diagnostics {
  /** Keeps about `count` particles in flight over the design's edges until `stop()`. */
  animateParticles(count: number): void;
  stop(): void;
  particleCount(): number;
  /** The live chart's points so far (simulated seconds), for tests and support. */
  chart(): readonly ChartPoint[];
}

export function installDiagnostics(): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const diagnostics: Diagnostics = {
    animateParticles(count) {
      diagnostics.stop();
      const edges = useDocumentStore.getState().document.edges;
      if (edges.length === 0) return;
      let simMs = 0;
      let n = 0;
      const lifeMs = 2000;
      // Start 1/30 of the particles every 1/30 s of a 2 s life: about `count` in flight.
      const perTick = Math.ceil(count / (lifeMs / (1000 / 30)));
      const tick = () => {
        simMs += 1000 / 30;
        const movements = [];
        for (let i = 0; i < perTick; i += 1, n += 1) {
          const edge = edges[n % edges.length]!;
          const outcome = n % 17 === 0 ? 'failed' : n % 11 === 0 ? 'retried' : 'ok';
          const startMs = simMs + (i * (1000 / 30)) / perTick;
          movements.push({ edge: edge.id, from: edge.from, to: edge.to, startMs, endMs: startMs + lifeMs, outcome, cause: outcome === 'failed' ? 'timeout' : undefined } as const);
        }
        pushFrame(simMs, movements, true, 1, true);
      };
      for (let warm = 0; warm < lifeMs / (1000 / 30); warm += 1) tick();
      timer = setInterval(tick, 1000 / 30);
    },
    stop() {
      clearInterval(timer);
      resetFeed();
    },
    particleCount: () => particles.count,
    chart: () => useSimulationStore.getState().chart,
  };
  (window as unknown as { __topologyDiagnostics: Diagnostics }).__topologyDiagnostics = diagnostics;
}
