/**
 * The document slice: the open design, its file, and undo/redo (zundo). Only store actions
 * (`actions.ts`, `designActions.ts`) call `edit`, and each says whether undo records the change;
 * a drag is committed once, on drop, so it is one undo step.
 *
 * "Edited" is not a flag that edits set: the slice remembers the document as last saved or
 * opened (documents are immutable, so undo brings back that very object), and the design is
 * edited while the open document differs from it.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { FileRef } from '../../shared/host';
import { emptyDocument, serializeDocument, type TopologyDocument } from '../../shared/document';

/** Whether an edit is an undo step (`record: true`) or happens outside the history. */
export interface EditOptions {
  readonly record: boolean;
}

export interface DocumentSlice {
  readonly document: TopologyDocument;
  readonly file: FileRef | null;
  /** The document as last saved or opened; null when it was never saved (a picture reopened, recovered work). */
  readonly savedDocument: TopologyDocument | null;
  /**
   * Replaces the document wholesale (open, new, template): clears the undo history. `unsaved`
   * marks a design that exists in no file yet although it has content worth keeping (recovered work).
   */
  load(document: TopologyDocument, file: FileRef | null, options?: { unsaved?: boolean }): void;
  /** Applies a pure edit; an edit that returns the same document changes (and records) nothing. */
  edit(change: (document: TopologyDocument) => TopologyDocument, options: EditOptions): void;
  /** The open file now holds `document` (a save is not an edit: the history is untouched). */
  markSaved(file: FileRef, document: TopologyDocument): void;
}

/** The blank design the app starts with; it counts as saved, so closing at once asks nothing. */
const initialDocument = emptyDocument();

export const useDocumentStore = create<DocumentSlice>()(
  temporal(
    (set, get) => ({
      document: initialDocument,
      file: null,
      savedDocument: initialDocument,
      load(document, file, options) {
        set({ document, file, savedDocument: options?.unsaved ? null : document });
        useDocumentStore.temporal.getState().clear();
      },
      edit(change, options) {
        const before = get().document;
        const after = change(before);
        if (after === before) return;
        if (options.record) {
          set({ document: after });
          return;
        }
        outsideHistory(() => set({ document: after }));
      },
      markSaved(file, document) {
        outsideHistory(() => set({ file, savedDocument: document }));
      },
    }),
    {
      partialize: (state) => ({ document: state.document }),
      equality: (a, b) => a.document === b.document,
      limit: 500,
    },
  ),
);

function outsideHistory(change: () => void): void {
  const history = useDocumentStore.temporal.getState();
  history.pause();
  try {
    change();
  } finally {
    history.resume();
  }
}

const textCache = new WeakMap<TopologyDocument, string>();

/** The serialized text of a document, cached by identity (documents are immutable). */
export function documentText(document: TopologyDocument): string {
  let text = textCache.get(document);
  if (text === undefined) {
    text = serializeDocument(document);
    textCache.set(document, text);
  }
  return text;
}

/**
 * Whether `document` differs from `saved`: the same object (undo back to the save) is never
 * edited; a different object is edited unless it writes the very same file (an edit undone by hand).
 */
export function isEdited(document: TopologyDocument, saved: TopologyDocument | null): boolean {
  if (saved === null) return true;
  return document !== saved && documentText(document) !== documentText(saved);
}

/** Whether the open document differs from what was last saved or opened. */
export function isDirty(): boolean {
  const s = useDocumentStore.getState();
  return isEdited(s.document, s.savedDocument);
}

/** The same, as a React hook (the title's edited mark). */
export function useIsDirty(): boolean {
  return useDocumentStore((s) => isEdited(s.document, s.savedDocument));
}

export function undo(): void {
  useDocumentStore.temporal.getState().undo();
}

export function redo(): void {
  useDocumentStore.temporal.getState().redo();
}
