/**
 * The CLI bundle starts fast because each command loads only its own modules (issue 13): the bin entry
 * holds the registry and the argument parser, and each command's code is a chunk imported when it runs.
 * Built in memory with the options of `npm run build:cli`, then checked by what each chunk statically
 * pulls in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Outputs = Metafile['outputs'];

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'relaygate-cli-bundle-'));
const outdir = relative(root, join(dir, 'cli')).split('\\').join('/');
let outputs: Outputs;

beforeAll(() => {
  execFileSync(
    process.execPath,
    ['.ci/build-cli.mjs', '--outdir', join(dir, 'cli'), '--metafile', join(dir, 'meta.json')],
    { cwd: root },
  );
  outputs = (JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Metafile).outputs;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Source files of an output and of everything it imports statically (what loading it evaluates). */
function loadedInputs(outputs: Outputs, path: string, seen = new Set<string>()): Set<string> {
  const inputs = new Set<string>();
  if (seen.has(path)) return inputs;
  seen.add(path);
  const out = outputs[path];
  if (!out) throw new Error(`no output ${path}`);
  for (const input of Object.keys(out.inputs)) inputs.add(input);
  for (const imp of out.imports) {
    if (imp.kind === 'import-statement' && !imp.external)
      for (const i of loadedInputs(outputs, imp.path, seen)) inputs.add(i);
  }
  return inputs;
}

function commandChunk(outputs: Outputs, command: string): string {
  // A dynamically imported module is an entry point of its own chunk.
  const found = Object.entries(outputs).find(([, o]) => o.entryPoint === `core/cli/commands/${command}.ts`);
  if (!found) throw new Error(`no chunk holds core/cli/commands/${command}.ts`);
  return found[0];
}

const layer = (inputs: Set<string>, folder: string) =>
  [...inputs].filter((i) => i.startsWith(`core/${folder}/`));

describe('the CLI bundle', () => {
  it('keeps relaygate.mjs as the entry, and it loads no command code', () => {
    expect(outputs[`${outdir}/relaygate.mjs`]?.entryPoint).toBe('core/cli/main.ts');
    const entry = loadedInputs(outputs, `${outdir}/relaygate.mjs`);
    for (const heavy of ['scl', 'client', 'service', 'mms', 'iso', 'asn1', 'iec61850', 'transport', 'outputs'])
      expect(layer(entry, heavy)).toEqual([]);
    expect(
      [...entry].filter(
        (i) => i.startsWith('core/cli/commands/') && !/-command\.ts$|\/(index|ied-options)\.ts$/.test(i),
      ),
    ).toEqual([]);
  });

  it('scl loads the SCL importer but not the MMS client or the service; discover the reverse', () => {
    const scl = loadedInputs(outputs, commandChunk(outputs, 'scl'));
    expect(layer(scl, 'scl').length).toBeGreaterThan(5);
    // core/iec61850 (object references, FCs, basic types) comes with the mms codecs it builds on.
    for (const other of ['client', 'service', 'iso', 'transport']) expect(layer(scl, other)).toEqual([]);
    const discover = loadedInputs(outputs, commandChunk(outputs, 'discover'));
    expect(layer(discover, 'scl')).toEqual([]);
    expect(layer(discover, 'service')).toEqual([]);
  });

  it('modbus-map loads the Modbus map but not the MMS client, the SCL importer or the service', () => {
    const map = loadedInputs(outputs, commandChunk(outputs, 'modbus-map'));
    expect(layer(map, 'outputs').length).toBeGreaterThan(3);
    for (const other of ['client', 'scl', 'service', 'iso', 'transport']) expect(layer(map, other)).toEqual([]);
    // jsmodbus is not checked here: since run, demo and serve also load the Modbus server, esbuild puts
    // the server's modules in the chunk the register map shares with them (one import of an external
    // package, evaluated once); the MMS client, the SCL importer and the service stay out.
  });
});
