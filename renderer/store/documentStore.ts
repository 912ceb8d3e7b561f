/**
 * The document slice: the open design, its file, and undo/redo (zundo). Actions are thin: they call
 * a pure edit from shared/document and set the result once. Only `document` is recorded in the
 * undo history; a drag is committed once, on drop, so it is one undo step.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { FileRef } from '../../shared/host';
import {
  emptyDocument,
  serializeDocument,
  type TopologyDocument,
} from '../../shared/document';

export interface DocumentSlice {
  readonly document: TopologyDocument;
  readonly file: FileRef | null;
  /** The text last saved or opened; the document is dirty when it serializes differently. */
  readonly savedText: string;
  /** Replaces the document wholesale (open, new, template): clears the undo history. */
  load(document: TopologyDocument, file: FileRef | null, options?: { dirty?: boolean }): void;
  /** Applies a pure edit; recorded as one undo step unless it returns the same document. */
  edit(change: (document: TopologyDocument) => TopologyDocument): void;
  markSaved(file: FileRef, text: string): void;
}

export const useDocumentStore = create<DocumentSlice>()(
  temporal(
    (set, get) => ({
      document: emptyDocument(),
      file: null,
      savedText: serializeDocument(emptyDocument()),
      load(document, file, options) {
        set({ document, file, savedText: options?.dirty ? '' : serializeDocument(document) });
        useDocumentStore.temporal.getState().clear();
      },
      edit(change) {
        const before = get().document;
        const after = change(before);
        if (after !== before) set({ document: after });
      },
      markSaved(file, text) {
        // Saving is not an edit: keep it out of the undo history.
        const temporalState = useDocumentStore.temporal.getState();
        temporalState.pause();
        set({ file, savedText: text });
        temporalState.resume();
      },
    }),
    {
      partialize: (state) => ({ document: state.document }),
      equality: (a, b) => a.document === b.document,
      limit: 500,
    },
  ),
);

const dirtyCache = new WeakMap<TopologyDocument, string>();

/** The serialized text of a document, cached by identity (documents are immutable). */
export function documentText(document: TopologyDocument): string {
  let text = dirtyCache.get(document);
  if (text === undefined) {
    text = serializeDocument(document);
    dirtyCache.set(document, text);
  }
  return text;
}

/** Whether the open document differs from what was last saved or opened. */
export function useIsDirty(): boolean {
  return useDocumentStore((s) => documentText(s.document) !== s.savedText);
}

export function undo(): void {
  useDocumentStore.temporal.getState().undo();
}

export function redo(): void {
  useDocumentStore.temporal.getState().redo();
}
