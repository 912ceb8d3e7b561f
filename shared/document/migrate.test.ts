import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument, type Migration } from './migrate';
import { CURRENT_VERSION } from './schema';
import { raw, smallDocument } from './testing/builders';

describe('migrateDocument with the real table', () => {
  it('passes a current-version document through untouched, with no migratedFrom', () => {
    const input = raw(smallDocument());
    const result = migrateDocument(input);
    expect(result).toEqual({ ok: true, value: input });
    expect(CURRENT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it('refuses a newer version and says to update', () => {
    const result = migrateDocument({ ...raw(smallDocument()), version: CURRENT_VERSION + 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/newer than this app understands \(1\): update Topology Designer/);
  });

  it('refuses something that is not an object', () => {
    expect(migrateDocument([])).toEqual({ ok: false, errors: [{ path: '(document)', message: expect.stringContaining('must be a JSON object') }] });
  });

  it('leaves a document with a wrong format for the schema to word', () => {
    const input = { format: 'other', version: 99 };
    expect(migrateDocument(input)).toEqual({ ok: true, value: input });
  });
});

describe('migrateDocument with an injected table', () => {
  // v1 → v2 renames `name` to `title`; v2 → v3 records that it ran. Each must see the previous one's output.
  const calls: number[] = [];
  const table: Record<number, Migration> = {
    1: (doc) => {
      calls.push(1);
      const { name, ...rest } = doc;
      return { ...rest, title: name };
    },
    2: (doc) => {
      calls.push(2);
      return { ...doc, lifted: `from ${String(doc.version)} with title ${String(doc.title)}` };
    },
  };

  it('lifts v1 → v2 → v3 in order and reports migratedFrom', () => {
    calls.length = 0;
    const result = migrateDocument({ format: 'topology-designer', version: 1, name: 'Shop' }, table, 3);
    expect(calls).toEqual([1, 2]);
    expect(result).toEqual({
      ok: true,
      value: { format: 'topology-designer', version: 3, title: 'Shop', lifted: 'from 2 with title Shop' },
      migratedFrom: 1,
    });
  });

  it('starts at the file\'s own version', () => {
    calls.length = 0;
    const result = migrateDocument({ format: 'topology-designer', version: 2, title: 'Shop' }, table, 3);
    expect(calls).toEqual([2]);
    expect(result.ok && result.migratedFrom).toBe(2);
  });

  it('does not change the input', () => {
    const input = { format: 'topology-designer', version: 1, name: 'Shop' };
    migrateDocument(input, table, 3);
    expect(input).toEqual({ format: 'topology-designer', version: 1, name: 'Shop' });
  });

  it('reports a missing step', () => {
    const result = migrateDocument({ format: 'topology-designer', version: 1, name: 'Shop' }, { 1: table[1]! }, 3);
    expect(result).toEqual({ ok: false, errors: [{ path: 'version', message: 'no migration from version 2 to 3' }] });
  });

  it('refuses a version newer than the injected target', () => {
    const result = migrateDocument({ format: 'topology-designer', version: 4 }, table, 3);
    expect(!result.ok && result.errors[0]!.message).toContain('this file is version 4, newer than this app understands (3)');
  });
});
