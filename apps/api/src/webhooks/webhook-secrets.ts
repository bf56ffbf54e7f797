import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { KEYRING_ALGORITHM, masterKeyById, openSecret, sealSecret } from '@status-communities/keyring';
import type { MasterKeyRing, SecretBinding } from '@status-communities/keyring';

const PURPOSE = 'WEBHOOK_SECRET';

/** `whsec_` + 32 random bytes in base64url: recognisable in a leak scan, 256 bits of key. */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const bindingOf = (row: { id: string; tenantId: string | null; masterKeyId: string }): SecretBinding => ({
  id: row.id,
  purpose: PURPOSE,
  tenantId: row.tenantId,
  publicKey: null,
  masterKeyId: row.masterKeyId,
});

/**
 * A new signing secret, sealed with the keyring's AES-256-GCM (bound to its row) under the current webhook
 * secret key, in a KeyringSecret row of purpose WEBHOOK_SECRET. The plaintext is returned once.
 */
export const createWebhookSecret = async (
  prisma: Pick<PrismaClient, 'keyringSecret'>,
  masterKeys: MasterKeyRing,
  tenantId: string,
): Promise<{ readonly secretRef: string; readonly secret: string }> => {
  const secret = newSecret();
  const current = masterKeys.current;
  // The id is chosen here because the ciphertext is bound to it (AAD).
  const binding = bindingOf({ id: randomUUID(), tenantId, masterKeyId: current.id });
  const row = await prisma.keyringSecret.create({
    data: {
      id: binding.id,
      tenantId,
      purpose: PURPOSE,
      algorithm: KEYRING_ALGORITHM,
      masterKeyId: current.id,
      material: sealSecret(Buffer.from(secret, 'utf8'), current, binding),
    },
  });
  return { secretRef: row.id, secret };
};

/** The secret to sign with; NOT_FOUND, UNKNOWN_MASTER_KEY or DECRYPTION_FAILED when it cannot be had. */
export const openWebhookSecret = async (
  prisma: Pick<PrismaClient, 'keyringSecret'>,
  masterKeys: MasterKeyRing,
  secretRef: string,
): Promise<Result<string>> => {
  const row = await prisma.keyringSecret.findUnique({ where: { id: secretRef } });
  if (row === null || row.purpose !== PURPOSE)
    return fail(ErrorCode.NOT_FOUND, `no webhook secret ${secretRef}`, { secretRef });
  const masterKey = masterKeyById(masterKeys, row.masterKeyId);
  if (!masterKey.ok) return masterKey;
  const plaintext = openSecret(row.material, masterKey.value, bindingOf(row));
  return plaintext.ok ? ok(Buffer.from(plaintext.value).toString('utf8')) : plaintext;
};
