/**
 * The app is served over `app://topology/` rather than `file://`: it gets a real origin (so the
 * CSP's 'self' and the IPC sender check mean something), and nothing outside `dist/web` can be
 * read. Requests are mapped to files by a pure function with path traversal refused.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'topology';
/** The page the window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The Content-Security-Policy of every response. No 'unsafe-inline' anywhere: React and React Flow
 * set element styles through the CSSOM (`element.style.x = …`), which CSP allows, and all style
 * sheets are bundled files. Workers may start from blob: URLs; exports embed data: and blob:
 * images and fonts, which the picture export reads back with fetch (connect-src). The page's own
 * <meta> CSP (renderer/index.html, which the web build uses) carries the same directives, minus
 * `frame-ancestors`, which a <meta> CSP cannot set; browsers enforce both.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The privileges the scheme is registered with before `app.ready` (protocol.registerSchemesAsPrivileged). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
} as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.topo': 'application/json; charset=utf-8',
};

/** The MIME type for a file name, `application/octet-stream` when unknown. */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` an app URL names, or null when the URL is not ours or tries to leave
 * `root` (`..`, encoded separators, absolute paths). `/` means `index.html`.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // An encoded backslash or NUL must not become a separator or truncate the path on any platform.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, relative);
  const inside = path.relative(resolvedRoot, target);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return target;
}

/** Reads a file; rejects when it does not exist or is not a file. */
export type ReadAppFile = (filePath: string) => Promise<Uint8Array>;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
} as const;

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The handler given to `protocol.handle(APP_SCHEME, …)`: static files from `root`, with the CSP. */
export function createAppProtocolHandler(root: string, readFile: ReadAppFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const filePath = resolveAppPath(root, request.url);
    if (!filePath) return plain(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(filePath), 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
