/**
 * The fault timeline under the simulated clock: the chosen scenario's faults as bars over the
 * run's duration, and a playhead at the simulated time, so what is failing now reads at a glance.
 */
import { memo, useMemo } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import { useDocumentStore } from '../../store/documentStore';
import { faultBars } from '../../model/faultTimeline';

function FaultTimelineImpl() {
  const clockS = useSimulationStore((s) => s.clockS);
  const durationS = useSimulationStore((s) => s.options.durationS);
  const scenarioId = useSimulationStore((s) => s.options.scenarioId);
  const runDocument = useSimulationStore((s) => s.runDocument);
  const current = useDocumentStore((s) => s.document);
  // While a run is live its faults are those of the design it started from.
  const document = runDocument ?? current;
  const scenario = document.scenarios?.find((s) => s.id === scenarioId);
  const bars = useMemo(() => (scenario ? faultBars(scenario.faults, durationS, document) : []), [scenario, durationS, document]);
  const rows = Math.max(1, ...bars.map((b) => b.row + 1));
  const at = Math.min(Math.max(clockS / durationS, 0), 1);
  return (
    <div
      className="fault-timeline"
      role="group"
      aria-label="Fault timeline"
      title={scenario ? `${scenario.name}: ${bars.length} fault${bars.length === 1 ? '' : 's'} over ${durationS} s` : 'No scenario: no faults'}
      style={{ height: `${rows * 5 + 3}px` }}
    >
      {bars.map((bar, i) => (
        <span
          key={i}
          className="fault-timeline__bar"
          role="img"
          aria-label={bar.label}
          title={bar.label}
          style={{ left: `${bar.from * 100}%`, width: `${Math.max((bar.to - bar.from) * 100, 1)}%`, top: `${bar.row * 5 + 1}px` }}
        />
      ))}
      <span className="fault-timeline__playhead" data-testid="fault-timeline-playhead" data-at={at.toFixed(4)} style={{ left: `${at * 100}%` }} />
    </div>
  );
}

export const FaultTimeline = memo(FaultTimelineImpl);
