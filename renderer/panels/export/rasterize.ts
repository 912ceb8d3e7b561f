/**
 * PNG in the app: the exported SVG drawn onto a canvas at 1×/2×/3×, then the design embedded in a
 * PNG text chunk (the same function the CLI uses), so the picture reopens as the design.
 */
import { embedDocumentInPng } from '../../../shared/export';

/** The SVG's own size from its width/height attributes (or viewBox). */
export function svgSize(svg: string): { width: number; height: number } {
  const width = /<svg[^>]*\swidth="([\d.]+)/.exec(svg)?.[1];
  const height = /<svg[^>]*\sheight="([\d.]+)/.exec(svg)?.[1];
  if (width && height) return { width: Number(width), height: Number(height) };
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : { width: 800, height: 600 };
}

export async function rasterizeSvg(svg: string, scale: number, documentText: string): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    return embedDocumentInPng(new Uint8Array(await blob.arrayBuffer()), documentText);
  } finally {
    URL.revokeObjectURL(url);
  }
}
