/**
 * The web host: HostApi in a plain browser. Files through the File System Access API where the
 * browser has it (save goes back to the same file, and a file changed on disk is not overwritten
 * silently), with upload/download fallbacks elsewhere; crash recovery in IndexedDB.
 */
import type { DocumentState, ExportRequest, FileRef, HostApi, OpenedFile, RecentFileRequest, RecoverySnapshot, SaveRequest, SaveResult } from '../../shared/host';
import { decodeDocumentBytes } from '../../shared/document/decode';
import { formatLimit, LIMITS } from '../../shared/document/limits';
import { HandleRegistry, sameEntry } from './handles';
import { indexedDbStorage, type HostStorage } from './idb';
import { pickFile } from './pickFile';

interface PickerWindow {
  showOpenFilePicker?(options?: unknown): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(options?: unknown): Promise<FileSystemFileHandle>;
}

const ACCEPT = {
  description: 'Topology designs',
  accept: { 'application/json': ['.topo', '.json'], 'image/svg+xml': ['.svg'], 'image/png': ['.png'] },
};
const TOPO_TYPE = { description: 'Topology design', accept: { 'application/json': ['.topo'] } };
/** Recent files kept, newest first. */
const RECENT_LIMIT = 10;

/**
 * The recovery record in storage: the snapshot without its (session-bound) token, and the file's
 * handle, from which the next session issues a token of its own.
 */
interface StoredRecovery {
  readonly version: 2;
  readonly snapshot: RecoverySnapshot;
  readonly handle: FileSystemFileHandle | null;
}

export interface WebHostOptions {
  readonly window?: Window & PickerWindow;
  readonly storage?: HostStorage;
}

function isBinaryName(name: string): boolean {
  return /\.png$/i.test(name);
}

/**
 * A picked file's content. Design text is decoded as the CLI decodes it (UTF-8, or UTF-16 by its
 * byte-order mark); a file that is neither is refused with a message instead of being read with
 * U+FFFD in place of its bad bytes, which the next save would write back.
 */
