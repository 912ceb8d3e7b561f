/**
 * Checks on the raw JSON value before the schema sees it: nesting depth, numbers JSON.parse turned
 * into Infinity (`1e309`, which the writer would print as `null`), field names `__proto__` (a plain
 * object would drop or misread them), and the sizes of `LIMITS`. Iterative, so no input overflows
 * the stack, and each refusal is one error with its path.
 */
import { formatPath, type ValidationError } from './errors';
import { LIMITS, formatLimit } from './limits';

/**
 * Deepest nesting accepted. The format itself nests 6 levels (scenarios[].faults[].groups[][]);
 * unknown fields may nest more, but a value thousands of levels deep would overflow the stack when
 * the document is written back, so it is refused here, with its path.
 */
export const MAX_NESTING = 100;

/** The first problem of shape (depth, non-finite number, `__proto__` field) in a raw JSON value. */
export function checkRawValue(raw: unknown): ValidationError | undefined {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { path: formatPath(path), message: 'must be a finite number (too large for a number)' };
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_NESTING) return { path: formatPath(path), message: `nested more than ${MAX_NESTING} levels deep` };
    const isList = Array.isArray(value);
    for (const key of Object.keys(value)) {
      // A plain object would treat this name as its prototype: refused rather than silently dropped.
      if (key === '__proto__') {
        const problem = isPositionTable(path) ? checkProtoPosition((value as Record<string, unknown>)[key], [...path, key]) : { path: formatPath([...path, key]), message: '"__proto__" is not allowed as a field name or id' };
        if (problem) return problem;
        continue;
      }
      pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, isList ? Number(key) : key] });
    }
  }
  return undefined;
}

/** `view.positions`, `view.deployment.servers` and `.cards`: keyed by ids, and `__proto__` is a valid id. */
function isPositionTable(path: readonly PropertyKey[]): boolean {
  const joined = path.join('.');
  return joined === 'view.positions' || joined === 'view.deployment.servers' || joined === 'view.deployment.cards';
}

/**
 * The position of an id `__proto__`: checked here because the schema's record never sees that key
 * (a bad value must not pass unnoticed). A valid one is put back after the schema (validate.ts).
 */
function checkProtoPosition(value: unknown, path: PropertyKey[]): ValidationError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: formatPath(path), message: 'must be an object with x and y' };
  for (const axis of ['x', 'y'] as const) {
    const n = (value as Record<string, unknown>)[axis];
    if (typeof n !== 'number' || Math.abs(n) > LIMITS.position) return { path: formatPath([...path, axis]), message: `must be a number from -${LIMITS.position} to ${LIMITS.position}` };
  }
  return undefined;
}

const COUNTED: readonly { field: 'nodes' | 'edges' | 'hosts' | 'scenarios'; limit: number }[] = [
  { field: 'nodes', limit: LIMITS.nodes },
  { field: 'edges', limit: LIMITS.edges },
  { field: 'hosts', limit: LIMITS.hosts },
  { field: 'scenarios', limit: LIMITS.scenarios },
];

/** Sizes beyond `LIMITS`: counted before the schema so a huge file is refused in one line, fast. */
export function checkSizes(value: unknown): ValidationError[] {
  if (typeof value !== 'object' || value === null) return [];
  const doc = value as Record<string, unknown>;
  const errors: ValidationError[] = [];
  for (const { field, limit } of COUNTED) {
    const list = doc[field];
    if (Array.isArray(list) && list.length > limit) errors.push({ path: field, message: `has ${formatLimit(list.length)} entries: at most ${formatLimit(limit)} are allowed` });
  }
  if (Array.isArray(doc.nodes) && doc.nodes.length <= LIMITS.nodes) {
    let total = 0;
    doc.nodes.forEach((node: unknown, i) => {
      const instances = typeof node === 'object' && node !== null ? (node as { instances?: unknown }).instances : undefined;
      if (!Array.isArray(instances)) return;
      total += instances.length;
      if (instances.length > LIMITS.replicas) errors.push({ path: `nodes[${i}].instances`, message: `has ${formatLimit(instances.length)} instances: at most ${formatLimit(LIMITS.replicas)} are allowed` });
    });
    if (total > LIMITS.instances) errors.push({ path: 'nodes', message: `have ${formatLimit(total)} instances in all: at most ${formatLimit(LIMITS.instances)} are allowed` });
  }
  if (Array.isArray(doc.scenarios) && doc.scenarios.length <= LIMITS.scenarios) {
    doc.scenarios.forEach((scenario: unknown, i) => {
      const faults = typeof scenario === 'object' && scenario !== null ? (scenario as { faults?: unknown }).faults : undefined;
      if (Array.isArray(faults) && faults.length > LIMITS.faults) errors.push({ path: `scenarios[${i}].faults`, message: `has ${formatLimit(faults.length)} faults: at most ${formatLimit(LIMITS.faults)} are allowed` });
    });
  }
  return errors;
}

/** A file's text past `LIMITS.fileCharacters`. */
export function checkTextSize(text: string): ValidationError | undefined {
  if (text.length <= LIMITS.fileCharacters) return undefined;
  return { path: '(file)', message: `has ${formatLimit(text.length)} characters: at most ${formatLimit(LIMITS.fileCharacters)} (64 MiB) are allowed` };
}
