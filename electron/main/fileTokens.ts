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
