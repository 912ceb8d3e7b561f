/** Inspector when nothing is selected: the design's name, settings and hosts. */
import { type CSSProperties } from 'react';
import { DEFAULTS, settingsSchema, type Settings } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { addHost, deleteHost } from '../store/actions';
import { useUiStore } from '../store/uiStore';
import { hostTint } from '../canvas/visuals';
import { NumberField, TextField } from './fields';

export function DocumentInspector() {
  const document = useDocumentStore((s) => s.document);
  const edit = useDocumentStore((s) => s.edit);
  const theme = useUiStore((s) => s.theme);
  const setSettings = (patch: Partial<Settings>) =>
    edit((d) => {
      const settings: Record<string, unknown> = { ...d.settings, ...patch };
      for (const key of Object.keys(patch)) if ((patch as Record<string, unknown>)[key] === undefined) delete settings[key];
      const next = { ...d, settings: settings as Settings };
      if (Object.keys(settings).length === 0) delete (next as { settings?: Settings }).settings;
      return next;
    });
  return (
    <section className="inspector__section" aria-label="Design">
      <h3 className="inspector__heading">Design</h3>
      <TextField label="Design name" value={document.name} validate={(t) => (t.trim() === '' ? 'must not be empty' : null)} onCommit={(name) => edit((d) => ({ ...d, name }))} />
      <NumberField label="Network latency" unit="ms" value={document.settings?.networkMs} placeholder={String(DEFAULTS.networkMs)} schema={settingsSchema.shape.networkMs} onCommit={(networkMs) => setSettings({ networkMs })} hint="Added to each call between two different hosts" />
      <NumberField label="Connect timeout" unit="ms" value={document.settings?.connectTimeoutMs} placeholder={String(DEFAULTS.connectTimeoutMs)} schema={settingsSchema.shape.connectTimeoutMs} onCommit={(connectTimeoutMs) => setSettings({ connectTimeoutMs })} hint="How long a call waits for a host that does not answer" />
      <div className="inspector__list-title">
        Hosts <span className="muted">({document.hosts.length})</span>
      </div>
      <ul className="host-list">
        {document.hosts.map((host, index) => (
          <li key={host.id} className="host-list__row" style={{ '--host-color': hostTint(index, theme) } as CSSProperties}>
            <span className="host-list__swatch" aria-hidden="true" />
            <button type="button" className="link" onClick={() => useUiStore.getState().select({ nodes: [], edges: [], host: host.id })}>
              {host.name}
            </button>
            <button type="button" className="button button--small" aria-label={`Delete host ${host.name}`} onClick={() => deleteHost(host.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => {
          const id = addHost();
          useUiStore.getState().select({ nodes: [], edges: [], host: id });
        }}
      >
        Add host
      </button>
      <p className="muted small">
        {document.nodes.length} nodes · {document.edges.length} edges. Select a node, an edge or a host to edit it.
      </p>
    </section>
  );
}
