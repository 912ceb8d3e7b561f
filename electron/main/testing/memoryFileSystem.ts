/**
 * An in-memory FileSystem for tests: files by absolute path (with mode, owner and whether their
 * data reached the disk), symbolic links, a tick clock for mtimes, a journal of calls, failure
 * injection per operation and path, and crash injection: `crashAt(k)` makes the k-th call fail and
 * every later one too (the process died), and `restart()` then loses what was never fsynced, as a
 * power cut would.
 */
import path from 'node:path';
import type { FileHandleLike, FileStats, FileSystem } from '../files';

export type Operation =
  | 'readFile'
  | 'stat'
  | 'lstat'
  | 'realpath'
  | 'readdir'
  | 'open'
  | 'write'
  | 'sync'
  | 'close'
  | 'chmod'
  | 'chown'
  | 'rename'
  | 'copyFile'
  | 'unlink'
  | 'mkdir';

interface StoredFile {
  readonly data: Uint8Array;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** False while the data sits only in the page cache (written, not fsynced). */
  readonly durable: boolean;
}

function errorWith(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The owner new files get, as if the app ran as this user. */
const OWN_UID = 1000;
const OWN_GID = 1000;
/** Mode of new files: 0666 less a 022 umask. */
const DEFAULT_MODE = 0o644;

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, StoredFile>();
  /** Symbolic links: link path → the path it points to (absolute). */
  readonly links = new Map<string, string>();
  readonly journal: string[] = [];
  /** Fsynced file paths (temp files) and folders. */
  readonly synced: string[] = [];
  /** When false, chown fails with EPERM (an ordinary user giving a file away). */
  canChown = true;
  private clock = 1_000;
  private calls = 0;
  private crashCall: number | null = null;
  private readonly failures = new Map<Operation, (filePath: string) => boolean>();

  /** Makes the next matching operations fail with EIO. */
  fail(operation: Operation, when: (filePath: string) => boolean = () => true): void {
    this.failures.set(operation, when);
  }

  heal(operation: Operation): void {
    this.failures.delete(operation);
  }

  /** The `call`-th call from now on (1 = the next) and every one after it fail: a crash. */
  crashAt(call: number): void {
    this.crashCall = this.calls + call;
  }

  /** True once a crash injected with `crashAt` happened. */
  get crashed(): boolean {
    return this.crashCall !== null && this.calls >= this.crashCall;
  }

  /** After a crash: data never fsynced is gone (those files are left empty), and calls work again. */
  restart(): void {
    for (const [filePath, file] of this.files) if (!file.durable) this.files.set(filePath, { ...file, data: new Uint8Array(), durable: true });
    this.crashCall = null;
  }

  /** Writes a file directly, as another program would (new mtime, on disk). */
  put(filePath: string, text: string | Uint8Array, options: { mode?: number; uid?: number; gid?: number } = {}): void {
    this.clock += 10;
    const previous = this.files.get(filePath);
    this.files.set(filePath, {
      data: typeof text === 'string' ? new TextEncoder().encode(text) : text,
      mtimeMs: this.clock,
      mode: options.mode ?? previous?.mode ?? DEFAULT_MODE,
      uid: options.uid ?? previous?.uid ?? OWN_UID,
      gid: options.gid ?? previous?.gid ?? OWN_GID,
      durable: true,
    });
  }

  /** Replaces the bytes but keeps the mtime, as a careless tool (or a coarse clock) might. */
  putKeepingTime(filePath: string, text: string): void {
    const file = this.files.get(filePath)!;
    this.files.set(filePath, { ...file, data: new TextEncoder().encode(text) });
  }

  /** Changes only the mtime, as `touch` does. */
  touch(filePath: string): void {
    const file = this.files.get(filePath)!;
    this.clock += 10;
    this.files.set(filePath, { ...file, mtimeMs: this.clock });
  }

  symlink(linkPath: string, targetPath: string): void {
    this.links.set(linkPath, targetPath);
  }

  text(filePath: string): string | undefined {
    const file = this.files.get(this.resolve(filePath));
    return file ? new TextDecoder().decode(file.data) : undefined;
  }

  private check(operation: Operation, filePath: string): void {
    this.calls += 1;
    this.journal.push(`${operation} ${filePath}`);
    if (this.crashCall !== null && this.calls >= this.crashCall) throw errorWith('EIO', `crashed at ${operation} ${filePath}`);
    if (this.failures.get(operation)?.(filePath)) throw errorWith('EIO', `${operation} ${filePath}`);
  }

  /** Follows links (chains too) to the path that holds the data. */
  private resolve(filePath: string): string {
    let current = filePath;
    for (let hops = 0; this.links.has(current); hops++) {
      if (hops > 32) throw errorWith('ELOOP', filePath);
      current = path.resolve(path.dirname(current), this.links.get(current)!);
    }
    return current;
  }

  private statsOf(file: StoredFile): FileStats {
    return { mtimeMs: file.mtimeMs, size: file.data.byteLength, mode: 0o100000 | file.mode, uid: file.uid, gid: file.gid, isFile: () => true, isSymbolicLink: () => false };
  }

  async readFile(filePath: string): Promise<Uint8Array> {
    this.check('readFile', filePath);
    const file = this.files.get(this.resolve(filePath));
    if (!file) throw errorWith('ENOENT', filePath);
    return file.data;
  }

  async stat(filePath: string): Promise<FileStats> {
    this.check('stat', filePath);
    const file = this.files.get(this.resolve(filePath));
    if (!file) throw errorWith('ENOENT', filePath);
    return this.statsOf(file);
  }

  async lstat(filePath: string): Promise<FileStats> {
    this.check('lstat', filePath);
    if (this.links.has(filePath)) {
      return { mtimeMs: 0, size: this.links.get(filePath)!.length, mode: 0o120777, uid: OWN_UID, gid: OWN_GID, isFile: () => false, isSymbolicLink: () => true };
    }
    const file = this.files.get(filePath);
    if (!file) throw errorWith('ENOENT', filePath);
    return this.statsOf(file);
  }

  async realpath(filePath: string): Promise<string> {
    this.check('realpath', filePath);
    const real = this.resolve(filePath);
    if (!this.files.has(real)) throw errorWith('ENOENT', filePath);
    return real;
  }

  async readdir(directory: string): Promise<string[]> {
    this.check('readdir', directory);
    const names = [...this.files.keys(), ...this.links.keys()].filter((p) => path.dirname(p) === directory).map((p) => path.basename(p));
    return [...new Set(names)].sort();
  }

  async open(filePath: string, flags: 'wx' | 'r', mode?: number): Promise<FileHandleLike> {
    this.check('open', filePath);
    if (flags === 'r') {
      // Folders open for fsync; files need to exist.
      return { writeFile: async () => undefined, sync: async () => void this.synced.push(filePath), close: async () => undefined };
    }
    if (this.files.has(filePath) || this.links.has(filePath)) throw errorWith('EEXIST', filePath);
    this.clock += 10;
    // The umask (022) applies to the requested mode, as on a real system.
    this.files.set(filePath, { data: new Uint8Array(), mtimeMs: this.clock, mode: (mode ?? 0o666) & ~0o022, uid: OWN_UID, gid: OWN_GID, durable: false });
    const update = (change: Partial<StoredFile>) => {
      const file = this.files.get(filePath);
      if (file) this.files.set(filePath, { ...file, ...change });
    };
    return {
      writeFile: async (data) => {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        try {
          this.check('write', filePath);
        } catch (error) {
          // A write cut short leaves part of the data behind.
          update({ data: bytes.slice(0, Math.floor(bytes.byteLength / 2)), durable: false });
          throw error;
        }
        this.clock += 10;
        update({ data: bytes, mtimeMs: this.clock, durable: false });
      },
      sync: async () => {
        this.check('sync', filePath);
        update({ durable: true });
        this.synced.push(filePath);
      },
      close: async () => {
        this.check('close', filePath);
      },
    };
  }

  async chmod(filePath: string, mode: number): Promise<void> {
    this.check('chmod', filePath);
    const real = this.resolve(filePath);
    const file = this.files.get(real);
    if (!file) throw errorWith('ENOENT', filePath);
    this.files.set(real, { ...file, mode: mode & 0o7777 });
  }

  async chown(filePath: string, uid: number, gid: number): Promise<void> {
    this.check('chown', filePath);
    const real = this.resolve(filePath);
    const file = this.files.get(real);
    if (!file) throw errorWith('ENOENT', filePath);
    if (!this.canChown && (uid !== file.uid || gid !== file.gid)) throw errorWith('EPERM', filePath);
    this.files.set(real, { ...file, uid, gid });
  }

  async rename(from: string, to: string): Promise<void> {
    this.check('rename', to);
    const file = this.files.get(from);
    if (!file) throw errorWith('ENOENT', from);
    // rename replaces a link at `to` itself, never the file it points to.
    this.links.delete(to);
    this.files.delete(from);
    this.files.set(to, file);
  }

  async copyFile(from: string, to: string): Promise<void> {
    this.check('copyFile', to);
    const file = this.files.get(this.resolve(from));
    if (!file) throw errorWith('ENOENT', from);
    this.clock += 10;
    // Copied in place and not fsynced: the copy is only in the page cache.
    this.files.set(this.resolve(to), { ...file, mtimeMs: this.clock, mode: DEFAULT_MODE, uid: OWN_UID, gid: OWN_GID, durable: false });
  }

  async unlink(filePath: string): Promise<void> {
    this.check('unlink', filePath);
    if (this.links.delete(filePath)) return;
    if (!this.files.delete(filePath)) throw errorWith('ENOENT', filePath);
  }

  async mkdir(directory: string): Promise<unknown> {
    this.check('mkdir', directory);
    return undefined;
  }

  /** The permission bits of a file (following links). */
  modeOf(filePath: string): number | undefined {
    return this.files.get(this.resolve(filePath))?.mode;
  }

  ownerOf(filePath: string): { uid: number; gid: number } | undefined {
    const file = this.files.get(this.resolve(filePath));
    return file ? { uid: file.uid, gid: file.gid } : undefined;
  }

  /** Paths of leftover temp files in a folder. */
  tempFiles(directory: string): string[] {
    return [...this.files.keys()].filter((p) => path.dirname(p) === directory && p.endsWith('.tmp'));
  }
}
