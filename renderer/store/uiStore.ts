/**
 * The selection/UI slice: what is selected, what is highlighted (classification evidence, sweep
 * rows), theme, minimap, notices. Never part of the undo history. Timers live in the components
 * that show things (notices fade in `Notices.tsx`), so this store holds state only.
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
  /** A file being read or imported off the main thread ("Loading shop.topo… 40 %"), or null. */
  readonly loading: { readonly label: string; readonly percent: number } | null;
  setLoading(loading: { readonly label: string; readonly percent: number } | null): void;
  select(selection: Partial<Selection>): void;
  setHighlight(highlight: Highlight | null): void;
  setHoverHighlight(highlight: Highlight | null): void;
  setTheme(theme: Theme): void;
  toggleMinimap(): void;
  /** Shows a notice; the Notices component fades information and warnings, errors stay. */
  notify(kind: NoticeKind, title: string, lines?: readonly string[]): void;
  dismiss(id: number): void;
  /** Drops every notice (another design opened: they were about the old one). */
  clearNotices(): void;
  /** Clears the pinned highlight (a finding or sweep row clicked): Esc, or a click on the open canvas. */
  clearPinnedHighlight(): void;
  setClipboard(fragment: Fragment | null): void;
}

let nextNoticeId = 1;

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
  loading: null,
  setLoading: (loading) => set({ loading }),
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
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clearNotices: () => set({ notices: [] }),
  clearPinnedHighlight: () => set({ highlight: null }),
  setClipboard: (clipboard) => set({ clipboard }),
}));

/** Clears the pinned highlight (Esc in the app, a click on the open canvas). */
export function clearPinnedHighlight(): void {
  useUiStore.getState().clearPinnedHighlight();
}

/** Replaces the selection (nodes and edges; clears the host). */
export function selectOnly(nodes: readonly string[], edges: readonly string[] = []): void {
  useUiStore.getState().select({ nodes, edges, host: null });
}
