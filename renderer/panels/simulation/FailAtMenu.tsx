/**
 * "Fail at…" from a node's or host's context menu: adds a node-down or host-down fault to the
 * chosen scenario (creating one when the baseline is selected), from the current simulated time
 * (or 10 s) for 20 s, then shows it in the scenario editor to adjust.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { addFault, addScenario, type Fault } from '../../../shared/document';
import { useDocumentStore } from '../../store/documentStore';
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

/** Adds the fault to the current scenario, or to a new one; returns the scenario id. */
export function failAt(kind: 'node' | 'host', id: string, name: string): string {
  const sim = useSimulationStore.getState();
  const at = sim.clockS > 0 ? Math.round(sim.clockS) : 10;
  const fault: Fault = kind === 'host' ? { type: 'host-down', target: id, at, until: at + 20 } : { type: 'node-down', target: id, at, until: at + 20 };
  let scenarioId = sim.options.scenarioId;
  const doc = useDocumentStore.getState();
  doc.edit((d) => {
    let next = d;
    if (!scenarioId || !next.scenarios?.some((s) => s.id === scenarioId)) {
      const created = addScenario(next, `Lose ${name}`);
      next = created.document;
      scenarioId = created.id;
    }
    return addFault(next, scenarioId, fault);
  });
  sim.setOptions({ scenarioId });
  useUiStore.getState().notify('info', `Added: ${name} down from ${at} s to ${at + 20} s`, ['Adjust it in the scenario editor below the canvas, then press Play.']);
  return scenarioId!;
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
