import { describe, expect, it } from 'vitest';
import { backupPathOf, ChangeTracker, writeFileAtomic } from './files';
import { MemoryFileSystem } from './testing/memoryFileSystem';

const target = '/home/ada/designs/shop.topo';
let counter = 0;
const options = (backup: boolean) => ({ backup, token: () => `t${++counter}` });

describe('writeFileAtomic', () => {
  it('writes a temp file in the same folder, syncs it, then renames it over the target', async () => {
    const fs = new MemoryFileSystem();
    await writeFileAtomic(fs, target, 'new', options(true));
    expect(fs.text(target)).toBe('new');
    const temp = fs.journal.find((line) => line.startsWith('open ') && line.endsWith('.tmp'))!.slice('open '.length);
    expect(temp.startsWith('/home/ada/designs/.shop.topo.')).toBe(true);
    expect(fs.synced).toContain(temp);
    expect(fs.synced).toContain('/home/ada/designs');
    const order = fs.journal.map((line) => line.split(' ')[0]);
    expect(order.indexOf('sync')).toBeLessThan(order.indexOf('rename'));
    expect(fs.tempFiles('/home/ada/designs')).toEqual([]);
    // Nothing existed before, so there is nothing to back up.
    expect(fs.files.has(backupPathOf(target))).toBe(false);
  });

  it('keeps the previous version as NAME.topo.bak', async () => {
    const fs = new MemoryFileSystem();
    fs.put(target, 'old');
    await writeFileAtomic(fs, target, 'new', options(true));
    expect(fs.text(target)).toBe('new');
    expect(fs.text('/home/ada/designs/shop.topo.bak')).toBe('old');
    await writeFileAtomic(fs, target, 'newer', options(true));
    expect(fs.text('/home/ada/designs/shop.topo.bak')).toBe('new');
  });

  it('makes no backup when asked not to (exports)', async () => {
    const fs = new MemoryFileSystem();
    fs.put(target, 'old');
    await writeFileAtomic(fs, target, 'new', options(false));
    expect(fs.files.has(backupPathOf(target))).toBe(false);
  });

  it.each(['write', 'sync', 'rename', 'copyFile'] as const)('leaves the target untouched and no temp file when %s fails', async (operation) => {
    const fs = new MemoryFileSystem();
    fs.put(target, 'old');
    fs.fail(operation, (p) => p.endsWith('.tmp') || p === target || p.endsWith('.bak'));
    await expect(writeFileAtomic(fs, target, 'new', options(true))).rejects.toThrow(/EIO/);
    expect(fs.text(target)).toBe('old');
    expect(fs.tempFiles('/home/ada/designs')).toEqual([]);
  });

  it('still succeeds where folders cannot be synced (Windows)', async () => {
    const fs = new MemoryFileSystem();
    fs.fail('open', (p) => p === '/home/ada/designs');
    await writeFileAtomic(fs, target, 'new', options(true));
    expect(fs.text(target)).toBe('new');
  });
});

describe('ChangeTracker', () => {
  it('knows nothing of files it never saw', async () => {
    const tracker = new ChangeTracker(new MemoryFileSystem());
    expect(await tracker.check(target)).toBe('unknown');
  });

  it('sees an edit by another program, a deletion, and ignores a mere touch', async () => {
    const fs = new MemoryFileSystem();
    const tracker = new ChangeTracker(fs);
    fs.put(target, 'mine');
    await tracker.remember(target, 'mine');
    expect(await tracker.check(target)).toBe('unchanged');
    fs.touch(target);
    expect(await tracker.check(target)).toBe('unchanged');
    fs.put(target, 'them');
    expect(await tracker.check(target)).toBe('changed');
    fs.put(target, 'their longer edit');
    expect(await tracker.check(target)).toBe('changed');
    await fs.unlink(target);
    expect(await tracker.check(target)).toBe('missing');
    tracker.forget(target);
    expect(await tracker.check(target)).toBe('unknown');
  });
});
