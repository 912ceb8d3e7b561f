import { describe, expect, it } from 'vitest';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { FileService, type FileDialogs } from './fileService';
import { FileTokens } from './fileTokens';
import { RecentFiles } from './recent';
import { MemoryFileSystem } from './testing/memoryFileSystem';

type Window = { id: number };
const window: Window = { id: 1 };
let counter = 0;

function makeService(answers: { open?: (string | null)[]; save?: (string | null)[] } = {}) {
  const fs = new MemoryFileSystem();
  const calls: { kind: string; defaultPath?: string; title?: string }[] = [];
  const errors: string[] = [];
  const dialogs: FileDialogs<Window> = {
    showOpen: async (_w, options) => {
      calls.push({ kind: 'open', defaultPath: options.defaultPath });
      return answers.open?.shift() ?? null;
    },
    showSave: async (_w, options) => {
      calls.push({ kind: 'save', defaultPath: options.defaultPath, title: options.title });
      return answers.save?.shift() ?? null;
    },
    showError: (_w, title, message) => errors.push(`${title}: ${message}`),
  };
  const recent = new RecentFiles({ fs, storePath: '/config/recent.json', platform: 'linux', token: () => `r${++counter}` });
  const tokens = new FileTokens('linux', () => `t${++counter}`);
  const service = new FileService<Window>({ fs, dialogs, recent, tokens, platform: 'linux', defaultDirectory: '/home/ada/Documents', token: () => `f${++counter}` });
  return { fs, service, calls, errors, recent, tokens };
}

