/**
 * The design travels inside exported pictures (as draw.io and Excalidraw do), so that dropping an
 * exported SVG or PNG back onto the app reopens it.
 *
 * - SVG: `<metadata><topology-designer xmlns="https://topology-designer.app/ns">…</…></metadata>`
 *   holding the `.topo` text, XML-escaped (not CDATA, so no `]]>` in a name can break out).
 * - PNG: an `iTXt` chunk with the keyword `topology-designer` (uncompressed UTF-8), placed before
 *   `IEND`; `tEXt` chunks with that keyword are read too (Latin-1 by the PNG spec).
 */
import { escapeXml, unescapeXml } from './text';
import { decodeLatin1, decodeUtf8, encodeUtf8 } from './utf8';

/** The keyword of the PNG text chunk and the element name in SVG metadata. */
export const EMBED_KEYWORD = 'topology-designer';
export const EMBED_NAMESPACE = 'https://topology-designer.app/ns';

/** The `<metadata>` element carrying `docText`. */
export function svgMetadata(docText: string): string {
  return `<metadata><${EMBED_KEYWORD} xmlns="${EMBED_NAMESPACE}">${escapeXml(docText)}</${EMBED_KEYWORD}></metadata>`;
}

/** The `.topo` text embedded in an exported SVG, or null when there is none. */
export function extractDocumentFromSvg(svgText: string): string | null {
  // Namespace prefixes are tolerated: an editor such as Inkscape may rewrite `<x>` as `<ns1:x>`.
  const match = /<(?:[\w.-]+:)?topology-designer\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?topology-designer\s*>/.exec(svgText);
  if (!match) return null;
  const body = match[1]!;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(body);
  return cdata ? cdata[1]! : unescapeXml(body);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320) as the PNG spec defines it for chunks. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** True when `png` starts with the PNG signature. */
export function isPng(png: Uint8Array): boolean {
  return png.length >= 8 && PNG_SIGNATURE.every((byte, i) => png[i] === byte);
}

interface Chunk {
  readonly type: string;
  /** Offset of the chunk's length field. */
  readonly offset: number;
  readonly dataStart: number;
  readonly dataEnd: number;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

/** The chunks of a PNG, or null when the bytes are not a well-formed PNG. */
export function pngChunks(png: Uint8Array): Chunk[] | null {
  if (!isPng(png)) return null;
  const chunks: Chunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = readUint32(png, at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > png.length) return null;
    chunks.push({ type, offset: at, dataStart, dataEnd });
    at = dataEnd + 4;
    if (type === 'IEND') return chunks;
  }
  return null;
}


function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeUint32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeUint32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** The keyword of a tEXt/iTXt chunk (bytes up to the first NUL). */
function keywordOf(png: Uint8Array, chunk: Chunk): { keyword: string; after: number } | null {
  const nul = png.indexOf(0, chunk.dataStart);
  if (nul < 0 || nul >= chunk.dataEnd) return null;
  return { keyword: decodeLatin1(png.subarray(chunk.dataStart, nul)), after: nul + 1 };
}

function isOurs(png: Uint8Array, chunk: Chunk): boolean {
  return (chunk.type === 'iTXt' || chunk.type === 'tEXt') && keywordOf(png, chunk)?.keyword === EMBED_KEYWORD;
}

/**
 * A copy of `png` carrying `docText` in an `iTXt` chunk (replacing one embedded before).
 * Throws on bytes that are not a PNG: callers pass the rasterizer's own output.
 */
export function embedDocumentInPng(png: Uint8Array, docText: string): Uint8Array {
  const chunks = pngChunks(png);
  if (!chunks || chunks[chunks.length - 1]?.type !== 'IEND') throw new Error('not a PNG image');
  const keyword = encodeUtf8(EMBED_KEYWORD);
  const text = encodeUtf8(docText);
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
  const data = new Uint8Array(keyword.length + 5 + text.length);
  data.set(keyword, 0);
  data.set([0, 0, 0, 0, 0], keyword.length);
  data.set(text, keyword.length + 5);
  const ours = chunkBytes('iTXt', data);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const chunk of chunks) {
    if (isOurs(png, chunk)) continue;
    if (chunk.type === 'IEND') parts.push(ours);
    parts.push(png.subarray(chunk.offset, chunk.dataEnd + 4));
  }
  return concatBytes(parts);
}

/**
 * The `.topo` text embedded in a PNG, or null when there is none (or the bytes are not a PNG).
 * A compressed iTXt chunk is not produced by this app and is ignored.
 */
export function extractDocumentFromPng(png: Uint8Array): string | null {
  const chunks = pngChunks(png);
  if (!chunks) return null;
  for (const chunk of chunks) {
    if (!isOurs(png, chunk)) continue;
    const { after } = keywordOf(png, chunk)!;
    if (chunk.type === 'tEXt') return decodeLatin1(png.subarray(after, chunk.dataEnd));
    if (png[after] !== 0) continue; // compressed
    const language = png.indexOf(0, after + 2);
    const translated = language < 0 ? -1 : png.indexOf(0, language + 1);
    if (translated < 0 || translated >= chunk.dataEnd) continue;
    return decodeUtf8(png.subarray(translated + 1, chunk.dataEnd));
  }
  return null;
}

/** Width and height in px from a PNG's IHDR chunk, or null. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const chunks = pngChunks(png);
  const header = chunks?.[0];
  if (!header || header.type !== 'IHDR' || header.dataEnd - header.dataStart < 8) return null;
  return { width: readUint32(png, header.dataStart), height: readUint32(png, header.dataStart + 4) };
}

/** Pixels per inch of a 1× export: the CSS pixel. */
export const CSS_DPI = 96;

/**
 * A copy of `png` saying its resolution in a `pHYs` chunk (`dpi` dots per inch, stored as dots
 * per metre), right after `IHDR` as the PNG spec requires (before any `IDAT`); an earlier `pHYs`
 * is replaced. Throws on bytes that are not a PNG.
 */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  const chunks = pngChunks(png);
  if (!chunks || chunks[0]?.type !== 'IHDR') throw new Error('not a PNG image');
  const perMetre = Math.round(dpi / 0.0254);
  const data = new Uint8Array(9);
  writeUint32(data, 0, perMetre);
  writeUint32(data, 4, perMetre);
  data[8] = 1; // unit: metre
  const phys = chunkBytes('pHYs', data);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const chunk of chunks) {
    if (chunk.type === 'pHYs') continue;
    parts.push(png.subarray(chunk.offset, chunk.dataEnd + 4));
    if (chunk.type === 'IHDR') parts.push(phys);
  }
  return concatBytes(parts);
}

/** The resolution a PNG states in its `pHYs` chunk, in dots per inch (rounded), or null. */
export function pngDpi(png: Uint8Array): number | null {
  const chunk = pngChunks(png)?.find((c) => c.type === 'pHYs');
  if (!chunk || chunk.dataEnd - chunk.dataStart < 9 || png[chunk.dataStart + 8] !== 1) return null;
  return Math.round(readUint32(png, chunk.dataStart) * 0.0254);
}

/** The parts one after the other in one new array. */
function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
