/**
 * The largest design the app and the CLI accept, in one place (issue: hostile and extreme input).
 * Beyond a limit the reader, an importer or a command answers with one line naming the path and the
 * limit — never an abort, a hang or an exhausted memory. docs/file-format.md lists the same numbers.
 *
 * Why these numbers: the canvas stays usable to about 20,000 cards (level of detail), the simulator
 * keeps per-instance state in typed arrays (100,000 instances is a few MB), and no real system we
 * know of is drawn with more. Positions beyond ±1e7 px are a typo or an attack (the canvas is a few
 * thousand px across); names past 200 characters do not fit a card even on two lines.
 */
export const LIMITS = {
  /** Nodes in one design. */
  nodes: 20_000,
  /** Edges (calls) in one design. */
  edges: 100_000,
  /** Hosts (servers) in one design. */
  hosts: 20_000,
  /** Instances of one node. */
  replicas: 10_000,
  /** Instances in all, summed over nodes. */
  instances: 100_000,
  /** Scenarios, and faults in one scenario. */
  scenarios: 1_000,
  faults: 10_000,
  /** |x| and |y| of a saved position, in px. */
  position: 1e7,
  /** Characters of a name (design, node, host, scenario). */
  nameLength: 200,
  /** A client's requests per second. */
  ratePerSecond: 1e6,
  /** Distinct users behind one client's requests (SPEC §8). */
  users: 1_000_000,
  /** Data keys of one database or cache. */
  keys: 1_000_000,
  /** Lock keys of one application unit. */
  lockKeys: 100_000,
  /** `lagMs` and `electionMs` of a replicated node, in ms (an hour: beyond it the data is not replicated, it is lost). */
  replicationMs: 3_600_000,
  /**
   * Per-user and per-key state the simulator keeps in typed arrays: users of all clients × nodes
   * with `local` or `sticky` sessions, plus lock keys × instances for `local` locks.
   */
  stateEntries: 10_000_000,
  /** Characters of a file the reader or an importer takes (64 MiB of text). */
  fileCharacters: 64 * 1024 * 1024,
  /** Depth of a chain of Compose `extends`. */
  extendsDepth: 1_000,
} as const;

/** "20,000": limits read the same in every message. */
export function formatLimit(value: number): string {
  return value.toLocaleString('en-US');
}
