/**
 * The file handles the web host knows in this session, each under a token the page can hand back
 * (save back, open recent) without holding the handle. One token per file on disk: handles that
 * come back from IndexedDB are new objects, so files are told apart with `isSameEntry`.
 */
import type { FileRef, FileToken } from '../../shared/host';

export interface KnownHandle {
  readonly handle: FileSystemFileHandle;
  /**
   * lastModified when this session last read or wrote the file (a newer one means someone else
   * changed it); null for a file only listed (recent), which is not saved to without asking.
   */
  lastModified: number | null;
}

/** True when two handles are the same file on disk. */
export async function sameEntry(a: FileSystemHandle, b: FileSystemHandle): Promise<boolean> {
  return a === b || (await a.isSameEntry(b));
}

export class HandleRegistry {
  private readonly entries = new Map<FileToken, KnownHandle>();
  private counter = 0;

  /**
   * The reference for `handle`, the same token for the same file all session. `lastModified`
   * records a read or write of it now (which lets Save write back without asking).
   */
  async refOf(handle: FileSystemFileHandle, lastModified?: number): Promise<FileRef> {
    for (const [id, entry] of this.entries) {
      if (await sameEntry(entry.handle, handle)) {
        if (lastModified !== undefined) entry.lastModified = lastModified;
        return { id, name: handle.name };
      }
    }
    const id = this.issue();
    this.entries.set(id, { handle, lastModified: lastModified ?? null });
    return { id, name: handle.name };
  }

  /** A reference to a file the host cannot reach again (a download, an export). */
  untracked(name: string): FileRef {
    return { id: this.issue(), name };
  }

  /** The handle behind a token this registry issued, if any. */
  get(id: string): KnownHandle | undefined {
    return this.entries.get(id as FileToken);
  }

  private issue(): FileToken {
    this.counter += 1;
    return `fsa-${this.counter}` as FileToken;
  }
}
