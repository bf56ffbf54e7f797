import type { PrismaClient } from '@status-communities/db';
import { Keyring, masterKeyRingFromConfig, parseMasterKeyBytes } from '@status-communities/keyring';
import type { KeyPurpose } from '@status-communities/keyring';
import type { KeyringEnv } from './services.js';

export const DEV_BOT_NAME = 'Demo bot';

export interface DevBot {
  readonly publicKey: string;
  /** A wallet of the tenant in the keyring: a request to join reveals at least one address (status-go). */
  readonly walletAddress: string;
  /** False when the tenant already had both. */
  readonly created: boolean;
}

/**
 * A bot identity and a wallet for the tenant of the api's first admin key, so `npm run demo` has a bot to join
 * and post with: the API lists identities but creates none (only a process holding the master key can).
 * Development only — the launcher calls it with the master key it generated itself. Undefined while the tenant
 * does not exist (the api creates it at its first start).
 */
export const ensureDevBot = async (
  prisma: PrismaClient,
  keyringEnv: KeyringEnv,
  tenantSlug: string,
): Promise<DevBot | undefined> => {
  const tenant = await prisma.tenant.findUnique({ where: { slug: tenantSlug } });
  if (tenant === null) return undefined;
  const first = { where: { tenantId: tenant.id }, orderBy: { createdAt: 'asc' } } as const;
  const identity = await prisma.identity.findFirst(first);
  const wallet = await prisma.keyringSecret.findFirst({
    ...first,
    where: { ...first.where, purpose: 'WALLET_KEY' },
  });
  if (identity !== null && wallet?.publicKey != null)
    return { publicKey: identity.publicKey, walletAddress: wallet.publicKey, created: false };

  const masterKey = parseMasterKeyBytes(keyringEnv.KEYRING_MASTER_KEY);
  if (!masterKey.ok) throw masterKey.error;
  const masterKeys = masterKeyRingFromConfig({
    KEYRING_MASTER_KEY: masterKey.value,
    KEYRING_MASTER_KEY_ID: keyringEnv.KEYRING_MASTER_KEY_ID,
    KEYRING_PREVIOUS_MASTER_KEYS: [],
  });
  if (!masterKeys.ok) throw masterKeys.error;
  const keyring = new Keyring(prisma, masterKeys.value);
  const generate = async (purpose: KeyPurpose) => {
    const entry = await keyring.generate(purpose, tenant.id, { actor: 'npm start (development bot)' });
    if (!entry.ok) throw entry.error;
    return entry.value;
  };
  const walletAddress = wallet?.publicKey ?? (await generate('WALLET_KEY')).publicKey;
  if (identity !== null) return { publicKey: identity.publicKey, walletAddress, created: true };
  const key = await generate('IDENTITY_KEY');
  await prisma.identity.create({
    data: { tenantId: tenant.id, publicKey: key.publicKey, displayName: DEV_BOT_NAME, keyId: key.id },
  });
  return { publicKey: key.publicKey, walletAddress, created: true };
};
