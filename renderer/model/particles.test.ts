import { describe, expect, it } from 'vitest';
import { FIRST_BURST_CODE, MAX_PARTICLES, MIN_TRAVEL_WALL_MS, OUTCOME_CODES, ParticleBuffer, edgeCurve, outcomeCode, pointOnCurve, progress, retimeMovement } from './particles';

describe('ParticleBuffer', () => {
  it('adds, prunes finished particles and reuses routes', () => {
    const buffer = new ParticleBuffer();
    buffer.add({ edge: 'e1', from: 'a', to: 'b', startMs: 0, endMs: 100, outcome: 'ok' });
    buffer.add({ edge: 'e1', from: 'a', to: 'b', startMs: 50, endMs: 300, outcome: 'failed', cause: 'timeout' });
    buffer.add({ edge: 'e2', from: 'b', to: 'c', startMs: 10, endMs: 20, outcome: 'retried' });
    expect(buffer.count).toBe(3);
    expect(buffer.routes).toHaveLength(2);
    buffer.prune(150);
    expect(buffer.count).toBe(1);
    expect(buffer.end[0]).toBe(300);
    expect(buffer.outcome[0]).toBe(outcomeCode({ outcome: 'failed', cause: 'timeout' }));
  });

  it('stays bounded: the particle ending first gives way when full', () => {
    const buffer = new ParticleBuffer();
    for (let i = 0; i < MAX_PARTICLES; i += 1) buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 0, endMs: 1000 + i, outcome: 'ok' });
    buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 0, endMs: 99_999, outcome: 'ok' });
    expect(buffer.count).toBe(MAX_PARTICLES);
    expect(Math.min(...buffer.end)).toBe(1001);
    expect(Math.max(...buffer.end)).toBe(99_999);
  });

  it('remembers the outcomes it saw, dropped or kept, until cleared', () => {
    const buffer = new ParticleBuffer();
    const bit = (code: (typeof OUTCOME_CODES)[number]) => 1 << OUTCOME_CODES.indexOf(code);
    buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 0, endMs: 10, outcome: 'ok' });
    // Dropped by the spacing rule, but a stale read did happen.
    buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 0, endMs: 10, outcome: 'ok', stale: true }, 50);
    buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 1, endMs: 10, outcome: 'ok', stale: true }, 50);
    buffer.add({ edge: 'e', from: 'a', to: 'b', startMs: 2, endMs: 10, outcome: 'failed', cause: 'no-quorum' }, 50);
    expect(buffer.seen).toBe(bit('ok') | bit('stale-read') | bit('no-quorum'));
    buffer.clear();
    expect(buffer.seen).toBe(0);
  });
});

describe('geometry', () => {
  it('a particle goes out and comes back', () => {
    expect(progress(0, 100, 0)).toBe(0);
    expect(progress(0, 100, 50)).toBe(1);
    expect(progress(0, 100, 75)).toBe(0.5);
    expect(progress(0, 100, 101)).toBe(-1);
  });

  it('curves start at the source handle and end at the target handle', () => {
    const c = edgeCurve(0, 0, 200, 100);
    const p = { x: 0, y: 0 };
    pointOnCurve(c, 0, p);
    expect(p).toEqual({ x: 0, y: 0 });
    pointOnCurve(c, 1, p);
    expect(p).toEqual({ x: 200, y: 100 });
    pointOnCurve(c, 0.5, p);
    expect(p.x).toBeCloseTo(100);
    expect(p.y).toBeCloseTo(50);
  });

  it('failures keep their cause; unknown causes count as error', () => {
    expect(outcomeCode({ outcome: 'ok' })).toBe(0);
    expect(outcomeCode({ outcome: 'retried' })).toBe(1);
    expect(outcomeCode({ outcome: 'failed', cause: 'crash' })).toBe(2);
    expect(outcomeCode({ outcome: 'failed' })).toBe(8);
    expect(outcomeCode({ outcome: 'failed', cause: 'unavailable' })).not.toBe(outcomeCode({ outcome: 'failed', cause: 'crash' }));
  });

  it('stale reads and write conflicts have codes of their own, distinct from the lock violation, and burst', () => {
    const stale = outcomeCode({ outcome: 'ok', stale: true });
    const conflict = outcomeCode({ outcome: 'ok', conflict: true });
    expect(OUTCOME_CODES[stale]).toBe('stale-read');
    expect(OUTCOME_CODES[conflict]).toBe('write-conflict');
    expect(new Set([stale, conflict, outcomeCode({ outcome: 'ok', violation: true })]).size).toBe(3);
    for (const code of [stale, conflict]) expect(code).toBeGreaterThanOrEqual(FIRST_BURST_CODE);
  });

  it('an exclusion violation has a code of its own among the bursting ones', () => {
    const code = outcomeCode({ outcome: 'ok', violation: true });
    expect(OUTCOME_CODES[code]).toBe('exclusion-violation');
    expect(code).toBeGreaterThan(outcomeCode({ outcome: 'failed', cause: 'session-lost' }));
  });
});

