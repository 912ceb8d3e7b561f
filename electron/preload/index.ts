/**
 * The preload: exposes HostApi as `window.topologyHost` and nothing else. It runs sandboxed, so
 * it is bundled into one file (dist/electron/preload.cjs) with only `electron` left external.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { DROP_FILE_CHANNEL, DROP_OPEN_CHANNEL } from '../common/contract';
import { createDesktopHost, forwardDroppedFiles, openDroppedPath } from './desktopHost';

contextBridge.exposeInMainWorld('topologyHost', createDesktopHost(ipcRenderer));
forwardDroppedFiles(
  window,
  (file) => webUtils.getPathForFile(file),
  (filePath) => void openDroppedPath(ipcRenderer, filePath, { drop: DROP_FILE_CHANNEL, open: DROP_OPEN_CHANNEL }).catch(() => undefined),
);
