/** The wiring of startDesktopApp against a mocked Electron: what a real start would set up. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on(event: string, listener: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return this;
      },
      once(event: string, listener: Listener) {
        return this.on(event, listener);
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    };
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly events = emitter();
    readonly options: unknown;
    readonly webContents = { ...emitter(), send: vi.fn(), setWindowOpenHandler: vi.fn(), reload: vi.fn() };
    title = '';
    loadURL = vi.fn(async () => undefined);
    close = vi.fn(() => {
      let prevented = false;
      this.events.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.events.emit('closed');
    });
    constructor(options: unknown) {
      this.options = options;
      windows.push(this);
    }
    on(event: string, listener: Listener) {
      this.events.on(event, listener);
      return this;
    }
    once(event: string, listener: Listener) {
      this.events.on(event, listener);
      return this;
    }
    setTitle(title: string) {
      this.title = title;
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    destroy = vi.fn();
    setDocumentEdited = vi.fn();
    setRepresentedFilename = vi.fn();
    static fromWebContents = (contents: unknown) => windows.find((w) => w.webContents === contents) ?? null;
    static getFocusedWindow = () => windows[0] ?? null;
  }
  const app = {
    ...emitter(),
    isPackaged: false,
    userData: '',
    setName: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    setAppUserModelId: vi.fn(),
    getPath: (name: string) => (name === 'userData' ? app.userData : path.join(app.userData, name)),
    getAppPath: () => '/opt/topology',
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
    isReady: () => true,
    whenReady: vi.fn(() => Promise.resolve()),
  };
  const ipcMain = { handlers: new Map<string, Listener>(), listeners: new Map<string, Listener>(), handle: (c: string, l: Listener) => ipcMain.handlers.set(c, l), on: (c: string, l: Listener) => ipcMain.listeners.set(c, l) };
  return {
    windows,
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    dialog: { showMessageBox: vi.fn(async () => ({ response: 1 })), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
  };
});
vi.mock('electron', () => electron);

import { startDesktopApp } from './app';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const trusted = () => ({ senderFrame: { url: 'app://topology/index.html', parent: null }, sender: electron.windows[0]!.webContents });

describe('startDesktopApp', () => {
  beforeAll(async () => {
    electron.app.userData = mkdtempSync(path.join(os.tmpdir(), 'topology-app-'));
    startDesktopApp();
    // Under load the ready chain (recent list read from disk) can take a while.
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 5000 });
  });

  it('registers the app scheme as privileged and sandboxes every renderer before ready', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('serves dist/web over app:// and denies permissions', () => {
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('creates one secure window loading the app URL with the bundled preload', () => {
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0]!;
    const options = window.options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://topology/index.html');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('hardens every web contents as it is created', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.on.mock.calls.map((call) => call[0])).toEqual(['will-navigate', 'will-redirect', 'will-attach-webview']);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('refuses IPC from a foreign page and follows the document state in the title', async () => {
    const invoke = electron.ipcMain.handlers.get('topology:recentFiles')!;
    await expect(invoke({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} })).rejects.toThrow(/sender/);
    await expect(invoke(trusted())).resolves.toEqual([]);
    electron.ipcMain.listeners.get('topology:setDocumentState')!(trusted(), { name: 'Shop', file: { id: '/d/shop.topo', name: 'shop.topo' }, dirty: true });
    expect(electron.windows[0]!.title).toBe('● shop.topo — Topology Designer');
  });

  it('asks before a dropped file replaces unsaved work, and opens it only on Open', async () => {
    const window = electron.windows[0]!;
    const file = path.join(electron.app.userData, 'dropped.topo');
    (await import('node:fs')).writeFileSync(file, '{"format":"topology"}');
    electron.ipcMain.listeners.get('topology:setDocumentState')!(trusted(), { name: 'Shop', file: null, dirty: true });
    electron.dialog.showMessageBox.mockClear();
    window.webContents.send.mockClear();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    // The preload hands main the dropped path and opens the file by the one-time token it gets back.
    const drop = async () => {
      const token = await electron.ipcMain.handlers.get('topology:drop-file')!(trusted(), file);
      expect(token).toMatch(/^drop-/);
      electron.ipcMain.listeners.get('topology:open-dropped')!(trusted(), token);
    };
    await drop();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1), { timeout: 5000 });
    await settle();
    expect((electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { message: string }])[1].message).toBe('Open “dropped.topo”?');
    expect(window.webContents.send).not.toHaveBeenCalled();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await drop();
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled(), { timeout: 5000 });
    expect(window.webContents.send).toHaveBeenCalledWith('topology:onOpenFile', { file: { id: expect.stringMatching(/^file-/), name: 'dropped.topo' }, name: 'dropped.topo', text: '{"format":"topology"}' });
    // The page learns a token for the dropped file, never its path.
    expect(JSON.stringify(window.webContents.send.mock.calls)).not.toContain(electron.app.userData);
  });

  it('asks before closing a dirty window, and closes on Don’t Save', async () => {
    const window = electron.windows[0]!;
    electron.dialog.showMessageBox.mockClear();
    const preventDefault = vi.fn();
    window.events.emit('close', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(window.close).toHaveBeenCalled(), { timeout: 5000 });
    const box = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { buttons: string[] }];
    expect(box[1].buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(window.close).toHaveBeenCalled();
    expect(window.events.listeners.has('closed')).toBe(true);
  });
});
