/** A problem in a document, located by a path such as `nodes[3].instances[0].host`. */
export interface ValidationError {
  readonly path: string;
  readonly message: string;
  /**
   * Set on problems the app can repair for the user: `unknown-host` is a host that instances name
   * but `hosts` does not declare (the app offers to create it; the CLI refuses the file).
   */
  readonly code?: typeof UNKNOWN_HOST;
}

/** The code of an instance's (or its fault's) host that the document does not declare. */
export const UNKNOWN_HOST = 'unknown-host';

/** `nodes[3].rate: must be ≥ 0` — the one way errors are shown, in the app and in the CLI. */
export function formatError(error: ValidationError): string {
  return `${error.path}: ${error.message}`;
}

/** Turns a zod-style path (`['nodes', 3, 'rate']`) into `nodes[3].rate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}
