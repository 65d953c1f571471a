import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../core/test/support/cli-process';
import { PROJECT_EXTENSIONS } from './main/argv';

interface BuilderConfig {
  directories?: { buildResources?: string };
  fileAssociations?: { ext: string; icon?: string }[];
  nsis?: { perMachine?: boolean };
}

/**
 * electron-builder.yml as electron-builder itself reads and validates it (its JSON schema), without
 * building: the Electron binary is not downloadable here, and a typo must not wait for a release build.
 */
describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema and associates .rgproj files, which the app opens', async () => {
    const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      getConfig(dir: string, path: string, options: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, logger: { add(): void }): Promise<void>;
    };
    const config = await getConfig(REPO_ROOT, join(REPO_ROOT, 'electron-builder.yml'), null);
    await validateConfiguration(config, { add: () => undefined });
    const association = config.fileAssociations?.[0];
    expect(association?.ext).toBe(PROJECT_EXTENSIONS[0]);
    expect(existsSync(join(REPO_ROOT, config.directories?.buildResources ?? 'build', association?.icon ?? ''))).toBe(true);
    // NSIS writes associations for per-machine installs only.
    expect(config.nsis?.perMachine).toBe(true);
    // A broken entry is refused, so the check above can fail.
    await expect(validateConfiguration({ ...config, fileAssociations: [{ ext: 'rgproj', bogus: 1 } as never] }, { add: () => undefined })).rejects.toThrow(/Invalid configuration/);
  });
});
