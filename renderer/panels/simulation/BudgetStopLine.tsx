/**
 * One status line of the dock: a run its work budget stopped (a partial report) says so in words,
 * why and at which simulated second, instead of leaving a clock that stopped without a reason.
 */
import { useSimulationStore } from '../../store/simulationStore';

export function BudgetStopLine() {
  const stop = useSimulationStore((s) => s.budgetStop);
  if (!stop) return null;
  return (
    <p className="dock__error" role="status" aria-label="Simulation stopped early">
      Stopped early at {stop.atSeconds.toFixed(1)} s: {stop.message.replace(/^the simulation stopped at [\d.]+ s of [\d.]+: /, '')}. The results so far are partial.
    </p>
  );
}
