/** The reliability client over a fake worker that answers when the test says so. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/document';
import { analyzeAvailability, analyzeCapacity } from '../../shared/reliability';
import { createReliabilityClient, type ReliabilityWorkerLike } from './reliabilityClient';
import { answerReliability, type ReliabilityRequest } from './reliabilityProtocol';

const doc = (id: string) => TEMPLATES.find((t) => t.id === id)!.document;
const options = { capacityAware: false, years: 100, seed: 7 };

function manualWorker() {
  const inbox: ReliabilityRequest[] = [];
  let terminated = 0;
  const worker: ReliabilityWorkerLike = {
    postMessage: (message) => void inbox.push(structuredClone(message)),
    onmessage: null,
    onerror: null,
    terminate: () => void (terminated += 1),
  };
  return {
    worker,
    inbox,
    terminated: () => terminated,
    /** Answers the oldest request as the real worker would. */
    answer() {
      const request = inbox.shift()!;
      worker.onmessage?.({ data: structuredClone(answerReliability(request)) } as MessageEvent);
    },
    crash(message: string) {
      worker.onerror?.({ message } as ErrorEvent);
    },
  };
}

describe('the reliability client', () => {
  it('answers with the same reports as the analysis run in process', async () => {
    const fake = manualWorker();
    const client = createReliabilityClient(() => fake.worker);
    const document = doc('services-two-servers');
    const answer = client.analyze(document, options);
    expect(client.busy()).toBe(true);
    fake.answer();
    expect(await answer).toEqual({ availability: analyzeAvailability(document, options), capacity: analyzeCapacity(document) });
    expect(client.busy()).toBe(false);
  });

  it('keeps one request in the worker and only the newest waiting; the others resolve with null', async () => {
    const fake = manualWorker();
    const client = createReliabilityClient(() => fake.worker);
    const first = client.analyze(doc('monolith-one-server'), options);
    const second = client.analyze(doc('monolith-cluster'), options);
    const third = client.analyze(doc('services-two-servers'), options);
    expect(fake.inbox).toHaveLength(1);
    expect(await second).toBeNull();
    fake.answer();
    // The first answer is stale (a newer design waits): dropped, and the newest is sent.
    expect(await first).toBeNull();
    expect(fake.inbox.map((r) => r.document.name)).toEqual(['Services, each on two servers']);
    fake.answer();
    expect((await third)!.capacity).toEqual(analyzeCapacity(doc('services-two-servers')));
  });

  it('reports an analysis error, and a crashed worker fails what is open and is replaced', async () => {
    const fake = manualWorker();
    let made = 0;
    const client = createReliabilityClient(() => {
      made += 1;
      return fake.worker;
    });
    const broken = client.analyze({ ...doc('monolith-one-server'), nodes: null } as never, options);
    fake.answer();
    await expect(broken).rejects.toThrow();
    const lost = client.analyze(doc('monolith-one-server'), options);
    fake.crash('out of memory');
    await expect(lost).rejects.toThrow('out of memory');
    expect(fake.terminated()).toBe(1);
    fake.inbox.length = 0;
    const again = client.analyze(doc('monolith-one-server'), options);
    expect(made).toBe(2);
    fake.answer();
    expect(await again).not.toBeNull();
  });
});
