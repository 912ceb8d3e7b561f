/**
 * Every command the app understands — from the toolbar, keyboard shortcuts and native menus (the
 * same `MenuCommand` names the desktop host sends).
 */
import type { MenuCommand } from '../../shared/host';
import { redo, undo } from '../store/documentStore';
import { copySelection, cutSelection, deleteSelection, duplicateSelection, paste, selectAll } from '../store/actions';
import { useUiStore } from '../store/uiStore';
import { fitView, zoomIn, zoomOut } from '../canvas/canvasCommands';
import { runAutoLayout } from '../canvas/autoLayout';
import { newDocument, newFromTemplate, openFile, saveFile } from './fileActions';
import { host } from '../host';
import { confirmDiscard, openContent } from './fileActions';
import { useDialogStore } from './dialogs';
import { importComposeFile } from './importCompose';

/** Extra handlers registered by panels that own a feature (simulation, export, import). */
const extra = new Map<string, () => void>();

export function registerCommand(command: MenuCommand, handler: () => void): () => void {
  extra.set(command, handler);
  return () => {
    if (extra.get(command) === handler) extra.delete(command);
  };
}

export function runCommand(command: MenuCommand): void {
  const registered = extra.get(command);
  if (registered) {
    registered();
    return;
  }
  if (command.startsWith('template:')) {
    newFromTemplate(command.slice('template:'.length));
    return;
  }
  if (command.startsWith('open-recent:')) {
    // The id is the host's own key: a path on the desktop, `recent:NAME` in the browser.
    const id = command.slice('open-recent:'.length);
    const name = id.replace(/^recent:/, '').split(/[\\/]/).pop() ?? id;
    if (!confirmDiscard(`Open ${name}`)) return;
    void host.openRecent({ id, name }).then(
      (opened) => (opened ? openContent(opened) : useUiStore.getState().notify('warning', `Cannot open ${name}`, ['It was moved, deleted, or permission was refused.'])),
      (error: unknown) => useUiStore.getState().notify('error', `Cannot open ${name}`, [error instanceof Error ? error.message : String(error)]),
    );
    return;
  }
  switch (command) {
    case 'new':
      return newDocument();
    case 'open':
      return void openFile();
    case 'save':
      return void saveFile(false);
    case 'save-as':
      return void saveFile(true);
    case 'undo':
      return undo();
    case 'redo':
      return redo();
    case 'cut':
      return cutSelection();
    case 'copy':
      return void copySelection();
    case 'paste':
      return paste();
    case 'duplicate':
      return duplicateSelection();
    case 'delete':
      return deleteSelection();
    case 'select-all':
      return selectAll();
    case 'zoom-in':
      return zoomIn();
    case 'zoom-out':
      return zoomOut();
    case 'fit':
      return fitView();
    case 'auto-layout':
      return void runAutoLayout();
    case 'toggle-minimap':
      return useUiStore.getState().toggleMinimap();
    case 'toggle-theme': {
      const ui = useUiStore.getState();
      return ui.setTheme(ui.theme === 'dark' ? 'light' : 'dark');
    }
    case 'export':
      return useDialogStore.getState().open('export');
    case 'import-compose':
      return void importComposeFile();
    case 'about':
      return useDialogStore.getState().open('about');
    case 'docs':
      return useDialogStore.getState().open('help');
    default:
      return;
  }
}
