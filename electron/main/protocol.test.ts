import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, CONTENT_SECURITY_POLICY, createAppProtocolHandler, mimeTypeOf, resolveAppPath } from './protocol';

const root = path.resolve('/srv/app/dist/web');

describe('resolveAppPath', () => {
  it('maps app URLs into the root and / to index.html', () => {
    expect(resolveAppPath(root, APP_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://topology/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://topology/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://topology/assets/my%20file.css')).toBe(path.join(root, 'assets', 'my file.css'));
  });

  it('refuses to leave the root, however it is spelled', () => {
    for (const url of [
      'app://topology/../secret.txt',
      'app://topology/%2e%2e/secret.txt',
      'app://topology/assets/%2e%2e/%2e%2e/secret.txt',
      'app://topology/..%2fsecret.txt',
      'app://topology/..%5csecret.txt',
      'app://topology/%00index.html',
      'app://topology/%E0%A4%A',
    ]) {
      // The URL parser already folds plain and %2e dot segments; what survives must stay inside.
      const resolved = resolveAppPath(root, url);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep), `${url} → ${resolved}`).toBe(true);
    }
    expect(resolveAppPath(root, 'app://topology/..%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://topology/..%5csecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://topology/%00index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://topology/%E0%A4%A')).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://topology/index.html')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map([[path.join(root, 'index.html'), '<!doctype html>'], [path.join(root, 'assets', 'a.js'), 'export {}']]);
  const handler = createAppProtocolHandler(root, async (filePath) => {
    const content = files.get(filePath);
    if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(content);
  });

  it('serves files with their MIME type and the CSP', async () => {
    const response = await handler(new Request('app://topology/assets/a.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('export {}');
  });

  it('answers 404 for missing files and traversal, 405 for writes, all with the CSP', async () => {
    const missing = await handler(new Request('app://topology/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://topology/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('app://topology/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('the CSP', () => {
  it('allows only our own scripts and no plugins, frames or base tags', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
  it('knows the MIME types the web build needs', () => {
    expect(mimeTypeOf('x.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('x.SVG')).toBe('image/svg+xml');
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});

describe('the Content-Security-Policy', () => {
  it('allows no inline styles or scripts, in the protocol header and in the page <meta>', () => {
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    for (const policy of [CONTENT_SECURITY_POLICY, meta!]) {
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("style-src 'self';");
    }
  });
});
