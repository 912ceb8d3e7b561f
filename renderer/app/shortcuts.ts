/**
 * Keyboard shortcuts of the web build, from the one table the desktop menus use too
 * (shared/host/shortcuts). Typing in a field keeps its own keys (text undo, select all, delete).
 * Esc, which no menu has, ends a comparison or clears a pinned highlight.
 */
import { matchShortcut, type KeyStroke } from '../../shared/host/shortcuts';
import type { MenuCommand } from '../../shared/host';
import { runCommand } from './commands';
import { clearPinnedHighlight } from '../store/uiStore';
import { closeComparison } from '../store/compareStore';

/** Commands a text field handles itself while it has focus. */
const FIELD_KEYS = new Set<MenuCommand>(['undo', 'redo', 'cut', 'copy', 'paste', 'select-all', 'delete']);

function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The command for a key event in the app, or null (also null inside fields for their own keys). */
export function commandForKey(event: KeyStroke & { target: EventTarget | null }): MenuCommand | null {
  const command = matchShortcut(event, isMac);
  if (!command) return null;
  // A field keeps its own editing keys, and every key without Ctrl/⌘ (Shift+1 types "!", or "1"
  // on AZERTY; Delete and Backspace edit text).
  if (inField(event.target) && (FIELD_KEYS.has(command) || command === 'sim-toggle' || !(event.ctrlKey || event.metaKey))) return null;
  // Inside an open dialog only the dialog's keys count.
  if (event.target instanceof HTMLElement && event.target.closest('dialog') && command !== 'save') return null;
  return command;
}

/** The browser's own editing command for a field key, by menu command. */
const FIELD_EDITS: Partial<Record<MenuCommand, string>> = { undo: 'undo', redo: 'redo', cut: 'cut', copy: 'copy', paste: 'paste', 'select-all': 'selectAll', delete: 'delete' };

/**
 * A command from the desktop menu: its accelerator fires before the page sees the key, so while a
 * text field has focus its editing keys (undo, redo, cut, copy, paste, select all, delete) go to
 * the field — through `edit` (the browser's editing command) — and never reach the design.
 * Returns true when the field took it.
 */
export function menuCommandToField(command: MenuCommand, focused: Element | null, edit: (name: string) => void): boolean {
  const name = FIELD_EDITS[command];
  if (name === undefined || !inField(focused)) return false;
  edit(name);
  return true;
}

/** Runs a desktop menu command: a focused field's editing keys stay the field's. */
export function runMenuCommand(command: MenuCommand): void {
  // execCommand is the only way to ask a field for its own undo/redo; deprecated, still supported.
  if (menuCommandToField(command, document.activeElement, (name) => document.execCommand(name))) return;
  runCommand(command);
}

/**
 * Whether Esc, pressed here, is the app's (clear the pinned highlight): not in a field (where it
 * reverts the text) nor in a dialog (which it closes), and without modifiers.
 */
export function escapeClearsHighlight(event: KeyStroke & { target: EventTarget | null }): boolean {
  if (event.key !== 'Escape' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  if (inField(event.target)) return false;
  return !(event.target instanceof HTMLElement && event.target.closest('dialog'));
}

export function installShortcuts(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    if (escapeClearsHighlight(event)) {
      // Esc ends a comparison first; the next Esc clears the pinned highlight.
      if (!closeComparison()) clearPinnedHighlight();
      return;
    }
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    runCommand(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
