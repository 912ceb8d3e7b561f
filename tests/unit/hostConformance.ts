/**
 * The HostApi conformance suite: what every host must do with files, whatever it runs on. Each
 * host's test file supplies a fixture (its pickers, its disk, its storage) and calls
 * `describeHostConformance`; the same expectations then hold for the browser and the desktop.
 */
import { describe, expect, it } from 'vitest';
import type { FileRef, HostApi, RecoverySnapshot } from '../../shared/host';

/** A host under test with the world around it. Locations are `folder/name`, e.g. `docs-folder/shop.topo`. */
export interface HostFixture {
  readonly host: HostApi;
  /** A file already on disk when the test starts. */
  createFile(location: string, text: string): void;
  /** The text on disk, or undefined when there is no such file. */
  readFile(location: string): string | undefined;
  /** Another program rewrites the file. */
  changeExternally(location: string, text: string): void;
  /** The user's next choice in the open picker: a location, or null to cancel. No answer queued fails the call. */
  answerOpen(location: string | null): void;
  /** The user's next choice in the save picker (Save As, Export): a location, or null to cancel. */
  answerSave(location: string | null): void;
  /**
   * Ends the session (as a crash or a closed tab would, after pending snapshots reached storage)
   * and starts a new host over the same disk and storage.
   */
  restart(): Promise<HostApi>;
}

const FOLDERS = ['docs-folder', 'other-folder'];

/** A FileRef must not give away where the file is. */
function expectOpaque(file: FileRef | null | undefined): void {
  expect(file).toBeTruthy();
  const text = JSON.stringify(file);
  for (const folder of FOLDERS) expect(text).not.toContain(folder);
  expect(file!.id).not.toMatch(/[\\/]/);
}

async function openAt(fixture: HostFixture, host: HostApi, location: string) {
  fixture.answerOpen(location);
  const opened = await host.openFile();
  expect(opened).not.toBeNull();
  return opened!;
}

