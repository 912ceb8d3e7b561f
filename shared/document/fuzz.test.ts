/**
 * Fuzz tests (fast-check): random damage to valid documents never makes the reader throw; it
 * always yields either a document that validates again or a list of `path: message` errors.
 * The seed is fixed so a failure reproduces; set FUZZ_SEED to explore other runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, validateDocument, type ParseResult } from './validate';
import { serializeDocument } from './format';
import { findJsonSyntaxError } from './jsonSyntax';
import { addNode, connect, removeElements, updateNode } from './edit';
import { addHost, deleteHost } from './hosts';
import { addFaultToScenario } from './faults';
import { applyPatch } from './patch';
import { addReplicaGroup } from './replicaGroup';
import { FAULT_TYPES } from './kinds';
import { extractFragment, pasteFragment } from './clipboard';
import { NODE_KINDS } from './kinds';
import type { TopologyDocument } from './schema';
import { builtDocument, mutation, textDamage, validDocument } from './testing/mutations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

/** The contract every reader result must meet. */
function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    // A document the reader accepted (and repaired) is valid as it stands, and its file text is stable.
    const again = validateDocument(result.document);
    expect(again.ok ? again.warnings : again.errors).toEqual([]);
    const text = serializeDocument(result.document);
    const reread = parseDocumentText(text);
    expect(reread.ok && serializeDocument(reread.document)).toBe(text);
    for (const warning of result.warnings) expectProblem(warning);
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expectProblem(error);
  }
}

/** A problem the CLI can print as one readable line. */
function expectProblem(problem: { path: unknown; message: unknown }): void {
  expect(typeof problem.path).toBe('string');
  expect(typeof problem.message).toBe('string');
  expect((problem.path as string).length).toBeGreaterThan(0);
  expect((problem.message as string).length).toBeGreaterThan(0);
  expect(problem.message as string).not.toMatch(/[\n\r]/);
  expect((problem.message as string).length).toBeLessThan(400);
}

describe('fuzz', () => {
  it('designs built through the pure edits are always valid', () => {
    fc.assert(
      fc.property(builtDocument, (doc) => {
        const result = validateDocument(doc);
        expect(result.ok ? result.warnings : result.errors).toEqual([]);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('random sequences of the pure edits keep a document valid', () => {
    type Edit = (doc: TopologyDocument) => TopologyDocument;
    const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      fc.tuple(fc.nat(), fc.constantFrom(...NODE_KINDS)).map(([i, kind]) => (doc: TopologyDocument) => {
        const node = pick(doc.nodes, i);
        return node ? updateNode(doc, node.id, { kind }) : doc;
      }),
      fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (doc: TopologyDocument) =>
        removeElements(doc, [pick(doc.nodes, i)?.id].filter((x): x is string => x !== undefined), [pick(doc.edges, j)?.id].filter((x): x is string => x !== undefined)).document,
      ),
      fc.nat().map((i) => (doc: TopologyDocument) => {
        const host = pick(doc.hosts, i);
        return host ? deleteHost(doc, host.id).document : addHost(doc).document;
      }),
      fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (doc: TopologyDocument) => {
        const from = pick(doc.nodes, i);
        const to = pick(doc.nodes, j);
        const result = from && to ? connect(doc, from.id, to.id) : undefined;
        return result?.ok ? result.document : doc;
      }),
      fc.tuple(fc.nat(), fc.nat()).map(([i, n]) => (doc: TopologyDocument) => {
        const ids = doc.nodes.filter((_, k) => (k + i) % 3 !== 0).map((node) => node.id).slice(0, n % 5);
        return pasteFragment(doc, extractFragment(doc, ids)).document;
      }),
      fc.constantFrom(...NODE_KINDS).map((kind) => (doc: TopologyDocument) => addNode(doc, kind).document),
      fc.nat().map((size) => (doc: TopologyDocument) => addReplicaGroup(doc, { x: 0, y: 0 }, 1 + (size % 4)).document),
      fc.tuple(fc.nat(), fc.constantFrom(...NODE_KINDS)).map(([i, kind]) => (doc: TopologyDocument) => {
        const node = pick(doc.nodes, i);
        return node ? applyPatch(doc, { kind: 'node', id: node.id, changes: { kind, name: `${kind} ${i}` } }) : doc;
      }),
      // Any fault at all, sound or not: addFaultToScenario must refuse what would break the design.
      fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...FAULT_TYPES), fc.nat({ max: 3 })).map(([i, j, type, instance]) => (doc: TopologyDocument) => {
        const target = pick([...doc.nodes.map((n) => n.id), ...doc.hosts.map((h) => h.id), 'ghost'], i) ?? 'ghost';
        const other = pick(doc.hosts.map((h) => h.id), j) ?? 'ghost';
        const fault =
          type === 'partition'
            ? { type, groups: [[target], [other]] }
            : type === 'instance-down'
              ? { type, target, instance }
              : type === 'latency' || type === 'error-rate' || type === 'loss'
                ? { type, target, value: 0.5 }
                : { type, target, at: j % 5, until: (j % 5) + (i % 3) };
        const result = addFaultToScenario(doc, pick(doc.scenarios ?? [], j)?.id ?? null, fault);
        return result.ok ? result.document : doc;
      }),
    );
    fc.assert(
      fc.property(validDocument, fc.array(edit, { maxLength: 8 }), (doc, edits) => {
        const start = validateDocument(doc);
        if (!start.ok) throw new Error('fixtures are valid');
        let current = start.document;
        for (const apply of edits) {
          current = apply(current);
          const result = validateDocument(current);
          expect(result.ok ? result.warnings : result.errors).toEqual([]);
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it(`${RUNS} random mutations of valid documents never throw and always yield a document or path errors`, () => {
    fc.assert(
      fc.property(validDocument, fc.array(mutation, { minLength: 1, maxLength: 6 }), (doc, mutations) => {
        const raw = JSON.parse(JSON.stringify(doc));
        for (const mutate of mutations) mutate(raw);
        expectWellFormed(validateDocument(JSON.parse(JSON.stringify(raw))));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`${RUNS} damaged file texts never throw; every JSON error has a line and column`, () => {
    fc.assert(
      fc.property(validDocument, fc.array(textDamage, { minLength: 1, maxLength: 3 }), (doc, damages) => {
        let text = serializeDocument(doc);
        for (const damage of damages) text = damage(text);
        const result = parseDocumentText(text);
        expectWellFormed(result);
        let isJson = true;
        try {
          JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
          isJson = false;
        }
        if (!isJson && !result.ok) {
          expect(result.errors).toHaveLength(1);
          expect(result.errors[0]!.path).toMatch(/^line \d+, column \d+$|^\(file\)$/);
          if (result.errors[0]!.path === '(file)') expect(result.errors[0]!.message).toMatch(/^is empty/);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the syntax scanner agrees with JSON.parse on random JSON-like text', () => {
    const jsonish = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ unit: fc.constantFrom(...'{}[],:"\\ \n0123456789.-+eEtruefalsnu\u0001'), maxLength: 30 }),
      fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.string({ unit: fc.constantFrom(...'{}[],:"\\ 0-.eE'), maxLength: 2 })).map(
        ([text, where, insert]) => text.slice(0, where % (text.length + 1)) + insert + text.slice(where % (text.length + 1)),
      ),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const problem = findJsonSyntaxError(text);
        expect(problem === undefined, JSON.stringify(text)).toBe(parses);
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
  });
});
