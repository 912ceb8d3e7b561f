/**
 * HostApi over IPC, built from the contract's method lists (no hand-kept list here): invoke
 * methods call `ipcRenderer.invoke`, send methods `ipcRenderer.send`, events subscribe to main's
 * pushes. Events that arrive before the page subscribes (a file from the command line) are held
 * and handed to the first listener.
 */
import type { HostApi } from '../../shared/host/hostApi';
import { channelOf, EVENT_METHODS, INVOKE_METHODS, SEND_METHODS } from '../common/contract';

/** The parts of ipcRenderer used. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Events held for a page that has not subscribed yet; older ones are dropped past this. */
const MAX_HELD_EVENTS = 32;

function eventSource(ipc: IpcRendererLike, channel: string) {
  const listeners = new Set<(payload: unknown) => void>();
  const held: unknown[] = [];
  // Only the payload crosses into the page, never Electron's event object (it exposes the sender).
  ipc.on(channel, (_event, payload) => {
    if (listeners.size === 0) {
      held.push(payload);
      if (held.length > MAX_HELD_EVENTS) held.shift();
      return;
    }
    for (const listener of [...listeners]) listener(payload);
  });
  return (listener: (payload: unknown) => void): (() => void) => {
    listeners.add(listener);
    for (const payload of held.splice(0)) listener(payload);
    return () => void listeners.delete(listener);
  };
}

/** The object the preload exposes as `window.topologyHost`. */
export function createDesktopHost(ipc: IpcRendererLike): HostApi {
  const api: Record<string, unknown> = { kind: 'desktop' };
  for (const method of INVOKE_METHODS) api[method] = (...args: unknown[]) => ipc.invoke(channelOf(method), ...args);
  for (const method of SEND_METHODS) api[method] = (...args: unknown[]) => ipc.send(channelOf(method), ...args);
  for (const method of EVENT_METHODS) api[method] = eventSource(ipc, channelOf(method));
  return Object.freeze(api) as unknown as HostApi;
}

/** File kinds a drop on the window opens (designs, and exported pictures carrying one). */
const DROPPABLE = /\.(topo|svg|png)$/i;

/** The DOM surface the drop forwarding needs (a Window). */
export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEvent) => void, options: { capture: true }): void;
}

/**
 * Files dropped on the window open through main, which learns their real path (so Save writes
 * back to them). The page's own drop handling (the web host's) is skipped for those files. Only a
 * real drop counts: an event the page made up (`isTrusted` false) is left to the page, whose
 * made-up File objects have no path anyway.
 */
export function forwardDroppedFiles(target: DropTarget, pathOf: (file: File) => string, send: (filePath: string) => void): void {
  target.addEventListener(
    'dragover',
    (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    },
    { capture: true },
  );
  target.addEventListener(
    'drop',
    (event) => {
      if (!event.isTrusted) return;
      const file = event.dataTransfer?.files[0];
      if (!file || !DROPPABLE.test(file.name)) return;
      const filePath = pathOf(file);
      // No path: not a file on disk (dragged from another app); the page reads it itself.
      if (!filePath) return;
      event.preventDefault();
      event.stopPropagation();
      send(filePath);
    },
    { capture: true },
  );
}

/**
 * What the preload does with a dropped file's path: main answers with a one-time token for it,
 * and the file is opened by that token (main never opens a path the page could have named).
 */
export async function openDroppedPath(ipc: IpcRendererLike, filePath: string, channels: { readonly drop: string; readonly open: string }): Promise<void> {
  const token = await ipc.invoke(channels.drop, filePath);
  if (typeof token === 'string') ipc.send(channels.open, token);
}
