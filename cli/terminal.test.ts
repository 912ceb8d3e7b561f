import { describe, expect, it } from 'vitest';
import { printable, printableLine } from './terminal';

describe('printable', () => {
  it('writes escape sequences, C1 controls and bidi overrides as visible escapes', () => {
    const osc52 = '\u001b]52;c;ZXZpbA==\u0007';
    expect(printable(`name ${osc52} end`)).toBe('name \\u001b]52;c;ZXZpbA==\\u0007 end');
    expect(printable('a\u009bb\u007fc\u202ed\u2066e')).toBe('a\\u009bb\\u007fc\\u202ed\\u2066e');
    expect(printable('\u0000')).toBe('\\u0000');
  });

  it('keeps the output’s own tabs and newlines, and ordinary text including CJK and emoji', () => {
    expect(printable('a\tb\nc 订单 ✓ 🚀')).toBe('a\tb\nc 订单 ✓ 🚀');
  });

  it('keeps JSON values: the escapes are JSON escapes', () => {
    const value = { name: 'x\u009b\u202ey', list: ['\u001b[31m'] };
    const json = JSON.stringify(value, null, 2);
    const safe = printable(json);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('printableLine', () => {
  it('keeps one problem on one line', () => {
    expect(printableLine('nodes["a\nb"].rate: must be ≥ 0\r')).toBe('nodes["a\\u000ab"].rate: must be ≥ 0\\u000d');
  });
});
