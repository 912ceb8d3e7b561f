import { describe, expect, it } from 'vitest';
import { FAILURE_CAUSES } from '../../shared/document';
import { OUTCOME_CODES } from './particles';
import { OUTCOME_STYLE } from './outcomeStyle';

describe('OUTCOME_STYLE', () => {
  it('gives every failure cause, unavailable included, a look', () => {
    for (const cause of FAILURE_CAUSES) expect(OUTCOME_STYLE[cause], cause).toBeDefined();
    expect(Object.keys(OUTCOME_STYLE).sort()).toEqual([...OUTCOME_CODES].sort());
  });

  it('no two outcomes share a glyph or a colour in either theme', () => {
    const styles = OUTCOME_CODES.map((code) => OUTCOME_STYLE[code]);
    for (const key of ['glyph', 'light', 'dark'] as const) {
      const values = styles.map((s) => s[key].toLowerCase());
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('draws each glyph as one visible character, crash as ✖ and error as ⚠', () => {
    for (const code of OUTCOME_CODES) expect([...OUTCOME_STYLE[code].glyph], code).toHaveLength(1);
    expect(OUTCOME_STYLE.crash.glyph).toBe('✖');
    expect(OUTCOME_STYLE.error.glyph).toBe('⚠');
  });
});
