/**
 * Locating JSON syntax errors. `JSON.parse` says *that* a file is broken but often not *where*
 * (V8 reports "Unexpected token '}', "…the whole file…" is not valid JSON" with no position, and
 * other engines word it differently), so this scanner finds the first error itself and words it the
 * same everywhere. It runs only after `JSON.parse` failed, so speed does not matter; it is iterative
 * so that deeply nested input cannot overflow the stack.
 */

/** The first syntax error of a JSON text: its offset (UTF-16 units) and what was expected there. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

/** `line 3, column 7` (both from 1) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function shown(char: string | undefined): string {
  if (char === undefined) return 'end of file';
  if (char === "'") return 'a single quote (JSON strings take double quotes)';
  return JSON.stringify(char);
}

/** The first syntax error in `text`, or undefined when `text` is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const stack: ('object' | 'array')[] = [];
  // What may come next: a value, a value or `]`, a key, a key or `}`, or what follows a value.
  let expect: 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'after' = 'value';
  const problem = (message: string, at = i): JsonSyntaxProblem => ({ offset: at, message });

  /** Scans the string starting at `i` (a `"`); returns a problem or moves `i` past it. */
  const scanString = (): JsonSyntaxProblem | undefined => {
    const start = i;
    i += 1;
    for (;;) {
      const c = text[i];
      if (c === undefined) return problem('unterminated string: a closing " is missing', start);
      if (c === '"') {
        i += 1;
        return undefined;
      }
      if (c < ' ') return problem('line break or control character inside a string (write it as \\n, \\t…)');
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return problem('invalid \\u escape: expected four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) {
          return problem(next !== undefined && next > ' ' ? `invalid escape \\${next} in a string` : `invalid escape: a backslash before ${shown(next)}`);
        }
        i += 2;
        continue;
      }
      i += 1;
    }
  };

  // Whether the last token was a comma, to tell `[1,]` (a comma too many) from `{"a": }`.
  let afterComma = false;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i]!)) i += 1;
    const c = text[i];
    const commaBefore = afterComma;
    afterComma = false;
    if (expect === 'value' || expect === 'value-or-end') {
      if (expect === 'value-or-end' && c === ']') {
        stack.pop();
        i += 1;
        expect = 'after';
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? 'object' : 'array');
        i += 1;
        expect = c === '{' ? 'key-or-end' : 'value-or-end';
        continue;
      }
      if (c === '"') {
        const bad = scanString();
        if (bad) return bad;
        expect = 'after';
        continue;
      }
      if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        const start = i;
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text);
        if (!match) return problem('invalid number', start);
        i += match[0].length;
        if (/[0-9.eE+-]/.test(text[i] ?? '')) return problem('invalid number', start);
        expect = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        expect = 'after';
        continue;
      }
      const trailingComma = commaBefore && c === ']';
      return problem(trailingComma ? `unexpected ${shown(c)}: a value is missing (a comma too many?)` : `unexpected ${shown(c)}: expected a value`);
    }
    if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && c === '}') {
        stack.pop();
        i += 1;
        expect = 'after';
        continue;
      }
      if (c !== '"') {
        return problem(
          expect === 'key' && c === '}'
            ? 'unexpected "}": a property is missing (a comma too many?)'
            : `unexpected ${shown(c)}: expected a property name in double quotes`,
        );
      }
      const bad = scanString();
      if (bad) return bad;
      while (i < text.length && WHITESPACE.has(text[i]!)) i += 1;
      if (text[i] !== ':') return problem(`unexpected ${shown(text[i])}: expected ":" after the property name`);
      i += 1;
      expect = 'value';
      continue;
    }
    // After a value: end of input, a comma, or the end of the enclosing container.
    const container = stack[stack.length - 1];
    if (container === undefined) return c === undefined ? undefined : problem(`unexpected ${shown(c)} after the end of the document`);
    const close = container === 'object' ? '}' : ']';
    if (c === ',') {
      i += 1;
      afterComma = true;
      expect = container === 'object' ? 'key' : 'value';
      continue;
    }
    if (c === close) {
      stack.pop();
      i += 1;
      continue;
    }
    return problem(`unexpected ${shown(c)}: expected "," or "${close}"`);
  }
}
