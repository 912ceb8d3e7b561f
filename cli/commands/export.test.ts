import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { ALL_TEMPLATES, parseDocumentText, serializeDocument, TEMPLATES } from '../../shared/document';
import { extractDocumentFromPng, extractDocumentFromSvg, isPng, pngDpi, pngSize } from '../../shared/export';
import { runCli } from '../main';
import { fakeIo as makeFakeIo } from '../testing/fakeIo';

function fakeIo(files: Record<string, string | Uint8Array>) {
  return makeFakeIo(files, { writable: true });
}


const doc = TEMPLATES.find((t) => t.id === 'services-two-servers')!.document;
const source = serializeDocument(doc);

describe('topo export', () => {
  it('svg: a diagram with the classification as subtitle and the document embedded', async () => {
    const { io, files, stderr } = fakeIo({ 'shop.topo': source });
    expect(await runCli(['export', 'shop.topo', '--format', 'svg', '--out', 'shop.svg', '--theme', 'dark'], io)).toBe(0);
    const svg = files['shop.svg'] as string;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('Microservices · Distributed · Cluster');
    expect(svg).toContain('fill="#0f172a"');
    expect(extractDocumentFromSvg(svg)).toBe(source);
    expect(stderr()).toMatch(/^wrote shop\.svg \(\d+ bytes\)\n$/);
  });

  for (const scale of [1, 2, 3]) {
    it(`png at ${scale}×: valid header, ${scale} times the SVG's size, the document embedded`, async () => {
      const { io, files } = fakeIo({ 'shop.topo': source });
      expect(await runCli(['export', 'shop.topo', '--format', 'svg', '--out', 'shop.svg'], io)).toBe(0);
      expect(await runCli(['export', 'shop.topo', '--format', 'png', '--out', 'shop.png', '--scale', String(scale)], io)).toBe(0);
      const png = files['shop.png'] as Uint8Array;
      expect(isPng(png)).toBe(true);
      const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(files['shop.svg'] as string)!.map(Number);
      expect(pngSize(png)).toEqual({ width: width! * scale, height: height! * scale });
      expect(extractDocumentFromPng(png)).toBe(source);
      expect(pngDpi(png)).toBe(96 * scale);
      const reopened = parseDocumentText(extractDocumentFromPng(png)!);
      expect(reopened.ok).toBe(true);
    });
  }

  it('mermaid, drawio and json; --out - writes text to stdout', async () => {
    const { io, files, stdout } = fakeIo({ 'shop.topo': source });
    expect(await runCli(['export', 'shop.topo', '--format', 'mermaid', '--out', '-'], io)).toBe(0);
    expect(stdout()).toMatch(/flowchart LR/);
    expect(await runCli(['export', 'shop.topo', '--format', 'mermaid', '--flavour', 'architecture', '--out', 'a.mmd'], io)).toBe(0);
    expect(files['a.mmd']).toMatch(/^architecture-beta\n/);
    expect(await runCli(['export', 'shop.topo', '--format', 'drawio', '--out', 'shop.drawio'], io)).toBe(0);
    expect(files['shop.drawio']).toMatch(/^<mxfile /);
    expect(await runCli(['export', 'shop.topo', '--format', 'json', '--out', 'copy.topo'], io)).toBe(0);
    expect(files['copy.topo']).toBe(source);
  });

  it('md: the report and its SVG beside it, with the sweep and scenarios when asked', async () => {
    const withScenario = { ...doc, scenarios: [{ id: 's1', name: 'Lose orders-1', faults: [{ type: 'host-down' as const, target: 'h5' }] }] };
    const { io, files } = fakeIo({ 'shop.topo': serializeDocument(withScenario) });
    expect(await runCli(['export', 'shop.topo', '--format', 'md', '--out', 'docs/report.md', '--sweep', '--scenarios', '--duration', '5'], io)).toBe(0);
    const md = files['docs/report.md'] as string;
    expect(md).toContain('![Services, each on two servers](report.svg)');
    expect(extractDocumentFromSvg(files['docs/report.svg'] as string)).toBe(serializeDocument(withScenario));
    expect(md).toContain('## Failure sweep');
    expect(md).toContain('| Server down | orders-1 |');
    expect(md).toMatch(/\| Lose orders-1 \| \d+(\.\d+)? % \|/);
    expect(md).toContain('## Availability');
    expect(md).toContain('## Capacity');
    // The scenarios' per-client results: where the time goes (no client has an slo here).
    expect(md).toContain('## Where the time goes');
    expect(md).not.toContain('## SLOs');
  });

  it('md: --simulate adds the healthy run: each client SLO met or missed and its budget burned', async () => {
    const withSlo = { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'client' ? { ...n, slo: { availability: 0.999, latencyMs: 1 } } : n)) };
    const { io, files } = fakeIo({ 'shop.topo': serializeDocument(withSlo) });
    expect(await runCli(['export', 'shop.topo', '--format', 'md', '--out', 'r.md', '--simulate', '--duration', '5'], io)).toBe(0);
    const md = files['r.md'] as string;
    expect(md).toContain('## SLOs');
    // A 1 ms p99 target cannot be met across the network.
    expect(md).toMatch(/\| Healthy \| [^|]+ \| 99\.90 %, p99 ≤ 1 ms \| 100 % \| [\d.]+ \| ❌ missed \| 0 % \|/);
    expect(md).toContain('## Where the time goes');
    const help = fakeIo({});
    await runCli(['help', 'export'], help.io);
    expect(help.stdout()).toContain('--simulate');
  });

  it('md: a coordinator gets its Transactions table, a row for the healthy run and one per scenario', async () => {
    const checkout = ALL_TEMPLATES.find((t) => t.id === 'checkout-saga-vs-2pc')!.document;
    const { io, files } = fakeIo({ 'checkout.topo': serializeDocument(checkout) });
    expect(await runCli(['export', 'checkout.topo', '--format', 'md', '--out', 'r.md', '--simulate', '--scenarios', '--duration', '5'], io)).toBe(0);
    const md = files['r.md'] as string;
    expect(md).toContain('## Transactions');
    expect(md).toContain('### Checkout service');
    for (const run of ['Healthy', ...(checkout.scenarios ?? []).map((s) => s.name)]) expect(md).toMatch(new RegExp(`^\\| ${run} \\| 2PC \\| \\d+ \\|`, 'm'));
    // No replicated node in it: no Consistency section.
    expect(md).not.toContain('## Consistency');
  });

  it('md: a long chain wraps so the report\'s diagram stays a readable width', async () => {
    const count = 16;
    const chain = {
      ...doc,
      hosts: Array.from({ length: count }, (_, i) => ({ id: `c${i}`, name: `server-${i}` })),
      nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'service' as const, name: `Step ${i}`, instances: [{ host: `c${i}` }] })),
      edges: Array.from({ length: count - 1 }, (_, i) => ({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}` })),
      scenarios: [],
      view: {},
    };
    const { io, files } = fakeIo({ 'chain.topo': serializeDocument(chain) });
    expect(await runCli(['export', 'chain.topo', '--format', 'md', '--out', 'report.md'], io)).toBe(0);
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(files['report.svg'] as string)![1]);
    expect(width).toBeLessThanOrEqual(1000);
    const wide = fakeIo({ 'chain.topo': serializeDocument(chain) });
    expect(await runCli(['export', 'chain.topo', '--format', 'svg', '--out', 'chain.svg'], wide.io)).toBe(0);
    expect(Number(/<svg [^>]*width="(\d+)"/.exec(wide.files['chain.svg'] as string)![1])).toBeGreaterThan(width);
  });

  it('bad usage exits 2 with the usage line', async () => {
    const cases = [
      ['export', 'shop.topo', '--out', 'x.svg'],
      ['export', 'shop.topo', '--format', 'gif', '--out', 'x.gif'],
      ['export', 'shop.topo', '--format', 'svg'],
      ['export', 'shop.topo', '--format', 'svg', '--out', 'x.svg', '--theme', 'blue'],
      ['export', 'shop.topo', '--format', 'png', '--out', 'x.png', '--scale', '4'],
      ['export', 'shop.topo', '--format', 'svg', '--out', 'x.svg', '--scale', '2'],
      ['export', 'shop.topo', '--format', 'png', '--out', '-'],
      ['export', 'shop.topo', '--format', 'md', '--out', '-'],
      ['export', '--format', 'svg', '--out', 'x.svg'],
    ];
    for (const args of cases) {
      const { io, stderr } = fakeIo({ 'shop.topo': source });
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(stderr()).toMatch(/^topo export: .+\nusage: topo export FILE/);
    }
  });

  it('bad input exits 1 with one line per problem', async () => {
    const { io, stderr } = fakeIo({ 'bad.topo': '{"format":"topology-designer","version":1,"name":"x","nodes":[{"id":"a","kind":"robot","name":"A"}]}' });
    expect(await runCli(['export', 'bad.topo', '--format', 'svg', '--out', 'x.svg'], io)).toBe(1);
    expect(stderr()).toMatch(/^bad\.topo: nodes\[0\]\.kind: unknown kind "robot"/);
    const missing = fakeIo({ 'shop.topo': source });
    expect(await runCli(['export', 'shop.topo', '--format', 'svg', '--out', '/missing/x.svg'], missing.io)).toBe(1);
    expect(missing.stderr()).toBe('/missing/x.svg: cannot write: ENOENT\n');
  });
});

describe('topo export on hostile files', () => {
  const hostile = (x: number, name = 'Shop') =>
    serializeDocument({ ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, name } : n)), view: { positions: { [doc.nodes[0]!.id]: { x, y: 0 } } } });

  it('png: a position beyond ±1e7 is refused by the reader with its path, not a native abort', async () => {
    for (const x of [1e9, 1e308]) {
      const { io, files, stderr } = fakeIo({ 'big.topo': hostile(x) });
      expect(await runCli(['export', 'big.topo', '--format', 'png', '--out', 'big.png'], io)).toBe(1);
      expect(stderr()).toBe(`big.topo: view.positions.${doc.nodes[0]!.id}.x: must be ≤ 10000000\n`);
      expect(files['big.png']).toBeUndefined();
    }
  });

  it('png: a 100,000-character name is refused with its path', async () => {
    const { io, stderr } = fakeIo({ 'long.topo': hostile(0, 'x'.repeat(100_000)) });
    expect(await runCli(['export', 'long.topo', '--format', 'png', '--out', 'long.png'], io)).toBe(1);
    expect(stderr()).toBe('long.topo: nodes[0].name: is 100,000 characters long: at most 200 are allowed\n');
  });
});
