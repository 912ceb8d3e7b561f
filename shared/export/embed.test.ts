import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, embedDocumentInPng, extractDocumentFromPng, extractDocumentFromSvg, isPng, pngChunks, pngSize, svgMetadata } from './embed';
import { encodeUtf8 } from './utf8';

function chunk(type: string, data: number[]): number[] {
  const bytes = new Uint8Array([0, 0, 0, 0, ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0]);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  view.setUint32(8 + data.length, crc32(bytes, 4, 8 + data.length));
  return [...bytes];
}

/** A 3×2 PNG skeleton: signature, IHDR, one IDAT (contents are not decoded here), IEND. */
function tinyPng(extra: number[] = []): Uint8Array {
  const ihdr = [0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...extra, ...chunk('IDAT', [1, 2, 3]), ...chunk('IEND', [])]);
}

describe('crc32', () => {
  it('matches the PNG spec (the CRC of an IEND chunk is AE426082)', () => {
    expect(crc32(new Uint8Array([0x49, 0x45, 0x4e, 0x44])).toString(16)).toBe('ae426082');
    expect(crc32(encodeUtf8('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('PNG embedding', () => {
  it('round-trips any text, keeps the image chunks and a valid chunk structure', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const png = embedDocumentInPng(tinyPng(), text);
        expect(isPng(png)).toBe(true);
        const chunks = pngChunks(png)!;
        expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
        for (const c of chunks) {
          const stored = new DataView(png.buffer, png.byteOffset).getUint32(c.dataEnd);
          expect(stored).toBe(crc32(png, c.offset + 4, c.dataEnd));
        }
        const expected = text.replace(/[\uD800-\uDFFF]/g, (ch, i: number) => {
          const code = text.charCodeAt(i);
          const paired = code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(text[i + 1] ?? '') : /[\uD800-\uDBFF]/.test(text[i - 1] ?? '');
          return paired ? ch : '\uFFFD';
        });
        expect(extractDocumentFromPng(png)).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('replaces a document embedded earlier instead of adding a second', () => {
    const once = embedDocumentInPng(tinyPng(), 'first');
    const twice = embedDocumentInPng(once, 'second');
    expect(pngChunks(twice)!.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractDocumentFromPng(twice)).toBe('second');
  });

  it('reads a tEXt chunk with our keyword (Latin-1) and ignores other keywords', () => {
    const keyword = [...'topology-designer'].map((c) => c.charCodeAt(0));
    const other = [...'Software'].map((c) => c.charCodeAt(0));
    const png = tinyPng([...chunk('tEXt', [...other, 0, 0x41]), ...chunk('tEXt', [...keyword, 0, 0x7b, 0xe9, 0x7d])]);
    expect(extractDocumentFromPng(png)).toBe('{é}');
    expect(extractDocumentFromPng(tinyPng([...chunk('tEXt', [...other, 0, 0x41])]))).toBeNull();
  });

  it('returns null for bytes that are not a PNG or are cut short, and refuses to embed in them', () => {
    expect(extractDocumentFromPng(new Uint8Array([1, 2, 3]))).toBeNull();
    const cut = embedDocumentInPng(tinyPng(), 'x').slice(0, 40);
    expect(extractDocumentFromPng(cut)).toBeNull();
    expect(() => embedDocumentInPng(new Uint8Array(10), 'x')).toThrow(/not a PNG/);
  });

  it('reads the size from IHDR', () => {
    expect(pngSize(tinyPng())).toEqual({ width: 3, height: 2 });
  });
});

describe('SVG embedding', () => {
  it('round-trips text that would break CDATA or markup', () => {
    const text = '{"name":"]]> <b>&amp; \' \\" ✓ 漢字"}';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${svgMetadata(text)}</svg>`;
    expect(svg).not.toContain(']]>');
    expect(extractDocumentFromSvg(svg)).toBe(text);
  });

  it('reads the element under a namespace prefix and in CDATA, as editors may rewrite it', () => {
    expect(extractDocumentFromSvg('<svg><metadata><ns0:topology-designer xmlns:ns0="x"><![CDATA[{"a":"<&>"}]]></ns0:topology-designer></metadata></svg>')).toBe('{"a":"<&>"}');
    expect(extractDocumentFromSvg('<svg><metadata/></svg>')).toBeNull();
  });
});

describe('setPngDpi', () => {
  it('puts one pHYs chunk right after IHDR and replaces an earlier one', async () => {
    const { setPngDpi, pngDpi, pngChunks } = await import('./embed');
    // A 1×1 PNG: signature, IHDR, IDAT, IEND.
    const tiny = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    expect(pngDpi(tiny)).toBeNull();
    const once = setPngDpi(tiny, 192);
    expect(pngDpi(once)).toBe(192);
    const twice = setPngDpi(once, 288);
    expect(pngDpi(twice)).toBe(288);
    expect(pngChunks(twice)!.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });
});
