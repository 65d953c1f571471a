import { describe, expect, it } from 'vitest';
import { nativeDialogs, safeStorageCipher } from './desktop-services';

describe('desktop services', () => {
  it('stores a secret as base64 safeStorage ciphertext and reads it back, and says when the OS cannot', async () => {
    let available = true;
    const storage = {
      isEncryptionAvailable: () => available,
      encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
      decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
    };
    const cipher = safeStorageCipher(storage);
    const ciphertext = await cipher.encrypt('s3cret');
    expect(ciphertext).toBe(Buffer.from('enc:s3cret').toString('base64'));
    expect(await cipher.decrypt(ciphertext)).toBe('s3cret');
    available = false;
    await expect(cipher.encrypt('x')).rejects.toThrow('name an environment variable instead');
  });

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
    expect(calls[1]).toMatchObject({ defaultPath: '/p/a.json', filters: [{ extensions: ['json'] }] });
  });
});
