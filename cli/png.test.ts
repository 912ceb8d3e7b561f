import { describe, expect, it } from 'vitest';
import { isPng, pngSize } from '../shared/export';
import { fittedScale, MAX_PNG_PIXELS, PngError, renderPng, svgSize } from './png';

describe('PNG limits', () => {
  it('keeps the scale of a picture within the pixel cap and shrinks a larger one to fit', () => {
    expect(fittedScale(1000, 800, 3)).toBe(3);
    const scale = fittedScale(20_000, 20_000, 2);
    expect(scale).toBeCloseTo(0.5, 10);
    expect(20_000 * scale * 20_000 * scale).toBeLessThanOrEqual(MAX_PNG_PIXELS * (1 + 1e-9));
  });
  it('reads the root size and refuses one that is not finite', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80.5">')).toEqual({ width: 120, height: 80.5 });
    expect(svgSize('<svg width="NaN" height="10">')).toBeUndefined();
    expect(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="1e+308" height="Infinity"></svg>', 2, null)).toThrow(PngError);
  });
  it('refuses a picture so large that even the smallest scale has no pixel left on one side', () => {
    expect(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="1e12" height="10"></svg>', 1, null)).toThrow(/too large for a PNG of at most 100 megapixels/);
  });
  it('turns a resvg failure into one line', () => {
    expect(() => renderPng('<svg width="10" height="10"><g></svg>', 1, null)).toThrow(/^could not render the PNG: [^\n]+$/);
  });
  it('renders a small picture at the scale asked for', () => {
    const { png, scale } = renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="red"/></svg>', 2, null);
    expect(scale).toBe(2);
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 60, height: 40 });
  });
});
