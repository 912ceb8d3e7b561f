/** The inspector: edits whatever is selected — a node, an edge, a host, or the design itself. */
import { memo } from 'react';
import { useDocumentStore } from '../store/documentStore';
import { useUiStore } from '../store/uiStore';
import { NodeInspector } from './NodeInspector';
import { EdgeInspector } from './EdgeInspector';
import { HostInspector } from './HostInspector';
import { DocumentInspector } from './DocumentInspector';

function InspectorImpl() {
  const selection = useUiStore((s) => s.selection);
  const document = useDocumentStore((s) => s.document);
  let body: React.ReactNode;
  const total = selection.nodes.length + selection.edges.length;
  if (selection.host) {
    const host = document.hosts.find((h) => h.id === selection.host);
    body = host ? <HostInspector key={host.id} host={host} /> : <DocumentInspector />;
  } else if (total === 1 && selection.nodes.length === 1) {
    const node = document.nodes.find((n) => n.id === selection.nodes[0]);
    body = node ? <NodeInspector key={node.id} node={node} /> : <DocumentInspector />;
  } else if (total === 1) {
    const edge = document.edges.find((e) => e.id === selection.edges[0]);
    body = edge ? <EdgeInspector key={edge.id} edge={edge} /> : <DocumentInspector />;
  } else if (total > 1) {
    body = (
      <section className="inspector__section">
        <h3 className="inspector__heading">{total} selected</h3>
        <p className="muted">
          {selection.nodes.length} nodes, {selection.edges.length} edges. Delete, copy, duplicate or drag them together.
        </p>
      </section>
    );
  } else {
    body = <DocumentInspector />;
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      {body}
    </aside>
  );
}

export const Inspector = memo(InspectorImpl);