describe('FileService.openFile', () => {
  it('reads the chosen file, remembers it as recent and grants saving back to it', async () => {
    const { fs, service, recent, calls, tokens } = makeService({ open: ['/d/shop.topo'] });
    fs.put('/d/shop.topo', '\uFEFF{"format":"topology"}');
    const opened = await service.openFile(window);
    expect(opened).toEqual({ file: { id: expect.any(String), name: 'shop.topo' }, name: 'shop.topo', text: '{"format":"topology"}' });
    // The page gets a token that says nothing about where the file is.
    expect(opened!.file!.id).not.toContain('/d');
    expect(tokens.pathOf(opened!.file!.id)).toBe('/d/shop.topo');
    expect(calls[0]).toEqual({ kind: 'open', defaultPath: '/home/ada/Documents' });
    expect(await recent.list()).toEqual(['/d/shop.topo']);
    const saved = await service.saveFile(window, { text: 'v2', file: opened!.file, suggestedName: 'shop.topo' });
    expect(saved).toEqual({ status: 'saved', file: opened!.file });
    expect(calls).toHaveLength(1);
    expect(fs.text('/d/shop.topo')).toBe('v2');
    // The backup holds the previous bytes exactly, byte-order mark included.
    expect([...fs.files.get('/d/shop.topo.bak')!.data]).toEqual([...new TextEncoder().encode('\uFEFF{"format":"topology"}')]);
  });

  it('gives PNG pictures as bytes and pictures no file reference', async () => {
    const { fs, service } = makeService({ open: ['/d/diagram.png', '/d/diagram.svg'] });
    fs.put('/d/diagram.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    fs.put('/d/diagram.svg', '<svg/>');
    const png = await service.openFile(window);
    expect(png?.file).toBeNull();
    expect([...png!.bytes!]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await service.openFile(window)).toEqual({ file: null, name: 'diagram.svg', text: '<svg/>' });
  });

  it('decodes as the CLI does: UTF-16 by its mark opens as its text, invalid UTF-8 is refused with a message', async () => {
    const { fs, service, errors } = makeService({ open: ['/d/wide.topo', '/d/latin1.topo'] });
    fs.put('/d/wide.topo', new Uint8Array([0xff, 0xfe, 0x7b, 0, 0xe9, 0, 0x7d, 0]));
    fs.put('/d/latin1.topo', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    expect((await service.openFile(window))?.text).toBe('{é}');
    await expect(service.openFile(window)).rejects.toThrow('latin1.topo is not valid UTF-8 text (decoding fails at byte offset 2).');
    expect(await service.openPath(window, { origin: 'system', path: '/d/latin1.topo' })).toBeNull();
    expect(errors).toEqual(['Cannot open latin1.topo: latin1.topo is not valid UTF-8 text (decoding fails at byte offset 2).']);
  });

  it('returns null when canceled', async () => {
    expect(await makeService().service.openFile(window)).toBeNull();
  });
});

describe('FileService.saveFile', () => {
  it('asks where for a new design, adds .topo, and keeps no backup of nothing', async () => {
    const { fs, service, calls, tokens } = makeService({ save: ['/d/new-design'] });
    const result = await service.saveFile(window, { text: 'doc', file: null, suggestedName: 'Shop.topo' });
    expect(result).toEqual({ status: 'saved', file: tokens.refOf('/d/new-design.topo') });
    expect(result.status === 'saved' && result.file.name).toBe('new-design.topo');
    expect(calls[0]).toMatchObject({ kind: 'save', defaultPath: '/home/ada/Documents/Shop.topo' });
    expect(fs.text('/d/new-design.topo')).toBe('doc');
    expect(fs.files.has('/d/new-design.topo.bak')).toBe(false);
  });

  it('returns canceled when the Save dialog is canceled, writing nothing', async () => {
    const { fs, service } = makeService();
    expect(await service.saveFile(window, { text: 'doc', suggestedName: 'x.topo' })).toEqual({ status: 'canceled' });
    expect(fs.files.size).toBe(0);
  });

  it('asks again for Save As, starting in the file’s folder', async () => {
    const { fs, service, calls, tokens } = makeService({ open: ['/d/shop.topo'], save: ['/e/copy.topo'] });
    fs.put('/d/shop.topo', 'v1');
    const opened = await service.openFile(window);
    const result = await service.saveFile(window, { text: 'v2', file: opened!.file, saveAs: true, suggestedName: 'shop.topo' });
    expect(result).toEqual({ status: 'saved', file: tokens.refOf('/e/copy.topo') });
    expect(calls[1]).toMatchObject({ kind: 'save', defaultPath: '/d/shop.topo' });
    expect(fs.text('/d/shop.topo')).toBe('v1');
  });

  it('refuses to overwrite a file changed on disk since it was opened, until told to', async () => {
    const { fs, service } = makeService({ open: ['/d/shop.topo'] });
    fs.put('/d/shop.topo', 'v1');
    const opened = await service.openFile(window);
    fs.put('/d/shop.topo', 'edited in another editor');
    const refused = await service.saveFile(window, { text: 'mine', file: opened!.file, suggestedName: 'shop.topo' });
    expect(refused).toEqual({ status: 'conflict', file: opened!.file });
    expect(fs.text('/d/shop.topo')).toBe('edited in another editor');
    const forced = await service.saveFile(window, { text: 'mine', file: opened!.file, suggestedName: 'shop.topo', overwrite: true });
    expect(forced.status).toBe('saved');
    expect(fs.text('/d/shop.topo')).toBe('mine');
    expect(fs.text('/d/shop.topo.bak')).toBe('edited in another editor');
    // Our own save is the new baseline: saving again is not a conflict.
    expect((await service.saveFile(window, { text: 'mine 2', file: opened!.file, suggestedName: 'shop.topo' })).status).toBe('saved');
  });

  it('does not write where the page points by itself (a path, or a token of a file never opened): it asks', async () => {
    const { fs, service, calls, tokens } = makeService({ save: [null, null] });
    fs.put('/etc/important.topo', 'keep');
    const made = await service.saveFile(window, { text: 'evil', file: testFileRef('important.topo', '/etc/important.topo'), suggestedName: 'important.topo' });
    expect(made).toEqual({ status: 'canceled' });
    // A token main issued (say, for a recent file) still needs the file opened in this session.
    const listed = await service.saveFile(window, { text: 'evil', file: tokens.refOf('/etc/important.topo'), suggestedName: 'important.topo' });
    expect(listed).toEqual({ status: 'canceled' });
    expect(calls.map((c) => c.kind)).toEqual(['save', 'save']);
    expect(fs.text('/etc/important.topo')).toBe('keep');
  });

  it('reports write errors as values and leaves the old file intact', async () => {
    const { fs, service } = makeService({ open: ['/d/shop.topo'] });
    fs.put('/d/shop.topo', 'v1');
    const opened = await service.openFile(window);
    fs.fail('write');
    const result = await service.saveFile(window, { text: 'v2', file: opened!.file, suggestedName: 'shop.topo' });
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.message).toContain('/d/shop.topo');
    expect(fs.text('/d/shop.topo')).toBe('v1');
  });
});

describe('FileService.exportFile', () => {
  it('always asks, filters by the extension, writes bytes without a backup', async () => {
    const { fs, service, calls } = makeService({ save: ['/d/diagram.png'] });
    fs.put('/d/diagram.png', 'old picture');
    const result = await service.exportFile(window, { suggestedName: 'diagram.png', mime: 'image/png', data: new Uint8Array([1, 2, 3]) });
    expect(result).toMatchObject({ status: 'saved', file: { name: 'diagram.png' } });
    expect(calls[0]).toMatchObject({ kind: 'save', title: 'Export' });
    expect([...fs.files.get('/d/diagram.png')!.data]).toEqual([1, 2, 3]);
    expect(fs.files.has('/d/diagram.png.bak')).toBe(false);
  });
});

describe('FileService.openRecent and openPath', () => {
  it('opens only files on the recent list, and drops vanished ones with a message', async () => {
    const { fs, service, recent, errors, tokens } = makeService();
    fs.put('/d/a.topo', 'a');
    await recent.add('/d/a.topo');
    await recent.add('/d/gone.topo');
    const [gone, listed] = await service.recentFiles();
    expect([gone?.name, listed?.name]).toEqual(['gone.topo', 'a.topo']);
    expect((await service.openRecent(window, listed!))?.text).toBe('a');
    // Paths and tokens of files not on the list open nothing.
    expect(await service.openRecent(window, { id: '/d/a.topo', name: 'a.topo' })).toBeNull();
    expect(await service.openRecent(window, tokens.refOf('/etc/passwd'))).toBeNull();
    expect(await service.openRecent(window, gone!)).toBeNull();
    expect(errors[0]).toMatch(/^Cannot open gone\.topo/);
    expect(await service.recentFiles()).toEqual([tokens.refOf('/d/a.topo')]);
  });

  it('opens a path from the OS and explains failures in a native box', async () => {
    const { fs, service, errors, tokens } = makeService();
    fs.put('/d/a.topo', 'a');
    expect((await service.openPath(window, { origin: 'system', path: '/d/a.topo' }))?.file).toEqual(tokens.refOf('/d/a.topo'));
    expect(await service.openPath(window, { origin: 'system', path: '/d/missing.topo' })).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('opens a drop only by the one-time token its path was given, and only then saves to it without asking', async () => {
    const { fs, service, calls, tokens } = makeService();
    fs.put('/d/dropped.topo', '{}');
    fs.put('/d/notes.txt', 'x');
    // Tokens only for absolute paths of designs and pictures.
    expect(service.issueDropToken('dropped.topo')).toBeNull();
    expect(service.issueDropToken('/d/notes.txt')).toBeNull();
    // A path never opens as a drop, nor does a token main never issued.
    expect(await service.openPath(window, { origin: 'drop', token: '/d/dropped.topo' })).toBeNull();
    expect(await service.openPath(window, { origin: 'drop', token: 'drop-guess' })).toBeNull();
    // Before the drop is opened, a save naming the file asks where.
    await service.saveFile(window, { text: 'v0', file: tokens.refOf('/d/dropped.topo'), suggestedName: 'dropped.topo' });
    expect(calls.map((c) => c.kind)).toEqual(['save']);
    const token = service.issueDropToken('/d/dropped.topo')!;
    expect(token).toMatch(/^drop-/);
    expect(token).not.toContain('/d');
    const opened = await service.openPath(window, { origin: 'drop', token });
    expect(opened).toMatchObject({ name: 'dropped.topo', text: '{}' });
    // Used once.
    expect(await service.openPath(window, { origin: 'drop', token })).toBeNull();
    expect(await service.saveFile(window, { text: 'v2', file: opened!.file, suggestedName: 'dropped.topo' })).toEqual({ status: 'saved', file: opened!.file });
    expect(calls).toHaveLength(1);
    expect(fs.text('/d/dropped.topo')).toBe('v2');
  });
});

