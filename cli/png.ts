/**
 * PNG export for the CLI: rasterizes the exported SVG with resvg (a native module shipped in npm
 * packages for each platform, so nothing downloads at install time) and embeds the design in an
 * iTXt chunk so the picture reopens in the app. A pHYs chunk states its resolution (96 dpi × scale).
 *
 * The picture is capped at `MAX_PNG_PIXELS`: a larger design is drawn at a smaller scale (the
 * caller says so), because resvg allocates the whole bitmap at once and aborts the process when
 * that fails. A failure inside resvg becomes a `PngError` with one line, never a native abort.
 */
import { Resvg } from '@resvg/resvg-js';
import { CSS_DPI, embedDocumentInPng, setPngDpi } from '../shared/export';

/** Scales the CLI accepts: 1× for documents, 2× and 3× for high-density screens and print. */
export const PNG_SCALES = [1, 2, 3] as const;

/** 100 megapixels: 400 MB of bitmap, well inside a CI runner's memory. */
export const MAX_PNG_PIXELS = 100_000_000;

/** A picture that cannot be rendered: `message` is one line for the user. */
export class PngError extends Error {}

/** The width and height, in px, stated on the root `<svg>` element. */
export function svgSize(svgText: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/.exec(svgText)?.[0];
  const width = Number(root && /\swidth="([^"]*)"/.exec(root)?.[1]);
  const height = Number(root && /\sheight="([^"]*)"/.exec(root)?.[1]);
  return Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { width, height } : undefined;
}

/** The largest scale ≤ `scale` at which a `width` × `height` picture stays within `MAX_PNG_PIXELS`. */
export function fittedScale(width: number, height: number, scale: number): number {
  const pixels = width * scale * height * scale;
  if (pixels <= MAX_PNG_PIXELS) return scale;
  return Math.sqrt(MAX_PNG_PIXELS / (width * height));
}

/**
 * Renders `svgText` at `scale` × its own width and height (less when that passes the pixel cap),
 * in px, and embeds `docText`. System fonts are loaded; Liberation Sans (metric-compatible with
 * Arial, which the SVG's text widths assume) is the fallback, then whatever sans-serif the system has.
 */
export function renderPng(svgText: string, scale: number, docText: string | null): { png: Uint8Array; scale: number } {
  const size = svgSize(svgText);
  if (!size) throw new PngError('the diagram has no finite size to draw');
  const used = fittedScale(size.width, size.height, scale);
  if (Math.round(size.width * used) < 1 || Math.round(size.height * used) < 1) {
    throw new PngError(`the diagram (${Math.round(size.width)} × ${Math.round(size.height)} px) is too large for a PNG of at most ${MAX_PNG_PIXELS / 1e6} megapixels`);
  }
  let rendered: Uint8Array;
  try {
    const resvg = new Resvg(svgText, {
      fitTo: { mode: 'zoom', value: used },
      font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
      shapeRendering: 2,
      textRendering: 1,
      imageRendering: 0,
    });
    rendered = new Uint8Array(resvg.render().asPng());
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PngError(`could not render the PNG: ${why}`);
  }
  // pHYs: a 2× picture is 192 dpi, so documents and print show it at its drawn size.
  const png = setPngDpi(rendered, CSS_DPI * used);
  return { png: docText === null ? png : embedDocumentInPng(png, docText), scale: used };
}
