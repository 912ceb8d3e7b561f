/** The loader client against a fake worker: progress, the outcome, a dying worker, and the inline fallback. */
import { describe, expect, it, vi } from 'vitest';
import { createDocumentLoader, type LoaderRequest, type LoaderResponse, type LoaderWorkerLike } from './loaderClient';

function fakeLoaderWorker() {
  const posted: { message: LoaderRequest; transfer?: Transferable[] }[] = [];
  const worker: LoaderWorkerLike = {
    postMessage: (message, transfer) => void posted.push({ message, transfer }),
    onmessage: null,
    onerror: null,
    terminate: vi.fn(),
  };
  const answer = (response: LoaderResponse) => worker.onmessage!({ data: response } as MessageEvent<LoaderResponse>);
  return { worker, posted, answer };
}

describe('createDocumentLoader', () => {
  it('moves the bytes to a worker of its own, reports progress and ends the worker with the outcome', async () => {
    const fake = fakeLoaderWorker();
    const progress: number[] = [];
    const bytes = new Uint8Array([123, 125]);
    const opened = createDocumentLoader(() => fake.worker).open({ name: 'a.topo', bytes }, (p) => progress.push(p));
    expect(fake.posted[0]!.message).toEqual({ kind: 'open', input: { name: 'a.topo', bytes } });
    expect(fake.posted[0]!.transfer).toEqual([bytes.buffer]);
    fake.answer({ type: 'progress', percent: 20 });
    fake.answer({ type: 'done', outcome: { ok: false, lines: ['nope'] } });
    await expect(opened).resolves.toEqual({ ok: false, lines: ['nope'] });
    expect(progress).toEqual([20]);
    expect(fake.worker.terminate).toHaveBeenCalled();
  });

  it('rejects with a message when the worker fails or dies, never silently', async () => {
    const failing = fakeLoaderWorker();
    const first = createDocumentLoader(() => failing.worker).import({ name: 'c.yml', text: 'x' });
    failing.answer({ type: 'failed', message: 'Maximum call stack size exceeded' });
    await expect(first).rejects.toThrow('Maximum call stack size exceeded');
    const dying = fakeLoaderWorker();
    const second = createDocumentLoader(() => dying.worker).open({ name: 'big.topo', text: '{}' });
    dying.worker.onerror!({ message: '', preventDefault: () => undefined } as ErrorEvent);
    await expect(second).rejects.toThrow('the file reader stopped (out of memory?)');
  });

  it('runs inline where there is no Worker', async () => {
    const outcome = await createDocumentLoader(() => null).open({ name: 'a.topo', text: '{' });
    expect(outcome.ok).toBe(false);
  });
});
