/** The preload entry against a mocked Electron: it exposes exactly HostApi, once, as topologyHost. */
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => 'drop-1'), send: vi.fn(), on: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/d/dropped.topo') },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  it('exposes one object, topologyHost, with exactly the HostApi members', async () => {
    const listeners: Record<string, (event: unknown) => void> = {};
    vi.stubGlobal('window', { addEventListener: (type: string, listener: (event: unknown) => void) => (listeners[type] = listener) });
    await import('./index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(name).toBe('topologyHost');
    expect(Object.keys(api).sort()).toEqual(
      ['kind', 'openFile', 'openRecent', 'saveFile', 'exportFile', 'recentFiles', 'saveRecovery', 'loadRecovery', 'clearRecovery', 'setDocumentState', 'onOpenFile', 'onMenuCommand'].sort(),
    );
    // A dropped design's path goes to main, which answers with a token; the file opens by the token.
    listeners.drop!({ isTrusted: true, dataTransfer: { types: ['Files'], files: [{ name: 'dropped.topo' }] }, preventDefault: vi.fn(), stopPropagation: vi.fn() });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('topology:drop-file', '/d/dropped.topo');
    await vi.waitFor(() => expect(electron.ipcRenderer.send).toHaveBeenCalledWith('topology:open-dropped', 'drop-1'));
    vi.unstubAllGlobals();
  });
});
