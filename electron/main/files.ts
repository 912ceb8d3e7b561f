/**
 * Writing files so that a crash or a full disk never leaves a half-written design: write a temp
 * file in the same folder, fsync it, keep the previous version as `NAME.bak`, then rename over
 * the target (atomic on one file system). Also remembers what each file looked like when we last
 * read or wrote it, to refuse overwriting a file someone else changed since.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** An open file handle: the subset of node:fs/promises FileHandle used here. */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system, injected (node:fs/promises in the app, an in-memory fake in tests). */
export interface FileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
  stat(filePath: string): Promise<{ mtimeMs: number; size: number; isFile(): boolean }>;
  open(filePath: string, flags: 'wx' | 'r'): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
  mkdir(directory: string, options: { recursive: true }): Promise<unknown>;
}

/** True for a Node error with this code (ENOENT, EEXIST…). */
export function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** The backup kept beside a saved file: `shop.topo` → `shop.topo.bak`. */
export function backupPathOf(filePath: string): string {
  return `${filePath}.bak`;
}

export interface AtomicWriteOptions {
  /** Copy the existing file to `backupPathOf(target)` before replacing it. */
  readonly backup: boolean;
  /** A fresh token for the temp file's name (random in the app, a counter in tests). */
  readonly token: () => string;
}

/**
 * Replaces `target` with `data` atomically. On failure the target is untouched and the temp file
 * removed; the error propagates.
 */
export async function writeFileAtomic(fs: FileSystem, target: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const directory = path.dirname(target);
  // A dot-file in the same folder: same file system (so rename is atomic), hidden from users.
  const temp = path.join(directory, `.${path.basename(target)}.${options.token()}.tmp`);
  const handle = await fs.open(temp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup) {
      try {
        await fs.copyFile(target, backupPathOf(target));
      } catch (error) {
        if (!hasCode(error, 'ENOENT')) throw error;
      }
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, directory);
}

/** Makes the rename itself durable. Windows cannot open folders; there the rename is already safe. */
async function syncDirectory(fs: FileSystem, directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (Windows, some network file systems); the data itself is already synced.
  }
}

/** What a file looked like when we last read or wrote it. */
export interface Fingerprint {
  readonly mtimeMs: number;
  readonly size: number;
  /** SHA-256 of the content, hex. */
  readonly sha256: string;
}

/** SHA-256 of bytes or text, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export type DiskState = 'unchanged' | 'changed' | 'missing' | 'unknown';

/**
 * Remembers fingerprints by path and answers whether a file changed on disk since. A touched file
 * with the same content (new mtime, same bytes) is not a change.
 */
export class ChangeTracker {
  private readonly prints = new Map<string, Fingerprint>();

  constructor(private readonly fs: FileSystem) {}

  /** Records the state of `filePath` after we read or wrote `content`. */
  async remember(filePath: string, content: string | Uint8Array): Promise<void> {
    const stats = await this.fs.stat(filePath);
    this.prints.set(filePath, { mtimeMs: stats.mtimeMs, size: stats.size, sha256: sha256(content) });
  }

  forget(filePath: string): void {
    this.prints.delete(filePath);
  }

  /** `unknown` when we never saw the file (a path chosen in a Save dialog, which asked already). */
  async check(filePath: string): Promise<DiskState> {
    const known = this.prints.get(filePath);
    if (!known) return 'unknown';
    let stats;
    try {
      stats = await this.fs.stat(filePath);
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return 'missing';
      throw error;
    }
    if (stats.mtimeMs === known.mtimeMs && stats.size === known.size) return 'unchanged';
    if (stats.size !== known.size) return 'changed';
    return sha256(await this.fs.readFile(filePath)) === known.sha256 ? 'unchanged' : 'changed';
  }
}
