/**
 * Every command the app understands — from the toolbar, keyboard shortcuts and native menus (the
 * same `MenuCommand` names the desktop host sends). One handler per command in an exhaustive map:
 * a command added to `MENU_COMMANDS` does not compile until it has a handler here.
 */
import { MENU_COMMANDS, type MenuCommand } from '../../shared/host';
import { redo, undo } from '../store/documentStore';
import { copySelection, cutSelection, deleteSelection, duplicateSelection, paste, selectAll } from '../store/actions';
import { simulation } from '../store/simulationController';
import { useUiStore } from '../store/uiStore';
import { showSidePanel } from '../store/reliabilityStore';
import { fitView, zoomIn, zoomOut } from '../canvas/canvasCommands';
import { runAutoLayout } from '../canvas/autoLayout';
import { confirmDiscard, newDocument, newFromTemplate, openContent, openFile, saveFile } from './fileActions';
import { host } from '../host';
import { useDialogStore } from '../store/dialogStore';
import { importComposeFile } from './importCompose';
import { compareWithFile, compareWithSaved } from './compareActions';

/** A command without a parameter. */
export type CommandId = (typeof MENU_COMMANDS)[number];

type Handlers = { readonly [K in CommandId]: () => void };

const ui = () => useUiStore.getState();

/** The handler of each command; `satisfies` keeps it exhaustive and free of strays. */
export const COMMAND_HANDLERS = {
  new: newDocument,
  open: () => void openFile(),
  save: () => void saveFile(false),
  'save-as': () => void saveFile(true),
  // The desktop shell closes its window itself (with its unsaved-changes prompt); a browser tab is the browser's.
  close: () => undefined,
  export: () => useDialogStore.getState().open('export'),
  'import-compose': () => void importComposeFile(),
  'compare-file': () => void compareWithFile(),
  'compare-saved': compareWithSaved,
  undo,
  redo,
  cut: cutSelection,
  copy: () => void copySelection(),
  paste: () => paste(),
  duplicate: duplicateSelection,
  delete: deleteSelection,
  'select-all': selectAll,
  'zoom-in': zoomIn,
  'zoom-out': zoomOut,
  fit: fitView,
  'auto-layout': () => void runAutoLayout(),
  'toggle-minimap': () => ui().toggleMinimap(),
  'toggle-theme': () => ui().setTheme(ui().theme === 'dark' ? 'light' : 'dark'),
  'show-availability': () => showSidePanel('availability'),
  'show-capacity': () => showSidePanel('capacity'),
  'sim-toggle': () => simulation.toggle(),
  'sim-reset': () => simulation.reset(),
  'sim-sweep': () => void simulation.sweep(),
  about: () => useDialogStore.getState().open('about'),
  docs: () => useDialogStore.getState().open('help'),
} as const satisfies Handlers;

/**
 * Opens a recent file by the opaque id an `open-recent:ID` menu command carries (a token the host
 * issued, never a path); its display name comes from the host's own list.
 */
async function openRecent(id: string): Promise<void> {
  const listed = (await host.recentFiles()).find((ref) => ref.id === id);
  const name = listed?.name ?? 'the recent file';
  if (!confirmDiscard(`Open ${name}`)) return;
  try {
    const opened = await host.openRecent({ id, name });
    if (opened) await openContent(opened);
    else ui().notify('warning', `Cannot open ${name}`, ['It was moved, deleted, or permission was refused.']);
  } catch (error) {
    ui().notify('error', `Cannot open ${name}`, [error instanceof Error ? error.message : String(error)]);
  }
}

const TEMPLATE = 'template:';
const OPEN_RECENT = 'open-recent:';

function isCommandId(command: string): command is CommandId {
  return (MENU_COMMANDS as readonly string[]).includes(command);
}

export function runCommand(command: MenuCommand): void {
  if (command.startsWith(TEMPLATE)) return newFromTemplate(command.slice(TEMPLATE.length));
  if (command.startsWith(OPEN_RECENT)) return void openRecent(command.slice(OPEN_RECENT.length));
  // The type admits nothing else; the check keeps a stray string from a host out at run time.
  if (isCommandId(command)) COMMAND_HANDLERS[command]();
}
