import { describe, expect, it, vi } from 'vitest';
import type { HostApi } from '../../shared/host/hostApi';
import { channelOf, DROP_FILE_CHANNEL, DROP_OPEN_CHANNEL, EVENT_METHODS, INVOKE_METHODS, SEND_METHODS } from '../common/contract';
import { isTrustedSender, PAYLOAD_SCHEMAS, registerHostIpc, type IpcEventLike, type MainHandlers, type Rejection } from './ipc';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  return {
    handlers,
    listeners,
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    on: (channel: string, listener: Listener) => void listeners.set(channel, listener),
  };
}

const fromApp: IpcEventLike = { senderFrame: { url: 'app://topology/index.html', parent: null }, sender: {} };
const event = (url: string, parent: unknown = null): IpcEventLike => ({ senderFrame: { url, parent }, sender: {} });

function makeHandlers(): MainHandlers<string> {
  const ok = async () => null;
  return {
    openFile: vi.fn(ok),
    openRecent: vi.fn(ok),
    saveFile: vi.fn(async () => ({ status: 'canceled' as const })),
    exportFile: vi.fn(async () => ({ status: 'canceled' as const })),
    recentFiles: vi.fn(async () => []),
    saveRecovery: vi.fn(async () => undefined),
    loadRecovery: vi.fn(ok),
    clearRecovery: vi.fn(async () => undefined),
    setDocumentState: vi.fn(),
    dropFile: vi.fn(() => 'drop-1'),
    openDropped: vi.fn(),
  };
}

function setUp() {
  const ipcMain = fakeIpcMain();
  const handlers = makeHandlers();
  const rejections: Rejection[] = [];
  registerHostIpc({ ipcMain, handlers, windowOf: () => 'main-window', onReject: (r) => rejections.push(r) });
  return { ipcMain, handlers, rejections };
}

describe('the contract', () => {
  it('covers every HostApi method exactly once', () => {
    const api: Record<keyof HostApi, true> = {
      kind: true, openFile: true, openRecent: true, saveFile: true, exportFile: true, recentFiles: true, saveRecovery: true,
      loadRecovery: true, clearRecovery: true, setDocumentState: true, onOpenFile: true, onMenuCommand: true,
    };
    const covered = [...INVOKE_METHODS, ...SEND_METHODS, ...EVENT_METHODS, 'kind'].sort();
    expect(covered).toEqual(Object.keys(api).sort());
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...INVOKE_METHODS, ...SEND_METHODS].sort());
  });
});

describe('isTrustedSender', () => {
  it('accepts only the top frame of app://topology', () => {
    expect(isTrustedSender(fromApp)).toBe(true);
    expect(isTrustedSender(event('app://topology/'))).toBe(true);
    expect(isTrustedSender(event('app://topology/index.html', { url: 'app://topology/' }))).toBe(false);
    expect(isTrustedSender(event('file:///home/ada/evil.html'))).toBe(false);
    expect(isTrustedSender(event('https://topology/index.html'))).toBe(false);
    expect(isTrustedSender(event('app://topology.evil.com/index.html'))).toBe(false);
    expect(isTrustedSender(event('http://localhost:5173/'))).toBe(false);
    expect(isTrustedSender(event('garbage'))).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: {} })).toBe(false);
  });
});

