/**
 * Sizes a canvas layer to its parent at the device's pixel ratio (only when that changed, so an
 * unchanged frame keeps its pixels). Returns the ratio and the size in CSS pixels, or null when
 * the canvas has no parent.
 */
export function sizeToParent(canvas: HTMLCanvasElement): { ratio: number; width: number; height: number } | null {
  const parent = canvas.parentElement;
  if (!parent) return null;
  const ratio = window.devicePixelRatio || 1;
  const width = parent.clientWidth;
  const height = parent.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  return { ratio, width, height };
}
