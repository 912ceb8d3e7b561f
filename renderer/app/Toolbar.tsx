/** The toolbar: file and template menus, undo/redo, layout and fit, export, theme — and a slot for the simulation controls. */
import { memo, useEffect, useState, type ReactNode } from 'react';
import type { FileRef } from '../../shared/host';
import { host } from '../host';
import { ALL_TEMPLATES } from '../../shared/document';
import { useStore } from 'zustand';
import { useDocumentStore, useIsDirty } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { runCommand } from './commands';
import { Menu } from './Menu';
import { useCanvasView } from '../canvas/canvasState';

function TemporalButtons() {
  const canUndo = useStore(useDocumentStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useDocumentStore.temporal, (s) => s.futureStates.length > 0);
  return (
    <>
      <button type="button" className="toolbar__button" onClick={() => runCommand('undo')} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
        <span aria-hidden="true">↶</span> Undo
      </button>
      <button type="button" className="toolbar__button" onClick={() => runCommand('redo')} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
        <span aria-hidden="true">↷</span> Redo
      </button>
    </>
  );
}

function DocumentTitle() {
  const name = useDocumentStore((s) => s.document.name);
  const file = useDocumentStore((s) => s.file);
  const dirty = useIsDirty();
  return (
    <div className="toolbar__title" title={file ? file.name : 'Not saved yet'}>
      <span className="toolbar__name">{file?.name ?? name}</span>
      {dirty && (
        <span className="toolbar__dirty" aria-label="Edited, not saved">
          ● edited
        </span>
      )}
    </div>
  );
}

/** Recent files from the host, refreshed whenever the open file changes (an open or a save). */
function useRecentFiles(): FileRef[] {
  const file = useDocumentStore((s) => s.file);
  const [recent, setRecent] = useState<FileRef[]>([]);
  useEffect(() => {
    let alive = true;
    void host.recentFiles().then((list) => alive && setRecent(list.slice(0, 8)));
    return () => {
      alive = false;
    };
  }, [file]);
  return recent;
}

/** The Logical view toggle: pressed, one card per node without servers; released, the deployment view (the default). */
function ViewToggle() {
  const logical = useCanvasView((s) => s.mode === 'logical');
  const setMode = useCanvasView((s) => s.setMode);
  return (
    <button
      type="button"
      className="toolbar__button toolbar__toggle"
      aria-pressed={logical}
      onClick={() => setMode(logical ? 'deployment' : 'logical')}
      title={logical ? 'Logical view: one card per node. Press for the deployment view (servers as boxes).' : 'Deployment view: servers as boxes. Press for the logical view (one card per node).'}
    >
      Logical
    </button>
  );
}

function ToolbarImpl({ simulation }: { simulation?: ReactNode }) {
  const theme = useUiStore((s) => s.theme);
  const recent = useRecentFiles();
  return (
    <header className="toolbar" role="toolbar" aria-label="Toolbar">
      <div className="toolbar__brand" aria-hidden="true">
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="5" cy="12" r="2.5" />
          <circle cx="19" cy="5" r="2.5" />
          <circle cx="19" cy="19" r="2.5" />
          <path d="M7.3 11l9.4-5M7.3 13l9.4 5" />
        </svg>
      </div>
      <Menu
        label="File"
        items={[
          { label: 'New', hint: 'Ctrl+N', onSelect: () => runCommand('new') },
          { label: 'Open…', hint: 'Ctrl+O', onSelect: () => runCommand('open') },
          { label: 'Save', hint: 'Ctrl+S', onSelect: () => runCommand('save') },
          { label: 'Save As…', hint: 'Ctrl+Shift+S', onSelect: () => runCommand('save-as') },
          ...(recent.length > 0 ? (['separator'] as const) : []),
          ...recent.map((ref) => ({ label: `Open Recent: ${ref.name}`, onSelect: () => runCommand(`open-recent:${ref.id}`) })),
          'separator',
          { label: 'Import…', hint: 'compose or Kubernetes', onSelect: () => runCommand('import-compose') },
          { label: 'Compare with file…', onSelect: () => runCommand('compare-file') },
          { label: 'Compare with last saved version', onSelect: () => runCommand('compare-saved') },
          { label: 'Export…', hint: 'Ctrl+E', onSelect: () => runCommand('export') },
        ]}
      />
      <Menu label="New from template" items={ALL_TEMPLATES.map((t) => ({ label: t.name, onSelect: () => runCommand(`template:${t.id}`) }))} />
      <DocumentTitle />
      <span className="toolbar__sep" />
      <TemporalButtons />
      <span className="toolbar__sep" />
      <ViewToggle />
      <button type="button" className="toolbar__button" onClick={() => runCommand('auto-layout')} title="Auto-layout (Ctrl+L)">
        Layout
      </button>
      <button type="button" className="toolbar__button" onClick={() => runCommand('fit')} title="Zoom to fit (Shift+1)">
        Fit
      </button>
      <button type="button" className="toolbar__button" onClick={() => runCommand('export')} title="Export (Ctrl+E)">
        Export
      </button>
      <span className="toolbar__spacer" />
      {simulation}
      <button
        type="button"
        className="toolbar__button toolbar__icon"
        onClick={() => runCommand('toggle-theme')}
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title="Theme"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}

export const Toolbar = memo(ToolbarImpl);