describe('registerHostIpc', () => {
  it('registers one channel per method', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_METHODS.map(channelOf), DROP_FILE_CHANNEL].sort());
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...SEND_METHODS.map(channelOf), DROP_OPEN_CHANNEL].sort());
  });

  it('passes valid calls from the app through with the window', async () => {
    const { ipcMain, handlers } = setUp();
    const request = { text: '{}', file: { id: '/d/a.topo', name: 'a.topo' }, suggestedName: 'a.topo' };
    await expect(ipcMain.handlers.get('topology:saveFile')!(fromApp, request)).resolves.toEqual({ status: 'canceled' });
    expect(handlers.saveFile).toHaveBeenCalledWith({ window: 'main-window' }, request);
    const bytes = new Uint8Array([1, 2]);
    await ipcMain.handlers.get('topology:exportFile')!(fromApp, { suggestedName: 'a.png', mime: 'image/png', data: bytes });
    expect(handlers.exportFile).toHaveBeenCalledWith({ window: 'main-window' }, { suggestedName: 'a.png', mime: 'image/png', data: bytes });
    ipcMain.listeners.get('topology:setDocumentState')!(fromApp, { name: 'Shop', file: null, dirty: true });
    expect(handlers.setDocumentState).toHaveBeenCalledWith({ window: 'main-window' }, { name: 'Shop', file: null, dirty: true });
  });

  it('rejects every channel from a foreign sender without calling the handler', async () => {
    const { ipcMain, handlers, rejections } = setUp();
    const foreign = event('https://evil.example/');
    for (const method of INVOKE_METHODS) {
      await expect(ipcMain.handlers.get(channelOf(method))!(foreign)).rejects.toThrow(/sender is not the app/);
      expect(handlers[method]).not.toHaveBeenCalled();
    }
    ipcMain.listeners.get('topology:setDocumentState')!(foreign, { name: 'x', file: null, dirty: false });
    await expect(ipcMain.handlers.get(DROP_FILE_CHANNEL)!(foreign, '/d/a.topo')).rejects.toThrow(/sender is not the app/);
    ipcMain.listeners.get(DROP_OPEN_CHANNEL)!(foreign, 'drop-1');
    expect(handlers.setDocumentState).not.toHaveBeenCalled();
    expect(handlers.dropFile).not.toHaveBeenCalled();
    expect(handlers.openDropped).not.toHaveBeenCalled();
    expect(rejections.every((r) => r.reason === 'sender' && r.detail === 'https://evil.example/')).toBe(true);
    expect(rejections).toHaveLength(INVOKE_METHODS.length + 3);
  });

  it.each([
    ['topology:saveFile', [{ text: 42, suggestedName: 'a' }]],
    ['topology:saveFile', [{ text: '', suggestedName: 'a', extra: 'field' }]],
    ['topology:saveFile', [{ text: '', suggestedName: 'a' }, 'second argument']],
    ['topology:openRecent', [{ id: '', name: 'a' }]],
    ['topology:openRecent', []],
    ['topology:exportFile', [{ suggestedName: 'a', mime: 'x', data: { length: 3 } }]],
    ['topology:saveRecovery', [{ text: '', name: 'a', savedAt: -1, file: null }]],
    ['topology:saveRecovery', [{ text: '', name: 'a', savedAt: Number.NaN, file: null }]],
    ['topology:openFile', ['unexpected']],
  ])('rejects a bad payload on %s', async (channel, args) => {
    const { ipcMain, rejections } = setUp();
    await expect(ipcMain.handlers.get(channel)!(fromApp, ...args)).rejects.toThrow(/invalid arguments/);
    expect(rejections[0]?.reason).toBe('payload');
  });

  it('drops bad sends, answers a drop with its token and opens by token only', async () => {
    const { ipcMain, handlers } = setUp();
    ipcMain.listeners.get('topology:setDocumentState')!(fromApp, { name: 'x', dirty: 'yes', file: null });
    await expect(ipcMain.handlers.get(DROP_FILE_CHANNEL)!(fromApp, 42)).rejects.toThrow(/invalid arguments/);
    ipcMain.listeners.get(DROP_OPEN_CHANNEL)!(fromApp, { path: '/d/a.topo' });
    expect(handlers.setDocumentState).not.toHaveBeenCalled();
    expect(handlers.dropFile).not.toHaveBeenCalled();
    expect(handlers.openDropped).not.toHaveBeenCalled();
    expect(await ipcMain.handlers.get(DROP_FILE_CHANNEL)!(fromApp, '/d/a.topo')).toBe('drop-1');
    expect(handlers.dropFile).toHaveBeenCalledWith({ window: 'main-window' }, '/d/a.topo');
    ipcMain.listeners.get(DROP_OPEN_CHANNEL)!(fromApp, 'drop-1');
    expect(handlers.openDropped).toHaveBeenCalledWith({ window: 'main-window' }, 'drop-1');
  });
});
