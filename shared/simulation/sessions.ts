/**
 * Sessions (SPEC §8): for each node with `local` or `sticky` sessions, the instance that holds
 * each user's session (an Int32Array over the design's users, -1 for none). A request served by
 * another instance than the owner loses its session (`session-lost`) and the session moves to the
 * instance that served it. `sticky` nodes' balancers read the owner as the user's pin. `shared`
 * sessions are a call over the session edge (engine.ts) and keep nothing here.
 */
import { SESSION_LOCAL, SESSION_STICKY, type StateModel } from './stateModel';

export class Sessions {
  /** Per node: the owning instance of each user's session, or undefined for nodes that keep none. */
  private readonly owners: (Int32Array | undefined)[];

  constructor(state: StateModel, nodeCount: number) {
    this.owners = new Array<Int32Array | undefined>(nodeCount).fill(undefined);
    for (let n = 0; n < nodeCount; n++) {
      const mode = state.nodeSession[n];
      if (mode === SESSION_LOCAL || mode === SESSION_STICKY) this.owners[n] = new Int32Array(state.totalUsers).fill(-1);
    }
  }

  /**
   * `instance` of `node` serves a request of `user`: true when the user's session lived on another
   * instance (it is lost, and now lives here). A first visit opens a session and loses nothing.
   */
  lost(node: number, user: number, instance: number): boolean {
    const owners = this.owners[node];
    if (owners === undefined || user < 0 || user >= owners.length) return false;
    const owner = owners[user]!;
    owners[user] = instance;
    return owner >= 0 && owner !== instance;
  }

  /** The instance holding the user's session on `node` (a sticky balancer's pin), or -1. */
  owner(node: number, user: number): number {
    const owners = this.owners[node];
    if (owners === undefined || user < 0 || user >= owners.length) return -1;
    return owners[user]!;
  }
}
