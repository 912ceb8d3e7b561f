/**
 * The keyboard shortcuts of the app, as data shared by both hosts: the desktop menu reads
 * `accelerator` (Electron syntax), the web build matches `keys` against KeyboardEvents with
 * `matchShortcut`. One table, so the two builds cannot drift apart.
 */
import type { MenuCommand } from './hostApi';

/** A key combination as a KeyboardEvent sees it. */
export interface KeyMatcher {
  /** `KeyboardEvent.key`; letters in lower case (matching ignores case). */
  readonly key: string;
  /** Also matches this `KeyboardEvent.code` (layout-independent), e.g. `Digit1` for Shift+1. */
  readonly code?: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  readonly ctrlOrMeta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

export interface Shortcut {
  readonly command: MenuCommand;
  /** The menu label (the desktop menu adds "…" where a dialog follows). */
  readonly label: string;
  /** Electron accelerator syntax, e.g. `CmdOrCtrl+Shift+S`. */
  readonly accelerator: string;
  readonly keys: KeyMatcher;
  /** A second binding for a command that already has one (shown nowhere, works everywhere). */
  readonly alternate?: boolean;
}

function keys(key: string, modifiers: { ctrlOrMeta?: boolean; shift?: boolean; alt?: boolean; code?: string } = {}): KeyMatcher {
  return {
    key,
    ...(modifiers.code ? { code: modifiers.code } : {}),
    ctrlOrMeta: modifiers.ctrlOrMeta ?? false,
    shift: modifiers.shift ?? false,
    alt: modifiers.alt ?? false,
  };
}

const mod = { ctrlOrMeta: true };
const modShift = { ctrlOrMeta: true, shift: true };

/**
 * Every shortcut, primary bindings first. Chosen to avoid keys browsers keep for themselves where
 * possible (Ctrl+Shift+T, Ctrl+Shift+W) and macOS's ⌘M (minimize).
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'new', label: 'New', accelerator: 'CmdOrCtrl+N', keys: keys('n', mod) },
  { command: 'open', label: 'Open', accelerator: 'CmdOrCtrl+O', keys: keys('o', mod) },
  { command: 'save', label: 'Save', accelerator: 'CmdOrCtrl+S', keys: keys('s', mod) },
  { command: 'save-as', label: 'Save As', accelerator: 'CmdOrCtrl+Shift+S', keys: keys('s', modShift) },
  { command: 'export', label: 'Export', accelerator: 'CmdOrCtrl+E', keys: keys('e', mod) },
  { command: 'close', label: 'Close', accelerator: 'CmdOrCtrl+W', keys: keys('w', mod) },
  { command: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', keys: keys('z', mod) },
  { command: 'redo', label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', keys: keys('z', modShift) },
  { command: 'redo', label: 'Redo', accelerator: 'CmdOrCtrl+Y', keys: keys('y', mod), alternate: true },
  { command: 'cut', label: 'Cut', accelerator: 'CmdOrCtrl+X', keys: keys('x', mod) },
  { command: 'copy', label: 'Copy', accelerator: 'CmdOrCtrl+C', keys: keys('c', mod) },
  { command: 'paste', label: 'Paste', accelerator: 'CmdOrCtrl+V', keys: keys('v', mod) },
  { command: 'duplicate', label: 'Duplicate', accelerator: 'CmdOrCtrl+D', keys: keys('d', mod) },
  { command: 'delete', label: 'Delete', accelerator: 'Delete', keys: keys('Delete') },
  { command: 'delete', label: 'Delete', accelerator: 'Backspace', keys: keys('Backspace'), alternate: true },
  { command: 'select-all', label: 'Select All', accelerator: 'CmdOrCtrl+A', keys: keys('a', mod) },
  { command: 'zoom-in', label: 'Zoom In', accelerator: 'CmdOrCtrl+=', keys: keys('=', mod) },
  // Ctrl and "+" arrives as Shift+= on most layouts, so both spellings zoom in.
  { command: 'zoom-in', label: 'Zoom In', accelerator: 'CmdOrCtrl+Plus', keys: keys('+', modShift), alternate: true },
  { command: 'zoom-out', label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', keys: keys('-', mod) },
  { command: 'fit', label: 'Fit to Window', accelerator: 'Shift+1', keys: keys('!', { shift: true, code: 'Digit1' }) },
  { command: 'auto-layout', label: 'Auto-layout', accelerator: 'CmdOrCtrl+L', keys: keys('l', mod) },
  { command: 'toggle-minimap', label: 'Minimap', accelerator: 'CmdOrCtrl+Shift+M', keys: keys('m', modShift) },
  { command: 'toggle-theme', label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+L', keys: keys('l', modShift) },
  { command: 'show-availability', label: 'Availability', accelerator: 'CmdOrCtrl+Shift+Y', keys: keys('y', modShift) },
  { command: 'show-capacity', label: 'Capacity', accelerator: 'CmdOrCtrl+Shift+K', keys: keys('k', modShift) },
  { command: 'sim-toggle', label: 'Play / Pause', accelerator: 'CmdOrCtrl+Enter', keys: keys('Enter', mod) },
  { command: 'sim-reset', label: 'Reset', accelerator: 'CmdOrCtrl+Shift+Enter', keys: keys('Enter', modShift) },
  { command: 'sim-sweep', label: 'Sweep', accelerator: 'CmdOrCtrl+Shift+P', keys: keys('p', modShift) },
  { command: 'docs', label: 'Documentation', accelerator: 'F1', keys: keys('F1') },
];

/** The primary shortcut of a command (the one menus show), if it has one. */
export function shortcutFor(command: MenuCommand): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.command === command && !shortcut.alternate);
}

/** What `matchShortcut` reads from a KeyboardEvent. */
export interface KeyStroke {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * The command a key stroke triggers, or null. `isMac` picks ⌘ instead of Ctrl for `ctrlOrMeta`;
 * the other modifier must then be up, so Ctrl+S on a Mac does not save.
 */
export function matchShortcut(stroke: KeyStroke, isMac: boolean, table: readonly Shortcut[] = SHORTCUTS): MenuCommand | null {
  const primary = isMac ? stroke.metaKey : stroke.ctrlKey;
  const other = isMac ? stroke.ctrlKey : stroke.metaKey;
  if (other) return null;
  const key = stroke.key.length === 1 ? stroke.key.toLowerCase() : stroke.key;
  for (const shortcut of table) {
    const wanted = shortcut.keys;
    if (wanted.ctrlOrMeta !== primary || wanted.shift !== stroke.shiftKey || wanted.alt !== stroke.altKey) continue;
    if (wanted.key.toLowerCase() === key.toLowerCase() || (wanted.code !== undefined && wanted.code === stroke.code)) return shortcut.command;
  }
  return null;
}
