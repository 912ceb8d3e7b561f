/**
 * An in-memory FileSystem for tests: files by absolute path, a tick clock for mtimes, a journal of
 * calls, and failure injection per operation and path.
 */
import path from 'node:path';
import type { FileHandleLike, FileSystem } from '../files';

type Operation = 'readFile' | 'stat' | 'open' | 'write' | 'sync' | 'rename' | 'copyFile' | 'unlink' | 'mkdir';

function errorWith(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  readonly journal: string[] = [];
  /** Fsynced file paths (temp files) and folders. */
  readonly synced: string[] = [];
  private clock = 1_000;
  private readonly failures = new Map<Operation, (filePath: string) => boolean>();

  /** Makes the next matching operations fail with EIO (or the given code). */
  fail(operation: Operation, when: (filePath: string) => boolean = () => true): void {
    this.failures.set(operation, when);
  }

  heal(operation: Operation): void {
    this.failures.delete(operation);
  }

  /** Writes a file directly, as another program would (new mtime). */
  put(filePath: string, text: string | Uint8Array): void {
    this.clock += 10;
    this.files.set(filePath, { data: typeof text === 'string' ? new TextEncoder().encode(text) : text, mtimeMs: this.clock });
  }

  /** Changes only the mtime, as `touch` does. */
  touch(filePath: string): void {
    const file = this.files.get(filePath)!;
    this.clock += 10;
    this.files.set(filePath, { ...file, mtimeMs: this.clock });
  }

  text(filePath: string): string | undefined {
    const file = this.files.get(filePath);
    return file ? new TextDecoder().decode(file.data) : undefined;
  }

  private check(operation: Operation, filePath: string): void {
    this.journal.push(`${operation} ${filePath}`);
    if (this.failures.get(operation)?.(filePath)) throw errorWith('EIO', `${operation} ${filePath}`);
  }

  async readFile(filePath: string): Promise<Uint8Array> {
    this.check('readFile', filePath);
    const file = this.files.get(filePath);
    if (!file) throw errorWith('ENOENT', filePath);
    return file.data;
  }

  async stat(filePath: string) {
    this.check('stat', filePath);
    const file = this.files.get(filePath);
    if (!file) throw errorWith('ENOENT', filePath);
    return { mtimeMs: file.mtimeMs, size: file.data.byteLength, isFile: () => true };
  }

  async open(filePath: string, flags: 'wx' | 'r'): Promise<FileHandleLike> {
    this.check('open', filePath);
    if (flags === 'r') {
      // Folders open for fsync; files need to exist.
      return { writeFile: async () => undefined, sync: async () => void this.synced.push(filePath), close: async () => undefined };
    }
    if (this.files.has(filePath)) throw errorWith('EEXIST', filePath);
    this.put(filePath, '');
    return {
      writeFile: async (data) => {
        this.check('write', filePath);
        this.put(filePath, data);
      },
      sync: async () => {
        this.check('sync', filePath);
        this.synced.push(filePath);
      },
      close: async () => undefined,
    };
  }

  async rename(from: string, to: string): Promise<void> {
    this.check('rename', to);
    const file = this.files.get(from);
    if (!file) throw errorWith('ENOENT', from);
    this.files.delete(from);
    this.clock += 10;
    this.files.set(to, { data: file.data, mtimeMs: this.clock });
  }

  async copyFile(from: string, to: string): Promise<void> {
    this.check('copyFile', to);
    const file = this.files.get(from);
    if (!file) throw errorWith('ENOENT', from);
    this.put(to, file.data);
  }

  async unlink(filePath: string): Promise<void> {
    this.check('unlink', filePath);
    if (!this.files.delete(filePath)) throw errorWith('ENOENT', filePath);
  }

  async mkdir(directory: string): Promise<unknown> {
    this.check('mkdir', directory);
    return undefined;
  }

  /** Paths of leftover temp files in a folder. */
  tempFiles(directory: string): string[] {
    return [...this.files.keys()].filter((p) => path.dirname(p) === directory && p.endsWith('.tmp'));
  }
}
