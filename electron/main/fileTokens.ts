/**
 * The tokens main hands to the page instead of paths: one per file per session, so the page can
 * name a file it was given (save back, open recent) without learning or choosing a location.
 */
import path from 'node:path';
import type { FileRef, FileToken } from '../../shared/host/hostApi';

/** Paths compare case-insensitively where the file system usually does. */
export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export class FileTokens {
  private readonly paths = new Map<string, string>();
  private readonly tokens = new Map<string, FileToken>();

  constructor(
    private readonly platform: NodeJS.Platform,
    /** A fresh unguessable string (random in the app, a counter in tests). */
    private readonly token: () => string,
  ) {}

  /** The reference the page gets for `filePath`: the same token every time in this session. */
  refOf(filePath: string): FileRef {
    const key = this.keyOf(filePath);
    let id = this.tokens.get(key);
    if (!id) {
      id = `file-${this.token()}` as FileToken;
      this.tokens.set(key, id);
      this.paths.set(id, filePath);
    }
    return { id, name: path.basename(filePath) };
  }

  /** The path behind a token main issued, or null for anything else. */
  pathOf(id: string): string | null {
    return this.paths.get(id) ?? null;
  }

  private keyOf(filePath: string): string {
    return this.platform === 'win32' || this.platform === 'darwin' ? filePath.toLowerCase() : filePath;
  }
}

/** Drop tokens not yet used; older ones are forgotten past this. */
const MAX_PENDING_DROPS = 16;

/**
 * One-time tokens for files dropped on the window: issued for the path the preload read from the
 * drop event, taken (and forgotten) by the one open that follows. A token is never issued twice and
 * never opens twice; the page never names a path to open.
 */
export class DropTokens {
  private readonly pending = new Map<string, string>();

  constructor(private readonly token: () => string) {}

  issue(filePath: string): string {
    const id = `drop-${this.token()}`;
    this.pending.set(id, filePath);
    if (this.pending.size > MAX_PENDING_DROPS) this.pending.delete(this.pending.keys().next().value!);
    return id;
  }

  /** The path behind an unused token, which is used up by this call; null for anything else. */
  take(id: string): string | null {
    const filePath = this.pending.get(id) ?? null;
    this.pending.delete(id);
    return filePath;
  }
}
