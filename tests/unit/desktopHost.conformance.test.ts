/**
 * The desktop host against the HostApi conformance suite, end to end but without Electron: the
 * preload's bridge (createDesktopHost) talks over an in-process IPC (arguments and answers
 * structured-cloned, as Electron does) to main's handlers with their sender checks and schemas,
 * the file service on an in-memory file system, and fake native dialogs. It lives here rather
 * than beside the code because it spans the preload and main, which never import each other.
 */
import { createHostHandlers, type HostWindow } from '../../electron/main/hostHandlers';
import { FileService, type FileDialogs } from '../../electron/main/fileService';
import { FileTokens } from '../../electron/main/fileTokens';
import { registerHostIpc, type IpcEventLike } from '../../electron/main/ipc';
import { RecentFiles } from '../../electron/main/recent';
import { RecoveryStore } from '../../electron/main/recovery';
import { ManualScheduler } from '../../electron/main/testing/manualScheduler';
import { MemoryFileSystem } from '../../electron/main/testing/memoryFileSystem';
import { createDesktopHost } from '../../electron/preload/desktopHost';
import { describeHostConformance, type HostFixture } from './hostConformance';

const HOME = '/home/ada';
type Window = { readonly id: number };

/** ipcMain and ipcRenderer joined in one process; every message is cloned on the way. */
function inProcessIpc() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => void>();
  const event: IpcEventLike = { senderFrame: { url: 'app://topology/index.html', parent: null }, sender: {} };
  return {
    ipcMain: {
      handle: (channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown) => void handlers.set(channel, listener),
      on: (channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void) => void listeners.set(channel, listener),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => structuredClone(await handlers.get(channel)!(event, ...structuredClone(args))),
      send: (channel: string, ...args: unknown[]) => listeners.get(channel)?.(event, ...structuredClone(args)),
      on: () => undefined,
    },
  };
}

function makeFixture(): HostFixture {
  const fs = new MemoryFileSystem();
  const scheduler = new ManualScheduler();
  const opens: (string | null)[] = [];
  const saves: (string | null)[] = [];
  const answer = (queue: (string | null)[], dialog: string) => {
    if (queue.length === 0) throw new Error(`unexpected ${dialog} dialog`);
    const location = queue.shift()!;
    return location === null ? null : `${HOME}/${location}`;
  };
  const dialogs: FileDialogs<Window> = {
    showOpen: async () => answer(opens, 'open'),
    showSave: async () => answer(saves, 'save'),
    showError: () => undefined,
  };
  let counter = 0;
  const token = () => `${++counter}`;
  const appWindow: Window = { id: 1 };
  const documentWindow: HostWindow = { closing: false, saveFinished: () => undefined, setDocumentState: () => undefined };

  let recoveryOfSession: RecoveryStore | null = null;
  /** One app session: main's services and a page's bridge over the same disk. */
  const start = () => {
    const tokens = new FileTokens('linux', token);
    const recent = new RecentFiles({ fs, storePath: `${HOME}/.config/recent-files.json`, platform: 'linux', token });
    const recovery = new RecoveryStore({ fs, directory: `${HOME}/.config/recovery`, scheduler, token });
    recoveryOfSession = recovery;
    const files = new FileService<Window>({ fs, dialogs, recent, tokens, platform: 'linux', defaultDirectory: HOME, token });
    const ipc = inProcessIpc();
    registerHostIpc<Window, IpcEventLike>({
      ipcMain: ipc.ipcMain,
      handlers: createHostHandlers({ files, tokens, recovery, windowOf: (window) => (window === appWindow ? documentWindow : null), openDropped: () => undefined }),
      windowOf: () => appWindow,
      onReject: (rejection) => {
        throw new Error(`IPC refused: ${rejection.channel} ${rejection.detail}`);
      },
    });
    return createDesktopHost(ipc.ipcRenderer);
  };

  return {
    host: start(),
    createFile: (location, text) => fs.put(`${HOME}/${location}`, text),
    readFile: (location) => fs.text(`${HOME}/${location}`),
    changeExternally: (location, text) => fs.put(`${HOME}/${location}`, text),
    answerOpen: (location) => void opens.push(location),
    answerSave: (location) => void saves.push(location),
    restart: async () => {
      // Snapshots reach the disk within the recovery store's longest wait; then the session ends.
      scheduler.advance(10_000);
      await recoveryOfSession?.flush();
      return start();
    },
  };
}

describeHostConformance('desktop host (preload bridge, IPC, main on an in-memory disk)', makeFixture);