describe('retimeMovement', () => {
  it('starts a finished call when its frame arrives and makes it last long enough to see', () => {
    const m = { edge: 'e', from: 'a', to: 'b', startMs: 1000, endMs: 1012, outcome: 'ok' as const };
    const r = retimeMovement(m, 1033, 1000, 2);
    expect(r.startMs).toBe(1033 + 12);
    expect(r.endMs - r.startMs).toBe(MIN_TRAVEL_WALL_MS * 2);
    // A long call (a timeout) keeps its own, longer duration.
    const slow = retimeMovement({ ...m, startMs: 0, endMs: 3000 }, 3010, 3000, 1);
    expect(slow.endMs - slow.startMs).toBe(3000);
  });
});

describe('ParticleBuffer spacing', () => {
  const move = (startMs: number, outcome: 'ok' | 'failed' = 'ok', to = 'b') => ({ edge: 'e', from: 'a', to, startMs, endMs: startMs + 700, outcome, ...(outcome === 'failed' ? { cause: 'crash' as const } : {}) });

  it('keeps dots on one route at least the minimum gap apart, at any rate', () => {
    const buffer = new ParticleBuffer();
    // 100 req/s for one second: a call every 10 ms.
    let kept = 0;
    for (let i = 0; i < 100; i += 1) if (buffer.add(move(i * 10), 60)) kept += 1;
    expect(kept).toBe(Math.ceil(1000 / 60));
    const starts = Array.from(buffer.start.subarray(0, buffer.count)).sort((x, y) => x - y);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(60);
  });

  it('spaces routes and failures apart on their own, and keeps everything without a gap', () => {
    const buffer = new ParticleBuffer();
    expect(buffer.add(move(0), 60)).toBe(true);
    expect(buffer.add(move(10), 60)).toBe(false);
    expect(buffer.add(move(10, 'ok', 'c'), 60)).toBe(true);
    expect(buffer.add(move(20, 'failed'), 60)).toBe(true);
    expect(buffer.add(move(30, 'failed'), 60)).toBe(false);
    expect(buffer.add(move(30), 0)).toBe(true);
    buffer.clear();
    expect(buffer.add(move(31), 60)).toBe(true);
  });

  it('keeps a stale read among many successes on its route, with the instance that served it', () => {
    const buffer = new ParticleBuffer();
    expect(buffer.add(move(0), 60)).toBe(true);
    expect(buffer.add({ ...move(10), stale: true, instance: 2 }, 60)).toBe(true);
    expect(buffer.add(move(20), 60)).toBe(false);
    expect(Array.from(buffer.instance.subarray(0, buffer.count))).toEqual([-1, 2]);
    buffer.prune(705);
    expect(buffer.count).toBe(1);
    expect(buffer.instance[0]).toBe(2);
    expect(OUTCOME_CODES[buffer.outcome[0]!]).toBe('stale-read');
  });
});
