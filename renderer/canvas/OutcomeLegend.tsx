/**
 * The particle legend on the canvas while a run is live: each outcome's colour and glyph, so a
 * burst at a card reads as its cause (colour and shape, never colour alone). It lists the outcomes
 * this run has shown so far (ok always), so it stays small and covers no card it need not.
 */
import { memo, useSyncExternalStore } from 'react';
import { Panel } from '@xyflow/react';
import { OUTCOME_CODES } from '../model/particles';
import { OUTCOME_STYLE } from '../model/outcomeStyle';
import { useSimulationStore } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';
import { liveFeed } from '../store/liveFeed';

function OutcomeLegendImpl() {
  const live = useSimulationStore((s) => s.playState !== 'idle');
  const theme = useUiStore((s) => s.theme);
  const seen = useSyncExternalStore(liveFeed.subscribeSeen, liveFeed.seenOutcomes);
  if (!live) return null;
  const codes = OUTCOME_CODES.filter((code, i) => code === 'ok' || (seen & (1 << i)) !== 0);
  return (
    <Panel position="bottom-center" className="outcome-legend" aria-label="Particle legend">
      <ul>
        {codes.map((code) => (
          <li key={code} className="outcome-legend__item" data-outcome={code}>
            <span className="outcome-legend__glyph" aria-hidden="true" style={{ color: OUTCOME_STYLE[code][theme] }}>
              {OUTCOME_STYLE[code].glyph}
            </span>
            {OUTCOME_STYLE[code].label}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

export const OutcomeLegend = memo(OutcomeLegendImpl);
