/** A tiny promise wrapper over IndexedDB object stores (key → structured-clonable value). */
const DB_NAME = 'topology-designer';
const STORES = ['recovery', 'recent'] as const;
/** The object stores the web host keeps. */
export type StoreName = (typeof STORES)[number];

/**
 * Key-value storage of structured-clonable values (file handles included), injected into the web
 * host: IndexedDB in the browser, a fake in tests. Values come back as copies, as IndexedDB's do.
 */
export interface HostStorage {
  get<T>(store: StoreName, key: string): Promise<T | undefined>;
  set(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      for (const name of STORES) if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return opening;
}

function run<T>(store: StoreName, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const request = body(tx.objectStore(store));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      }),
  );
}

/** Reads one value; undefined when absent. */
export function idbGet<T>(store: StoreName, key: string): Promise<T | undefined> {
  return run(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
}

/** Writes one value, replacing any. */
export function idbSet(store: StoreName, key: string, value: unknown): Promise<void> {
  return run(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined);
}

/** Removes one value. */
export function idbDelete(store: StoreName, key: string): Promise<void> {
  return run(store, 'readwrite', (s) => s.delete(key)).then(() => undefined);
}

/** The browser's storage for the web host. */
export const indexedDbStorage: HostStorage = { get: idbGet, set: idbSet, delete: idbDelete };
