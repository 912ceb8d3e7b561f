import { describe, expect, it } from 'vitest';
import { samePath } from './fileTokens';
import { RecentFiles } from './recent';
import { MemoryFileSystem } from './testing/memoryFileSystem';

const store = '/config/recent-files.json';
let counter = 0;

function makeRecent(fs = new MemoryFileSystem(), platform: NodeJS.Platform = 'linux', limit = 3) {
  const system: string[] = [];
  const changes: string[][] = [];
  const recent = new RecentFiles({
    fs,
    storePath: store,
    platform,
    limit,
    token: () => `r${++counter}`,
    addToSystem: (p) => system.push(p),
    onChange: (paths) => changes.push([...paths]),
  });
  return { fs, recent, system, changes };
}

describe('RecentFiles', () => {
  it('lists newest first without duplicates, capped at the limit', async () => {
    const { recent, system, changes } = makeRecent();
    for (const p of ['/a.topo', '/b.topo', '/c.topo', '/a.topo', '/d.topo']) await recent.add(p);
    expect(await recent.list()).toEqual(['/d.topo', '/a.topo', '/c.topo']);
    expect((await recent.list())[0]).toBe('/d.topo');
    expect(system).toEqual(['/a.topo', '/b.topo', '/c.topo', '/a.topo', '/d.topo']);
    expect(changes.at(-1)).toEqual(['/d.topo', '/a.topo', '/c.topo']);
  });

  it('persists across restarts', async () => {
    const { fs, recent } = makeRecent();
    await recent.add('/x/one.topo');
    await recent.add('/x/two.topo');
    const again = makeRecent(fs).recent;
    expect(await again.list()).toEqual(['/x/two.topo', '/x/one.topo']);
    expect(await again.has('/x/one.topo')).toBe(true);
    expect(await again.has('/x/three.topo')).toBe(false);
  });

  it('treats a corrupt or foreign store as empty and ignores relative paths', async () => {
    const fs = new MemoryFileSystem();
    fs.put(store, '{not json');
    expect(await makeRecent(fs).recent.list()).toEqual([]);
    fs.put(store, JSON.stringify({ version: 1, files: ['relative.topo', '/ok.topo'] }));
    expect(await makeRecent(fs).recent.list()).toEqual(['/ok.topo']);
    fs.put(store, JSON.stringify({ version: 9, files: ['/ok.topo'] }));
    expect(await makeRecent(fs).recent.list()).toEqual([]);
  });

  it('removes and clears', async () => {
    const { recent } = makeRecent();
    await recent.add('/a.topo');
    await recent.add('/b.topo');
    await recent.remove('/a.topo');
    expect(await recent.list()).toEqual(['/b.topo']);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });

  it('folds case on Windows and macOS only', async () => {
    const windows = makeRecent(new MemoryFileSystem(), 'win32').recent;
    await windows.add('C:\\Designs\\Shop.topo');
    await windows.add('c:\\designs\\shop.topo');
    expect(await windows.list()).toHaveLength(1);
    expect(samePath('/A.topo', '/a.topo', 'linux')).toBe(false);
  });
});
