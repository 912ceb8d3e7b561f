/**
 * An in-memory CliIo for command tests: files by path, writes recorded into the same map (or
 * refused for read-only commands), output captured. A missing file fails like Node's fs (ENOENT),
 * and so does a write under `/missing/`.
 */
import type { CliIo } from '../command';

export interface FakeIoOptions {
  /** Whether the command may write files (default: a write fails the test). */
  readonly writable?: boolean;
  readonly isTty?: boolean;
}

export function fakeIo(files: Record<string, string | Uint8Array> = {}, options: FakeIoOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    progress: (text) => void err.push(text),
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return files[path] as string;
    },
    listDirectory: (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = Object.keys(files)
        .filter((file) => file.startsWith(prefix))
        .map((file) => file.slice(prefix.length).split('/')[0]!);
      return names.length > 0 ? [...new Set(names)].sort() : null;
    },
    writeFile: (path, data) => {
      if (!options.writable) throw new Error(`this command should not write files (tried ${path})`);
      if (path.startsWith('/missing/')) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      files[path] = data;
    },
    isTty: options.isTty ?? false,
  };
  return { io, files, stdout: () => out.join(''), stderr: () => err.join('') };
}
