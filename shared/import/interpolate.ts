/**
 * Compose variable interpolation (`${VAR}`, `${VAR:-default}`, `$VAR`, `$$`) and `.env` files, so
 * `image: ${DB_IMAGE:-postgres:16}` names the image it will run. Variables come only from the
 * `.env` beside the file (never from the environment of whoever runs the import: the same file
 * imports the same way everywhere). What cannot be resolved is reported, never guessed.
 */

/** Nested `${…}` deeper than this is refused (a hostile file could nest without end). */
const MAX_NESTING = 16;

/** Variables of a `.env` file: `KEY=value` lines, `#` comments, `export ` prefixes, quotes. */
export function parseEnvFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*export\s+/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
    let value = line.slice(eq + 1).trim();
    const quote = value.charAt(0);
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      // An unquoted value ends at a `#` that starts it or follows white space (`A=  # note` is empty).
      const comment = value.search(/(^|\s)#/);
      if (comment >= 0) value = value.slice(0, comment).trimEnd();
    }
    env.set(key, value);
  }
  return env;
}

export interface Interpolation {
  readonly value: string;
  /** One line per variable that was unset without a default, or an error expansion. */
  readonly problems: readonly string[];
}

/** Expands the variables in one Compose string. */
export function interpolate(text: string, env: ReadonlyMap<string, string>): Interpolation {
  if (!text.includes('$')) return { value: text, problems: [] };
  const problems: string[] = [];
  const value = expand(text, 0, text.length, env, problems, 0);
  return { value, problems };
}

/** Expands `text[from, to)`. */
function expand(text: string, from: number, to: number, env: ReadonlyMap<string, string>, problems: string[], depth: number): string {
  let out = '';
  let i = from;
  while (i < to) {
    const char = text[i]!;
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(text, i + 2, to);
      if (close < 0) {
        problems.push(`${JSON.stringify(text.slice(i, to))}: unclosed \${: taken as written`);
        out += text.slice(i, to);
        break;
      }
      if (depth >= MAX_NESTING) {
        problems.push(`variables nested more than ${MAX_NESTING} deep: taken as written`);
        out += text.slice(i, close + 1);
      } else {
        out += braced(text, i + 2, close, env, problems, depth);
      }
      i = close + 1;
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, to));
      if (!match) {
        out += '$';
        i += 1;
        continue;
      }
      out += lookup(match[0], env, problems);
      i += 1 + match[0].length;
    }
  }
  return out;
}

/** The index of the `}` closing a `${` whose body starts at `from`, or -1. */
function matchingBrace(text: string, from: number, to: number): number {
  let open = 1;
  for (let i = from; i < to; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      open += 1;
      i += 1;
    } else if (text[i] === '}') {
      open -= 1;
      if (open === 0) return i;
    }
  }
  return -1;
}

function lookup(name: string, env: ReadonlyMap<string, string>, problems: string[]): string {
  const value = env.get(name);
  if (value === undefined) {
    problems.push(`variable ${name} is not set (no .env entry): substituted an empty string`);
    return '';
  }
  return value;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}`, `${NAME:+alt}`, `${NAME+alt}`. */
function braced(text: string, from: number, to: number, env: ReadonlyMap<string, string>, problems: string[], depth: number): string {
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(from, to));
  if (!match) {
    problems.push(`${JSON.stringify(text.slice(from - 2, to + 1))}: not a variable name: taken as written`);
    return text.slice(from - 2, to + 1);
  }
  const name = match[0];
  const rest = from + name.length;
  if (rest === to) return lookup(name, env, problems);
  const colon = text[rest] === ':';
  const operator = text[colon ? rest + 1 : rest];
  const argument = () => expand(text, colon ? rest + 2 : rest + 1, to, env, problems, depth + 1);
  const value = env.get(name);
  const unset = value === undefined || (colon && value === '');
  switch (operator) {
    case '-':
      return unset ? argument() : value!;
    case '+':
      return unset ? '' : argument();
    case '?':
      if (unset) {
        const message = argument();
        problems.push(`variable ${name} is required${message ? `: ${message}` : ''}: substituted an empty string`);
        return '';
      }
      return value!;
    default:
      problems.push(`${JSON.stringify(text.slice(from - 2, to + 1))}: unknown form: taken as written`);
      return text.slice(from - 2, to + 1);
  }
}
