/**
 * What a comparison shows, from a design diff: a mark per node and call on the canvas (added,
 * removed, changed) and the list of changes beside it. Colour on the canvas is always paired with
 * the glyph and word here, so the marks read without colour.
 */
import { idTable } from '../../shared/document/idTable';
import type { DesignDiff, ElementChanges, FieldChange } from '../../shared/review/diff';

export type CompareMark = 'added' | 'removed' | 'changed';

/** The glyph shown with each mark's colour (SPEC §9: added green, removed red, changed amber). */
export const MARK_GLYPH: Readonly<Record<CompareMark, string>> = { added: '+', removed: '−', changed: '~' };

export type ChangeSubject = 'node' | 'edge' | 'host' | 'scenario' | 'design';

/** One row of the Changes list. */
export interface ChangeEntry {
  readonly subject: ChangeSubject;
  /** The element's id ('' for design-level fields). */
  readonly id: string;
  readonly mark: CompareMark;
  /** The element's name where the diff side knows it, else its id. */
  readonly label: string;
  /** For a changed element: each field with its path and old and new values. */
  readonly fields: readonly FieldChange[];
}

export interface CompareMarks {
  readonly nodes: Readonly<Record<string, CompareMark>>;
  readonly edges: Readonly<Record<string, CompareMark>>;
  readonly hosts: Readonly<Record<string, CompareMark>>;
  readonly entries: readonly ChangeEntry[];
}

function marksOf(changes: ElementChanges): Record<string, CompareMark> {
  // By id, and `__proto__` is one: a table without a prototype.
  const marks = idTable<CompareMark>();
  for (const id of changes.added) marks[id] = 'added';
  for (const id of changes.removed) marks[id] = 'removed';
  for (const { id } of changes.changed) marks[id] = 'changed';
  return marks;
}

/**
 * The marks and change list of a diff. `names` gives display names by id (the new design's, then
 * the old design's for removed elements); ids stand in for the rest.
 */
export function compareMarks(diff: DesignDiff, names: ReadonlyMap<string, string> = new Map()): CompareMarks {
  const entries: ChangeEntry[] = [];
  const name = (id: string) => names.get(id) ?? id;
  for (const field of diff.design) entries.push({ subject: 'design', id: '', mark: 'changed', label: 'design', fields: [field] });
  const section = (subject: ChangeSubject, changes: ElementChanges) => {
    for (const id of changes.added) entries.push({ subject, id, mark: 'added', label: name(id), fields: [] });
    for (const id of changes.removed) entries.push({ subject, id, mark: 'removed', label: name(id), fields: [] });
    for (const { id, changes: fields } of changes.changed) entries.push({ subject, id, mark: 'changed', label: name(id), fields });
  };
  section('node', diff.nodes);
  section('edge', diff.edges);
  section('host', diff.hosts);
  section('scenario', diff.scenarios);
  return { nodes: marksOf(diff.nodes), edges: marksOf(diff.edges), hosts: marksOf(diff.hosts), entries };
}

/** A field value as the list shows it: JSON, or "(none)" when the field is absent on that side. */
export function formatValue(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
