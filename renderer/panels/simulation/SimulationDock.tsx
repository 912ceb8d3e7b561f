/**
 * The simulation dock under the canvas: run options and the scenario editor, live charts, results
 * (totals, compare with baseline, failure sweep). Collapsible, so drawing gets the whole height.
 */
import { memo, useState } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import { ScenarioEditor } from './ScenarioEditor';
import { Charts } from './Charts';
import { Compare, Sweep, Totals } from './Results';

function OptionField({ label, value, min, max, integer, onCommit }: { label: string; value: number; min: number; max: number; integer?: boolean; onCommit(v: number): void }) {
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const check = (text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return 'must be a number';
    if (integer && !Number.isInteger(n)) return 'must be a whole number';
    if (n < min || n > max) return `must be between ${min} and ${max}`;
    return null;
  };
  return (
    <label className={`field field--inline${error ? ' has-error' : ''}`}>
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        aria-label={label}
        value={draft}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(check(e.target.value));
        }}
        onBlur={() => (check(draft) ? undefined : onCommit(Number(draft)))}
        onKeyDown={(e) => e.key === 'Enter' && !check(draft) && onCommit(Number(draft))}
      />
      {error && (
        <span className="field__error" role="alert">
          {label} {error}
        </span>
      )}
    </label>
  );
}

type Tab = 'scenario' | 'compare' | 'sweep';
const TABS: { id: Tab; label: string }[] = [
  { id: 'scenario', label: 'Scenario' },
  { id: 'compare', label: 'Compare' },
  { id: 'sweep', label: 'Sweep' },
];

function SimulationDockImpl() {
  const [open, setOpen] = useState(true);
  const [tab, setTab] = useState<Tab>('scenario');
  const error = useSimulationStore((s) => s.error);
  const options = useSimulationStore((s) => s.options);
  const setOptions = useSimulationStore((s) => s.setOptions);
  return (
    <section className={`dock${open ? '' : ' is-collapsed'}`} aria-label="Simulation dock">
      <header className="dock__header">
        <button type="button" className="dock__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Simulation
        </button>
        {open && (
          <div className="dock__options">
            <OptionField label="Duration (s)" value={options.durationS} min={1} max={3600} onCommit={(durationS) => setOptions({ durationS })} />
            <OptionField label="Seed" value={options.seed} min={0} max={2 ** 31 - 1} integer onCommit={(seed) => setOptions({ seed })} />
          </div>
        )}
        <Totals />
      </header>
      {error && (
        <p className="dock__error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div className="dock__body">
          <div className="dock__side">
            <div className="tabs" role="tablist" aria-label="Simulation panels">
              {TABS.map((t) => (
                <button key={t.id} type="button" role="tab" id={`dock-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`dock-panel-${t.id}`} className="tabs__tab" onClick={() => setTab(t.id)}>
                  {t.label}
                </button>
              ))}
            </div>
            <div className="dock__panel" role="tabpanel" id={`dock-panel-${tab}`} aria-labelledby={`dock-tab-${tab}`}>
              {tab === 'scenario' && <ScenarioEditor />}
              {tab === 'compare' && <Compare />}
              {tab === 'sweep' && <Sweep />}
            </div>
          </div>
          <Charts />
        </div>
      )}
    </section>
  );
}

export const SimulationDock = memo(SimulationDockImpl);
