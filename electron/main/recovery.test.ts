import { describe, expect, it } from 'vitest';
import type { RecoverySnapshot } from '../../shared/host/hostApi';
import { RecoveryStore } from './recovery';
import { ManualScheduler } from './testing/manualScheduler';
import { MemoryFileSystem } from './testing/memoryFileSystem';

const snapshot = (text: string): RecoverySnapshot => ({ text, name: 'Shop', savedAt: 1_700_000_000_000, file: null });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let counter = 0;

function makeStore(fs = new MemoryFileSystem(), scheduler = new ManualScheduler()) {
  const store = new RecoveryStore({ fs, directory: '/data/recovery', scheduler, token: () => `s${++counter}`, debounceMs: 1000, maxWaitMs: 5000 });
  return { fs, scheduler, store };
}

describe('RecoveryStore', () => {
  it('writes the newest snapshot once edits pause for the debounce time', async () => {
    const { fs, scheduler, store } = makeStore();
    store.save(snapshot('one'));
    scheduler.advance(500);
    store.save(snapshot('two'));
    scheduler.advance(999);
    await settle();
    expect(fs.files.has(store.filePath)).toBe(false);
    scheduler.advance(1);
    await settle();
    expect(JSON.parse(fs.text(store.filePath)!).snapshot.text).toBe('two');
  });

  it('never waits longer than maxWait while edits keep coming', async () => {
    const { fs, scheduler, store } = makeStore();
    for (let t = 0; t < 5000; t += 400) {
      store.save(snapshot(`edit at ${t}`));
      scheduler.advance(400);
      await settle();
    }
    expect(scheduler.now()).toBeLessThanOrEqual(5200);
    expect(fs.text(store.filePath)).toContain('edit at');
  });

  it('survives a restart (the crash case) and the next start finds it', async () => {
    const { fs, scheduler, store } = makeStore();
    store.save(snapshot('unsaved work'));
    scheduler.advance(1000);
    await settle();
    // A new process: nothing pending, the file is all there is.
    const next = makeStore(fs).store;
    expect(await next.load()).toEqual(snapshot('unsaved work'));
  });

  it('is gone after clear, even when a write was still pending', async () => {
    const { fs, scheduler, store } = makeStore();
    store.save(snapshot('a'));
    await store.flush();
    store.save(snapshot('b'));
    await store.clear();
    scheduler.advance(10_000);
    await settle();
    expect(fs.files.has(store.filePath)).toBe(false);
    expect(await store.load()).toBeNull();
    expect(scheduler.pendingTimers).toBe(0);
  });

  it('flush writes at once; load prefers what is pending', async () => {
    const { fs, store } = makeStore();
    store.save(snapshot('now'));
    expect(await store.load()).toEqual(snapshot('now'));
    await store.flush();
    expect(fs.text(store.filePath)).toContain('"now"');
  });

  it('removes a corrupt snapshot instead of offering it', async () => {
    const { fs, store } = makeStore();
    fs.put(store.filePath, '{"version":1,"snapshot":{"text":3}}');
    expect(await store.load()).toBeNull();
    expect(fs.files.has(store.filePath)).toBe(false);
    fs.put(store.filePath, 'garbage');
    expect(await store.load()).toBeNull();
  });
});
