/** Live pacing without a Worker: an injected wall clock drives the pacer and the session. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../document';
import { LivePacer, LiveSession, MAX_FRAME_HZ } from './live';
import { zeroLatencyLattice } from './testing/extreme';

describe('LivePacer', () => {
  it('maps wall time to simulated time × speed, frozen while paused', () => {
    const pacer = new LivePacer(2);
    pacer.start(1000);
    expect(pacer.target(1500)).toBe(1000);
    pacer.pause(1500);
    expect(pacer.paused).toBe(true);
    expect(pacer.target(9000)).toBe(1000);
    pacer.resume(9000);
    expect(pacer.target(9250)).toBe(1500);
    pacer.setSpeed(10, 9250);
    expect(pacer.target(9350)).toBe(2500);
    expect(() => pacer.setSpeed(0, 9350)).toThrow(RangeError);
  });

  it('re-anchors when the engine falls behind, so time slows instead of building a debt', () => {
    const pacer = new LivePacer(100);
    pacer.start(0);
    pacer.fellBehind(100, 4000);
    expect(pacer.target(100)).toBe(4000);
    expect(pacer.target(110)).toBe(5000);
  });
});

describe('LiveSession', () => {
  const shop = TEMPLATES.find((t) => t.id === 'services-two-servers')!.document;

  it('frames carry each client so far, with its SLO verdict and budget burned', () => {
    const cluster = TEMPLATES.find((t) => t.id === 'monolith-cluster')!.document;
    const session = new LiveSession(cluster, { durationS: 10, speed: 1 }, 0);
    const early = session.tick(2000)!;
    const users = early.clients.users!;
    expect(users.requests).toBe(early.requests.total);
    expect(users.requests).toBeGreaterThan(100);
    expect(users.slo).toMatchObject({ availability: 0.999, latencyMs: 300, met: true, budgetBurned: 0 });
    // The design without an slo: its client is there, without one.
    const plain = new LiveSession(shop, { durationS: 5 }, 0).tick(1000)!;
    expect(Object.values(plain.clients).every((c) => c.slo === undefined)).toBe(true);
  });

  it('streams frames at most 30 times per wall second with node state, movements and closed seconds', () => {
    const session = new LiveSession(shop, { durationS: 10, speed: 2 }, 0);
    const frames = [];
    for (let wall = 0; wall <= 2000; wall += 5) {
      const frame = session.tick(wall);
      if (frame) frames.push(frame);
    }
    expect(frames.length).toBeLessThanOrEqual(2 * MAX_FRAME_HZ + 1);
    expect(frames.length).toBeGreaterThan(2 * MAX_FRAME_HZ * 0.9);
    const last = frames.at(-1)!;
    expect(last.timeMs).toBeGreaterThan(3900);
    expect(last.snapshot.nodes.map((n) => n.id)).toContain('orders');
    expect(last.snapshot.nodes.every((n) => ['healthy', 'busy', 'overloaded', 'down'].includes(n.status))).toBe(true);
    const movements = frames.flatMap((f) => f.movements);
    // About 40 sampled requests per simulated second, each a few calls.
    expect(movements.length).toBeGreaterThan(100);
    expect(movements.every((m) => m.endMs >= m.startMs && m.endMs <= last.timeMs)).toBe(true);
    expect(movements.some((m) => m.from === 'users' && m.to === 'gateway' && m.outcome === 'ok')).toBe(true);
    // Every closed second arrives exactly once.
    expect(frames.flatMap((f) => f.timeline).map((e) => e.t)).toEqual([0, 1, 2, 3]);
  });

  it('shows a host going down: its instances down, failures streamed, and ends with the final frame', () => {
    const doc = { ...shop, scenarios: [{ id: 'db', name: 'Orders DB down', faults: [{ type: 'host-down' as const, target: 'h10', at: 1 }] }] };
    const session = new LiveSession(doc, { durationS: 4, speed: 1, scenario: 'db' }, 0);
    let frame = session.tick(2000)!;
    expect(frame.snapshot.downHosts).toEqual(['h10']);
    expect(frame.snapshot.nodes.find((n) => n.id === 'orders-db')!.status).toBe('down');
    const failed = session.tick(4000)!;
    expect(failed.finished).toBe(true);
    expect(failed.failures.timeout + failed.failures.crash).toBe(failed.requests.failed);
    expect(failed.requests.failed).toBeGreaterThan(0);
    expect(session.tick(5000)).toBeUndefined();
    frame = session.frame();
    expect(frame.timeMs).toBe(4000);
  });

  it('carries a budget stop in its final frame: why, and at which simulated second', () => {
    const session = new LiveSession(zeroLatencyLattice(12, 1e6), { durationS: 60, speed: 1 }, 0);
    let frame = session.tick(0);
    expect(frame?.stop).toBeUndefined();
    for (let wallMs = 100; !frame?.finished && wallMs < 100_000; wallMs += 100) frame = session.tick(wallMs) ?? frame;
    expect(frame!.finished).toBe(true);
    expect(frame!.stop?.reason).toBe('time-stalled');
    expect(frame!.stop!.atSeconds).toBeCloseTo(frame!.timeMs / 1000, 2);
    expect(frame!.stop!.message).toMatch(/^the simulation stopped at 0\.0 s of 60: simulated time stopped advancing/);
    expect(session.report().partial).toEqual(frame!.stop);
  });
});
