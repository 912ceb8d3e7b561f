/** Inspector when nothing is selected: the design's name, settings and hosts. */
import { type CSSProperties } from 'react';
import { DEFAULTS, settingsSchema } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { addHost, deleteHost } from '../store/actions';
import { editSettings, renameDesign } from '../store/designActions';
import { useUiStore } from '../store/uiStore';
import { hostTint } from '../canvas/visuals';
import { NumberField, TextField } from './fields';

export function DocumentInspector() {
  const document = useDocumentStore((s) => s.document);
  const theme = useUiStore((s) => s.theme);
  return (
    <section className="inspector__section" aria-label="Design">
      <h3 className="inspector__heading">Design</h3>
      <TextField label="Design name" value={document.name} validate={(t) => (t.trim() === '' ? 'must not be empty' : null)} onCommit={renameDesign} />
      <NumberField label="Network latency" unit="ms" value={document.settings?.networkMs} placeholder={String(DEFAULTS.networkMs)} schema={settingsSchema.shape.networkMs} onCommit={(networkMs) => editSettings({ networkMs })} hint="Added to each call between two different hosts" />
      <NumberField label="Connect timeout" unit="ms" value={document.settings?.connectTimeoutMs} placeholder={String(DEFAULTS.connectTimeoutMs)} schema={settingsSchema.shape.connectTimeoutMs} onCommit={(connectTimeoutMs) => editSettings({ connectTimeoutMs })} hint="How long a call waits for a host that does not answer" />
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
