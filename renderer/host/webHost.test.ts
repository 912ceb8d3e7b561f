// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { createWebHost } from './webHost';

/** A fake FileSystemFileHandle: contents and a modification time that "someone else" may change. */
function fakeHandle(name: string, text: string) {
  const state = { text, lastModified: 1000, writes: 0 };
  const handle = {
    kind: 'file',
    name,
    getFile: async () => ({ name, lastModified: state.lastModified, text: async () => state.text, arrayBuffer: async () => new TextEncoder().encode(state.text).buffer, type: 'application/json' }),
    createWritable: async () => {
      let next = '';
      return {
        write: async (data: string) => {
          next = data;
        },
        close: async () => {
          state.text = next;
          state.writes += 1;
          state.lastModified += 10;
        },
      };
    },
  };
  return { handle: handle as unknown as FileSystemFileHandle, state };
}

function pickerWindow(open: FileSystemFileHandle, save?: FileSystemFileHandle | 'abort') {
  Object.defineProperty(navigator, 'webdriver', { value: false, configurable: true });
  return Object.assign(window, {
    showOpenFilePicker: async () => [open],
    showSaveFilePicker: async () => {
      if (save === 'abort') throw new DOMException('The user aborted a request.', 'AbortError');
      return save ?? open;
    },
  });
}

describe('web host with the File System Access API', () => {
  it('saves back to the opened file, and refuses to overwrite a file changed on disk unless told to', async () => {
    const { handle, state } = fakeHandle('shop.topo', '{"a":1}');
    const host = createWebHost({ window: pickerWindow(handle) });
    const opened = await host.openFile();
    expect(opened).toMatchObject({ name: 'shop.topo', text: '{"a":1}' });
    const file = opened!.file!;
    expect(await host.saveFile({ text: 'v2', file, suggestedName: 'shop.topo' })).toEqual({ status: 'saved', file });
    expect(state.text).toBe('v2');
    // Another program changes the file.
    state.text = 'theirs';
    state.lastModified += 5000;
    expect(await host.saveFile({ text: 'v3', file, suggestedName: 'shop.topo' })).toEqual({ status: 'conflict', file });
    expect(state.text).toBe('theirs');
    expect(await host.saveFile({ text: 'v3', file, suggestedName: 'shop.topo', overwrite: true })).toEqual({ status: 'saved', file });
    expect(state.text).toBe('v3');
  });

  it('Save As asks for a place; cancelling the picker is not an error', async () => {
    const { handle } = fakeHandle('shop.topo', '{}');
    const host = createWebHost({ window: pickerWindow(handle, 'abort') });
    expect(await host.saveFile({ text: 'x', saveAs: true, suggestedName: 'new.topo' })).toEqual({ status: 'canceled' });
  });

  it('decodes picked files as the CLI does: UTF-16 by its mark, invalid UTF-8 refused with a message', async () => {
    const withBytes = (name: string, bytes: number[]) =>
      ({ kind: 'file', name, getFile: async () => ({ name, lastModified: 1, size: bytes.length, type: '', arrayBuffer: async () => new Uint8Array(bytes).buffer }) }) as unknown as FileSystemFileHandle;
    const wide = createWebHost({ window: pickerWindow(withBytes('wide.json', [0xfe, 0xff, 0, 0x7b, 0, 0xe9, 0, 0x7d])) });
    expect((await wide.openFile())?.text).toBe('{é}');
    const latin1 = createWebHost({ window: pickerWindow(withBytes('latin1.json', [0x7b, 0xe9, 0x7d])) });
    await expect(latin1.openFile()).rejects.toThrow('latin1.json is not valid UTF-8 text (decoding fails at byte offset 1).');
  });

  it('sets the title with the file name and an edited mark', () => {
    const { handle } = fakeHandle('shop.topo', '{}');
    const host = createWebHost({ window: pickerWindow(handle) });
    host.setDocumentState({ name: 'Shop', file: testFileRef('shop.topo'), dirty: true });
    expect(document.title).toBe('● shop.topo — Topology Designer');
    host.setDocumentState({ name: 'Shop', file: null, dirty: false });
    expect(document.title).toBe('Shop — Topology Designer');
  });
});
