/**
 * Wiring only: Electron's modules meet the small, tested pieces (protocol, window hardening, IPC,
 * files, recent, recovery, menu, close prompt, incoming files).
 */
import { randomBytes } from 'node:crypto';
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { ALL_TEMPLATES } from '../../shared/document';
import type { OpenedFile } from '../../shared/host/hostApi';
import { DesktopWindow } from './desktopWindow';
import { FileService, type FileDialogs } from './fileService';
import { removeLeftoverTemps, type FileSystem } from './files';
import { FileTokens } from './fileTokens';
import { createHostHandlers } from './hostHandlers';
import { registerHostIpc } from './ipc';
import { OpenQueue, routeIncomingFiles } from './lifecycle';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, createAppProtocolHandler } from './protocol';
import { RecentFiles } from './recent';
import { RecoveryStore, type Scheduler } from './recovery';
import { APP_NAME, createWindowOptions, hardenSession, hardenWebContents } from './window';

const token = () => randomBytes(6).toString('hex');
const fileSystem = nodeFs as unknown as FileSystem;
const scheduler: Scheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

const dialogs: FileDialogs<BrowserWindow> = {
  async showOpen(window, options) {
    const settings = { title: options.title, defaultPath: options.defaultPath, filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })), properties: ['openFile' as const] };
    const result = window ? await dialog.showOpenDialog(window, settings) : await dialog.showOpenDialog(settings);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async showSave(window, options) {
    const settings = { title: options.title, defaultPath: options.defaultPath, filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
    const result = window ? await dialog.showSaveDialog(window, settings) : await dialog.showSaveDialog(settings);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  showError(window, title, message) {
    const box = { type: 'error' as const, message: title, detail: message, buttons: ['OK'] };
    void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  },
};

/** Starts the desktop app. Call once, synchronously at startup (schemes must be registered before ready). */
export function startDesktopApp(): void {
  app.setName(APP_NAME);
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const queue = new OpenQueue();
  let main: DesktopWindow | null = null;
  let quitting = false;
  const routed = routeIncomingFiles({ app, queue, argv: process.argv, cwd: process.cwd(), isPackaged: app.isPackaged, focus: () => main?.focus() });
  if (!routed) return;
  if (process.platform === 'win32') app.setAppUserModelId('com.topologydesigner.app');

  const userData = app.getPath('userData');
  const tokens = new FileTokens(process.platform, token);
  let recentList: string[] = [];
  const recent = new RecentFiles({
    fs: fileSystem,
    storePath: path.join(userData, 'recent-files.json'),
    platform: process.platform,
    token,
    addToSystem: (filePath) => app.addRecentDocument(filePath),
    onChange: (paths) => {
      recentList = [...paths];
      rebuildMenu();
    },
  });
  const recovery = new RecoveryStore({ fs: fileSystem, directory: path.join(userData, 'recovery'), scheduler, token, onError: (error) => console.error('recovery snapshot failed:', error) });
  const files = new FileService<BrowserWindow>({ fs: fileSystem, dialogs, recent, tokens, platform: process.platform, defaultDirectory: app.getPath('documents'), token });

  function rebuildMenu(): void {
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: APP_NAME,
      templates: ALL_TEMPLATES.map((t) => ({ id: t.id, name: t.name })),
      recent: recentList.map((filePath) => ({ file: tokens.refOf(filePath), path: filePath })),
      developer: !app.isPackaged,
      send: (command) => main?.sendMenuCommand(command),
      closeWindow: () => BrowserWindow.getFocusedWindow()?.close(),
      clearRecent: () => {
        void recent.clear();
        app.clearRecentDocuments();
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  async function openInWindow(source: Parameters<typeof files.openPath>[1]): Promise<void> {
    const target = main;
    if (!target) return;
    const opened: OpenedFile | null = await files.openPath(target.window, source);
    if (!opened) return;
    // Files from the OS or a drop replace the open design: never silently over unsaved work.
    if (target.dirty) {
      target.focus();
      const { response } = await dialog.showMessageBox(target.window, {
        type: 'question',
        buttons: ['Open', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
        message: `Open “${opened.name}”?`,
        detail: `Your unsaved changes to “${target.documentName}” will be lost.`,
      });
      if (response !== 0) return;
    }
    target.sendOpenFile(opened);
    target.focus();
  }

  const windowOf = (event: IpcMainEvent | IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender);
  const desktopOf = (window: BrowserWindow | null) => (main && window === main.window ? main : null);
  registerHostIpc<BrowserWindow, IpcMainEvent | IpcMainInvokeEvent>({
    ipcMain: ipcMain as never,
    windowOf,
    onReject: (rejection) => console.warn(`IPC refused on ${rejection.channel} (${rejection.reason}): ${rejection.detail}`),
    handlers: createHostHandlers({ files, tokens, recovery, windowOf: desktopOf, openDropped: (token) => void openInWindow({ origin: 'drop', token }) }),
  });

  function createMainWindow(): void {
    const window = new BrowserWindow(
      createWindowOptions({
        preload: path.join(__dirname, 'preload.cjs'),
        icon: path.join(app.getAppPath(), 'assets', 'icons', '512.png'),
        devTools: !app.isPackaged,
      }),
    );
    const desktop = new DesktopWindow(window, {
      platform: process.platform,
      showCloseBox: async (parent, box) => (await dialog.showMessageBox(parent, box)).response,
      onDiscard: () => void recovery.clear(),
      onAbort: () => (quitting = false),
      filePathOf: (file) => tokens.pathOf(file.id),
    });
    main = desktop;
    window.once('ready-to-show', () => window.show());
    window.webContents.on('did-start-loading', () => queue.pause());
    window.webContents.on('did-finish-load', () => queue.ready((filePath) => void openInWindow({ origin: 'system', path: filePath })));
    window.webContents.on('render-process-gone', async (_event, details) => {
      if (details.reason === 'clean-exit') return;
      await recovery.flush().catch(() => undefined);
      const { response } = await dialog.showMessageBox(window, {
        type: 'error',
        message: 'The window stopped unexpectedly.',
        detail: `Reason: ${details.reason}. Reload to continue; unsaved work will be offered for recovery.`,
        buttons: ['Reload', 'Close'],
        defaultId: 0,
      });
      if (response === 0) window.webContents.reload();
      else window.destroy();
    });
    window.on('closed', () => {
      if (main === desktop) main = null;
      queue.pause();
      if (quitting) app.quit();
    });
    void window.loadURL(APP_URL);
  }

  app.on('before-quit', () => (quitting = true));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!main && app.isReady()) createMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  void app.whenReady().then(async () => {
    const webRoot = path.join(app.getAppPath(), 'dist', 'web');
    protocol.handle(APP_SCHEME, createAppProtocolHandler(webRoot, (filePath) => nodeFs.readFile(filePath)));
    hardenSession(session.defaultSession);
    recentList = await recent.list().catch(() => []);
    // Temp files a crash left beside files we know (recent designs, our own stores); see removeLeftoverTemps.
    void removeLeftoverTemps(fileSystem, [...recentList, recovery.filePath, path.join(userData, 'recent-files.json')]);
    rebuildMenu();
    createMainWindow();
  });
}
