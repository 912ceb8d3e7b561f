/**
 * Text that reaches a terminal must not drive it. Names, ids, paths and file names come from files
 * anyone can write: a raw ESC starts an escape sequence (OSC 52 writes the clipboard, OSC 0 the
 * window title), a bidi override reorders what the reader sees, a newline inside a key splits one
 * problem over two lines. Everything the CLI prints goes through `printable`; only the progress line
 * writes its own control sequence, through `CliIo.progress`.
 */

/**
 * C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) — the characters a terminal or a reader acts on.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every character a terminal would act on written as a `\u001b`-style escape. Tabs and
 * newlines stay (they are the output's own layout). In JSON output the escapes are JSON's own, so a
 * JSON reader sees the same values.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

/** One problem line: like `printable`, and a newline or carriage return inside it is escaped too. */
export function printableLine(text: string): string {
  return printable(text).replace(/[\n\r]/g, escape);
}
