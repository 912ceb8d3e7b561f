/**
 * IPC wiring for HostApi in the main process: one handler per method of the contract, each
 * checking that the message comes from our own page (the top frame of `app://topology/`) and
 * that its arguments match a zod schema before anything runs.
 */
import { z } from 'zod';
import type { FileToken, HostApi } from '../../shared/host/hostApi';
import { channelOf, DROP_FILE_CHANNEL, DROP_OPEN_CHANNEL, INVOKE_METHODS, SEND_METHODS, type InvokeMethod, type SendMethod } from '../common/contract';
import { APP_HOST, APP_SCHEME } from './protocol';

/** Bounds that keep a misbehaving renderer from making main allocate without limit. */
const MAX_TEXT_CHARS = 64 * 1024 * 1024;
const MAX_NAME_CHARS = 1024;
const MAX_PATH_CHARS = 4096;

// A token is only a string on the wire; main looks it up (FileTokens) and ignores ones it never issued.
const fileToken = z.string().min(1).max(MAX_PATH_CHARS) as unknown as z.ZodType<FileToken>;
const fileRef = z.object({ id: fileToken, name: z.string().max(MAX_NAME_CHARS) }).strict();
const recentRequest = z.object({ id: z.string().min(1).max(MAX_PATH_CHARS), name: z.string().max(MAX_NAME_CHARS) }).strict();
const text = z.string().max(MAX_TEXT_CHARS);
const name = z.string().max(MAX_NAME_CHARS);

const saveRequest = z
  .object({
    text,
    file: fileRef.nullable().optional(),
    saveAs: z.boolean().optional(),
    suggestedName: name,
    overwrite: z.boolean().optional(),
  })
  .strict();

const exportRequest = z
  .object({
    suggestedName: name,
    mime: z.string().max(200),
    data: z.union([text, z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_TEXT_CHARS, 'too large')]),
  })
  .strict();

const recoverySnapshot = z
  .object({ text, name, savedAt: z.number().finite().nonnegative(), file: fileRef.nullable() })
  .strict();

const documentState = z.object({ name, file: fileRef.nullable(), dirty: z.boolean() }).strict();

/** The argument list each method accepts; typed against HostApi, so the two cannot disagree. */
export const PAYLOAD_SCHEMAS: { [K in InvokeMethod | SendMethod]: z.ZodType<Parameters<HostApi[K]>> } = {
  openFile: z.tuple([]),
  openRecent: z.tuple([recentRequest]),
  saveFile: z.tuple([saveRequest]),
  exportFile: z.tuple([exportRequest]),
  recentFiles: z.tuple([]),
  saveRecovery: z.tuple([recoverySnapshot]),
  loadRecovery: z.tuple([]),
  clearRecovery: z.tuple([]),
  setDocumentState: z.tuple([documentState]),
};

/** A dropped file's absolute path, from the preload's drop handler. */
export const DROP_PAYLOAD = z.tuple([z.string().min(1).max(MAX_PATH_CHARS)]);
/** The one-time token main gave that drop. */
export const DROP_OPEN_PAYLOAD = z.tuple([z.string().min(1).max(200)]);

/** What main's handlers receive besides the arguments: the window whose page asked. */
export interface CallContext<Window> {
  readonly window: Window | null;
}

/** Main's implementation of every invoke and send method, with the caller's context first. */
export type MainHandlers<Window> = {
  [K in InvokeMethod | SendMethod]: (context: CallContext<Window>, ...args: Parameters<HostApi[K]>) => ReturnType<HostApi[K]>;
} & {
  /** A drop's path in, its one-time token (or null) out. */
  dropFile(context: CallContext<Window>, path: string): string | null;
  openDropped(context: CallContext<Window>, token: string): void;
};

/** The parts of an IPC event we look at (Electron's IpcMainEvent/IpcMainInvokeEvent). */
export interface IpcEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
  readonly sender: unknown;
}

/** The parts of ipcMain we use. */
export interface IpcMainLike<Event extends IpcEventLike> {
  handle(channel: string, listener: (event: Event, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: Event, ...args: unknown[]) => void): void;
}

/**
 * True when the message comes from the top frame of our own app origin. A page that was somehow
 * navigated elsewhere, or an embedded frame, gets no access to files.
 */
export function isTrustedSender(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Why a message was refused, for the log; never shown to the page. */
export type Rejection = { readonly channel: string; readonly reason: 'sender' | 'payload'; readonly detail: string };

/**
 * Registers every HostApi channel on ipcMain. Invokes from an untrusted sender or with a bad
 * payload reject (the renderer's promise fails); sends are dropped. Both are reported to `onReject`.
 */
export function registerHostIpc<Window, Event extends IpcEventLike>(options: {
  ipcMain: IpcMainLike<Event>;
  handlers: MainHandlers<Window>;
  windowOf: (event: Event) => Window | null;
  onReject: (rejection: Rejection) => void;
}): void {
  const { ipcMain, handlers, windowOf, onReject } = options;
  const check = (channel: string, event: Event, args: unknown[], schema: z.ZodType): { ok: true; data: unknown[] } | { ok: false; message: string } => {
    if (!isTrustedSender(event)) {
      const detail = event.senderFrame?.url ?? '(no frame)';
      onReject({ channel, reason: 'sender', detail });
      return { ok: false, message: `${channel}: refused, the sender is not the app` };
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`).join('; ');
      onReject({ channel, reason: 'payload', detail });
      return { ok: false, message: `${channel}: invalid arguments (${detail})` };
    }
    return { ok: true, data: parsed.data as unknown[] };
  };

  for (const method of INVOKE_METHODS) {
    const channel = channelOf(method);
    ipcMain.handle(channel, (event, ...args) => {
      const result = check(channel, event, args, PAYLOAD_SCHEMAS[method]);
      if (!result.ok) return Promise.reject(new Error(result.message));
      const handler = handlers[method] as (context: CallContext<Window>, ...rest: unknown[]) => unknown;
      return handler({ window: windowOf(event) }, ...result.data);
    });
  }
  for (const method of SEND_METHODS) {
    const channel = channelOf(method);
    ipcMain.on(channel, (event, ...args) => {
      const result = check(channel, event, args, PAYLOAD_SCHEMAS[method]);
      if (!result.ok) return;
      const handler = handlers[method] as (context: CallContext<Window>, ...rest: unknown[]) => unknown;
      handler({ window: windowOf(event) }, ...result.data);
    });
  }
  ipcMain.handle(DROP_FILE_CHANNEL, (event, ...args) => {
    const result = check(DROP_FILE_CHANNEL, event, args, DROP_PAYLOAD);
    if (!result.ok) return Promise.reject(new Error(result.message));
    return handlers.dropFile({ window: windowOf(event) }, result.data[0] as string);
  });
  ipcMain.on(DROP_OPEN_CHANNEL, (event, ...args) => {
    const result = check(DROP_OPEN_CHANNEL, event, args, DROP_OPEN_PAYLOAD);
    if (result.ok) handlers.openDropped({ window: windowOf(event) }, result.data[0] as string);
  });
}
