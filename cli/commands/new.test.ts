import { describe, expect, it } from 'vitest';
import { parseDocumentText, ALL_TEMPLATES as TEMPLATES } from '../../shared/document';
import { runCli } from '../main';
import { fakeIo } from '../testing/fakeIo';

describe('topo new', () => {
  it('--list prints every template id and name, one a line', async () => {
    const { io, stdout } = fakeIo({});
    expect(await runCli(['new', '--list'], io)).toBe(0);
    const lines = stdout().trimEnd().split('\n');
    expect(lines.map((line) => line.split('  ')[0])).toEqual(TEMPLATES.map((t) => t.id));
    expect(lines[0]).toBe(`${TEMPLATES[0]!.id}  ${TEMPLATES[0]!.name}`);
  });

  it('--template ID --out FILE writes that template as a valid design', async () => {
    const { io, files } = fakeIo({}, { writable: true });
    const id = TEMPLATES[2]!.id;
    expect(await runCli(['new', '--template', id, '--out', 'new.topo'], io)).toBe(0);
    const parsed = parseDocumentText(String(files['new.topo']));
    expect(parsed.ok && parsed.document.name).toBe(TEMPLATES[2]!.document.name);
  });

  it('exits 2 with one clear line for an unknown template or a missing flag', async () => {
    const unknown = fakeIo({}, { writable: true });
    expect(await runCli(['new', '--template', 'nope', '--out', 'x.topo'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toContain('unknown template "nope"');
    const noOut = fakeIo({}, { writable: true });
    expect(await runCli(['new', '--template', TEMPLATES[0]!.id], noOut.io)).toBe(2);
    expect(noOut.stderr()).toContain('missing --out');
    const nothing = fakeIo({});
    expect(await runCli(['new'], nothing.io)).toBe(2);
    expect(nothing.stderr()).toContain('missing --template');
  });
});
