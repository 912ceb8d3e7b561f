/**
 * Files reach the app from outside in three ways: the command line (first start), the command
 * line of a second instance (Windows and Linux double-clicks, forwarded through the
 * single-instance lock) and macOS `open-file` (which can fire before the app is ready). All of
 * them land in one queue that delivers once the window's page is loaded.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Design files the app was asked to open, resolved against `cwd`. */
export function filesFromArgv(argv: readonly string[], options: { isPackaged: boolean; cwd: string }): string[] {
  // Packaged: [exe, ...args]. Development: [electron, app path, ...args]. Chromium switches skipped.
  const args = argv.slice(options.isPackaged ? 1 : 2);
  const files: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || !/\.topo$/i.test(arg)) continue;
    const resolved = path.resolve(options.cwd, arg.startsWith('file://') ? fileURLToPath(arg) : arg);
    if (!files.includes(resolved)) files.push(resolved);
  }
  return files;
}

/** Holds paths until a consumer is ready, then delivers each (and later ones) at once. */
export class OpenQueue {
  private readonly waiting: string[] = [];
  private consumer: ((filePath: string) => void) | null = null;

  /** A file to open; queued until `ready` was called. */
  push(filePath: string): void {
    if (this.consumer) this.consumer(filePath);
    else if (!this.waiting.includes(filePath)) this.waiting.push(filePath);
  }

  /** The window can open files now: drains the queue in arrival order. */
  ready(consumer: (filePath: string) => void): void {
    this.consumer = consumer;
    for (const filePath of this.waiting.splice(0)) consumer(filePath);
  }

  /** The window went away (closed or reloading): hold files again. */
  pause(): void {
    this.consumer = null;
  }

  get size(): number {
    return this.waiting.length;
  }
}

/** The parts of Electron's `app` the wiring uses. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, filePath: string) => void): unknown;
  quit(): void;
}

/**
 * Takes the single-instance lock and routes files from argv, from later instances and from
 * macOS into `queue`. Returns false when another instance holds the lock: this one forwarded its
 * argv to it (Electron does that) and quits.
 */
export function routeIncomingFiles(options: {
  app: AppLike;
  queue: OpenQueue;
  argv: readonly string[];
  cwd: string;
  isPackaged: boolean;
  /** Brings the window forward when a second instance knocks. */
  focus: () => void;
}): boolean {
  const { app, queue, isPackaged } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  for (const filePath of filesFromArgv(options.argv, { isPackaged, cwd: options.cwd })) queue.push(filePath);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const filePath of filesFromArgv(argv, { isPackaged, cwd: workingDirectory })) queue.push(filePath);
    options.focus();
  });
  app.on('open-file', (event, filePath) => {
    // Without preventDefault macOS reports the open as failed.
    event.preventDefault();
    queue.push(filePath);
  });
  return true;
}
