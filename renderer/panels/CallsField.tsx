/**
 * A node's outgoing calls in the inspector, and a way to add one without dragging a handle — so a
 * design can be wired with the keyboard alone.
 */
import { useState } from 'react';
import type { TopologyNode } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';
import { connectNodes } from '../store/actions';
import { selectOnly } from '../store/uiStore';

export function CallsField({ node }: { node: TopologyNode }) {
  // Chosen first, added with the button: arrowing through a closed select fires a change per step.
  const [target, setTarget] = useState('');
  const nodes = useDocumentStore((s) => s.document.nodes);
  const edges = useDocumentStore((s) => s.document.edges);
  const outgoing = edges.filter((e) => e.from === node.id);
  const called = new Set(outgoing.map((e) => e.to));
  const candidates = nodes.filter((n) => n.id !== node.id && n.kind !== 'client' && !called.has(n.id));
  const nameOf = (id: string) => nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <fieldset className="inspector__group">
      <legend>Calls</legend>
      {outgoing.length === 0 ? (
        <p className="muted small">Calls nothing yet.</p>
      ) : (
        <ul className="link-list">
          {outgoing.map((edge) => (
            <li key={edge.id}>
              <button type="button" className="link" onClick={() => selectOnly([], [edge.id])} title="Edit this call">
                {nameOf(edge.to)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <div className="calls__add">
          <label className="field">
            <span>Add a call</span>
            <select aria-label={`Add a call from ${node.name}`} value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">Choose a node…</option>
              {candidates.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--small"
            disabled={!candidates.some((n) => n.id === target)}
            onClick={() => {
              connectNodes(node.id, target);
              setTarget('');
              // Stay on the caller, so several calls can be added in a row.
              selectOnly([node.id]);
            }}
          >
            Add call
          </button>
        </div>
      )}
    </fieldset>
  );
}
