/**
 * The selection/UI slice: what is selected, what is highlighted (classification evidence, sweep
 * rows), theme, minimap, notices. Never part of the undo history.
 */
import { create } from 'zustand';
import type { Fragment } from '../../shared/document';

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  /** A host chosen in the hosts legend or the inspector. */
  readonly host: string | null;
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], host: null };

export interface Highlight {
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
  /** What asked for it, so a second click on the same finding clears it. */
  readonly source: string;
}

export type NoticeKind = 'info' | 'warning' | 'error';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly lines: readonly string[];
}

export type Theme = 'light' | 'dark';

export interface UiSlice {
  readonly selection: Selection;
  readonly highlight: Highlight | null;
  readonly hoverHighlight: Highlight | null;
  readonly theme: Theme;
  readonly minimap: boolean;
  readonly notices: readonly Notice[];
  readonly clipboard: Fragment | null;
  select(selection: Partial<Selection>): void;
  setHighlight(highlight: Highlight | null): void;
  setHoverHighlight(highlight: Highlight | null): void;
  setTheme(theme: Theme): void;
  toggleMinimap(): void;
  notify(kind: NoticeKind, title: string, lines?: readonly string[]): void;
  dismiss(id: number): void;
  setClipboard(fragment: Fragment | null): void;
}

let nextNoticeId = 1;
/** How long an info notice stays on screen. */
const INFO_NOTICE_MS = 8000;

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('topology-designer.theme');
    if (saved === 'light' || saved === 'dark') return saved;
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export const useUiStore = create<UiSlice>()((set) => ({
  selection: EMPTY_SELECTION,
  highlight: null,
  hoverHighlight: null,
  theme: initialTheme(),
  minimap: true,
  notices: [],
  clipboard: null,
  select: (selection) => set((s) => ({ selection: { ...EMPTY_SELECTION, ...s.selection, ...selection } })),
  setHighlight: (highlight) => set({ highlight }),
  setHoverHighlight: (hoverHighlight) => set({ hoverHighlight }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem('topology-designer.theme', theme);
    } catch {
      // Private mode: the theme just is not remembered.
    }
    set({ theme });
  },
  toggleMinimap: () => set((s) => ({ minimap: !s.minimap })),
  notify: (kind, title, lines = []) => {
    const id = nextNoticeId++;
    set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, title, lines }] }));
    // Information fades by itself; warnings and errors stay until the user dismisses them.
    if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), INFO_NOTICE_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setClipboard: (clipboard) => set({ clipboard }),
}));

/** Replaces the selection (nodes and edges; clears the host). */
export function selectOnly(nodes: readonly string[], edges: readonly string[] = []): void {
  useUiStore.getState().select({ nodes, edges, host: null });
}
