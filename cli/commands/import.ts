import { basename, dirname, join, resolve } from 'node:path';
import { EXIT_OK, parseCommandArgs, singleFile, usageError, UserError, type CliIo, type Command } from '../command';
import { formatError, serializeDocument, type TopologyDocument, type ValidationError } from '../../shared/document';
import { importCompose, importKubernetes, looksLikeKubernetes, parseEnvFile, type ManifestFile } from '../../shared/import';

/** Manifest files a folder holds (as `kubectl apply -f DIR` reads them: this folder, not below it). */
const MANIFEST = /\.(ya?ml|json)$/i;

function readText(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError([`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message)}`]);
  }
}

/** `topo import FILE|FOLDER --out PATH [--name NAME]`: docker-compose YAML or Kubernetes manifests → `.topo`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a docker-compose file or Kubernetes manifests as a .topo design (what cannot be mapped is reported)',
  usage:
    'topo import FILE|FOLDER --out PATH [--name NAME]\n\n' +
    'Reads docker-compose YAML or Kubernetes manifests (told apart by content; a FOLDER is read as\n' +
    'manifests, every .yaml/.yml/.json file in it) and writes a .topo design to PATH (`--out -` for stdout).\n' +
    'Compose: services become nodes (kind from a table of well-known images), depends_on and links become\n' +
    'calls, deploy.replicas and scale become instances, `node.hostname ==` placement becomes servers (else\n' +
    'one host), `${VAR:-default}` is read from the .env beside FILE, services of one image or build share\n' +
    'a `codebase`, and a client "Users" calls the entry points (what publishes a port and nothing else\n' +
    'calls, gateways first). The design is named after the file\'s `name:`, else its folder.\n' +
    'Kubernetes: a node per Service with the workloads it selects as instances, calls from env values and\n' +
    'args naming a Service, Ingresses and LoadBalancer/NodePort Services as entry points, a load generator\n' +
    'as a client, zones from spread constraints and node affinity. Everything not mapped is listed on stderr.',
  run(args, io) {
    const { positionals, values } = parseCommandArgs(importCommand, args, { out: { type: 'string', short: 'o' }, name: { type: 'string' } });
    const file = singleFile(importCommand, positionals);
    if (values.out === undefined || values.out === '') throw usageError(importCommand, 'missing --out PATH (or --out - for stdout)');
    const named = values.name !== undefined ? { name: values.name } : {};

    let result: { document: TopologyDocument; report: string[] } | { errors: ValidationError[] };
    // Kubernetes problems name their own file (a folder holds several); Compose ones are about FILE.
    let prefix = `${file}: `;
    const folder = io.listDirectory(file);
    if (folder !== null) {
      const manifests: ManifestFile[] = folder.filter((name) => MANIFEST.test(name)).map((name) => ({ name: join(file, name), text: readText(io, join(file, name)) }));
      if (manifests.length === 0) throw new UserError([`${file}: is a folder with no .yaml, .yml or .json file to import`]);
      result = importKubernetes(manifests, named);
      prefix = '';
    } else {
      const text = readText(io, file);
      if (looksLikeKubernetes(text)) {
        result = importKubernetes([{ name: file, text }], named);
        prefix = '';
      } else {
        // Compose reads `${VAR}` values from the .env beside the file and names the project after its folder.
        let env: Map<string, string> | undefined;
        try {
          env = parseEnvFile(io.readFile(join(dirname(file), '.env')));
        } catch {
          env = undefined; // no .env: variables without a default are reported as unset
        }
        result = importCompose(text, { ...named, projectFolder: basename(dirname(resolve(file))), ...(env ? { env } : {}) });
      }
    }
    if ('errors' in result) throw new UserError(result.errors.map((e) => `${prefix}${formatError(e)}`));
    for (const line of result.report) io.stderr(`${file}: note: ${line}\n`);
    const { document } = result;
    const data = serializeDocument(document);
    if (values.out === '-') {
      io.stdout(data);
    } else {
      try {
        io.writeFile(values.out, data);
      } catch (error) {
        throw new UserError([`${values.out}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
      }
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    io.stderr(
      `${values.out === '-' ? 'imported' : `wrote ${values.out}`}: ${plural(document.nodes.length, 'node')}, ${plural(document.edges.length, 'edge')}, ${plural(document.hosts.length, 'host')}\n`,
    );
    return EXIT_OK;
  },
};
