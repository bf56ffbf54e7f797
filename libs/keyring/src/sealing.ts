import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GCM_NONCE_LENGTH, GCM_TAG_LENGTH, utf8ToBytes } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { MasterKey } from './master-keys.js';

/** The value of KeyringSecret.algorithm for what this module writes. */
export const KEYRING_ALGORITHM = 'aes-256-gcm';

// Versioned, so a different AAD layout later can never open rows sealed with this one, or the reverse.
const AAD_CONTEXT = 'status-communities/keyring/v1';

/** Everything a sealed secret is bound to: opening it under any other row's fields fails. */
export interface SecretBinding {
  readonly id: string;
  readonly purpose: string;
  readonly tenantId: string | null;
  readonly publicKey: string | null;
  readonly masterKeyId: string;
}

/**
 * The additional authenticated data: the row's identity and meaning. A ciphertext copied into another row
 * (another id, purpose, tenant or public key) or relabelled with another master key id fails to open.
 * JSON of an array keeps field boundaries unambiguous whatever the values contain.
 */
const aadOf = (binding: SecretBinding): Uint8Array =>
  utf8ToBytes(
    JSON.stringify([
      AAD_CONTEXT,
      binding.id,
      binding.purpose,
      binding.tenantId,
      binding.publicKey,
      binding.masterKeyId,
    ]),
  );

/**
 * AES-256-GCM with AAD, laid out `nonce(12) || ciphertext || tag(16)`. The crypto library's GCM helpers
 * implement Status's wire layouts, which have no AAD; the binding to the row is what the keyring needs.
 */
export const sealSecret = (
  plaintext: Uint8Array,
  masterKey: MasterKey,
  binding: SecretBinding,
): Uint8Array<ArrayBuffer> => {
  if (binding.masterKeyId !== masterKey.id)
    throw new Error(`binding names master key ${binding.masterKeyId}, sealing with ${masterKey.id}`);
  const nonce = randomBytes(GCM_NONCE_LENGTH);
  const cipher = createCipheriv(KEYRING_ALGORITHM, masterKey.key.reveal(), nonce);
  cipher.setAAD(aadOf(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]));
};

/**
 * Opens a sealed secret. DECRYPTION_FAILED when the master key is wrong, the material was changed, or the
 * row's fields are not the ones it was sealed with; the details name the row, never the material.
 */
export const openSecret = (
  material: Uint8Array,
  masterKey: MasterKey,
  binding: SecretBinding,
): Result<Uint8Array> => {
  const failed = (why: string) =>
    fail(ErrorCode.DECRYPTION_FAILED, `keyring secret ${binding.id} does not open: ${why}`, {
      secretId: binding.id,
      masterKeyId: binding.masterKeyId,
    });
  if (material.length < GCM_NONCE_LENGTH + GCM_TAG_LENGTH) return failed('material is truncated');
  const tagStart = material.length - GCM_TAG_LENGTH;
  try {
    const decipher = createDecipheriv(
      KEYRING_ALGORITHM,
      masterKey.key.reveal(),
      material.subarray(0, GCM_NONCE_LENGTH),
    );
    decipher.setAAD(aadOf(binding));
    decipher.setAuthTag(material.subarray(tagStart));
    const plaintext = Buffer.concat([
      decipher.update(material.subarray(GCM_NONCE_LENGTH, tagStart)),
      decipher.final(),
    ]);
    const copy = Uint8Array.from(plaintext);
    plaintext.fill(0);
    return ok(copy);
  } catch {
    return failed('wrong master key, altered material, or material of another row');
  }
};
