import { describe, expect, it, vi } from 'vitest';
import { createDesktopHost, forwardDroppedFiles, openDroppedPath, type DropTarget, type IpcRendererLike } from './desktopHost';

function fakeIpc() {
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    send: vi.fn(),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener)),
  } satisfies IpcRendererLike;
  const push = (channel: string, payload: unknown) => listeners.get(channel)!({ sender: 'secret' }, payload);
  return { ipc, push };
}

describe('createDesktopHost', () => {
  it('invokes and sends on the contract’s channels', async () => {
    const { ipc } = fakeIpc();
    const host = createDesktopHost(ipc);
    expect(host.kind).toBe('desktop');
    const request = { text: '{}', suggestedName: 'a.topo' };
    await expect(host.saveFile(request)).resolves.toEqual({ channel: 'topology:saveFile', args: [request] });
    await host.recentFiles();
    expect(ipc.invoke).toHaveBeenLastCalledWith('topology:recentFiles');
    host.setDocumentState({ name: 'Shop', file: null, dirty: true });
    expect(ipc.send).toHaveBeenCalledWith('topology:setDocumentState', { name: 'Shop', file: null, dirty: true });
    expect(Object.isFrozen(host)).toBe(true);
  });

  it('delivers events without Electron’s event object, holding early ones for the first listener', () => {
    const { ipc, push } = fakeIpc();
    const host = createDesktopHost(ipc);
    const file = { file: { id: '/d/a.topo', name: 'a.topo' }, name: 'a.topo', text: '{}' };
    push('topology:onOpenFile', file);
    const opened = vi.fn();
    const unsubscribe = host.onOpenFile(opened);
    expect(opened.mock.calls).toEqual([[file]]);
    const commands = vi.fn();
    host.onMenuCommand(commands);
    push('topology:onMenuCommand', 'save');
    expect(commands.mock.calls).toEqual([['save']]);
    unsubscribe();
    push('topology:onOpenFile', file);
    expect(opened).toHaveBeenCalledTimes(1);
  });
});

function fakeWindow() {
  const listeners: Record<string, (event: DragEvent) => void> = {};
  const target: DropTarget = { addEventListener: (type, listener) => void (listeners[type] = listener) };
  const drop = (names: string[], types = ['Files'], isTrusted = true) => {
    const event = {
      isTrusted,
      dataTransfer: { types, files: names.map((name) => ({ name })) },
      preventDefault: vi.fn(),
      stopPropagation: vi.fn(),
    };
    listeners.drop!(event as unknown as DragEvent);
    return event;
  };
  const dragover = (types: string[]) => {
    const event = { dataTransfer: { types }, preventDefault: vi.fn() };
    listeners.dragover!(event as unknown as DragEvent);
    return event;
  };
  return { target, drop, dragover };
}

describe('forwardDroppedFiles', () => {
  it('sends the real path of a dropped design to main and keeps the page out of it', () => {
    const { target, drop } = fakeWindow();
    const sent: string[] = [];
    forwardDroppedFiles(target, (file) => `/d/${file.name}`, (p) => sent.push(p));
    const event = drop(['shop.topo']);
    expect(sent).toEqual(['/d/shop.topo']);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(event.stopPropagation).toHaveBeenCalled();
    drop(['diagram.PNG']);
    expect(sent).toEqual(['/d/shop.topo', '/d/diagram.PNG']);
  });

  it('leaves other files, and files without a path, to the page', () => {
    const { target, drop } = fakeWindow();
    const sent: string[] = [];
    forwardDroppedFiles(target, (file) => (file.name === 'virtual.topo' ? '' : `/d/${file.name}`), (p) => sent.push(p));
    expect(drop(['notes.txt']).preventDefault).not.toHaveBeenCalled();
    expect(drop(['virtual.topo']).stopPropagation).not.toHaveBeenCalled();
    expect(drop([]).preventDefault).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('ignores a drop the page made up (not a trusted event)', () => {
    const { target, drop } = fakeWindow();
    const sent: string[] = [];
    forwardDroppedFiles(target, (file) => `/d/${file.name}`, (p) => sent.push(p));
    expect(drop(['shop.topo'], ['Files'], false).stopPropagation).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('accepts file drags only', () => {
    const { target, dragover } = fakeWindow();
    forwardDroppedFiles(target, () => '', () => undefined);
    expect(dragover(['Files']).preventDefault).toHaveBeenCalled();
    expect(dragover(['text/plain']).preventDefault).not.toHaveBeenCalled();
  });
});

describe('openDroppedPath', () => {
  it('trades the path for main’s one-time token and opens by the token; no token, nothing opens', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockResolvedValueOnce('drop-7' as never);
    await openDroppedPath(ipc, '/d/shop.topo', { drop: 'topology:drop-file', open: 'topology:open-dropped' });
    expect(ipc.invoke).toHaveBeenCalledWith('topology:drop-file', '/d/shop.topo');
    expect(ipc.send).toHaveBeenCalledWith('topology:open-dropped', 'drop-7');
    ipc.send.mockClear();
    ipc.invoke.mockResolvedValueOnce(null as never);
    await openDroppedPath(ipc, '/d/notes.txt', { drop: 'topology:drop-file', open: 'topology:open-dropped' });
    expect(ipc.send).not.toHaveBeenCalled();
  });
});
