// @vitest-environment jsdom
/**
 * The web host against the HostApi conformance suite, with fakes of the File System Access API
 * (handles over an in-memory disk) and of IndexedDB (values come back as copies, handles as new
 * objects for the same file, as structured cloning does).
 */
import { describeHostConformance, type HostFixture } from '../../tests/unit/hostConformance';
import type { StoreName, HostStorage } from './idb';
import { createWebHost } from './webHost';

class FakeDisk {
  readonly files = new Map<string, { text: string; lastModified: number }>();
  private clock = 1_000;

  write(location: string, text: string): void {
    this.clock += 10;
    this.files.set(location, { text, lastModified: this.clock });
  }
}

class FakeFileHandle {
  readonly kind = 'file';
  readonly name: string;

  constructor(
    readonly disk: FakeDisk,
    readonly location: string,
  ) {
    this.name = location.split('/').pop()!;
  }

  async getFile() {
    const file = this.disk.files.get(this.location);
    if (!file) throw new DOMException(`${this.location} not found`, 'NotFoundError');
    return { name: this.name, lastModified: file.lastModified, type: '', text: async () => file.text, arrayBuffer: async () => new TextEncoder().encode(file.text).buffer };
  }

  async createWritable() {
    let next = '';
    return {
      write: async (data: string) => void (next = data),
      close: async () => this.disk.write(this.location, next),
    };
  }

  async isSameEntry(other: unknown): Promise<boolean> {
    return other instanceof FakeFileHandle && other.disk === this.disk && other.location === this.location;
  }

  async requestPermission(): Promise<string> {
    return 'granted';
  }
}

/** Deep copies, handles included: what IndexedDB gives back is never the object put in. */
function clone(value: unknown): unknown {
  if (value instanceof FakeFileHandle) return new FakeFileHandle(value.disk, value.location);
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clone(item)]));
  return value;
}

class FakeStorage implements HostStorage {
  private readonly values = new Map<string, unknown>();

  async get<T>(store: StoreName, key: string): Promise<T | undefined> {
    return clone(this.values.get(`${store}/${key}`)) as T | undefined;
  }

  async set(store: StoreName, key: string, value: unknown): Promise<void> {
    this.values.set(`${store}/${key}`, clone(value));
  }

  async delete(store: StoreName, key: string): Promise<void> {
    this.values.delete(`${store}/${key}`);
  }
}

function makeFixture(): HostFixture {
  const disk = new FakeDisk();
  const storage = new FakeStorage();
  const opens: (string | null)[] = [];
  const saves: (string | null)[] = [];
  const answer = (queue: (string | null)[], picker: string) => {
    if (queue.length === 0) throw new Error(`unexpected ${picker} picker`);
    const location = queue.shift()!;
    if (location === null) throw new DOMException('The user aborted a request.', 'AbortError');
    return new FakeFileHandle(disk, location) as unknown as FileSystemFileHandle;
  };
  const pickers = {
    addEventListener: () => undefined,
    showOpenFilePicker: async () => [answer(opens, 'open')],
    showSaveFilePicker: async () => answer(saves, 'save'),
  } as unknown as Window;
  Object.defineProperty(navigator, 'webdriver', { value: false, configurable: true });
  const start = () => createWebHost({ window: pickers, storage });
  return {
    host: start(),
    createFile: (location, text) => disk.write(location, text),
    readFile: (location) => disk.files.get(location)?.text,
    changeExternally: (location, text) => disk.write(location, text),
    answerOpen: (location) => void opens.push(location),
    answerSave: (location) => void saves.push(location),
    restart: async () => start(),
  };
}

describeHostConformance('web host (File System Access API, IndexedDB)', makeFixture);
