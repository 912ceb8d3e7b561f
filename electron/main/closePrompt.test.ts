import { describe, expect, it } from 'vitest';
import { testFileRef } from '../../shared/host/testing/testFileRef';
import { ClosePrompt, closePromptMessage, CLOSE_BUTTONS, type CloseChoice } from './closePrompt';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function makePrompt(dirty = true) {
  const log: string[] = [];
  const answers: ((choice: CloseChoice) => void)[] = [];
  let isDirty = dirty;
  const prompt = new ClosePrompt({
    isDirty: () => isDirty,
    ask: () => {
      log.push('ask');
      return new Promise((resolve) => answers.push(resolve));
    },
    requestSave: () => log.push('save'),
    close: () => {
      log.push('close');
      // The real window's close event comes back through requestClose.
      log.push(`close allowed: ${prompt.requestClose()}`);
    },
    onDiscard: () => log.push('discard'),
    onAbort: () => log.push('abort'),
  });
  return { prompt, log, answer: (choice: CloseChoice) => answers.shift()!(choice), setDirty: (d: boolean) => (isDirty = d) };
}

describe('ClosePrompt', () => {
  it('lets a clean window close at once', () => {
    const { prompt, log } = makePrompt(false);
    expect(prompt.requestClose()).toBe(true);
    expect(log).toEqual([]);
    expect(prompt.state).toBe('closing');
  });

  it('Cancel keeps the window and aborts a quit', async () => {
    const { prompt, log, answer } = makePrompt();
    expect(prompt.requestClose()).toBe(false);
    expect(prompt.state).toBe('asking');
    answer('cancel');
    await settle();
    expect(log).toEqual(['ask', 'abort']);
    expect(prompt.state).toBe('idle');
  });

  it('Don’t Save drops the recovery and closes', async () => {
    const { prompt, log, answer } = makePrompt();
    prompt.requestClose();
    answer('discard');
    await settle();
    expect(log).toEqual(['ask', 'discard', 'close', 'close allowed: true']);
  });

  it('does not stack dialogs when close is pressed again while asking', async () => {
    const { prompt, log } = makePrompt();
    prompt.requestClose();
    expect(prompt.requestClose()).toBe(false);
    expect(log).toEqual(['ask']);
  });

  it('Save waits for a successful save before closing', async () => {
    const { prompt, log, answer } = makePrompt();
    prompt.requestClose();
    answer('save');
    await settle();
    expect(log).toEqual(['ask', 'save']);
    expect(prompt.state).toBe('saving');
    prompt.saveFinished({ status: 'saved', file: testFileRef('a.topo') });
    expect(log.slice(2)).toEqual(['close', 'close allowed: true']);
  });

  it('Save closes when the page reports itself clean', async () => {
    const { prompt, log, answer } = makePrompt();
    prompt.requestClose();
    answer('save');
    await settle();
    prompt.documentStateChanged(true);
    expect(prompt.state).toBe('saving');
    prompt.documentStateChanged(false);
    expect(log.slice(2)).toEqual(['close', 'close allowed: true']);
  });

  it.each(['canceled', 'error'] as const)('a %s save keeps the window open', async (status) => {
    const { prompt, log, answer } = makePrompt();
    prompt.requestClose();
    answer('save');
    await settle();
    prompt.saveFinished(status === 'error' ? { status, message: 'disk full' } : { status });
    expect(prompt.state).toBe('idle');
    expect(log).toEqual(['ask', 'save', 'abort']);
  });

  it('a conflict waits for the page’s retry; closing again asks again', async () => {
    const { prompt, log, answer } = makePrompt();
    prompt.requestClose();
    answer('save');
    await settle();
    prompt.saveFinished({ status: 'conflict', file: testFileRef('a.topo') });
    expect(prompt.state).toBe('saving');
    expect(prompt.requestClose()).toBe(false);
    expect(prompt.state).toBe('asking');
    answer('discard');
    await settle();
    expect(log).toEqual(['ask', 'save', 'ask', 'discard', 'close', 'close allowed: true']);
  });

  it('ignores save results when it is not waiting for one', () => {
    const { prompt, log } = makePrompt();
    prompt.saveFinished({ status: 'saved', file: testFileRef('a.topo') });
    prompt.documentStateChanged(false);
    expect(log).toEqual([]);
    expect(prompt.state).toBe('idle');
  });

  it('builds a box whose buttons map back to the choices', () => {
    const box = closePromptMessage('shop.topo');
    expect(box.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(CLOSE_BUTTONS[box.cancelId]!.choice).toBe('cancel');
    expect(CLOSE_BUTTONS[box.defaultId]!.choice).toBe('save');
    expect(box.message).toContain('shop.topo');
  });
});
