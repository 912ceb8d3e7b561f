/**
 * Where a JSON path (`nodes[3]`, `hosts[0].zone`) starts in a JSON text, as a line and column, so a
 * CI system can put a finding on the line of the file it is about (SARIF regions, JUnit messages).
 * One iterative scan of the text (no recursion, any nesting), recording only the paths asked for.
 */

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 units. */
  readonly column: number;
}

type Frame = { kind: 'object'; key: string | null } | { kind: 'array'; index: number };

function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (const frame of stack) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== null) path += /^[A-Za-z_$][\w$]*$/.test(frame.key) ? (path === '' ? frame.key : `.${frame.key}`) : `[${JSON.stringify(frame.key)}]`;
  }
  return path;
}

/**
 * The positions of the values at `paths` in `text` (paths as the validator writes them:
 * `nodes[2].instances[0].host`, `view.positions["a b"]`). Paths not found are absent.
 */
export function locateJsonPaths(text: string, paths: ReadonlySet<string>): Map<string, TextPosition> {
  const found = new Map<string, TextPosition>();
  if (paths.size === 0) return found;
  // A path of k segments lies k containers deep: deeper values are never asked for, so the scan
  // never builds their paths (a hostile file nested 100,000 deep stays linear).
  let deepest = 0;
  for (const path of paths) deepest = Math.max(deepest, (path.match(/\[|\./g)?.length ?? 0) + 1);
  let line = 1;
  let lineStart = 0;
  const stack: Frame[] = [];
  /** True when the next string is an object key. */
  let expectKey = false;
  const mark = (at: number) => {
    if (stack.length > deepest) return;
    const path = pathOf(stack);
    if (paths.has(path) && !found.has(path)) found.set(path, { line, column: at - lineStart + 1 });
  };
  const valueStarts = (at: number) => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') top.index += 1;
    mark(at);
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') {
      line += 1;
      lineStart = i + 1;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === ',') {
      if (char === ',') {
        const top = stack[stack.length - 1];
        if (top?.kind === 'object') expectKey = true;
      }
      continue;
    }
    if (char === ':') continue;
    if (char === '"') {
      const start = i;
      let value = '';
      for (i += 1; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          i += 1;
          value += text[i] === 'u' ? String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16)) : ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[text[i]!] ?? text[i];
          if (text[i] === 'u') i += 4;
        } else {
          value += text[i];
        }
      }
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        top.key = value;
        expectKey = false;
      } else {
        valueStarts(start);
      }
      continue;
    }
    if (char === '{' || char === '[') {
      valueStarts(i);
      stack.push(char === '{' ? { kind: 'object', key: null } : { kind: 'array', index: -1 });
      expectKey = char === '{';
      continue;
    }
    if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
      continue;
    }
    // A number, true, false or null: one value, then skip to its end.
    valueStarts(i);
    while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1]!)) i++;
  }
  return found;
}
