/**
 * PNG export for the CLI: rasterizes the exported SVG with resvg (a native module shipped in npm
 * packages for each platform, so nothing downloads at install time) and embeds the design in an
 * iTXt chunk so the picture reopens in the app. A pHYs chunk states its resolution (96 dpi × scale).
 */
import { Resvg } from '@resvg/resvg-js';
import { CSS_DPI, embedDocumentInPng, setPngDpi } from '../shared/export';

/** Scales the CLI accepts: 1× for documents, 2× and 3× for high-density screens and print. */
export const PNG_SCALES = [1, 2, 3] as const;

/**
 * Renders `svgText` at `scale` × its own width and height, in px, and embeds `docText`.
 * System fonts are loaded; Liberation Sans (metric-compatible with Arial, which the SVG's text
 * widths assume) is the fallback, then whatever sans-serif the system has.
 */
export function renderPng(svgText: string, scale: number, docText: string | null): Uint8Array {
  const resvg = new Resvg(svgText, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  // pHYs: a 2× picture is 192 dpi, so documents and print show it at its drawn size.
  const png = setPngDpi(new Uint8Array(resvg.render().asPng()), CSS_DPI * scale);
  return docText === null ? png : embedDocumentInPng(png, docText);
}
