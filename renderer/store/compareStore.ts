/**
 * The comparison slice: the design the open one is compared with ("Compare with…": a file, or the
 * last saved version), and the diff and marks against the open design, kept current as it is
 * edited. Never part of the undo history; ends with Esc, "Close comparison" or another design opened.
 */
import { create } from 'zustand';
import type { TopologyDocument } from '../../shared/document';
import { diffDesigns, type DesignDiff } from '../../shared/review/diff';
import { compareMarks, type CompareMarks } from './compareMarks';
import { useDocumentStore } from './documentStore';

export interface Comparison {
  /** What the open design is compared with, for the panel's title ("the last saved version", a file name). */
  readonly title: string;
  readonly baseline: TopologyDocument;
  readonly diff: DesignDiff;
  readonly marks: CompareMarks;
}

export interface CompareSlice {
  readonly comparison: Comparison | null;
  start(title: string, baseline: TopologyDocument): void;
  close(): void;
}

/** Display names by id: the open design's, then the baseline's (removed elements exist only there). */
function namesOf(baseline: TopologyDocument, current: TopologyDocument): Map<string, string> {
  const names = new Map<string, string>();
  for (const doc of [baseline, current]) {
    for (const n of doc.nodes) names.set(n.id, n.name);
    for (const h of doc.hosts) names.set(h.id, h.name);
    for (const s of doc.scenarios ?? []) names.set(s.id, s.name);
  }
  const nodeName = (id: string) => names.get(id) ?? id;
  for (const doc of [baseline, current]) for (const e of doc.edges) names.set(e.id, `${nodeName(e.from)} → ${nodeName(e.to)}`);
  return names;
}

function compare(title: string, baseline: TopologyDocument, current: TopologyDocument): Comparison {
  const diff = diffDesigns(baseline, current);
  return { title, baseline, diff, marks: compareMarks(diff, namesOf(baseline, current)) };
}

let stopFollowing: (() => void) | null = null;

export const useCompareStore = create<CompareSlice>()((set, get) => ({
  comparison: null,
  start(title, baseline) {
    stopFollowing?.();
    set({ comparison: compare(title, baseline, useDocumentStore.getState().document) });
    // Edits while comparing move the marks with them.
    stopFollowing = useDocumentStore.subscribe((state, previous) => {
      const current = get().comparison;
      if (current && state.document !== previous.document) set({ comparison: compare(current.title, current.baseline, state.document) });
    });
  },
  close() {
    stopFollowing?.();
    stopFollowing = null;
    set({ comparison: null });
  },
}));

/** Ends the comparison; true when one was open (Esc then does nothing else). */
export function closeComparison(): boolean {
  const open = useCompareStore.getState().comparison !== null;
  if (open) useCompareStore.getState().close();
  return open;
}
