/**
 * The particle legend on the canvas while a run is live: each outcome's colour and glyph, so a
 * burst at a card reads as its cause (colour and shape, never colour alone).
 */
import { memo } from 'react';
import { Panel } from '@xyflow/react';
import { OUTCOME_CODES } from '../model/particles';
import { OUTCOME_STYLE } from '../model/outcomeStyle';
import { useSimulationStore } from '../store/simulationStore';
import { useUiStore } from '../store/uiStore';

function OutcomeLegendImpl() {
  const live = useSimulationStore((s) => s.playState !== 'idle');
  const theme = useUiStore((s) => s.theme);
  if (!live) return null;
  return (
    <Panel position="bottom-center" className="outcome-legend" aria-label="Particle legend">
      <ul>
        {OUTCOME_CODES.map((code) => (
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
