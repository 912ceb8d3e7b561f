/**
 * Writing files so that a crash or a full disk never leaves a half-written design or backup: each
 * is written to a temp file in its folder, fsynced and renamed over (atomic on one file system),
 * the previous version kept as `NAME.bak` that same way. Also remembers what each file looked like when we last
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

/** The parts of fs.Stats used here. */
export interface FileStats {
  readonly mtimeMs: number;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/** The file system, injected (node:fs/promises in the app, an in-memory fake in tests). */
export interface FileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
  stat(filePath: string): Promise<FileStats>;
  lstat(filePath: string): Promise<FileStats>;
  realpath(filePath: string): Promise<string>;
  readdir(directory: string): Promise<string[]>;
  open(filePath: string, flags: 'wx' | 'r', mode?: number): Promise<FileHandleLike>;
  chmod(filePath: string, mode: number): Promise<void>;
  chown(filePath: string, uid: number, gid: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
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
  /** Keep the existing file's content as `backupPathOf(target)` before replacing it. */
  readonly backup: boolean;
  /** A fresh token for the temp file's name (random hex in the app, a counter in tests). */
  readonly token: () => string;
}

/** The temp file for `target`: a dot-file in the same folder (same file system, so rename is atomic). */
function tempPathOf(target: string, token: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${token}.tmp`);
}

/** The path that holds the data: a symbolic link is saved through to the file it points to. */
async function realTargetOf(fs: FileSystem, target: string): Promise<string> {
  let link;
  try {
    link = await fs.lstat(target);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return target;
    throw error;
  }
  return link.isSymbolicLink() ? fs.realpath(target) : target;
}

/** Owners are kept where the system lets us; an ordinary user may not give files away. */
const CHOWN_REFUSALS = ['EPERM', 'EINVAL', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP'];

/**
 * Writes `data` to a new temp file beside `final`, fsynced, with `like`'s mode and owner, and
 * renames it to `final`. A crash at any point leaves `final` as it was or complete, never partial.
 */
async function replaceAtomically(fs: FileSystem, final: string, data: string | Uint8Array, like: FileStats | null, token: string): Promise<void> {
  const temp = tempPathOf(final, token);
  const mode = like ? like.mode & 0o7777 : undefined;
  // Created with the final mode at once, so a private file's content is never readable by others.
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (like && mode !== undefined) {
      await fs.chmod(temp, mode); // the umask may have narrowed the mode open gave
      await fs.chown(temp, like.uid, like.gid).catch((error: unknown) => {
        if (!CHOWN_REFUSALS.some((code) => hasCode(error, code))) throw error;
      });
    }
    await fs.rename(temp, final);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Replaces `target` with `data` atomically, keeping its mode and (where allowed) its owner, and
 * saving through a symbolic link to the real file. With `backup`, the previous content first
 * becomes `NAME.bak` the same way (temp file, fsync, rename), never copied in place. On failure
 * the target is untouched and the temp files removed; the error propagates.
 */
export async function writeFileAtomic(fs: FileSystem, target: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const real = await realTargetOf(fs, target);
  let existing: FileStats | null = null;
  try {
    existing = await fs.stat(real);
  } catch (error) {
    if (!hasCode(error, 'ENOENT')) throw error;
  }
  if (options.backup && existing) {
    await replaceAtomically(fs, backupPathOf(real), await fs.readFile(real), existing, options.token());
  }
  await replaceAtomically(fs, real, data, existing, options.token());
  await syncDirectory(fs, path.dirname(real));
}

/** Our temp files' names: `.NAME.TOKEN.tmp` (see tempPathOf). */
function isOurTemp(entry: string, baseName: string): boolean {
  const prefix = `.${baseName}.`;
  return entry.startsWith(prefix) && entry.endsWith('.tmp') && /^[0-9a-z]{1,64}$/i.test(entry.slice(prefix.length, -'.tmp'.length));
}

/**
 * Removes temp files an earlier crash left behind. Only these are touched: in the folder of each
 * given file (and of the file a link points to), regular files named `.NAME.TOKEN.tmp` or
 * `.NAME.bak.TOKEN.tmp` where NAME is that file's own name and TOKEN letters and digits: the
 * names writeFileAtomic uses. Nothing else in those folders, no other folder. Errors are ignored
 * (a folder that is gone has nothing to clean). Returns the removed paths.
 */
export async function removeLeftoverTemps(fs: FileSystem, knownFiles: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  const targets = new Set<string>();
  for (const file of knownFiles) {
    targets.add(file);
    const real = await fs.realpath(file).catch(() => null);
    if (real) targets.add(real);
  }
  const byFolder = new Map<string, Set<string>>();
  for (const file of targets) {
    const names = byFolder.get(path.dirname(file)) ?? new Set<string>();
    names.add(path.basename(file)).add(path.basename(backupPathOf(file)));
    byFolder.set(path.dirname(file), names);
  }
  for (const [folder, names] of byFolder) {
    const entries = await fs.readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) {
      if (![...names].some((name) => isOurTemp(entry, name))) continue;
      const entryPath = path.join(folder, entry);
      const stats = await fs.lstat(entryPath).catch(() => null);
      if (!stats?.isFile()) continue;
      if (await fs.unlink(entryPath).then(() => true, () => false)) removed.push(entryPath);
    }
  }
  return removed;
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
 * Remembers fingerprints by path and answers whether a file changed on disk since: by size, then
 * by content hash. A touched file with the same content (new mtime, same bytes) is not a change.
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
    if (stats.size !== known.size) return 'changed';
    // Same size: compare content, whatever the mtime says (an edit can keep it: coarse clocks,
    // tools that restore it), and a mere touch is not a change.
    return sha256(await this.fs.readFile(filePath)) === known.sha256 ? 'unchanged' : 'changed';
  }
}
