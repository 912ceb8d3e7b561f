import { describe, expect, it } from 'vitest';
import { backupPathOf, ChangeTracker, removeLeftoverTemps, writeFileAtomic } from './files';
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

  it.each(['write', 'sync', 'close', 'chmod', 'rename'] as const)('leaves the target untouched and no temp file when %s fails', async (operation) => {
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

describe('writeFileAtomic under a crash at every step', () => {
  const folder = '/home/ada/designs';
  const backup = backupPathOf(target);

  it('leaves the file and its backup whole (old or new, never cut short or missing) wherever the crash hits', async () => {
    let steps = 0;
    for (let step = 1; ; step++) {
      const fs = new MemoryFileSystem();
      fs.put(target, 'version one', { mode: 0o600 });
      fs.put(backup, 'version zero', { mode: 0o600 });
      fs.crashAt(step);
      const result = await writeFileAtomic(fs, target, 'version two', options(true)).then(() => 'saved', () => 'crashed');
      const crashed = fs.crashed;
      fs.restart();
      await removeLeftoverTemps(fs, [target]);
      expect(['version one', 'version two'], `file after a crash at step ${step}`).toContain(fs.text(target));
      expect(['version zero', 'version one'], `backup after a crash at step ${step}`).toContain(fs.text(backup));
      expect(fs.modeOf(target)).toBe(0o600);
      expect(fs.modeOf(backup)).toBe(0o600);
      expect(fs.tempFiles(folder), `temp files after a crash at step ${step}`).toEqual([]);
      if (!crashed) {
        expect(result).toBe('saved');
        expect(fs.text(target)).toBe('version two');
        expect(fs.text(backup)).toBe('version one');
        break;
      }
      steps = step;
    }
    // open, write, sync, close, chmod, chown, rename, twice (backup, file), and the reads around them.
    expect(steps).toBeGreaterThanOrEqual(14);
  });
});

describe('writeFileAtomic keeps what the file was', () => {
  it('keeps the mode of a private file, on the file and on its backup', async () => {
    const fs = new MemoryFileSystem();
    fs.put(target, 'old', { mode: 0o600 });
    await writeFileAtomic(fs, target, 'new', options(true));
    expect(fs.modeOf(target)).toBe(0o600);
    expect(fs.modeOf(backupPathOf(target))).toBe(0o600);
    // Created with that mode from the start: never readable by others, even for a moment.
    expect(fs.journal.filter((line) => line.startsWith('open ') && line.endsWith('.tmp'))).toHaveLength(2);
  });

  it('keeps the owner where allowed and still saves where the system refuses', async () => {
    const fs = new MemoryFileSystem();
    fs.put(target, 'old', { uid: 1000, gid: 2000 });
    await writeFileAtomic(fs, target, 'new', options(false));
    expect(fs.ownerOf(target)).toEqual({ uid: 1000, gid: 2000 });
    fs.canChown = false;
    await writeFileAtomic(fs, target, 'newer', options(false));
    expect(fs.text(target)).toBe('newer');
  });

  it('saves through a symbolic link: the real file changes, the link stays a link', async () => {
    const fs = new MemoryFileSystem();
    const real = '/srv/shared/shop.topo';
    fs.put(real, 'old', { mode: 0o640 });
    fs.symlink(target, real);
    await writeFileAtomic(fs, target, 'new', options(true));
    expect(fs.links.get(target)).toBe(real);
    expect(fs.files.has(target)).toBe(false);
    expect(fs.text(real)).toBe('new');
    expect(fs.modeOf(real)).toBe(0o640);
    expect(fs.text('/srv/shared/shop.topo.bak')).toBe('old');
    expect(fs.tempFiles('/srv/shared')).toEqual([]);
  });
});

describe('removeLeftoverTemps', () => {
  it('removes only our temp files of known files, in their folders', async () => {
    const fs = new MemoryFileSystem();
    const folder = '/home/ada/designs';
    fs.put(target, 'design');
    for (const name of ['.shop.topo.a1b2c3.tmp', '.shop.topo.bak.9f.tmp', '.other.topo.a1.tmp', 'shop.topo.tmp', '.shop.topo.x-y.tmp', 'notes.tmp']) fs.put(`${folder}/${name}`, 'x');
    fs.put('/elsewhere/.shop.topo.a1.tmp', 'x');
    const removed = await removeLeftoverTemps(fs, [target, '/gone/missing.topo']);
    expect(removed.sort()).toEqual([`${folder}/.shop.topo.a1b2c3.tmp`, `${folder}/.shop.topo.bak.9f.tmp`]);
    expect(fs.tempFiles(folder).sort()).toEqual([`${folder}/.other.topo.a1.tmp`, `${folder}/.shop.topo.x-y.tmp`, `${folder}/notes.tmp`, `${folder}/shop.topo.tmp`]);
    expect(fs.files.has('/elsewhere/.shop.topo.a1.tmp')).toBe(true);
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
    await tracker.remember(target, 'their longer edit');
    // Same size, same mtime, other bytes: only the content hash sees it.
    fs.putKeepingTime(target, 'THEIR LONGER EDIT');
    expect(await tracker.check(target)).toBe('changed');
    await fs.unlink(target);
    expect(await tracker.check(target)).toBe('missing');
    tracker.forget(target);
    expect(await tracker.check(target)).toBe('unknown');
  });
});
