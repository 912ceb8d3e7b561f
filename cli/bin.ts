/** Entry of the bundled CLI (dist/cli/topo.cjs). */
import { nodeIo } from './command';
import { runCli } from './main';

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`topo: internal error: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
