/**
 * Reading and validating documents: text → JSON → migrate → schema → cross-references.
 * Every problem is a value `{ path, message }`; nothing here throws on bad input.
 */
import { documentSchema, type Position, type TopologyDocument } from './schema';
import { idTable } from './idTable';
import { UNKNOWN_HOST, formatPath, type ValidationError } from './errors';
import { checkFault } from './faults';
import { migrateDocument } from './migrate';
import { isDeployable } from './kinds';
import { findJsonSyntaxError, lineAndColumn } from './jsonSyntax';
import { checkFailureDomains } from './domains';
import { checkState } from './state';
import { checkRawValue, checkSizes, checkTextSize } from './inputLimits';

export { MAX_NESTING } from './inputLimits';

export type ParseResult =
  | {
      ok: true;
      document: TopologyDocument;
      /**
       * Problems that do not stop the design from being used (`topo validate --strict` makes them
       * errors): state fields not wired up yet (`state.ts`).
       */
      warnings: ValidationError[];
      migratedFrom?: number;
    }
  | {
      ok: false;
      errors: ValidationError[];
      /**
       * Present when every error has the `unknown-host` code: the document as written, which the
       * app opens while it offers to create the missing hosts. The CLI refuses it.
       */
      repairable?: { document: TopologyDocument; migratedFrom?: number };
    };

/** Parses the text of a `.topo` file. */
export function parseDocumentText(source: string): ParseResult {
  // Editors on Windows may start UTF-8 files with a byte-order mark; JSON.parse refuses it.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const tooLarge = checkTextSize(text);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxError(text, error)] };
  }
  return validateDocument(raw);
}

/** Validates an already-parsed JSON value, migrating older versions forward. */
export function validateDocument(raw: unknown): ParseResult {
  const shape = checkRawValue(raw);
  if (shape) return { ok: false, errors: [shape] };
  const migrated = migrateDocument(raw);
  if (!migrated.ok) return migrated;
  const sizes = checkSizes(migrated.value);
  if (sizes.length > 0) return { ok: false, errors: sizes };
  const parsed = documentSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    // Without the right `format` this is some other file: its other "errors" would only be noise.
    const notOurs = errors.find((e) => e.path === 'format');
    return { ok: false, errors: notOurs ? [notOurs] : dedupe(errors) };
  }
  const document = withIdTables(parsed.data as TopologyDocument, migrated.value);
  const state = checkState(document);
  const errors = [...checkReferences(document), ...state.errors];
  const migratedFrom = migrated.migratedFrom === undefined ? {} : { migratedFrom: migrated.migratedFrom };
  if (errors.length === 0) return { ok: true, document, warnings: state.warnings, ...migratedFrom };
  if (errors.every((e) => e.code === UNKNOWN_HOST)) return { ok: false, errors, repairable: { document, ...migratedFrom } };
  return { ok: false, errors };
}

/**
 * The position tables as tables without a prototype, with the entries the schema's record drops:
 * an id `__proto__` (its value was checked by checkRawValue). Other ids are entries as parsed.
 */
function withIdTables(document: TopologyDocument, raw: unknown): TopologyDocument {
  if (!document.view) return document;
  const rawView = ownValue(raw, 'view');
  const table = (parsed: Record<string, Position> | undefined, rawTable: unknown): Record<string, Position> | undefined => {
    if (!parsed) return undefined;
    const proto = ownValue(rawTable, '__proto__') as Position | undefined;
    return idTable(parsed, proto ? { ['__proto__']: { x: proto.x, y: proto.y } } : undefined);
  };
  const view: NonNullable<TopologyDocument['view']> = { ...document.view };
  if (view.positions) view.positions = table(view.positions, ownValue(rawView, 'positions'));
  if (view.deployment) {
    const rawDeployment = ownValue(rawView, 'deployment');
    const deployment = { ...view.deployment };
    if (deployment.servers) deployment.servers = table(deployment.servers, ownValue(rawDeployment, 'servers'));
    if (deployment.cards) deployment.cards = table(deployment.cards, ownValue(rawDeployment, 'cards'));
    view.deployment = deployment;
  }
  return { ...document, view };
}

