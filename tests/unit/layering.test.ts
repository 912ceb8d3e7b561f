/**
 * The layering lint rule, proven on virtual files: text linted under a path that does not exist,
 * so nothing is written. Each case is one import that must fail (or pass) `npm run lint`.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of the rules that guard imports, for `text` linted as if it were at `filePath`. */
async function importProblems(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'layering/imports' || m.ruleId === 'no-restricted-imports').map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rule', () => {
  it.each([
    ['renderer/store/probe.ts', "import { Canvas } from '../canvas/Canvas';\nexport const c = Canvas;\n", 'renderer/store may not import renderer/canvas'],
    ['renderer/store/probe.ts', "export { Palette } from '../panels/Palette';\n", 'renderer/store may not import renderer/panels'],
    ['renderer/store/probe.ts', "export const load = () => import('../app/App');\n", 'renderer/store may not import renderer/app'],
    ['renderer/canvas/probe.ts', "export * from '../panels/simulation/Results';\n", 'renderer/canvas may not import renderer/panels'],
    ['renderer/panels/export/probe.ts', "export * from '../../app/commands';\n", 'renderer/panels may not import renderer/app'],
    ['renderer/ui/probe.tsx', "export * from '../canvas/visuals';\n", 'renderer/ui may not import renderer/canvas'],
    ['renderer/host/probe.ts', "export * from '../store/uiStore';\n", 'renderer/host may not import renderer/store'],
    ['renderer/model/probe.ts', "export * from '../store/uiStore';\n", 'renderer/model may not import renderer/store'],
    ['renderer/worker/probe.ts', "export * from '../model/particles';\n", 'renderer/worker may not import renderer/model'],
    ['electron/preload/probe.ts', "export * from '../main/ipc';\n", 'electron/preload may not import electron/main'],
    ['electron/preload/probe.ts', "export * from '../../shared/document';\n", 'electron/preload may not import shared'],
    ['electron/preload/probe.ts', "export * from '../../renderer/main';\n", 'electron/preload may not import renderer/main'],
    ['electron/common/probe.ts', "export * from '../main/protocol';\n", 'electron/common may not import electron/main'],
    ['electron/main/probe.ts', "export * from '../preload/desktopHost';\n", 'electron/main may not import electron/preload'],
  ])('%s: %s fails', async (filePath, text, expected) => {
    const problems = await importProblems(filePath, text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('refuses packages other than electron in the preload', async () => {
    const problems = await importProblems('electron/preload/probe.ts', "export * from 'zod';\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('the preload loads no package but electron');
    expect(await importProblems('electron/preload/probe.ts', "export { ipcRenderer } from 'electron';\n")).toEqual([]);
  });

  it.each([
    ['renderer/store/probe.ts', "export * from '../model/particles';\nexport * from '../worker/client';\nexport * from '../../shared/document';\n"],
    ['renderer/canvas/probe.ts', "export * from '../store/uiStore';\nexport * from '../ui/Dialog';\nexport * from './visuals';\n"],
    ['renderer/panels/probe.ts', "export * from '../canvas/visuals';\nexport * from '../host';\n"],
    ['renderer/app/probe.ts', "export * from '../panels/Palette';\nexport * from '../canvas/Canvas';\n"],
    ['electron/preload/probe.ts', "export * from '../common/contract';\nexport * from '../../shared/host/hostApi';\nexport * from './desktopHost';\n"],
    ['electron/main/probe.ts', "export * from '../common/contract';\nexport * from '../../shared/document';\n"],
  ])('%s: imports of lower layers pass', async (filePath, text) => {
    expect(await importProblems(filePath, text)).toEqual([]);
  });
});
