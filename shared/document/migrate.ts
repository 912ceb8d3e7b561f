/**
 * Forward migrations of raw (still unvalidated) documents.
 *
 * Each entry lifts a document from version N to N + 1. Version 1 is the first public version, so the
 * table is empty today; the entry point exists so that a future v2 reader only adds a function here.
 */
import { CURRENT_VERSION, FORMAT_NAME, describe } from './schema';
import type { ValidationError } from './errors';

export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n document into a version n + 1 document. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  | { ok: true; value: Record<string, unknown>; migratedFrom?: number }
  | { ok: false; errors: ValidationError[] };

/**
 * Brings a parsed JSON value up to `targetVersion`. Refuses files from a newer version and files
 * whose `format` or `version` is missing or wrong, with a message that says what to do.
 */
export function migrateDocument(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  targetVersion: number = CURRENT_VERSION,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('(document)', 'must be a JSON object: this is not a Topology Designer file');
  }
  let doc = raw as Record<string, unknown>;
  if (doc.format !== FORMAT_NAME) {
    // Let the schema word the format error; nothing can be migrated without it.
    return { ok: true, value: doc };
  }
  const version = doc.version;
  if (version === undefined) return fail('version', `is required: expected a whole number (${targetVersion} for files this app writes)`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('version', `must be a whole number ≥ 1, not ${describe(version)}`);
  }
  if (version > targetVersion) {
    return fail(
      'version',
      `this file is version ${version}, newer than this app understands (${targetVersion}): update Topology Designer to open it`,
    );
  }
  const from = version;
  for (let v = version; v < targetVersion; v += 1) {
    const step = migrations[v];
    if (!step) return fail('version', `no migration from version ${v} to ${v + 1}`);
    doc = { ...step(doc), version: v + 1 };
  }
  return from === targetVersion ? { ok: true, value: doc } : { ok: true, value: doc, migratedFrom: from };
}

function fail(path: string, message: string): MigrationResult {
  return { ok: false, errors: [{ path, message }] };
}
