/**
 * The simulation controls in the toolbar: Play, Pause, Reset, the speed (0.1×–100×) and the
 * simulated clock with the fault timeline under it, always visible. Space toggles play when focus is not in a field.
 */
import { memo, useEffect } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import { simulation } from '../../store/simulationController';
import { useDocumentStore } from '../../store/documentStore';
import { FaultTimeline } from './FaultTimeline';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100];

/** Space belongs to whatever has focus when that is a control, a canvas node or an edge. */
export function ownsSpace(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(target.tagName)) return true;
  if (target.closest('.react-flow__node, .react-flow__edge, dialog')) return true;
  const role = target.getAttribute('role');
  return role !== null && ['button', 'tab', 'menuitem', 'checkbox', 'radio', 'switch', 'option', 'separator', 'slider'].includes(role);
}

/** Edits made after Play are not in the running simulation: say so, and offer the way to apply them. */
function StaleHint() {
  const stale = useSimulationStore((s) => s.runDocument !== null && s.playState !== 'idle');
  const changed = useDocumentStore((s) => s.document);
  const runDocument = useSimulationStore((s) => s.runDocument);
  if (!stale || runDocument === changed) return null;
  return (
    <button type="button" className="sim-stale" onClick={() => simulation.reset()} title="The design changed since Play; the running simulation uses the design as it was.">
      design changed · Reset to apply
    </button>
  );
}

function SimulationControlsImpl() {
  const playState = useSimulationStore((s) => s.playState);
  const clockS = useSimulationStore((s) => s.clockS);
  const speed = useSimulationStore((s) => s.options.speed);
  const duration = useSimulationStore((s) => s.options.durationS);
  const playing = playState === 'playing';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Held Space repeats: one press, one toggle.
      if (event.key !== ' ' || event.repeat || event.ctrlKey || event.metaKey || event.altKey || ownsSpace(event.target)) return;
      event.preventDefault();
      simulation.toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={`sim-controls${playing ? ' is-playing' : ''}`} role="group" aria-label="Simulation">
      <button type="button" className="toolbar__button sim-controls__play" onClick={() => simulation.play()} disabled={playing} aria-label="Play" title="Play (Space)">
        <span aria-hidden="true">▶</span> Play
      </button>
      <button type="button" className="toolbar__button" onClick={() => simulation.pause()} disabled={!playing} aria-label="Pause" title="Pause (Space)">
        <span aria-hidden="true">❚❚</span> Pause
      </button>
      <button type="button" className="toolbar__button" onClick={() => simulation.reset()} disabled={playState === 'idle'} aria-label="Reset" title="Reset">
        <span aria-hidden="true">⟲</span> Reset
      </button>
      <label className="sim-controls__speed">
        <span className="visually-hidden">Speed</span>
        <select aria-label="Speed" value={speed} onChange={(e) => simulation.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <StaleHint />
      <span className="sim-clock-stack">
        <output className={`sim-clock sim-clock--${playState}`} aria-label="Simulated time" title={`Simulated time of ${duration} s`}>
          t = {clockS.toFixed(1)} s
        </output>
        <FaultTimeline />
      </span>
    </div>
  );
}

export const SimulationControls = memo(SimulationControlsImpl);
