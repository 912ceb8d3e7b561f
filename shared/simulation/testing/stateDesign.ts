/**
 * A design that uses every state feature of SPEC §8 at once — sticky and shared sessions, a
 * distributed lock, a sharded database — for the state tests and the simulator bench.
 */
import { makeCache, makeClient, makeDatabase, makeDocument, makeEdge, makeService } from '../../document/testing/builders';
import type { TopologyDocument } from '../../document';

/** Sessions, a distributed lock and a sharded database in one design (also the bench's). */
export function allFeatures(rate = 500): TopologyDocument {
  return makeDocument({
    nodes: [
      makeClient('users', { rate, users: 5000 }),
      makeService('web', { on: ['h1', 'h2', 'h3'], session: 'sticky' }),
      makeService('book', { on: ['h1', 'h2'], session: 'shared', lock: { scope: 'distributed', keys: 200 } }),
      makeCache('sessions', { on: ['h4'] }),
      makeCache('locks', { on: ['h4'] }),
      makeDatabase('db', { on: ['h5', 'h6', 'h7'], shards: 3 }),
    ],
    edges: [
      makeEdge('users', 'web'),
      makeEdge('web', 'book'),
      makeEdge('book', 'sessions', { purpose: 'session' }),
      makeEdge('book', 'locks', { purpose: 'lock' }),
      makeEdge('book', 'db'),
    ],
  });
}
