/**
 * Typed patches: one way to change the fields of a node, an edge, a host, a scenario, the
 * settings or the design itself. The inspectors and the scenario editor describe what the user
 * changed as a patch; `applyPatch` is the one function that applies it. A field given as
 * `undefined` is removed (it falls back to its default).
 */
import { updateEdge, updateNode } from './edit';
import { updateHost } from './hosts';
import type { Host, Settings, TopologyDocument, TopologyEdge, TopologyNode } from './schema';

/** A change to one part of a document, told apart by `kind` (what it changes). */
export type DocumentPatch =
  | { readonly kind: 'node'; readonly id: string; readonly changes: Partial<Omit<TopologyNode, 'id'>> }
  | { readonly kind: 'edge'; readonly id: string; readonly changes: Partial<Omit<TopologyEdge, 'id'>> }
  | { readonly kind: 'host'; readonly id: string; readonly changes: Partial<Omit<Host, 'id'>> }
  | { readonly kind: 'scenario'; readonly id: string; readonly changes: { readonly name?: string } }
  | { readonly kind: 'settings'; readonly changes: Partial<Settings> }
  | { readonly kind: 'design'; readonly changes: { readonly name?: string } };

/** `{ ...base, ...changes }` without the fields `changes` sets to `undefined`. */
function merge<T extends object>(base: T, changes: object): T {
  const next = { ...base, ...changes } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key];
  return next as T;
}

/** Applies a patch; an id that names nothing leaves the document unchanged (the same object). */
export function applyPatch(doc: TopologyDocument, patch: DocumentPatch): TopologyDocument {
  switch (patch.kind) {
    case 'node':
      return doc.nodes.some((n) => n.id === patch.id) ? updateNode(doc, patch.id, patch.changes) : doc;
    case 'edge':
      return doc.edges.some((e) => e.id === patch.id) ? updateEdge(doc, patch.id, patch.changes) : doc;
    case 'host':
      return doc.hosts.some((h) => h.id === patch.id) ? updateHost(doc, patch.id, patch.changes) : doc;
    case 'scenario': {
      const scenarios = doc.scenarios ?? [];
      if (!scenarios.some((s) => s.id === patch.id)) return doc;
      return { ...doc, scenarios: scenarios.map((s) => (s.id === patch.id ? merge(s, patch.changes) : s)) };
    }
    case 'settings': {
      const settings = merge(doc.settings ?? {}, patch.changes);
      if (Object.keys(settings).length > 0) return { ...doc, settings };
      // No settings left: the field goes too, so the file does not carry an empty object.
      const { settings: _empty, ...rest } = doc;
      return rest as TopologyDocument;
    }
    case 'design':
      return merge(doc, patch.changes);
  }
}
