import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../electron/main/web-preferences';
import { REPO_ROOT } from '../../core/test/support/cli-process';

/**
 * What the desktop window loads and how (it cannot be started here: no Electron binary): the built
 * page's Content-Security-Policy, which file:// pages get only from the meta tag, and the window's
 * web preferences.
 */
describe('the desktop page', () => {
  const dist = join(REPO_ROOT, 'dist', 'renderer');

  it('carries a CSP meta tag that allows scripts from the app only, and has no inline script', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.has('script-src')).toBe(false);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    // The bundle itself has no eval-like code the policy would have to allow.
    for (const f of readdirSync(join(dist, 'assets')).filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(join(dist, 'assets', f), 'utf8')).not.toMatch(/\bnew Function\(|\beval\(/);
    }
  });

  it('runs the page isolated and sandboxed, without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});
