/**
 * The preload: exposes HostApi as `window.topologyHost` and nothing else. It runs sandboxed, so
 * it is bundled into one file (dist/electron/preload.cjs) with only `electron` left external.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { DROP_FILE_CHANNEL } from '../common/contract';
import { createDesktopHost, forwardDroppedFiles } from './desktopHost';

contextBridge.exposeInMainWorld('topologyHost', createDesktopHost(ipcRenderer));
forwardDroppedFiles(window, (file) => webUtils.getPathForFile(file), (filePath) => ipcRenderer.send(DROP_FILE_CHANNEL, filePath));
