import { describe, expect, it } from 'vitest';
import { decodeDocumentBytes } from './decode';

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

describe('decodeDocumentBytes', () => {
  it('decodes UTF-8 and drops a UTF-8 byte-order mark', () => {
    expect(decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":"é"}')]))).toEqual({ ok: true, text: '{"a":"é"}' });
  });
  it('decodes UTF-16LE and UTF-16BE by their byte-order marks', () => {
    expect(decodeDocumentBytes(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0]))).toEqual({ ok: true, text: 'AB' });
    expect(decodeDocumentBytes(new Uint8Array([0xfe, 0xff, 0, 0x41, 0, 0x42]))).toEqual({ ok: true, text: 'AB' });
  });
  it('refuses malformed UTF-8 with the byte offset where decoding fails', () => {
    const result = decodeDocumentBytes(new Uint8Array([...utf8('ab'), 0xff, 0x41]));
    expect(result).toEqual({ ok: false, error: { path: '(file)', message: 'is not valid UTF-8 text (decoding fails at byte offset 2)' } });
    const bom = decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('abc'), 0xc3, 0x28]));
    // 0xc3 at byte 6 starts a character that 0x28 does not continue: the offset is the 0xc3.
    expect(bom.ok === false && bom.error.message).toContain('offset 6)');
    // A Latin-1 é (0xe9) in otherwise ASCII text.
    const latin1 = decodeDocumentBytes(new Uint8Array([...utf8('caf'), 0xe9, ...utf8('"}')]));
    expect(latin1.ok === false && latin1.error.message).toContain('offset 3)');
  });
  it('refuses a file that ends inside a character', () => {
    const result = decodeDocumentBytes(new Uint8Array([...utf8('abc'), 0xe2, 0x82]));
    expect(result.ok === false && result.error.message).toContain('offset 3');
  });
  it('refuses a lone UTF-16 surrogate', () => {
    const result = decodeDocumentBytes(new Uint8Array([0xfe, 0xff, 0, 0x41, 0xd8, 0x00, 0, 0x42]));
    expect(result.ok === false && result.error.message).toBe('is not valid UTF-16BE text (decoding fails at byte offset 4)');
  });
});
