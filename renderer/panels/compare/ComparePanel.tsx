/**
 * The "Changes" region shown while comparing: the classification before → after and every change
 * (glyph, word and colour; for changed elements each field's path and old → new). Clicking a node,
 * call or host selects it on the canvas; "Close comparison" (or Esc) ends the comparison.
 */
import { memo } from 'react';
import { useCompareStore } from '../../store/compareStore';
import { useUiStore } from '../../store/uiStore';
import { MARK_GLYPH, formatValue, type ChangeEntry } from '../../store/compareMarks';

function selectEntry(entry: ChangeEntry): void {
  const ui = useUiStore.getState();
  // A removed element is not in the open design: there is nothing to select.
  if (entry.mark === 'removed') return;
  if (entry.subject === 'node') ui.select({ nodes: [entry.id], edges: [], host: null });
  else if (entry.subject === 'edge') ui.select({ nodes: [], edges: [entry.id], host: null });
  else if (entry.subject === 'host') ui.select({ nodes: [], edges: [], host: entry.id });
}

function EntryRow({ entry }: { entry: ChangeEntry }) {
  const selectable = entry.mark !== 'removed' && (entry.subject === 'node' || entry.subject === 'edge' || entry.subject === 'host');
  const heading = (
    <>
      <span className="compare__glyph" aria-hidden="true">
        {MARK_GLYPH[entry.mark]}
      </span>{' '}
      <span className="compare__word">{entry.mark}</span> {entry.subject} <strong>{entry.label}</strong>
    </>
  );
  return (
    <li className={`compare__entry compare--${entry.mark}`} data-testid={`change-${entry.subject}-${entry.id}`}>
      {selectable ? (
        <button type="button" className="compare__select" onClick={() => selectEntry(entry)}>
          {heading}
        </button>
      ) : (
        <span className="compare__select">{heading}</span>
      )}
      {entry.fields.length > 0 && (
        <ul className="compare__fields">
          {entry.fields.map((field) => (
            <li key={field.path}>
              <code>{field.path || '(whole)'}</code>: {formatValue(field.old)} → {formatValue(field.new)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ComparePanelImpl() {
  const comparison = useCompareStore((s) => s.comparison);
  const close = useCompareStore((s) => s.close);
  if (!comparison) return null;
  const { classification } = comparison.diff;
  const entries = comparison.marks.entries;
  const labels = classification.labels;
  return (
    <section className="compare" role="region" aria-label="Changes">
      <header className="compare__header">
        <h2>Changes</h2>
        <button type="button" className="toolbar__button" onClick={close} title="Close comparison (Esc)">
          Close comparison
        </button>
      </header>
      <p className="compare__title">Compared with {comparison.title}</p>
      <p className="compare__classification" data-testid="compare-classification">
        Classification: {classification.old.summary === classification.new.summary ? `${classification.new.summary} (unchanged)` : `${classification.old.summary} → ${classification.new.summary}`}
      </p>
      {(labels.added.length > 0 || labels.removed.length > 0) && (
        <p className="compare__labels">
          {labels.added.map((l) => `+ ${l}`).concat(labels.removed.map((l) => `− ${l}`)).join(', ')}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="compare__none">No changes (positions aside).</p>
      ) : (
        <ul className="compare__list" aria-label="List of changes">
          {entries.map((entry) => (
            <EntryRow key={`${entry.subject}:${entry.id}:${entry.fields[0]?.path ?? ''}`} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

export const ComparePanel = memo(ComparePanelImpl);