/** The HostApi conformance suite for one host. */
export function describeHostConformance(label: string, makeFixture: () => HostFixture): void {
  describe(`HostApi conformance: ${label}`, () => {
    it('opens a file and saves back to it without asking, again and again', async () => {
      const fixture = makeFixture();
      fixture.createFile('docs-folder/shop.topo', 'v1');
      const opened = await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      expect(opened).toMatchObject({ name: 'shop.topo', text: 'v1' });
      expect(opened.file?.name).toBe('shop.topo');
      expectOpaque(opened.file);
      // No picker answer is queued: asking would fail the save.
      expect(await fixture.host.saveFile({ text: 'v2', file: opened.file, suggestedName: 'shop.topo' })).toEqual({ status: 'saved', file: opened.file });
      expect(fixture.readFile('docs-folder/shop.topo')).toBe('v2');
      expect(await fixture.host.saveFile({ text: 'v3', file: opened.file, suggestedName: 'shop.topo' })).toEqual({ status: 'saved', file: opened.file });
      expect(fixture.readFile('docs-folder/shop.topo')).toBe('v3');
    });

    it('saves a new design where the user picks, and then back to it', async () => {
      const fixture = makeFixture();
      fixture.answerSave('docs-folder/new.topo');
      const first = await fixture.host.saveFile({ text: 'new', file: null, suggestedName: 'new.topo' });
      expect(first).toMatchObject({ status: 'saved', file: { name: 'new.topo' } });
      expect(fixture.readFile('docs-folder/new.topo')).toBe('new');
      const file = first.status === 'saved' ? first.file : null;
      expectOpaque(file);
      expect(await fixture.host.saveFile({ text: 'newer', file, suggestedName: 'new.topo' })).toEqual({ status: 'saved', file });
      expect(fixture.readFile('docs-folder/new.topo')).toBe('newer');
    });

    it('refuses to overwrite a file changed on disk, until told to', async () => {
      const fixture = makeFixture();
      fixture.createFile('docs-folder/shop.topo', 'v1');
      const { file } = await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      fixture.changeExternally('docs-folder/shop.topo', 'theirs');
      expect(await fixture.host.saveFile({ text: 'mine', file, suggestedName: 'shop.topo' })).toEqual({ status: 'conflict', file });
      expect(fixture.readFile('docs-folder/shop.topo')).toBe('theirs');
      expect(await fixture.host.saveFile({ text: 'mine', file, suggestedName: 'shop.topo', overwrite: true })).toEqual({ status: 'saved', file });
      expect(fixture.readFile('docs-folder/shop.topo')).toBe('mine');
      // Our own write is the new baseline.
      expect(await fixture.host.saveFile({ text: 'mine 2', file, suggestedName: 'shop.topo' })).toEqual({ status: 'saved', file });
    });

    it('treats a canceled picker as no answer, writing nothing', async () => {
      const fixture = makeFixture();
      fixture.createFile('docs-folder/shop.topo', 'v1');
      fixture.answerOpen(null);
      expect(await fixture.host.openFile()).toBeNull();
      fixture.answerSave(null);
      expect(await fixture.host.saveFile({ text: 'x', file: null, suggestedName: 'x.topo' })).toEqual({ status: 'canceled' });
      const { file } = await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      fixture.answerSave(null);
      expect(await fixture.host.saveFile({ text: 'copy', file, saveAs: true, suggestedName: 'shop.topo' })).toEqual({ status: 'canceled' });
      fixture.answerSave(null);
      expect(await fixture.host.exportFile({ suggestedName: 'shop.svg', mime: 'image/svg+xml', data: '<svg/>' })).toEqual({ status: 'canceled' });
      expect(fixture.readFile('docs-folder/shop.topo')).toBe('v1');
      expect(fixture.readFile('docs-folder/x.topo')).toBeUndefined();
    });

    it('keeps a recovery snapshot across a restart, with its file, until cleared', async () => {
      const fixture = makeFixture();
      expect(await fixture.host.loadRecovery()).toBeNull();
      fixture.createFile('docs-folder/shop.topo', 'v1');
      const { file } = await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      const snapshot: RecoverySnapshot = { text: 'unsaved work', name: 'Shop', savedAt: 1_700_000_000_000, file };
      await fixture.host.saveRecovery(snapshot);
      expect(await fixture.host.loadRecovery()).toEqual(snapshot);
      const next = await fixture.restart();
      const recovered = await next.loadRecovery();
      expect(recovered).toMatchObject({ text: 'unsaved work', name: 'Shop', savedAt: 1_700_000_000_000, file: { name: 'shop.topo' } });
      expectOpaque(recovered!.file);
      await next.clearRecovery();
      expect(await next.loadRecovery()).toBeNull();
      expect(await (await fixture.restart()).loadRecovery()).toBeNull();
    });

    it('lists recent files by file, not by name, newest first, across restarts', async () => {
      const fixture = makeFixture();
      expect(await fixture.host.recentFiles()).toEqual([]);
      fixture.createFile('docs-folder/shop.topo', 'in docs');
      fixture.createFile('other-folder/shop.topo', 'in other');
      await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      await openAt(fixture, fixture.host, 'other-folder/shop.topo');
      // Opening the first again moves it to the top; it is still one entry.
      await openAt(fixture, fixture.host, 'docs-folder/shop.topo');
      const recent = await fixture.host.recentFiles();
      expect(recent.map((file) => file.name)).toEqual(['shop.topo', 'shop.topo']);
      expect(new Set(recent.map((file) => file.id)).size).toBe(2);
      recent.forEach(expectOpaque);
      expect((await fixture.host.openRecent(recent[0]!))?.text).toBe('in docs');
      expect((await fixture.host.openRecent(recent[1]!))?.text).toBe('in other');

      // Opening a recent file moves it to the top too, and the list outlives the session.
      const next = await fixture.restart();
      const again = await next.recentFiles();
      expect(again).toHaveLength(2);
      expect((await next.openRecent(again[0]!))?.text).toBe('in other');
      expect((await next.openRecent(again[1]!))?.text).toBe('in docs');
      // A reference the host never issued opens nothing.
      expect(await next.openRecent({ id: 'docs-folder/shop.topo', name: 'shop.topo' })).toBeNull();
    });
  });
}
