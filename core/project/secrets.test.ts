import { describe, expect, it } from 'vitest';
import { encryptSecret, secretResolver, type SecretCipher } from './secrets';

/** A reversible stand-in for safeStorage with the same contract (base64 text in, text out). */
const cipher: SecretCipher = {
  encrypt: async (plain) => btoa([...plain].reverse().join('')),
  decrypt: async (text) => {
    const plain = atob(text);
    if (plain.startsWith('!')) throw new Error('bad ciphertext');
    return [...plain].reverse().join('');
  },
};

describe('secrets', () => {
  it('resolves env references from the environment given', async () => {
    const r = secretResolver({ F7_PW: 's3cret' });
    await expect(r.resolve({ env: 'F7_PW' }, 'IED F7 password')).resolves.toBe('s3cret');
    await expect(r.resolve({ env: 'MISSING' }, 'IED F7 password')).rejects.toThrow(
      'IED F7 password: the environment variable MISSING is not set',
    );
  });

  it('refuses an encrypted secret headless, and decrypts it with a cipher', async () => {
    const ref = await encryptSecret('pa55', cipher);
    expect(ref).toEqual({ encrypted: btoa('55ap') });
    await expect(secretResolver({}).resolve(ref, 'MQTT password')).rejects.toThrow(/encrypted by the desktop app/);
    await expect(secretResolver({}, cipher).resolve(ref, 'MQTT password')).resolves.toBe('pa55');
    await expect(secretResolver({}, cipher).resolve({ encrypted: btoa('!x') }, 'MQTT password')).rejects.toThrow(
      /could not be decrypted \(bad ciphertext\)/,
    );
  });
});
