/**
 * "Fail at…" (from a server's or node's context menu on the canvas, and from the inspectors): adds a
 * node-down or host-down fault to the chosen scenario (creating one when the baseline is selected),
 * from the current simulated time (or 10 s) for 20 s, then shows it in the scenario editor to adjust.
 */
import { formatError, type Fault } from '../../../shared/document';
import { addFault } from '../../store/designActions';
import { useSimulationStore } from '../../store/simulationStore';
import { useUiStore } from '../../store/uiStore';

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
