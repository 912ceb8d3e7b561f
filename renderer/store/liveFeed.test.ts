import { describe, expect, it } from 'vitest';
import { createLiveFeed } from './liveFeed';
import { OUTCOME_CODES } from '../model/particles';

describe('live feed: outcomes seen', () => {
  it('tells its listeners when a new outcome shows, not on every frame, and forgets them on reset', () => {
    let wall = 0;
    const feed = createLiveFeed({ now: () => wall });
    const calls: number[] = [];
    const stop = feed.subscribeSeen(() => calls.push(feed.seenOutcomes()));
    const ok = { edge: 'e', from: 'a', to: 'b', startMs: 0, endMs: 5, outcome: 'ok' as const };
    feed.pushFrame(100, [ok], true, 1, true);
    wall = 10;
    feed.pushFrame(200, [ok, ok], true, 1, true);
    feed.pushFrame(300, [{ ...ok, outcome: 'failed', cause: 'crash' }], true, 1, true);
    const crash = 1 << OUTCOME_CODES.indexOf('crash');
    expect(calls).toEqual([1 << OUTCOME_CODES.indexOf('ok'), (1 << OUTCOME_CODES.indexOf('ok')) | crash]);
    feed.reset();
    expect(calls.at(-1)).toBe(0);
    stop();
    feed.pushFrame(400, [ok], true, 1, true);
    expect(calls).toHaveLength(3);
  });
});