async function readFile(file: File): Promise<{ text: string; bytes?: Uint8Array }> {
  if (file.size > LIMITS.fileCharacters) throw new Error(`${file.name} is ${formatLimit(file.size)} bytes long, more than the ${formatLimit(LIMITS.fileCharacters)} a design may have.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isBinaryName(file.name) || file.type === 'image/png') return { text: '', bytes };
  const decoded = decodeDocumentBytes(bytes);
  if (!decoded.ok) throw new Error(`${file.name} ${decoded.error.message}.`);
  return { text: decoded.text };
}

function download(name: string, data: string | Uint8Array, mime: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The web host: files through the page's window, recent files and recovery in `storage`. */
export function createWebHost(options: WebHostOptions = {}): HostApi {
  const win: Window & PickerWindow = options.window ?? window;
  const storage = options.storage ?? indexedDbStorage;
  const handles = new HandleRegistry();
  let dirty = false;
  // Tests and browsers without the API use plain upload/download.
  const pickers = typeof win.showOpenFilePicker === 'function' && !navigator.webdriver;
  // Leaving the page with unsaved changes asks first (autosave still holds them).
  win.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });

  const recentHandles = async (): Promise<FileSystemFileHandle[]> => (await storage.get<FileSystemFileHandle[]>('recent', 'handles')) ?? [];

  /** Moves a file to the top of the recent list; the same file in another folder is another entry. */
  const rememberRecent = async (handle: FileSystemFileHandle) => {
    try {
      const others: FileSystemFileHandle[] = [];
      for (const listed of await recentHandles()) if (!(await sameEntry(listed, handle))) others.push(listed);
      await storage.set('recent', 'handles', [handle, ...others].slice(0, RECENT_LIMIT));
    } catch {
      // Recent files are a convenience; without IndexedDB there are none.
    }
  };

  /** A design file just read or written: its reference, granted for saving back, and recent. */
  const opened = async (handle: FileSystemFileHandle, lastModified: number): Promise<FileRef> => {
    const ref = await handles.refOf(handle, lastModified);
    await rememberRecent(handle);
    return ref;
  };

  const write = async (handle: FileSystemFileHandle, data: string | Uint8Array) => {
    const writable = await handle.createWritable();
    await writable.write(typeof data === 'string' ? data : new Uint8Array(data));
    await writable.close();
    return (await handle.getFile()).lastModified;
  };

  return {
    kind: 'web',
    async openFile(): Promise<OpenedFile | null> {
      if (pickers) {
        try {
          const [handle] = await win.showOpenFilePicker!({ types: [ACCEPT], multiple: false });
          if (!handle) return null;
          const file = await handle.getFile();
          const content = await readFile(file);
          return { file: file.name.endsWith('.topo') ? await opened(handle, file.lastModified) : null, name: file.name, ...content };
        } catch (error) {
          if (isAbort(error)) return null;
          throw error;
        }
      }
      const file = await pickFile('.topo,.json,.svg,.png');
      if (!file) return null;
      return { file: null, name: file.name, ...(await readFile(file)) };
    },
    async openRecent(request: RecentFileRequest): Promise<OpenedFile | null> {
      const handle = handles.get(request.id)?.handle;
      if (!handle) return null;
      const permission = await (handle as unknown as { requestPermission?(o: unknown): Promise<string> }).requestPermission?.({ mode: 'readwrite' });
      if (permission && permission !== 'granted') return null;
      const file = await handle.getFile();
      return { file: await opened(handle, file.lastModified), name: file.name, ...(await readFile(file)) };
    },
    async saveFile(request: SaveRequest): Promise<SaveResult> {
      try {
        const entry = request.file ? handles.get(request.file.id) : undefined;
        // Saved back without asking: only a file this session opened or saved.
        if (entry && entry.lastModified !== null && !request.saveAs) {
          const current = await entry.handle.getFile();
          if (current.lastModified > entry.lastModified && !request.overwrite) {
            return { status: 'conflict', file: request.file! };
          }
          entry.lastModified = await write(entry.handle, request.text);
          return { status: 'saved', file: request.file! };
        }
        if (pickers && win.showSaveFilePicker) {
          const handle = await win.showSaveFilePicker({ suggestedName: request.suggestedName, types: [TOPO_TYPE] });
          const lastModified = await write(handle, request.text);
          return { status: 'saved', file: await opened(handle, lastModified) };
        }
        download(request.suggestedName, request.text, 'application/json');
        return { status: 'saved', file: handles.untracked(request.suggestedName) };
      } catch (error) {
        if (isAbort(error)) return { status: 'canceled' };
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async exportFile(request: ExportRequest): Promise<SaveResult> {
      try {
        if (pickers && win.showSaveFilePicker) {
          const handle = await win.showSaveFilePicker({ suggestedName: request.suggestedName });
          await write(handle, request.data);
          return { status: 'saved', file: handles.untracked(handle.name) };
        }
        download(request.suggestedName, request.data, request.mime);
        return { status: 'saved', file: handles.untracked(request.suggestedName) };
      } catch (error) {
        if (isAbort(error)) return { status: 'canceled' };
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async recentFiles(): Promise<FileRef[]> {
      try {
        const refs: FileRef[] = [];
        for (const handle of await recentHandles()) refs.push(await handles.refOf(handle));
        return refs;
      } catch {
        return [];
      }
    },
    async saveRecovery(snapshot: RecoverySnapshot): Promise<void> {
      try {
        const handle = snapshot.file ? (handles.get(snapshot.file.id)?.handle ?? null) : null;
        const stored: StoredRecovery = { version: 2, snapshot: { ...snapshot, file: null }, handle };
        await storage.set('recovery', 'current', stored);
      } catch {
        // No IndexedDB (private mode): nothing to recover later, nothing to break now.
      }
    },
    async loadRecovery(): Promise<RecoverySnapshot | null> {
      try {
        const stored = await storage.get<StoredRecovery | RecoverySnapshot>('recovery', 'current');
        if (!stored) return null;
        // Snapshots from before version 2 carry a token of a past session: the file is forgotten.
        if (!('version' in stored)) return { ...stored, file: null };
        return { ...stored.snapshot, file: stored.handle ? await handles.refOf(stored.handle) : null };
      } catch {
        return null;
      }
    },
    async clearRecovery(): Promise<void> {
      try {
        await storage.delete('recovery', 'current');
      } catch {
        // See saveRecovery.
      }
    },
    setDocumentState(state: DocumentState): void {
      dirty = state.dirty;
      document.title = `${state.dirty ? '● ' : ''}${state.file?.name ?? state.name} — Topology Designer`;
    },
    // The browser has no native menus and no second instance to hand files over.
    onOpenFile: () => () => undefined,
    onMenuCommand: () => () => undefined,
  };
}
