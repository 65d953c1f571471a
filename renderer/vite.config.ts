import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The same policy `relaygate serve` sends as a header, as a meta tag for the desktop app, which loads
 * the page from files and so gets no headers. Build only: Vite's dev server injects inline scripts.
 */
const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'relaygate-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        /<meta charset="UTF-8" \/>/,
        (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: Electron loads dist/renderer/index.html from files, `relaygate serve` over HTTP.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
