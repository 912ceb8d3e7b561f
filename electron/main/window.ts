/**
 * The window and its security settings (Electron's security checklist): an isolated, sandboxed
 * page without Node; no navigation away from the app, no new windows, no webviews, no permission
 * grants beyond writing to the clipboard.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { DocumentState } from '../../shared/host/hostApi';
import { APP_HOST, APP_SCHEME } from './protocol';

export const APP_NAME = 'Topology Designer';

/** BrowserWindow options; `preload` is the absolute path of dist/electron/preload.cjs. */
export function createWindowOptions(options: { preload: string; icon?: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: APP_NAME,
    show: false,
    backgroundColor: '#0f172a',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/** True for URLs of our own app origin. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The parts of WebContents the hardening touches. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Blocks every navigation and redirect (the app is one page; reloads are not navigations), every
 * new window and every webview. None of them opens the system browser: a page can navigate or
 * call window.open without any user gesture, so an external link may only ever be opened by
 * main from a user's own action (a menu item), never on the page's word.
 */
export function hardenWebContents(contents: WebContentsLike): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Permissions our own page may use: writing text to the clipboard (Copy). Nothing else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** The parts of Session the hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

/** Denies every permission request (camera, geolocation, notifications…) except the clipboard write for our origin. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl ?? ''));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin));
}

/**
 * The title bar: file name (or the design's name when unsaved) and an edited mark. macOS shows
 * the mark in the close button (setDocumentEdited), so its title says "Edited" the native way.
 */
export function windowTitle(state: DocumentState | null, platform: NodeJS.Platform): string {
  if (!state) return APP_NAME;
  const name = state.file?.name ?? (state.name.trim() || 'Untitled design');
  if (platform === 'darwin') return state.dirty ? `${name} — Edited` : name;
  return `${state.dirty ? '● ' : ''}${name} — ${APP_NAME}`;
}
