/**
 * Canvas-only state: which view is shown (deployment or logical) and which cards are being dragged
 * right now. Never part of the document or its undo history; both views' positions live in the file.
 */
import { create } from 'zustand';
import type { ViewMode } from '../../shared/layout/types';

export interface CanvasViewState {
  readonly mode: ViewMode;
  setMode(mode: ViewMode): void;
}

/** The view the canvas shows; the deployment view is the default (SPEC §6). */
export const useCanvasView = create<CanvasViewState>()((set) => ({
  mode: 'deployment',
  setMode: (mode) => set({ mode }),
}));

/** Switches between the deployment and the logical view. */
export function toggleViewMode(): void {
  const { mode, setMode } = useCanvasView.getState();
  setMode(mode === 'deployment' ? 'logical' : 'deployment');
}

export interface DragState {
  /** Flow node ids (card keys, server ids) moving in the drag in progress; empty otherwise. */
  readonly moving: ReadonlySet<string>;
  setMoving(moving: ReadonlySet<string>): void;
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Cards in motion. Calls touching them follow the cards live (their stored route is stale until
 * the drop is laid out); a boolean selector per call keeps the others from re-rendering.
 */
export const useDragState = create<DragState>()((set) => ({
  moving: NOTHING,
  setMoving: (moving) => set({ moving: moving.size === 0 ? NOTHING : moving }),
}));
