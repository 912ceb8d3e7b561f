/**
 * "Fail at…" from a node's or host's context menu: adds a node-down or host-down fault to the
 * chosen scenario (creating one when the baseline is selected), from the current simulated time
 * (or 10 s) for 20 s, then shows it in the scenario editor to adjust.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { formatError, type Fault } from '../../../shared/document';
import { addFault } from '../../store/designActions';
import { useSimulationStore } from '../../store/simulationStore';
import { useUiStore } from '../../store/uiStore';

interface MenuState {
  readonly target: { kind: 'node' | 'host'; id: string; name: string } | null;
  readonly x: number;
  readonly y: number;
  open(target: { kind: 'node' | 'host'; id: string; name: string }, x: number, y: number): void;
  close(): void;
}

export const useFailMenu = create<MenuState>()((set) => ({
  target: null,
  x: 0,
  y: 0,
  open: (target, x, y) => set({ target, x, y }),
  close: () => set({ target: null }),
}));

/** Adds the fault to the current scenario, or to a new one; returns the scenario id (null when refused). */
export function failAt(kind: 'node' | 'host', id: string, name: string): string | null {
  const sim = useSimulationStore.getState();
  const at = sim.clockS > 0 ? Math.round(sim.clockS) : 10;
  const fault: Fault = kind === 'host' ? { type: 'host-down', target: id, at, until: at + 20 } : { type: 'node-down', target: id, at, until: at + 20 };
  const result = addFault(sim.options.scenarioId, fault, `Lose ${name}`);
  if (!result.ok) {
    useUiStore.getState().notify('warning', `Cannot fail ${name}`, result.problems.map(formatError));
    return null;
  }
  sim.setOptions({ scenarioId: result.scenarioId });
  useUiStore.getState().notify('info', `Added: ${name} down from ${at} s to ${at + 20} s`, ['Adjust it in the scenario editor below the canvas, then press Play.']);
  return result.scenarioId;
}

export function FailAtMenu() {
  const { target, x, y, close } = useFailMenu();
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!target) return;
    ref.current?.querySelector('button')?.focus();
    const onDown = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && close();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [target, close]);
  if (!target) return null;
  return (
    <ul className="context-menu" role="menu" aria-label={`${target.name} actions`} ref={ref} style={{ left: x, top: y }}>
      <li role="none">
        <button
          type="button"
          role="menuitem"
          onClick={() => {
            failAt(target.kind, target.id, target.name);
            close();
          }}
        >
          Fail at… ({target.kind === 'host' ? 'host down' : 'node down'})
        </button>
      </li>
    </ul>
  );
}
