#!/usr/bin/env node
// `npm run build:cli`: bundles the relaygate CLI into dist/cli. The bin entry stays dist/cli/relaygate.mjs;
// each command's code (and what it imports: the MMS client, the SCL importer, the service) goes into
// chunks beside it that the entry imports only when that command runs (core/cli/commands: lazyCommand),
// so `relaygate scl` never loads the MMS client and `relaygate --help` loads no command at all.
// Chunks sit in dist/cli itself, not a subfolder, so paths relative to import.meta.url (the renderer's
// dist/renderer, found by core/cli/paths.ts) are the same from every chunk.
//
//   node .ci/build-cli.mjs [--outdir DIR] [--metafile FILE]
// --metafile writes esbuild's metafile (what each output holds and imports); core/cli/bundle.test.ts
// builds into a temporary folder with it to check what each command loads.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');

const { values } = parseArgs({ options: { outdir: { type: 'string' }, metafile: { type: 'string' } } });
const outdir = resolve(root, values.outdir ?? join('dist', 'cli'));

/**
 * External packages whose import has no side effect we rely on: esbuild cannot see inside an external
 * package, so it keeps `import X from 'pkg'` in every chunk that reaches a module importing it, even when
 * nothing there uses X. Marked side-effect free, the import goes only where it is used: `modbus-map`
 * (the register map) does not load jsmodbus, which only the Modbus server uses.
 */
function pureExternals(names) {
  const filter = new RegExp(`^(${names.join('|')})$`);
  return { name: 'pure-externals', setup: (b) => b.onResolve({ filter }, (args) => ({ path: args.path, external: true, sideEffects: false })) };
}

// Chunk names carry content hashes: clear the old ones so the folder holds one build only.
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { relaygate: 'core/cli/main.ts' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  metafile: values.metafile !== undefined,
  plugins: [pureExternals(['jsmodbus'])],
});
if (values.metafile !== undefined) writeFileSync(values.metafile, JSON.stringify(result.metafile));
