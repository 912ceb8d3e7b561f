import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The Electron main process and preload, each bundled into one CommonJS file in dist/electron.
 * Two builds, picked by `--mode main` / `--mode preload` (see the build:electron script): the
 * sandboxed preload may require nothing but `electron`, so it cannot share chunks with main.
 * Everything else (zod, shared/) is bundled in, so the packaged app needs no node_modules.
 */
const ENTRIES = {
  main: 'electron/main/index.ts',
  preload: 'electron/preload/index.ts',
} as const;

export default defineConfig(({ mode }) => {
  const name = mode === 'preload' ? 'preload' : 'main';
  const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  return {
    // No index.html, no public/ copying: this is a library-style build.
    publicDir: false,
    resolve: { conditions: ['node'] },
    build: {
      outDir: fileURLToPath(new URL('./dist/electron', import.meta.url)),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      lib: {
        entry: fileURLToPath(new URL(`./${ENTRIES[name]}`, import.meta.url)),
        formats: ['cjs'],
        fileName: () => `${name}.cjs`,
      },
      rolldownOptions: {
        external,
        output: { codeSplitting: false },
      },
    },
  };
});
