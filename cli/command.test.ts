import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo, readDocument, UserError } from './command';

const folder = mkdtempSync(join(tmpdir(), 'topo-read-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const documentText = '{"format":"topology-designer","version":1,"name":"Café","nodes":[],"edges":[]}';

function write(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe];
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (bigEndian) bytes.push(unit >> 8, unit & 0xff);
    else bytes.push(unit & 0xff, unit >> 8);
  }
  return new Uint8Array(bytes);
}

describe('readDocument decodes like the app', () => {
  it('opens UTF-16LE and UTF-16BE files by their byte-order mark', () => {
    expect(readDocument(write('le.topo', utf16(documentText, false)), nodeIo()).name).toBe('Café');
    expect(readDocument(write('be.topo', utf16(documentText, true)), nodeIo()).name).toBe('Café');
  });
  it('refuses invalid UTF-8 with the byte offset instead of replacing it', () => {
    const bytes = new TextEncoder().encode(documentText);
    const broken = new Uint8Array([...bytes.subarray(0, 50), 0xff, ...bytes.subarray(50)]);
    const path = write('bad.topo', broken);
    expect(() => readDocument(path, nodeIo())).toThrow(UserError);
    expect(() => readDocument(path, nodeIo())).toThrow(`${path}: (file): is not valid UTF-8 text (decoding fails at byte offset 50)`);
  });
});
