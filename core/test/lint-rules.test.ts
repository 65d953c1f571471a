import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli-process';

/** Lints a snippet as if it lived at `path`, with the project's real ESLint config. */
async function messagesFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${path}` });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('dependency rules are enforced by lint', () => {
  it.each([
    ['core/asn1/x.ts', "import { a } from '../iso';\nexport const b = a;", /core\/asn1 may not depend on core\/iso/],
    ['core/iso/x.ts', "import { a } from '../mms';\nexport const b = a;", /core\/iso may not depend on core\/mms/],
    ['core/mms/x.ts', "import { a } from '../iec61850';\nexport const b = a;", /core\/mms may not depend on core\/iec61850/],
    ['core/iec61850/x.ts', "import { a } from '../client';\nexport const b = a;", /core\/iec61850 may not depend on core\/client/],
    ['core/client/x.ts', "import { a } from '../mms/pdu';\nexport const b = a;", /through its index\.ts/],
    ['core/service/x.ts', "import { a } from '../../renderer/src/app';\nexport const b = a;", /must not import outside core/],
    ['core/service/x.ts', "import { app } from 'electron';\nexport const b = app;", /never imports electron/],
    ['core/client/x.ts', "import { create } from 'zustand';\nexport const b = create;", /never imports electron, react or zustand/],
    ['core/mms/x.ts', "import { connect } from 'node:net';\nexport const b = connect;", /codec layers are pure/],
    ['core/iso/x.ts', 'export const t = setTimeout(() => 0, 1);', /no timers/],
    ['core/asn1/x.ts', 'export const b = Buffer.alloc(1);', /Uint8Array, not Buffer/],
    ['renderer/src/x.ts', "import { channels } from '../../core/contract';\nexport const b = channels;", /only types from core\/contract/],
    ['renderer/src/x.ts', "import type { GatewayService } from '../../core/service';\nexport type B = GatewayService;", /only from core\/contract/],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';\nexport const b = readFile;", /browser sandbox/],
  ])('%s: %s is refused', async (path, code, message) => {
    const messages = await messagesFor(path, code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['core/mms/x.ts', "import { toHex } from '../shared';\nimport { x } from '../asn1';\nexport const b = [toHex, x];"],
    ['core/client/x.ts', "import { x } from '../mms';\nimport { y } from '../iso';\nexport const b = [x, y, setTimeout];"],
    ['renderer/src/x.ts', "import type { Api } from '../../core/contract';\nexport type B = Api;"],
    ['renderer/src/x.ts', "import { PointRowsDecoder } from '../../core/contract/point-rows';\nexport const b = PointRowsDecoder;"],
  ])('%s: allowed imports pass', async (path, code) => {
    expect(await messagesFor(path, code)).toEqual([]);
  });
});

describe('what the renderer may take from core as values', () => {
  it('imports nothing but types itself, so no schema library or node module comes with it', () => {
    const text = readFileSync(join(REPO_ROOT, 'core/contract/point-rows.ts'), 'utf8');
    const imports = text.split('\n').filter((line) => /^import\b/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
  });
});
