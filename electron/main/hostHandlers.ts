/**
 * Main's side of HostApi: what each IPC method does, given the file service, the recovery store
 * and the app's window. Kept apart from app.ts (Electron wiring) so it runs in tests against an
 * in-memory file system and fake dialogs.
 */
import type { DocumentState, RecoverySnapshot, SaveResult } from '../../shared/host/hostApi';
import type { FileService } from './fileService';
import type { FileTokens } from './fileTokens';
import type { MainHandlers } from './ipc';
import type { RecoveryStore, StoredSnapshot } from './recovery';

/** What the handlers need of a document window (DesktopWindow). */
export interface HostWindow {
  /** True once the window is on its way out: its late snapshots are dropped. */
  readonly closing: boolean;
  saveFinished(result: SaveResult): void;
  setDocumentState(state: DocumentState): void;
}

export interface HostHandlerOptions<Window> {
  readonly files: FileService<Window>;
  readonly tokens: FileTokens;
  readonly recovery: RecoveryStore;
  /** The app's document window behind a caller, or null for any other window. */
  readonly windowOf: (window: Window | null) => HostWindow | null;
  /** Opens a file dropped on one of our windows, by the one-time token its drop was given. */
  readonly openDropped: (token: string) => void;
}

/** Snapshots name their file by path on disk; the page only ever sees a token for it. */
function toStored(snapshot: RecoverySnapshot, tokens: FileTokens): StoredSnapshot {
  const filePath = snapshot.file ? tokens.pathOf(snapshot.file.id) : null;
  return { ...snapshot, file: filePath && snapshot.file ? { id: filePath, name: snapshot.file.name } : null };
}

function fromStored(snapshot: StoredSnapshot, tokens: FileTokens): RecoverySnapshot {
  return { ...snapshot, file: snapshot.file ? { ...tokens.refOf(snapshot.file.id), name: snapshot.file.name } : null };
}

/** Every HostApi method main answers, for `registerHostIpc`. */
export function createHostHandlers<Window>(options: HostHandlerOptions<Window>): MainHandlers<Window> {
  const { files, tokens, recovery, windowOf } = options;
  return {
    openFile: (context) => files.openFile(context.window),
    openRecent: (context, file) => files.openRecent(context.window, file),
    saveFile: async (context, request) => {
      const result = await files.saveFile(context.window, request);
      if (result.status === 'saved') await recovery.clear();
      windowOf(context.window)?.saveFinished(result);
      return result;
    },
    exportFile: (context, request) => files.exportFile(context.window, request),
    recentFiles: () => files.recentFiles(),
    saveRecovery: async (context, snapshot) => {
      // A window closing after "Don't Save" must not leave a snapshot behind.
      if (!windowOf(context.window)?.closing) recovery.save(toStored(snapshot, tokens));
    },
    loadRecovery: async () => {
      const stored = await recovery.load();
      return stored ? fromStored(stored, tokens) : null;
    },
    clearRecovery: () => recovery.clear(),
    setDocumentState: (context, state) => windowOf(context.window)?.setDocumentState(state),
    dropFile: (context, filePath) => (windowOf(context.window) ? files.issueDropToken(filePath) : null),
    openDropped: (context, token) => {
      if (windowOf(context.window)) options.openDropped(token);
    },
  };
}
