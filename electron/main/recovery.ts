/**
 * Crash recovery: the renderer sends snapshots of unsaved work; we write the newest one to
 * `<userData>/recovery/snapshot.json` at most `debounceMs` after the last change and never later
 * than `maxWaitMs` after the first unwritten one. A save, a "Don't Save" or a clean close clears
 * it, so a snapshot found at start means the last session ended without that: a crash.
 */
import path from 'node:path';
import { z } from 'zod';
import type { RecoverySnapshot } from '../../shared/host/hostApi';
import { hasCode, writeFileAtomic, type FileSystem } from './files';

const stored = z.object({
  version: z.literal(1),
  snapshot: z.object({
    text: z.string(),
    name: z.string(),
    savedAt: z.number(),
    file: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
});

/**
 * A snapshot as main keeps it: the file by its absolute path in `file.id`, since the page's tokens
 * do not outlive a session (the handlers translate on the way in and out).
 */
export type StoredSnapshot = Omit<RecoverySnapshot, 'file'> & { readonly file: { readonly id: string; readonly name: string } | null };

/** Timers, injected so tests drive time by hand. */
export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface RecoveryStoreOptions {
  readonly fs: FileSystem;
  /** e.g. `<userData>/recovery`. */
  readonly directory: string;
  readonly scheduler: Scheduler;
  readonly token: () => string;
  /** Quiet time before writing, ms. */
  readonly debounceMs?: number;
  /** Longest a snapshot waits while edits keep coming, ms (the issue asks for ≤ 5 s). */
  readonly maxWaitMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class RecoveryStore {
  private pending: StoredSnapshot | null = null;
  private timer: unknown = null;
  private firstPendingAt = 0;
  /** File operations run in order, so a clear never races a late write. */
  private queue: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  readonly filePath: string;

  constructor(private readonly options: RecoveryStoreOptions) {
    this.debounceMs = options.debounceMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
    this.filePath = path.join(options.directory, 'snapshot.json');
  }

  /** Takes the newest snapshot; it reaches the disk within `maxWaitMs`. */
  save(snapshot: StoredSnapshot): void {
    const now = this.options.scheduler.now();
    if (!this.pending) this.firstPendingAt = now;
    this.pending = snapshot;
    this.cancelTimer();
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = null;
      void this.flush().catch((error) => this.options.onError?.(error));
    }, delay);
  }

  /** Writes the pending snapshot now (before quitting, or when the renderer crashed). */
  flush(): Promise<void> {
    this.cancelTimer();
    const snapshot = this.pending;
    this.pending = null;
    if (!snapshot) return this.queue;
    return this.enqueue(async () => {
      await this.options.fs.mkdir(this.options.directory, { recursive: true });
      const text = `${JSON.stringify({ version: 1, snapshot })}\n`;
      await writeFileAtomic(this.options.fs, this.filePath, text, { backup: false, token: this.options.token });
    });
  }

  /** The unsaved work of the last session, or null. An unreadable snapshot is removed. */
  async load(): Promise<StoredSnapshot | null> {
    if (this.pending) return this.pending;
    await this.queue.catch(() => undefined);
    let text: string;
    try {
      text = new TextDecoder().decode(await this.options.fs.readFile(this.filePath));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return null;
      throw error;
    }
    let parsed;
    try {
      parsed = stored.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      await this.clear();
      return null;
    }
    return parsed.data.snapshot;
  }

  /** Forgets any snapshot, pending or written. */
  clear(): Promise<void> {
    this.cancelTimer();
    this.pending = null;
    return this.enqueue(async () => {
      try {
        await this.options.fs.unlink(this.filePath);
      } catch (error) {
        if (!hasCode(error, 'ENOENT')) throw error;
      }
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.catch(() => undefined).then(task);
    return this.queue;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }
}
