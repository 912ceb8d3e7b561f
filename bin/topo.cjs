#!/usr/bin/env node
// The `topo` command. The CLI is bundled into dist/cli by `npm install` (the `prepare` script);
// if that bundle is missing, build it once and carry on.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'topo.cjs');
if (!fs.existsSync(bundle)) {
  const { execFileSync } = require('node:child_process');
  try {
    execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  } catch {
    process.stderr.write('topo: the CLI is not built and building it failed; run `npm install` in the project folder\n');
    process.exit(70);
  }
}
require(bundle);
