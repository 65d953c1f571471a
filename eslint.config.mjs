import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './.eslint/layering.mjs';

/** Layers that are pure functions over Uint8Array: no sockets, no timers, no files, no Buffer. */
const PURE = ['contract', 'shared', 'asn1', 'iso', 'mms', 'iec61850', 'scl', 'cache', 'project'].map((l) => `core/${l}/**/*.ts`);
const PURE_EXTRA = [
  'core/outputs/modbus/register-map*.ts',
  'core/outputs/mqtt/{topic-map,json-payload,change-filter,latest-queue,outbox-journal,never-state,sparkplug-metrics,sparkplug-codec,primary-host}*.ts',
  'core/report/{html,report-css,report-html,verify-section}.ts',
  'core/verify/{register-decode,drive-values,expectation,modbus-check,mqtt-check,checklist}.ts',
];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'core/test/**', 'core/bench/**', 'renderer/e2e/**'];

const uiPackages = ['electron', 'react', 'react-dom', 'zustand'].map((name) => ({
  name,
  message: 'core/ runs headless under plain Node: it never imports electron, react or zustand.',
}));
const nodeInRenderer = {
  patterns: [{ group: ['node:*'], message: 'the renderer runs in a browser sandbox: no node:* modules.' }],
  paths: [
    { name: 'electron', message: 'the renderer talks to the preload api object only.' },
    { name: 'ws', message: 'use the browser WebSocket.' },
  ],
};
const sockets = ['node:net', 'node:dgram', 'node:tls', 'node:http', 'node:https', 'node:fs', 'node:fs/promises', 'node:child_process', 'node:timers', 'ws', 'mqtt', 'jsmodbus'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { relaygate: layering },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'relaygate/core-layering': 'error',
      'no-restricted-imports': ['error', { paths: uiPackages }],
    },
  },
  {
    files: [...PURE, ...PURE_EXTRA],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...uiPackages,
            ...sockets.map((name) => ({ name, message: 'codec layers are pure: no sockets, files or timers; I/O belongs to transport, outputs and the CLI.' })),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval'].map((name) => ({
          name,
          message: 'codec layers are pure: no timers. Time belongs to the client, runtime and server layers.',
        })),
        { name: 'Buffer', message: 'codec layers use Uint8Array, not Buffer.' },
        { name: 'process', message: 'codec layers do not read the process environment.' },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'relaygate/renderer-imports': 'error',
      'no-restricted-imports': ['error', nodeInRenderer],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
