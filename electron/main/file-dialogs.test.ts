import { describe, expect, it } from 'vitest';
import { nativeDialogs } from './file-dialogs';

describe('native file dialogs', () => {
  it('opens the dialog for the purpose, and gives null when the user cancels', async () => {
    const calls: unknown[] = [];
    const dialog = {
      showOpenDialog: async (options: unknown) => (calls.push(options), { canceled: false, filePaths: ['/p/station.scd'] }),
      showSaveDialog: async (options: unknown) => (calls.push(options), { canceled: true, filePath: '' }),
    };
    const dialogs = nativeDialogs(dialog as never, () => null);
    expect(await dialogs.choose('open-scl', undefined)).toBe('/p/station.scd');
    expect(await dialogs.choose('save-project', '/p/a.json')).toBeNull();
    expect(calls[0]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: expect.arrayContaining(['scd', 'cid']) }] });
    expect(calls[1]).toMatchObject({ defaultPath: '/p/a.json', filters: [{ extensions: ['rgproj', 'json'] }] });
  });
});
