/**
 * The native menu as a pure template: items send MenuCommands to the page (the same names and
 * shortcuts as the web build, from shared/host/shortcuts), a few act natively (Close, Quit, window
 * roles). Built again whenever the recent files change.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { FileRef, MenuCommand } from '../../shared/host/hostApi';
import { SHORTCUTS, shortcutFor } from '../../shared/host/shortcuts';

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Built-in templates (id and name), for File ▸ New from Template. */
  readonly templates: readonly { readonly id: string; readonly name: string }[];
  /** Newest first: the token the page opens it by, and the path shown as a tooltip. */
  readonly recent: readonly { readonly file: FileRef; readonly path: string }[];
  /** Show developer tools items (not in packaged builds). */
  readonly developer: boolean;
  readonly send: (command: MenuCommand) => void;
  readonly closeWindow: () => void;
  readonly clearRecent: () => void;
}

/** A menu item that sends `command`, labelled and bound from the shortcut table. */
function command(context: MenuContext, name: MenuCommand, label: string): MenuItemConstructorOptions {
  const shortcut = shortcutFor(name);
  return {
    id: name,
    label,
    ...(shortcut ? { accelerator: shortcut.accelerator } : {}),
    click: () => context.send(name),
  };
}

/** Invisible items that carry a command's second binding (Ctrl+Y for redo, Ctrl+Plus…). */
function alternates(context: MenuContext, name: MenuCommand): MenuItemConstructorOptions[] {
  return SHORTCUTS.filter((s) => s.command === name && s.alternate).map((s) => ({
    id: `${name}#${s.accelerator}`,
    label: s.label,
    accelerator: s.accelerator,
    visible: false,
    acceleratorWorksWhenHidden: true,
    click: () => context.send(name),
  }));
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function recentMenu(context: MenuContext): MenuItemConstructorOptions[] {
  if (context.recent.length === 0) return [{ id: 'open-recent:none', label: 'No Recent Files', enabled: false }];
  return [
    ...context.recent.map(({ file, path }, index): MenuItemConstructorOptions => ({
      id: `open-recent:${file.id}`,
      // Mnemonics 1–9 for the keyboard; & in names must not become one.
      label: `${index < 9 ? `&${index + 1} ` : ''}${file.name.replace(/&/g, '&&')}`,
      toolTip: path,
      click: () => context.send(`open-recent:${file.id}`),
    })),
    separator,
    { id: 'clear-recent', label: 'Clear Recently Opened', click: () => context.clearRecent() },
  ];
}

/** The full menu bar for `context.platform`. */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    id: 'file',
    label: '&File',
    submenu: [
      command(context, 'new', 'New'),
      {
        id: 'new-from-template',
        label: 'New from Template',
        submenu: context.templates.map((template) => ({ id: `template:${template.id}`, label: template.name, click: () => context.send(`template:${template.id}`) })),
      },
      command(context, 'open', 'Open…'),
      { id: 'open-recent', label: 'Open Recent', submenu: recentMenu(context) },
      separator,
      command(context, 'save', 'Save'),
      command(context, 'save-as', 'Save As…'),
      separator,
      {
        id: 'export-menu',
        label: 'Export',
        submenu: [command(context, 'export', 'Export Diagram…')],
      },
      command(context, 'import-compose', 'Import…'),
      command(context, 'compare-file', 'Compare with File…'),
      command(context, 'compare-saved', 'Compare with Last Saved Version'),
      separator,
      // Close acts natively: the window's close handler asks about unsaved changes.
      { id: 'close', label: 'Close', accelerator: shortcutFor('close')!.accelerator, click: () => context.closeWindow() },
      ...(mac ? [] : [separator, { id: 'quit', label: 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' } as MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    id: 'edit',
    label: '&Edit',
    submenu: [
      command(context, 'undo', 'Undo'),
      command(context, 'redo', 'Redo'),
      ...alternates(context, 'redo'),
      separator,
      command(context, 'cut', 'Cut'),
      command(context, 'copy', 'Copy'),
      command(context, 'paste', 'Paste'),
      command(context, 'duplicate', 'Duplicate'),
      command(context, 'delete', 'Delete'),
      ...alternates(context, 'delete'),
      separator,
      command(context, 'select-all', 'Select All'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    id: 'view',
    label: '&View',
    submenu: [
      command(context, 'zoom-in', 'Zoom In'),
      ...alternates(context, 'zoom-in'),
      command(context, 'zoom-out', 'Zoom Out'),
      command(context, 'fit', 'Fit to Window'),
      separator,
      command(context, 'auto-layout', 'Auto-layout'),
      separator,
      command(context, 'toggle-minimap', 'Show or Hide Minimap'),
      command(context, 'toggle-theme', 'Toggle Dark Theme'),
      separator,
      command(context, 'show-availability', 'Availability'),
      command(context, 'show-capacity', 'Capacity'),
      separator,
      { id: 'fullscreen', label: 'Toggle Full Screen', role: 'togglefullscreen' },
      ...(context.developer ? [separator, { id: 'devtools', label: 'Toggle Developer Tools', role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
    ],
  };
  const simulation: MenuItemConstructorOptions = {
    id: 'simulation',
    label: '&Simulation',
    submenu: [command(context, 'sim-toggle', 'Play / Pause'), command(context, 'sim-reset', 'Reset'), separator, command(context, 'sim-sweep', 'Sweep…')],
  };
  const help: MenuItemConstructorOptions = {
    id: 'help',
    label: '&Help',
    role: 'help',
    submenu: [command(context, 'docs', 'Documentation'), ...(mac ? [] : [separator, command(context, 'about', `About ${context.appName}`)])],
  };
  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: context.appName,
    submenu: [
      command(context, 'about', `About ${context.appName}`),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { id: 'window', label: 'Window', role: 'windowMenu' };
  return mac ? [appMenu, file, edit, view, simulation, windowMenu, help] : [file, edit, view, simulation, help];
}
