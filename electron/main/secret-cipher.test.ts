import { describe, expect, it } from 'vitest';
import { secretResolver } from '../../core/project';
import { safeStorageCipher, type SafeStorageLike } from './secret-cipher';

/** A stand-in with safeStorage's contract: bytes out that only decryptString turns back. */
function fakeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (bytes) => Buffer.from([...bytes].map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('safeStorage cipher', () => {
  it('round-trips a secret through base64 ciphertext that does not contain it', async () => {
    const cipher = safeStorageCipher(fakeStorage());
    const text = await cipher.encrypt('s3cret-pw');
    expect(text).not.toContain('s3cret');
    expect(Buffer.from(text, 'base64').toString('utf8')).not.toContain('s3cret');
    await expect(secretResolver({}, cipher).resolve({ encrypted: text }, 'IED F7 password')).resolves.toBe('s3cret-pw');
  });

  it('says so when the system has no secret storage', async () => {
    await expect(safeStorageCipher(fakeStorage(false)).encrypt('x')).rejects.toThrow(/safeStorage is not available/);
  });
});
