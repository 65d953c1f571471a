// Local ESLint rules that enforce the dependency rules of docs/ARCHITECTURE.md.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Which core folders each core folder may import. Dependencies point down only:
 * asn1 ← iso ← mms ← iec61850 ← client ← runtime. A new folder must be added here on purpose.
 */
export const CORE_LAYERS = {
  shared: [],
  contract: ['shared'],
  asn1: ['shared'],
  iso: ['shared', 'asn1'],
  mms: ['shared', 'asn1'],
  iec61850: ['shared', 'asn1', 'mms'],
  scl: ['shared', 'iec61850'],
  transport: ['shared', 'iso'],
  client: ['shared', 'asn1', 'iso', 'mms', 'iec61850', 'transport'],
  server: ['shared', 'asn1', 'iso', 'mms', 'iec61850', 'transport'],
  sim: ['shared', 'asn1', 'mms', 'iec61850', 'scl', 'server', 'transport'],
  inspect: ['shared', 'asn1', 'iso', 'mms'],
  cache: ['shared', 'contract', 'iec61850'],
  outputs: ['shared', 'contract', 'iec61850', 'cache'],
  project: ['shared', 'contract', 'iec61850', 'scl'],
  runtime: ['shared', 'contract', 'asn1', 'iso', 'mms', 'iec61850', 'scl', 'transport', 'client', 'cache', 'outputs', 'project'],
  verify: ['shared', 'contract', 'mms', 'iec61850', 'scl', 'sim', 'outputs', 'project', 'runtime'],
  report: ['shared', 'contract', 'outputs', 'project', 'runtime', 'verify'],
  print: ['shared'],
  service: ['shared', 'contract', 'iec61850', 'scl', 'inspect', 'client', 'cache', 'outputs', 'project', 'runtime', 'sim', 'verify', 'report', 'print'],
  cli: ['*'],
  test: ['*'],
  bench: ['*'],
};

function coreFolder(absPath, root) {
  const rel = relative(resolve(root, 'core'), absPath);
  if (rel.startsWith('..') || rel === '') return null;
  return rel.split(sep)[0];
}

function isIndexOf(absPath, root, folder) {
  const base = resolve(root, 'core', folder);
  return absPath === base || absPath === resolve(base, 'index') || absPath === resolve(base, 'index.ts');
}

const coreLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'core folders import only the layers below them, and only through index.ts' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const fileFolder = coreFolder(context.filename, root);
    if (fileFolder === null) return {};
    const allowed = CORE_LAYERS[fileFolder];
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = resolve(dirname(context.filename), source);
        const targetFolder = coreFolder(target, root);
        if (allowed === undefined) {
          context.report({ node, message: `core/${fileFolder} is not in the layering table (.eslint/layering.mjs)` });
          return;
        }
        if (targetFolder === null) {
          if (!target.startsWith(resolve(root, 'package.json'))) {
            context.report({ node, message: `core/${fileFolder} must not import outside core/ ('${source}')` });
          }
          return;
        }
        if (targetFolder === fileFolder) return;
        if (!allowed.includes('*') && !allowed.includes(targetFolder)) {
          context.report({ node, message: `core/${fileFolder} may not depend on core/${targetFolder} (allowed: ${allowed.join(', ') || 'none'})` });
        } else if (!isIndexOf(target, root, targetFolder)) {
          context.report({ node, message: `import core/${targetFolder} through its index.ts, not '${source}'` });
        }
      },
    };
  },
};

/**
 * The renderer may import only types, and only from core/contract — except the modules listed here,
 * which import nothing but types themselves (the WebSocket binding's rows codec).
 */
const RENDERER_VALUE_MODULES = ['core/contract/point-rows'];

/** The renderer may import only types, and only from core/contract. */
const rendererImports = {
  meta: { type: 'problem', docs: { description: 'renderer imports only types from core/contract' }, schema: [] },
  create(context) {
    const root = context.cwd;
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = resolve(dirname(context.filename), source);
        if (coreFolder(target, root) === null) return;
        if (!isIndexOf(target, root, 'contract') && coreFolder(target, root) !== 'contract') {
          context.report({ node, message: `the renderer may import only from core/contract, not '${source}'` });
          return;
        }
        if (RENDERER_VALUE_MODULES.some((m) => target === resolve(root, m))) return;
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        if (!typeOnly) context.report({ node, message: `the renderer may import only types from core/contract: use 'import type'` });
      },
    };
  },
};

export default { rules: { 'core-layering': coreLayering, 'renderer-imports': rendererImports } };
