import type { SecretRef } from '../contract';
import { RelayGateError } from '../shared';

/**
 * Secrets (ACSE and MQTT passwords) are never in the project file in plain text. The file holds a
 * SecretRef: `{env: NAME}` (headless: the value comes from that environment variable) or
 * `{encrypted: base64}` (desktop: Electron safeStorage ciphertext, which only the same user on the same
 * machine can decrypt).
 */

/** Encrypts and decrypts `encrypted` secrets: the Electron main process implements it with safeStorage. */
export interface SecretCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}

export interface SecretResolver {
  /** The plain secret, or a RelayGateError project/secret-unavailable naming what is missing. */
  resolve(ref: SecretRef, what: string): Promise<string>;
}

function unavailable(message: string): RelayGateError {
  return new RelayGateError('project', 'secret-unavailable', message);
}

/**
 * Resolves `{env}` from the given environment (the CLI passes process.env) and `{encrypted}` with the
 * cipher when there is one. Headless there is none, and an encrypted secret is refused with the reason.
 */
export function secretResolver(
  env: Readonly<Record<string, string | undefined>>,
  cipher?: SecretCipher,
): SecretResolver {
  return {
    async resolve(ref, what) {
      if ('env' in ref) {
        const value = env[ref.env];
        if (value === undefined)
          throw unavailable(`${what}: the environment variable ${ref.env} is not set`);
        return value;
      }
      if (!cipher)
        throw unavailable(
          `${what} was encrypted by the desktop app (safeStorage) and cannot be read here; give it as {"env": "VARIABLE"} for headless use`,
        );
      try {
        return await cipher.decrypt(ref.encrypted);
      } catch (err) {
        throw unavailable(`${what} could not be decrypted (${err instanceof Error ? err.message : String(err)}); was the project saved by another user or machine?`);
      }
    },
  };
}

/** A secret typed by the user, stored as ciphertext (desktop); headless callers write `{env}` instead. */
export async function encryptSecret(plain: string, cipher: SecretCipher): Promise<SecretRef> {
  return { encrypted: await cipher.encrypt(plain) };
}
