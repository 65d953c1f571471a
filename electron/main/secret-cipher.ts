import type { SecretCipher } from '../../core/project';

/** The part of Electron's safeStorage the cipher uses, so it can be tested without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Project secrets on the desktop (docs/PROJECT.md "Secrets"): `{"encrypted": base64}` is Electron
 * safeStorage ciphertext (DPAPI on Windows), readable only by the same user on the same machine.
 */
export function safeStorageCipher(storage: SafeStorageLike): SecretCipher {
  const available = (): void => {
    if (!storage.isEncryptionAvailable()) throw new Error('the operating system offers no secret storage (safeStorage is not available)');
  };
  return {
    encrypt: async (plain) => {
      available();
      return storage.encryptString(plain).toString('base64');
    },
    decrypt: async (ciphertext) => {
      available();
      return storage.decryptString(Buffer.from(ciphertext, 'base64'));
    },
  };
}
