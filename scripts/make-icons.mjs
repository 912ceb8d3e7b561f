#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes the packagers need (assets/icons/N.png, used for Linux
// and the window icon), and packs assets/icon.ico (Windows: PNG entries) and assets/icon.icns
// (macOS: PNG entries ic07–ic14). Both containers are simple enough to write by hand.
// Usage: node scripts/make-icons.mjs   (then commit the outputs)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = fileURLToPath(new URL('..', import.meta.url));
const assets = path.join(root, 'assets');
const svg = readFileSync(path.join(assets, 'icon.svg'));

/** PNG sizes in pixels. */
export const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 32, 48, 64, 128, 256];
/** ICNS entry types and their pixel sizes (ic11–ic14 are the @2x variants). */
const ICNS_TYPES = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

/** An ICO file whose images are PNGs (supported since Windows Vista). */
export function buildIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // palette size
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** An ICNS file: 'icns', total length, then (type, length incl. 8-byte header, PNG) entries; big-endian. */
export function buildIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

function main() {
  mkdirSync(path.join(assets, 'icons'), { recursive: true });
  const pngs = new Map(PNG_SIZES.map((size) => [size, render(size)]));
  for (const [size, png] of pngs) writeFileSync(path.join(assets, 'icons', `${size}.png`), png);
  writeFileSync(path.join(assets, 'icon.ico'), buildIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(path.join(assets, 'icon.icns'), buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  writeFileSync(path.join(assets, 'icon.png'), pngs.get(1024));
  console.log(`icons written to ${path.relative(process.cwd(), assets) || '.'}: ${PNG_SIZES.join(', ')} px, icon.ico, icon.icns`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
