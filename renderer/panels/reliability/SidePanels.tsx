/**
 * The tabs above the inspector: Classification, Availability, Capacity. The chosen panel is drawn
 * in place of the Classification region; the analysis runs only while Availability or Capacity is
 * shown. Arrow keys move between the tabs (the WAI-ARIA tabs pattern); View ▸ Availability
 * (Ctrl+Shift+Y) and View ▸ Capacity (Ctrl+Shift+K) open them from anywhere.
 */
import { memo, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { reliabilityController, showSidePanel, useReliabilityStore, type SidePanel } from '../../store/reliabilityStore';
import { AvailabilityPanel } from './AvailabilityPanel';
import { CapacityPanel } from './CapacityPanel';

const TABS: readonly { id: SidePanel; label: string; hint?: string }[] = [
  { id: 'classification', label: 'Classification' },
  { id: 'availability', label: 'Availability', hint: 'Ctrl+Shift+Y' },
  { id: 'capacity', label: 'Capacity', hint: 'Ctrl+Shift+K' },
];

function SidePanelsImpl({ classification }: { classification: ReactNode }) {
  const panel = useReliabilityStore((s) => s.panel);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => reliabilityController().start(), []);
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === panel);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    showSidePanel(TABS[next]!.id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <>
      <div className="side-tabs" role="tablist" aria-label="Analysis" ref={list} onKeyDown={onKey}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`side-tab-${tab.id}`}
            aria-selected={panel === tab.id}
            tabIndex={panel === tab.id ? 0 : -1}
            className={`side-tabs__tab${panel === tab.id ? ' is-active' : ''}`}
            title={tab.hint ? `${tab.label} (${tab.hint})` : tab.label}
            onClick={() => showSidePanel(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {panel === 'classification' && classification}
      {panel === 'availability' && <AvailabilityPanel />}
      {panel === 'capacity' && <CapacityPanel />}
    </>
  );
}

export const SidePanels = memo(SidePanelsImpl);
