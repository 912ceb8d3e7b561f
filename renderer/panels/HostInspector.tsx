/** Inspector for one host: rename, zone, what runs on it, delete. */
import type { Host } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { deleteHost, editHost } from '../store/actions';
import { selectOnly } from '../store/uiStore';
import { TextField } from './fields';
import { failAt } from './simulation/failAt';

export function HostInspector({ host }: { host: Host }) {
  const hosts = useDocumentStore((s) => s.document.hosts);
  const nodes = useDocumentStore((s) => s.document.nodes);
  const running = nodes.filter((n) => n.instances?.some((i) => i.host === host.id));
  return (
    <section className="inspector__section" aria-label={`Host ${host.name}`}>
      <h3 className="inspector__heading">Host</h3>
      <TextField
        label="Host name"
        value={host.name}
        validate={(text) => (text.trim() === '' ? 'must not be empty' : hosts.some((h) => h.id !== host.id && h.name === text) ? 'is used by another host' : null)}
        onCommit={(name) => editHost(host.id, { name })}
      />
      <TextField label="Zone" value={host.zone} placeholder="e.g. rack-a, eu-west-1a" onCommit={(zone) => editHost(host.id, { zone: zone.trim() || undefined })} />
      <div className="inspector__list-title">Runs</div>
      {running.length === 0 ? (
        <p className="muted">Nothing yet. Place an instance on it from a node's inspector.</p>
      ) : (
        <ul className="link-list">
          {running.map((n) => (
            <li key={n.id}>
              <button type="button" className="link" onClick={() => selectOnly([n.id])}>
                {n.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inspector__actions">
        <button type="button" className="button" onClick={() => failAt('host', host.id, host.name)} title="Add a host-down fault to the current scenario">
          Fail at…
        </button>
        <button type="button" className="button button--danger" onClick={() => deleteHost(host.id)}>
          Delete host
        </button>
      </div>
    </section>
  );
}
