import type { PrismaClient } from '@status-communities/db';
import { ErrorCode, StatusError } from '@status-communities/errors';
import { apiKeyPrefix, hashApiKey } from './api-key-secret.js';

export const BOOTSTRAP_KEY_NAME = 'bootstrap admin';

/**
 * ADMIN_BOOTSTRAP_TOKEN: makes sure the token is an admin key of the bootstrap tenant (created when missing).
 * A key that already exists, revoked or not, is left as it is, so revoking the bootstrap key holds even while
 * the variable is still set; instances starting together race on the unique hash and agree.
 */
export const bootstrapAdminKey = async (
  prisma: PrismaClient,
  token: string,
  tenantSlug: string,
): Promise<'created' | 'exists'> => {
  const prefix = apiKeyPrefix(token);
  if (prefix === null)
    throw new StatusError(ErrorCode.INVALID_CONFIG, 'ADMIN_BOOTSTRAP_TOKEN is not an API key');
  const keyHash = hashApiKey(token);
  if (await prisma.apiKey.findUnique({ where: { keyHash }, select: { id: true } })) return 'exists';
  const tenant = await prisma.tenant.upsert({
    where: { slug: tenantSlug },
    create: { slug: tenantSlug, name: tenantSlug },
    update: {},
  });
  const created = await prisma.apiKey.createMany({
    data: [{ tenantId: tenant.id, name: BOOTSTRAP_KEY_NAME, prefix, keyHash, scopes: ['ADMIN'] }],
    skipDuplicates: true,
  });
  return created.count === 1 ? 'created' : 'exists';
};
