/**
 * electron-builder.yml against the JSON schema app-builder-lib ships, plus what the schema cannot
 * know: the targets, fuses and associations the issue asks for, and icons that exist and are
 * well-formed ICO/ICNS/PNG files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
/** The parts of the config the checks read; the schema test covers the rest. */
interface BuilderConfig {
  [key: string]: unknown;
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: Record<string, string>[];
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  win: { target: string[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: string[]; icon: string };
}
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** Width from a PNG's IHDR chunk. */
function pngWidth(bytes: Buffer): number {
  return bytes.readUInt32BE(16);
}

describe('electron-builder.yml', () => {
  it('validates against app-builder-lib’s scheme.json', async () => {
    const { default: Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would reject a typo (the schema check is real)', async () => {
    const { default: Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).toBe(false);
  });

  it('builds the targets of the issue', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis.perMachine).toBe(true);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
  });

  it('associates .topo files', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'topo', mimeType: 'application/x-topology-design' })]);
    expect(config.linux.mimeTypes).toContain('application/x-topology-design');
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packages the bundles package.json points at', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(config.files).toContain(pkg.main);
    expect(config.files).toContain('dist/electron/preload.cjs');
    expect(config.files).toContain('dist/web/**');
  });
});

describe('icons', () => {
  it('has the SVG source and every PNG size, each a PNG of its size', () => {
    expect(readFileSync(path.join(root, 'assets/icon.svg'), 'utf8')).toContain('<svg');
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const bytes = readFileSync(path.join(root, `assets/icons/${size}.png`));
      expect(isPng(bytes), `${size}.png`).toBe(true);
      expect(pngWidth(bytes)).toBe(size);
    }
    for (const file of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it('has an ICO whose directory points at PNGs of the stated sizes', () => {
    const ico = readFileSync(path.join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const size = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = ico.subarray(offset, offset + length);
      expect(isPng(png)).toBe(true);
      expect(pngWidth(png)).toBe(size);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 32, 48, 64, 128, 256]);
  });

  it('has an ICNS with PNG entries ic07–ic10 at their sizes', () => {
    const icns = readFileSync(path.join(root, config.mac.icon));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = new Map<string, number>();
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      const png = icns.subarray(offset + 8, offset + length);
      expect(isPng(png), type).toBe(true);
      entries.set(type, pngWidth(png));
      offset += length;
    }
    expect(Object.fromEntries(entries)).toMatchObject({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});
