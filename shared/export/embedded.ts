/**
 * What an opened file holds: a `.topo` document, or an exported SVG/PNG that carries one inside it
 * (SPEC §6: dropping an exported picture back onto the app reopens the design).
 */
import { extractDocumentFromPng, extractDocumentFromSvg } from './embed';

export type Embedded =
  | { readonly kind: 'topo' | 'svg' | 'png'; readonly text: string }
  | { readonly kind: 'none'; readonly reason: string };

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export function extractEmbeddedDocument(name: string, text: string, bytes?: Uint8Array): Embedded {
  if (bytes && PNG_MAGIC.every((b, i) => bytes[i] === b)) {
    const found = extractDocumentFromPng(bytes);
    return found ? { kind: 'png', text: found } : { kind: 'none', reason: `${name} is a PNG picture without a design inside (only pictures exported by Topology Designer carry one).` };
  }
  if (bytes) return { kind: 'none', reason: `${name} is not a Topology Designer file.` };
  const head = text.trimStart().slice(0, 200);
  if (head.startsWith('<')) {
    const found = /<svg[\s>]/.test(text) ? extractDocumentFromSvg(text) : null;
    return found ? { kind: 'svg', text: found } : { kind: 'none', reason: `${name} is an XML/SVG file without a design inside (only pictures exported by Topology Designer carry one).` };
  }
  return { kind: 'topo', text };
}