function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)!.value;
}

/**
 * Cross-reference rules the schema cannot express: unique ids, edge ends, hosts, fault targets.
 * An instance on an undeclared host is an error with the `unknown-host` code (a typo must not
 * invent a server); so is a fault on such a host, since declaring the host repairs both.
 */
export function checkReferences(doc: TopologyDocument): ValidationError[] {
  const errors: ValidationError[] = [];
  const hostIds = uniqueIds(doc.hosts, 'hosts', 'host', errors);
  const nodeIds = uniqueIds(doc.nodes, 'nodes', 'node', errors);
  uniqueIds(doc.edges, 'edges', 'edge', errors);
  if (doc.scenarios) uniqueIds(doc.scenarios, 'scenarios', 'scenario', errors);

  errors.push(...checkFailureDomains(doc.hosts));

  const nodesById = new Map(doc.nodes.map((node) => [node.id, node]));
  doc.nodes.forEach((node, i) => {
    if (!isDeployable(node.kind) && node.instances !== undefined) {
      errors.push({ path: `nodes[${i}].instances`, message: 'a client stands outside every host and has no instances' });
    }
    node.instances?.forEach((instance, j) => {
      if (instance.host !== undefined && !hostIds.has(instance.host)) {
        errors.push({ path: `nodes[${i}].instances[${j}].host`, message: `unknown host ${JSON.stringify(instance.host)}`, code: UNKNOWN_HOST });
      }
    });
  });

  const seenPairs = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    if (!nodeIds.has(edge.from)) errors.push({ path: `edges[${i}].from`, message: `unknown node ${JSON.stringify(edge.from)}` });
    if (!nodeIds.has(edge.to)) errors.push({ path: `edges[${i}].to`, message: `unknown node ${JSON.stringify(edge.to)}` });
    if (edge.from === edge.to) errors.push({ path: `edges[${i}].to`, message: 'an edge cannot connect a node to itself' });
    if (nodesById.get(edge.to)?.kind === 'client') {
      errors.push({ path: `edges[${i}].to`, message: `${JSON.stringify(edge.to)} is a client: clients send requests and cannot be called` });
    }
    const pair = `${edge.from}\u0000${edge.to}`;
    const earlier = seenPairs.get(pair);
    if (earlier !== undefined) {
      errors.push({ path: `edges[${i}]`, message: `duplicates edges[${earlier}] (${edge.from} → ${edge.to})` });
    } else {
      seenPairs.set(pair, i);
    }
  });

  doc.scenarios?.forEach((scenario, s) =>
    scenario.faults.forEach((fault, f) => {
      for (const problem of checkFault(fault, doc)) errors.push({ ...problem, path: `scenarios[${s}].faults[${f}].${problem.path}` });
    }),
  );

  const positions = doc.view?.positions;
  if (positions) {
    for (const id of Object.keys(positions)) {
      if (!nodeIds.has(id)) errors.push({ path: `view.positions.${id}`, message: `unknown node ${JSON.stringify(id)}` });
    }
  }
  return errors;
}

function uniqueIds(items: readonly { id: string }[], field: string, what: string, errors: ValidationError[]): Set<string> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const earlier = first.get(item.id);
    if (earlier !== undefined) {
      errors.push({ path: `${field}[${i}].id`, message: `duplicate ${what} id ${JSON.stringify(item.id)} (also ${field}[${earlier}])` });
    } else {
      first.set(item.id, i);
    }
  });
  return new Set(first.keys());
}

function dedupe(errors: ValidationError[]): ValidationError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `line 3, column 7: invalid JSON: unexpected "}": expected a value` from a JSON.parse failure. */
function jsonSyntaxError(text: string, error: unknown): ValidationError {
  if (text.trim() === '') return { path: '(file)', message: 'is empty: expected a JSON document' };
  const problem = findJsonSyntaxError(text);
  if (!problem) {
    // JSON.parse and the scanner disagree (an engine limit): fall back to the engine's words.
    return { path: '(file)', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const { line, column } = lineAndColumn(text, problem.offset);
  return { path: `line ${line}, column ${column}`, message: `invalid JSON: ${problem.message}` };
}
