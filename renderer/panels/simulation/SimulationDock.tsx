/**
 * The simulation dock under the canvas: run options and the scenario editor, live charts, results
 * (totals, compare with baseline, failure sweep). Collapsible, so drawing gets the whole height.
 */
import { memo, useState } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import { ScenarioEditor } from './ScenarioEditor';
import { Charts } from './Charts';
import { ClientSlos } from './ClientSlos';
import { Compare, Sweep, Totals } from './Results';
import { BudgetStopLine } from './BudgetStopLine';

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

const MIN_HEIGHT = 170;
const MAX_HEIGHT_SHARE = 0.7;

function initialHeight(): number {
  const saved = Number(globalThis.localStorage?.getItem('topology-designer.dockHeight'));
  const fallback = Math.round(Math.min(300, Math.max(MIN_HEIGHT, window.innerHeight * 0.34)));
  return Number.isFinite(saved) && saved >= MIN_HEIGHT ? saved : fallback;
}

/** The dock's top edge: drag it (or focus it and use the arrow keys) to share height with the canvas. */
function Resizer({ height, onResize }: { height: number; onResize(height: number): void }) {
  const clamp = (h: number) => Math.round(Math.min(window.innerHeight * MAX_HEIGHT_SHARE, Math.max(MIN_HEIGHT, h)));
  return (
    <div
      className="dock__resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the simulation dock"
      aria-valuenow={height}
      aria-valuemin={MIN_HEIGHT}
      tabIndex={0}
      onPointerDown={(event) => {
        const startY = event.clientY;
        const startHeight = height;
        const target = event.currentTarget;
        target.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => onResize(clamp(startHeight + startY - e.clientY));
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowUp') onResize(clamp(height + 20));
        if (event.key === 'ArrowDown') onResize(clamp(height - 20));
      }}
    />
  );
}

function SimulationDockImpl() {
  const [open, setOpen] = useState(true);
  const [height, setHeight] = useState(initialHeight);
  const resize = (h: number) => {
    setHeight(h);
    try {
      globalThis.localStorage?.setItem('topology-designer.dockHeight', String(h));
    } catch {
      // Not remembered in private mode; the dock still resizes.
    }
  };
  const [tab, setTab] = useState<Tab>('scenario');
  const error = useSimulationStore((s) => s.error);
  const options = useSimulationStore((s) => s.options);
  const setOptions = useSimulationStore((s) => s.setOptions);
  return (
    <section className={`dock${open ? '' : ' is-collapsed'}`} aria-label="Simulation dock" style={open ? { height } : undefined}>
      {open && <Resizer height={height} onResize={resize} />}
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
      <BudgetStopLine />
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
          <div className="dock__main">
            <ClientSlos />
            <Charts />
          </div>
        </div>
      )}
    </section>
  );
}

export const SimulationDock = memo(SimulationDockImpl);
