import { describe, expect, it, vi } from 'vitest';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { createWindowOptions, hardenSession, hardenWebContents, windowTitle, type SessionLike, type WebContentsLike } from './window';

describe('createWindowOptions', () => {
  it('sets every item of Electron’s security checklist', () => {
    const options = createWindowOptions({ preload: '/app/dist/electron/preload.cjs', devTools: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });
});

function fakeContents() {
  const listeners: Record<string, (event: { preventDefault(): void; url: string }, url: string) => void> = {};
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: WebContentsLike = {
    on: ((event: string, listener: never) => void (listeners[event] = listener)) as WebContentsLike['on'],
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  const fire = (name: string, url: string) => {
    const event = { preventDefault: vi.fn(), url };
    listeners[name]!(event, url);
    return event.preventDefault;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('blocks all navigation and never opens the system browser on the page\'s word', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://topology/other.html', 'javascript:alert(1)', 'http://localhost/']) {
      expect(fire('will-navigate', url), url).toHaveBeenCalled();
    }
    expect(fire('will-redirect', 'https://example.com/')).toHaveBeenCalled();
    expect(fire('will-attach-webview', '')).toHaveBeenCalled();
  });

  it('denies every new window', () => {
    const { contents, open } = fakeContents();
    hardenWebContents(contents);
    expect(open('https://docs.example/')).toEqual({ action: 'deny' });
    expect(open('file:///x')).toEqual({ action: 'deny' });
    expect(open('smb://share/x')).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  function setUp() {
    let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
    hardenSession({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) });
    const ask = (permission: string, url: string) => {
      const callback = vi.fn();
      request!({}, permission, callback, { requestingUrl: url });
      return callback.mock.calls[0]![0] as boolean;
    };
    return { ask, check: check! };
  }

  it('denies permission requests, except clipboard writes by our page', () => {
    const { ask, check } = setUp();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(ask(permission, 'app://topology/index.html'), permission).toBe(false);
      expect(check({}, permission, 'app://topology'), permission).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', 'app://topology/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://topology')).toBe(true);
  });
});

describe('windowTitle', () => {
  it('shows the file name and an edited mark', () => {
    const file = testFileRef('shop.topo');
    expect(windowTitle({ name: 'Shop', file, dirty: false }, 'linux')).toBe('shop.topo — Topology Designer');
    expect(windowTitle({ name: 'Shop', file, dirty: true }, 'win32')).toBe('● shop.topo — Topology Designer');
    expect(windowTitle({ name: 'Shop', file: null, dirty: true }, 'linux')).toBe('● Shop — Topology Designer');
    expect(windowTitle({ name: '  ', file: null, dirty: false }, 'linux')).toBe('Untitled design — Topology Designer');
    expect(windowTitle({ name: 'Shop', file, dirty: true }, 'darwin')).toBe('shop.topo — Edited');
    expect(windowTitle(null, 'linux')).toBe('Topology Designer');
  });
});
