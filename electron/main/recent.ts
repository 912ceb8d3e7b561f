/**
 * The recent-files list: newest first, no duplicates, at most `limit`, kept in `userData` as JSON
 * (our own list, so it works the same on every platform) and also handed to the OS
 * (`app.addRecentDocument`: macOS Dock menu, Windows jump list).
 */
import path from 'node:path';
import { z } from 'zod';
import { samePath } from './fileTokens';
import { hasCode, writeFileAtomic, type FileSystem } from './files';

const stored = z.object({ version: z.literal(1), files: z.array(z.string().min(1)) });


export interface RecentFilesOptions {
  readonly fs: FileSystem;
  /** The JSON file, e.g. `<userData>/recent-files.json`. */
  readonly storePath: string;
  readonly platform: NodeJS.Platform;
  /** Told of each file opened or saved (app.addRecentDocument). */
  readonly addToSystem?: (filePath: string) => void;
  /** Called after every change (to rebuild the Open Recent menu). */
  readonly onChange?: (paths: readonly string[]) => void;
  readonly limit?: number;
  readonly token: () => string;
}

export class RecentFiles {
  private paths: string[] | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly limit: number;

  constructor(private readonly options: RecentFilesOptions) {
    this.limit = options.limit ?? 10;
  }

  /** Absolute paths, newest first. A corrupt or missing store is an empty list. */
  async list(): Promise<string[]> {
    return [...(await this.load())];
  }

  async has(filePath: string): Promise<boolean> {
    return (await this.load()).some((p) => samePath(p, filePath, this.options.platform));
  }

  /** Moves `filePath` to the top (adding it if new) and drops the oldest past the limit. */
  async add(filePath: string): Promise<void> {
    const paths = await this.load();
    this.paths = [filePath, ...paths.filter((p) => !samePath(p, filePath, this.options.platform))].slice(0, this.limit);
    this.options.addToSystem?.(filePath);
    await this.persist();
  }

  /** Forgets a file (it was deleted or moved). */
  async remove(filePath: string): Promise<void> {
    const paths = await this.load();
    const next = paths.filter((p) => !samePath(p, filePath, this.options.platform));
    if (next.length === paths.length) return;
    this.paths = next;
    await this.persist();
  }

  async clear(): Promise<void> {
    this.paths = [];
    await this.persist();
  }

  private async load(): Promise<string[]> {
    if (this.paths) return this.paths;
    let paths: string[] = [];
    try {
      const text = new TextDecoder().decode(await this.options.fs.readFile(this.options.storePath));
      const parsed = stored.safeParse(JSON.parse(text));
      if (parsed.success) paths = parsed.data.files.filter((p) => path.isAbsolute(p)).slice(0, this.limit);
    } catch (error) {
      // Missing is normal on first start; unreadable JSON means start over rather than fail.
      if (!hasCode(error, 'ENOENT') && !(error instanceof SyntaxError)) throw error;
    }
    this.paths ??= paths;
    return this.paths;
  }

  private persist(): Promise<void> {
    const files = [...(this.paths ?? [])];
    this.options.onChange?.(files);
    // Writes run one after another so an older list never lands after a newer one.
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await this.options.fs.mkdir(path.dirname(this.options.storePath), { recursive: true });
        await writeFileAtomic(this.options.fs, this.options.storePath, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, {
          backup: false,
          token: this.options.token,
        });
      });
    return this.writing;
  }
}
