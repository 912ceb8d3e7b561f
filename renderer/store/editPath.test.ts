/**
 * The one edit path: only store actions change the document. Components, the canvas and the app
 * shell call actions; none of them reaches for the document store's `edit` or its setters. This
 * reads the sources, so a component that starts editing the document directly fails here.
 */
import { describe, expect, it } from 'vitest';

/** The sources of the components, the canvas and the app shell, as text (tests left out below). */
const SOURCES = import.meta.glob<string>(['../panels/**/*.{ts,tsx}', '../canvas/**/*.{ts,tsx}', '../app/**/*.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Opening and saving replace the document wholesale; that stays with the file actions. */
const WHOLESALE = { file: 'app/fileActions.ts', pattern: /\.(load|markSaved)\(/g };

/** `file:line: text` for each line that edits the document outside the store's actions. */
function directEdits(file: string, text: string): string[] {
  const forbidden = [
    /\.edit\b/, // store.edit(…), (s) => s.edit, getState().edit
    /\buseDocumentStore\.(setState|temporal\.setState)\b/,
    /\.(load|markSaved)\(/,
  ];
  return text.split('\n').flatMap((line, i) => {
    const allowed = file === WHOLESALE.file ? line.replace(WHOLESALE.pattern, '') : line;
    return forbidden.some((rule) => rule.test(allowed)) ? [`${file}:${i + 1}: ${line.trim()}`] : [];
  });
}

describe('only store actions edit the document', () => {
  it('no component, canvas or app module calls edit or a document store setter', () => {
    const files = Object.entries(SOURCES).filter(([path]) => !/\.test\.tsx?$/.test(path));
    // The glob found the areas: an empty list would pass vacuously.
    expect(files.map(([path]) => path)).toEqual(expect.arrayContaining(['../app/fileActions.ts', '../panels/Inspector.tsx', '../canvas/Canvas.tsx']));
    const found = files.flatMap(([path, text]) => directEdits(path.replace(/^\.\.\//, ''), text));
    expect(found).toEqual([]);
  });

  it('recognises the ways a component could edit directly', () => {
    expect(directEdits('panels/X.tsx', 'const edit = useDocumentStore((s) => s.edit);')).toHaveLength(1);
    expect(directEdits('panels/X.tsx', 'useDocumentStore.getState().edit((d) => d, { record: true });')).toHaveLength(1);
    expect(directEdits('panels/X.tsx', 'useDocumentStore.setState({ document });')).toHaveLength(1);
    expect(directEdits('canvas/X.tsx', 'useDocumentStore.getState().load(doc, null);')).toHaveLength(1);
    expect(directEdits('app/fileActions.ts', 'useDocumentStore.getState().load(doc, null);')).toEqual([]);
    expect(directEdits('panels/X.tsx', 'editNode(node.id, { name });')).toEqual([]);
  });
});
