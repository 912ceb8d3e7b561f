/**
 * Turning the bytes of a file into text, the same way in the app and in the CLI: a UTF-8 file (with
 * or without a byte-order mark) or a UTF-16 file that starts with its byte-order mark. Malformed
 * UTF-8 is refused with its byte offset rather than silently replaced by U+FFFD, which would change
 * the names in the design on the next save.
 */
import type { ValidationError } from './errors';

/** The one global this file needs: every host has it, but shared/ is typed without DOM or Node globals. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
};

export type DecodeResult = { ok: true; text: string } | { ok: false; error: ValidationError };

/** Decodes a file's bytes: BOM-selected UTF-16LE/BE, otherwise strict UTF-8 (a UTF-8 BOM is dropped). */
export function decodeDocumentBytes(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2), 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2), 2);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return strict('utf-8', bytes.subarray(bom), bom);
}

function strict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, skipped: number): DecodeResult {
  try {
    // ignoreBOM keeps a second mark as text; the first one was already removed above.
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = skipped + firstInvalidOffset(encoding, bytes);
    const name = encoding === 'utf-8' ? 'UTF-8' : encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    return { ok: false, error: { path: '(file)', message: `is not valid ${name} text (decoding fails at byte offset ${offset})` } };
  }
}

/** The offset of the first byte that does not decode; found by halving, so it stays near-linear. */
function firstInvalidOffset(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): number {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const decodes = (end: number): boolean => {
    try {
      decoder.decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    } finally {
      // Reset the decoder's streaming state between probes.
      try {
        decoder.decode();
      } catch {
        // An incomplete tail is expected when probing a prefix.
      }
    }
  };
  // Largest prefix that decodes in streaming mode (an incomplete tail is allowed there).
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodes(middle)) good = middle;
    else bad = middle;
  }
  if (decodes(bytes.length)) {
    // Every prefix decodes in streaming mode: the file ends inside a character.
    return lastCharacterStart(encoding, bytes);
  }
  // The longest good prefix may end inside the character that fails (`é` in Latin-1 is a UTF-8
  // lead byte followed by no continuation): the error is at that character's first byte.
  return characterStartBefore(encoding, bytes, good);
}

/** The start of the character that `end` falls inside of, or `end` when it is at a boundary. */
function characterStartBefore(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, end: number): number {
  if (encoding !== 'utf-8') {
    const even = end - (end % 2);
    if (even < 2) return even;
    const unit = encoding === 'utf-16le' ? bytes[even - 2]! | (bytes[even - 1]! << 8) : (bytes[even - 2]! << 8) | bytes[even - 1]!;
    // A high surrogate waiting for its low half.
    return unit >= 0xd800 && unit <= 0xdbff ? even - 2 : even;
  }
  let lead = end - 1;
  while (lead > 0 && end - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return end;
  const first = bytes[lead]!;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + length > end ? lead : end;
}

function lastCharacterStart(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): number {
  if (encoding !== 'utf-8') return bytes.length - (bytes.length % 2 === 1 ? 1 : 2);
  let start = bytes.length - 1;
  while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start -= 1;
  return start;
}
