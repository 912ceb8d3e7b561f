import { describe, expect, it } from 'vitest';
import { instanceStatus } from './instanceStatus';

describe('instanceStatus', () => {
  it('reads each instance by its own slots and queue', () => {
    expect(instanceStatus({ up: false, busy: 0, queued: 0 }, 4, 10)).toBe('down');
    expect(instanceStatus({ up: true, busy: 1, queued: 0 }, 4, 10)).toBe('healthy');
    expect(instanceStatus({ up: true, busy: 3, queued: 0 }, 4, 10)).toBe('busy');
    expect(instanceStatus({ up: true, busy: 4, queued: 1 }, 4, 10)).toBe('busy');
    expect(instanceStatus({ up: true, busy: 4, queued: 5 }, 4, 10)).toBe('overloaded');
  });

  it('without a queue, all slots in use is overloaded', () => {
    expect(instanceStatus({ up: true, busy: 4, queued: 0 }, 4, 0)).toBe('overloaded');
    expect(instanceStatus({ up: true, busy: 3, queued: 0 }, 4, 0)).toBe('busy');
  });
});
