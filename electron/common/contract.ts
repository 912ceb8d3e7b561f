/**
 * The IPC contract between electron/preload and electron/main, derived from HostApi so that a
 * method added to the interface fails to compile until both sides carry it (no hand-kept switch).
 * This module is imported by the sandboxed preload, so it stays free of Node and zod.
 */
import type { HostApi } from '../../shared/host/hostApi';

/** HostApi methods that return a promise: the renderer invokes them and awaits main's answer. */
export type InvokeMethod = {
  [K in keyof HostApi]: HostApi[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof HostApi];

/** HostApi events (`onX(listener)`): main pushes them to the renderer. */
export type EventMethod = Extract<keyof HostApi, `on${string}`>;

/** HostApi methods that return nothing: the renderer tells main, fire and forget. */
export type SendMethod = Exclude<keyof HostApi, InvokeMethod | EventMethod | 'kind'>;

/** The payload an event listener receives. */
export type EventPayload<K extends EventMethod> = Parameters<Parameters<HostApi[K]>[0]>[0];

// `satisfies Record<…, true>` makes these lists exact: a missing or an extra name is a type error.
/** Every invoke method, at run time. */
export const INVOKE_METHODS = Object.keys({
  openFile: true,
  openRecent: true,
  saveFile: true,
  exportFile: true,
  recentFiles: true,
  saveRecovery: true,
  loadRecovery: true,
  clearRecovery: true,
} satisfies Record<InvokeMethod, true>) as InvokeMethod[];

/** Every send method, at run time. */
export const SEND_METHODS = Object.keys({ setDocumentState: true } satisfies Record<SendMethod, true>) as SendMethod[];

/** Every event, at run time. */
export const EVENT_METHODS = Object.keys({ onOpenFile: true, onMenuCommand: true } satisfies Record<EventMethod, true>) as EventMethod[];

/** The IPC channel of a HostApi method; one namespace so nothing else on ipcMain can collide. */
export function channelOf(method: InvokeMethod | SendMethod | EventMethod): string {
  return `topology:${method}`;
}

/**
 * Desktop-only messages outside HostApi, for a file dropped on the window. The preload learns its
 * path through `webUtils.getPathForFile` in the drop event and invokes DROP_FILE_CHANNEL with it;
 * main answers with a one-time opaque token (or null), and the file is opened by that token on
 * DROP_OPEN_CHANNEL. Nothing opens, and nothing is granted for saving, by a path alone.
 */
export const DROP_FILE_CHANNEL = 'topology:drop-file';
export const DROP_OPEN_CHANNEL = 'topology:open-dropped';
