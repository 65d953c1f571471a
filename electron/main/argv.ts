import { extname, isAbsolute, resolve } from 'node:path';

/** What a RelayGate project file may be called: `.rgproj` (associated by the installer) or `.json`. */
export const PROJECT_EXTENSIONS = ['rgproj', 'json'] as const;

/**
 * The project file a launch names, resolved against the launch's working directory; null when none.
 * Packaged, argv is `[RelayGate.exe, ...args]`; in development it is `[electron, <app dir>, ...args]`.
 * Chromium and Electron switches (`--flag`, `--flag=value`) are skipped wherever they appear, as the
 * argv a second instance passes carries some; only a file with a project extension is taken, so a
 * stray argument is not opened as a project.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string | null {
  const args = argv.slice(packaged ? 1 : 2);
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const ext = extname(arg).slice(1).toLowerCase();
    if (!(PROJECT_EXTENSIONS as readonly string[]).includes(ext)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
